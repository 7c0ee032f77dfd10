//! The wizard's state and its update function (The Elm Architecture): events come in, the state
//! changes, and the view draws the state. Nothing here draws; the device and slow file reads
//! run on other threads. What the steps ask for arrives as commands (`run_command`).

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::KeyEvent;

use super::files::{FileDone, FileJob, FileTarget};
use super::keymap::{action_for, Action, KeyContext};
pub use super::notice::{Msg, Notice};
use super::screen::{Command, Cx, View};
use super::steps::Screens;
use super::theme::{StepMark, Theme};
use crate::i18n::Lang;
use crate::onboarding::calendar::Calendar;
use crate::onboarding::catalog::Catalog;
use crate::onboarding::changes::CaseEvent;
use crate::onboarding::{Case, Step};
use crate::store::lock::{Guarded, Lock};
use crate::store::Store;

/// The steps' [`View`] of the wizard's fields. A macro rather than a method, so the borrow is
/// of the fields it names and a step's own state (in `screens`) stays free to change.
macro_rules! view_of {
    ($app:expr) => {
        View {
            case: $app.case.as_ref(),
            lang: $app.lang,
            theme: &$app.theme,
            tz: $app.tz,
            now: ($app.clock)(),
            demo: $app.demo,
            focused: $app.focus == Focus::Content,
            catalog: &$app.catalog,
            calendar: &$app.calendar,
            dev: &$app.dev,
            busy: super::device_view::worker_busy($app.worker.as_ref()),
            sim_serial: super::device_view::case_sim_serial(
                &$app.sim,
                $app.sim_per_case,
                $app.case.as_ref(),
            ),
            cases: super::screen::CaseFiles::new(&$app.store),
        }
    };
}

/// Everything that can happen to the wizard, from any thread.
#[derive(Debug, Clone)]
pub enum Event {
    /// A key was pressed.
    Key(KeyEvent),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A second passed.
    Tick,
    /// The device worker reports.
    Device(super::worker::Update),
    /// Ctrl-C from outside the wizard's own keys (SIGINT, or the console on Windows): handled
    /// as the Ctrl-C key is.
    Interrupt,
    /// A document file was read and hashed (off the UI thread).
    FileRecorded(super::files::FileDone),
    /// The serial ports were scanned (off the UI thread): path and description.
    PortsFound(Vec<(String, String)>),
    /// The case list was read (off the UI thread).
    CasesListed {
        /// Which reading this is (an older one arriving late is dropped).
        generation: u64,
        /// The cases, newest first.
        cases: Vec<crate::store::CaseSummary>,
        /// How many case files could not be read.
        problems: usize,
    },
}

/// Where keyboard focus is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The step rail on the left.
    Rail,
    /// The current step's widgets.
    Content,
}

/// Smallest terminal the wizard draws in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Start-up settings of the wizard.
pub struct AppOptions {
    /// UI language.
    pub lang: Lang,
    /// Look.
    pub theme: Theme,
    /// Demo mode (simulated terminal and institution).
    pub demo: bool,
    /// Time zone for showing times.
    pub tz: FixedOffset,
    /// Clock (injected so tests are deterministic).
    pub clock: fn() -> DateTime<Utc>,
    /// Institution catalog (shipped sample, user file, or --catalog).
    pub catalog: Catalog,
    /// Holiday calendar for review ETAs.
    pub calendar: Calendar,
}

/// The wizard's whole state.
pub struct App {
    /// UI language.
    pub lang: Lang,
    /// Look.
    pub theme: Theme,
    /// Demo mode.
    pub demo: bool,
    /// The simulated terminal's settings for the port `sim` (demo: realistic delays).
    pub sim: crate::sim::SimConfig,
    /// Each case has a simulated terminal of its own (the demo without `--sim`): see
    /// [`super::device_view::case_sim`].
    pub sim_per_case: bool,
    /// Time zone for showing times.
    pub tz: FixedOffset,
    pub(crate) store: Store,
    clock: fn() -> DateTime<Utc>,
    /// The open case, if any.
    pub case: Option<Case>,
    /// The step on screen.
    pub step: Step,
    /// Keyboard focus.
    pub focus: Focus,
    /// Highlighted rail entry while the rail has focus.
    pub rail_cursor: usize,
    /// F1 help is open.
    pub help: bool,
    /// The help shows the FAQ page (Tab), scrolled by this many lines.
    pub faq: Option<u16>,
    /// Rows the help is scrolled down (a long help at 80x24 does not fit).
    pub help_scroll: usize,
    /// Feedback line.
    pub notice: Option<Notice>,
    /// Every step's own state.
    pub screens: Screens,
    /// Institution catalog.
    pub catalog: Catalog,
    /// Holiday calendar.
    pub calendar: Calendar,
    /// Terminal size.
    pub size: (u16, u16),
    /// Set when the wizard should exit.
    pub quit: bool,
    /// The device worker (absent in unit tests without a terminal).
    pub worker: Option<super::worker::Worker>,
    /// Live device state for the Activation, Test and Training steps.
    pub dev: super::device_view::DeviceView,
    /// Quit as soon as the device is idle.
    pub quit_when_idle: bool,
    /// The wizard's event channel, for work done on other threads (absent in unit tests:
    /// that work is then done on the calling thread).
    pub events: Option<std::sync::mpsc::Sender<Event>>,
    /// The lock of the open case: the wizard writes only a case it holds.
    case_lock: Option<Lock>,
    /// The lock of the terminal the fast path bound, held for the session.
    terminal_lock: Option<Lock>,
    /// How many case-list readings were started (see [`Event::CasesListed`]).
    cases_generation: u64,
}

impl App {
    /// A wizard on the Case step with the store's cases listed (read on the calling thread,
    /// as tests want it).
    pub fn new(store: Store, opts: AppOptions) -> App {
        let mut app = App::starting(store, opts);
        app.load_cases();
        app
    }

    /// A wizard on the Case step whose case list is still to be read: [`super::run`] reads it
    /// off the UI thread once the first frame is drawn, so 100,000 cases do not delay it.
    pub fn starting(store: Store, opts: AppOptions) -> App {
        let mut app = App {
            lang: opts.lang,
            theme: opts.theme,
            demo: opts.demo,
            sim: if opts.demo {
                crate::sim::SimConfig::demo()
            } else {
                crate::sim::SimConfig::default()
            },
            sim_per_case: opts.demo,
            tz: opts.tz,
            store,
            clock: opts.clock,
            case: None,
            step: Step::Case,
            focus: Focus::Content,
            rail_cursor: 0,
            help: false,
            faq: None,
            help_scroll: 0,
            notice: None,
            screens: Screens::default(),
            catalog: opts.catalog,
            calendar: opts.calendar,
            size: MIN_SIZE,
            quit: false,
            worker: None,
            dev: Default::default(),
            quit_when_idle: false,
            events: None,
            case_lock: None,
            terminal_lock: None,
            cases_generation: 0,
        };
        app.screens.case.loading = true;
        app
    }

    /// Reads the case list: on a thread of its own when the wizard has its event channel (the
    /// list arrives as [`Event::CasesListed`]), else here and now.
    pub fn load_cases(&mut self) {
        self.cases_generation += 1;
        let generation = self.cases_generation;
        self.screens.case.loading = true;
        let store = self.store.clone();
        let read = move || match store.list() {
            Ok(listing) => Event::CasesListed {
                generation,
                cases: listing.cases,
                problems: listing.problems.len(),
            },
            Err(e) => {
                tracing::warn!(error = %e, "case_list_not_read");
                Event::CasesListed {
                    generation,
                    cases: vec![],
                    problems: 1,
                }
            }
        };
        match &self.events {
            Some(tx) => {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(read());
                });
            }
            None => {
                self.update(read());
            }
        }
    }

    /// The current time from the injected clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Whether the terminal is big enough to draw the wizard.
    pub fn size_ok(&self) -> bool {
        self.size.0 >= MIN_SIZE.0 && self.size.1 >= MIN_SIZE.1
    }

    /// How the rail shows `step`.
    pub fn mark(&self, step: Step) -> StepMark {
        if step == self.step {
            return StepMark::Current;
        }
        let Some(case) = &self.case else {
            return StepMark::NotYet;
        };
        if let crate::onboarding::case::StepState::NeedsAttention(_) = case.step_state(step) {
            return StepMark::Changed;
        }
        if case.check_step(step).is_ok() {
            StepMark::Done
        } else if step.index() < self.furthest(case).index() {
            StepMark::Attention
        } else {
            StepMark::NotYet
        }
    }

    fn furthest(&self, case: &Case) -> Step {
        case.first_incomplete().max(case.step)
    }

    /// Whether the user may jump to `step` from the rail: any step already done, and the first
    /// one still to do.
    pub fn can_jump(&self, step: Step) -> bool {
        match &self.case {
            None => step == Step::Case,
            // A step done once stays reachable when it needs attention, to see why.
            Some(case) => step.index() <= self.furthest(case).index() || case.complete(step),
        }
    }

    /// What the steps read, borrowed for one key or one frame.
    pub fn view(&self) -> View<'_> {
        view_of!(self)
    }

    /// Runs `f` on the screen of the step shown, with its context; then carries out what it
    /// asked for, in order.
    fn with_screen(&mut self, f: impl FnOnce(&mut dyn super::screen::Screen, &mut Cx)) {
        let mut commands = vec![];
        let step = self.step;
        let view = view_of!(self);
        f(
            self.screens.get_mut(step),
            &mut Cx::new(view, &mut commands),
        );
        for c in commands {
            self.run_command(c);
        }
    }

    /// Carries out one step's command.
    fn run_command(&mut self, command: Command) {
        match command {
            Command::Notice(n) => self.notice = n,
            Command::Change(f) => self.apply(f),
            Command::TryChange(f, done) => {
                self.notice = Some(match self.try_apply(f) {
                    Ok(()) => done,
                    Err(refused) => refused,
                })
            }
            Command::EnterStep(step) => self.enter_step(step),
            Command::RecordFile { target, typed, row } => self.record_file(target, &typed, row),
            Command::Device(d) => {
                self.pass_to_device_view(|dev, seen| dev.on_command(d, seen));
            }
            Command::LoadCases => self.load_cases(),
            Command::OpenCase(id) => super::cases::resume_case(self, &id),
            Command::NewCase(name) => super::cases::create_case(self, &name),
            Command::SampleCase => super::cases::create_sample_case(self),
            Command::Rebind { id, reason } => super::cases::rebind(self, &id, reason),
            Command::ConfirmBinding => super::cases::confirm_binding(self),
            Command::Submit { channel, today } => super::cases::submit(self, channel, today),
            Command::WriteReport => super::cases::write_report(self),
            Command::RewriteReport => super::cases::rewrite_report(self),
            Command::TellInstitution => super::cases::tell_institution(self),
        }
    }

    /// The key context of the focused widget.
    pub fn key_context(&self) -> KeyContext {
        if self.help {
            return KeyContext {
                help: true,
                ..KeyContext::default()
            };
        }
        if self.focus == Focus::Rail {
            return KeyContext {
                list: true,
                ..Default::default()
            };
        }
        self.screens.get(self.step).key_context(&self.view())
    }

    /// Quits — but while the device works, first stops a running loop after its current round
    /// (so a test payment is reversed) and quits when the device is idle; a second request quits
    /// at once and the unfinished work is reported on exit.
    fn force_quit(&mut self) {
        self.save_typing();
        if !self.device_busy() || self.quit_when_idle {
            self.quit = true;
            return;
        }
        self.dev.abort_loop();
        self.quit_when_idle = true;
        // A test payment is voided first only where a test loop runs (not during activation).
        self.notice = Some(Notice::Info(Msg::new(if self.dev.looping {
            "device-busy-quit"
        } else {
            "device-busy-quit-work"
        })));
    }

    /// Keeps the field being typed, as Enter would, before quitting: "everything is saved"
    /// includes it. Not a field where Enter does more than keep the text (a search, a new
    /// case's name; see [`super::screen::Screen::enter_keeps_text`]).
    fn save_typing(&mut self) {
        if self.help || self.focus == Focus::Rail || !self.key_context().typing {
            return;
        }
        if self.screens.get(self.step).enter_keeps_text() {
            self.step_action(Action::Select);
        }
    }

    /// Applies one event; returns whether anything visible changed.
    pub fn update(&mut self, event: Event) -> bool {
        match event {
            Event::Tick => false,
            Event::Interrupt => {
                self.force_quit();
                true
            }
            Event::Device(u) => {
                self.on_device_update(u);
                if self.quit_when_idle && !self.device_busy() {
                    self.quit = true;
                }
                true
            }
            Event::Resize(w, h) => {
                self.size = (w, h);
                true
            }
            Event::FileRecorded(done) => {
                self.on_file_recorded(done);
                true
            }
            Event::PortsFound(ports) => {
                self.dev.on_ports(ports, self.demo);
                true
            }
            Event::CasesListed {
                generation,
                cases,
                problems,
            } => {
                if generation == self.cases_generation {
                    self.screens.case.loading = false;
                    self.screens.case.set_cases(cases, problems);
                }
                generation == self.cases_generation
            }
            Event::Key(key) => {
                self.on_key(key);
                true
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) {
        // Hidden test switch: F12 panics, to prove the terminal is restored on a panic.
        if key.code == crossterm::event::KeyCode::F(12)
            && std::env::var_os(crate::TEST_PANIC_ENV).is_some()
        {
            panic!("{}", crate::i18n::tr(self.lang, "debug-panic"));
        }
        let ctx = self.key_context();
        let action = action_for(&key, ctx);
        if action == Some(Action::ForceQuit) {
            self.force_quit();
            return;
        }
        if self.help {
            self.on_help_key(&key, action);
            return;
        }
        if !self.size_ok() {
            // The too-small screen says q quits (and Ctrl-C, handled above).
            if action == Some(Action::Quit) {
                self.force_quit();
            }
            return;
        }
        if ctx.typing && self.on_typing_key(&key, action) {
            return;
        }
        if let Some(a) = action {
            self.on_action(a);
        }
    }

    /// A key while the help is open: the help's own keys (the keymap's `Scope::Help`), and the
    /// language switch and quitting as everywhere — what the hint bar shows there.
    fn on_help_key(&mut self, key: &KeyEvent, action: Option<Action>) {
        use crossterm::event::KeyCode;
        match action {
            Some(Action::Help) => {
                self.help = false;
                self.faq = None;
            }
            // Tab switches between the keys and the FAQ page.
            Some(Action::FocusNext) => {
                self.faq = if self.faq.is_some() { None } else { Some(0) };
            }
            // A line with the arrows, ten with PgUp/PgDn, on the page shown.
            Some(Action::Scroll) => {
                let (up, by) = match key.code {
                    KeyCode::Up | KeyCode::Char('k') => (true, 1),
                    KeyCode::PageUp => (true, 10),
                    KeyCode::PageDown => (false, 10),
                    _ => (false, 1),
                };
                let moved = |s: usize| {
                    if up {
                        s.saturating_sub(by)
                    } else {
                        s.saturating_add(by).min(500)
                    }
                };
                match self.faq {
                    Some(s) => self.faq = Some(moved(usize::from(s)) as u16),
                    None => self.help_scroll = moved(self.help_scroll),
                }
            }
            Some(Action::ToggleLang) => self.toggle_lang(),
            Some(Action::Quit) => {
                self.help = false;
                self.faq = None;
                self.force_quit();
            }
            _ => {}
        }
    }

    /// Gives an editing key to the focused text field; true when it was consumed.
    fn on_typing_key(&mut self, key: &KeyEvent, action: Option<Action>) -> bool {
        if matches!(action, Some(Action::Select | Action::Back)) {
            return false;
        }
        self.screens.get_mut(self.step).edit_key(key)
    }

    fn on_action(&mut self, action: Action) {
        if self.key_context().typing && matches!(action, Action::Select | Action::Back) {
            self.step_action(action);
            return;
        }
        let moves = matches!(action, Action::Next | Action::Back)
            || (self.focus == Focus::Rail && action == Action::Select);
        if moves && self.device_busy() {
            self.notice = Some(Notice::Info(Msg::new("device-busy")));
            return;
        }
        match action {
            Action::ForceQuit | Action::Quit => self.force_quit(),
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::ToggleLang => self.toggle_lang(),
            Action::Next => self.go_next(),
            Action::Back => self.go_back(),
            Action::FocusNext | Action::FocusPrev => self.move_focus(action == Action::FocusNext),
            // The case list's own keys say where they work instead of doing nothing.
            Action::Filter | Action::SampleCase
                if self.step != Step::Case || self.focus == Focus::Rail =>
            {
                self.notice = Some(Notice::Info(Msg::new("key-case-list-only")));
            }
            _ if self.focus == Focus::Rail => self.rail_action(action),
            _ => self.step_action(action),
        }
    }

    /// Gives `action` to the step shown.
    pub(crate) fn step_action(&mut self, action: Action) {
        self.with_screen(|screen, cx| screen.on_action(action, cx));
    }

    fn move_focus(&mut self, forward: bool) {
        self.notice = None;
        let wrapped = match self.step {
            _ if self.focus == Focus::Rail => {
                self.focus = Focus::Content;
                self.screens.get_mut(self.step).focus_first(forward);
                false
            }
            // Most steps have one focusable widget: any move leaves to the rail.
            step => self.screens.get_mut(step).move_focus(forward),
        };
        if wrapped {
            self.focus = Focus::Rail;
            self.rail_cursor = self.step.index();
        }
    }

    fn rail_action(&mut self, action: Action) {
        match action {
            Action::Up => self.rail_cursor = self.rail_cursor.saturating_sub(1),
            Action::Down => self.rail_cursor = (self.rail_cursor + 1).min(Step::ALL.len() - 1),
            Action::Select => {
                let target = Step::ALL[self.rail_cursor];
                if self.can_jump(target) {
                    self.enter_step(target);
                    self.focus = Focus::Content;
                } else {
                    self.notice = Some(Notice::Error(Msg::new("notice-step-locked")));
                }
            }
            _ => {}
        }
    }

    fn toggle_lang(&mut self) {
        self.lang = self.lang.other();
        let lang = self.lang;
        self.apply(|c| c.set_language(lang));
    }

    fn go_next(&mut self) {
        let Some(case) = &self.case else {
            self.notice = Some(Notice::Missing(vec!["missing-case".into()]));
            return;
        };
        match case.check_step(self.step) {
            Ok(()) => match self.step.next() {
                Some(next) => self.enter_step(next),
                // The last step: say so rather than ignore the key.
                None => self.notice = Some(Notice::Info(Msg::new("notice-last-step"))),
            },
            Err(missing) => self.notice = Some(Notice::Missing(missing)),
        }
    }

    fn go_back(&mut self) {
        match self.step.prev() {
            Some(prev) => self.enter_step(prev),
            None => self.notice = Some(Notice::Info(Msg::new("notice-first-step"))),
        }
    }

    /// Shows `step`, records it in the case (where a resume lands) and journals the move.
    pub fn enter_step(&mut self, step: Step) {
        self.notice = None;
        let from = self.step;
        self.step = step;
        self.rail_cursor = step.index();
        self.with_screen(|screen, cx| screen.enter(cx));
        if self.case.as_ref().is_some_and(|c| c.step != step) {
            self.apply(|c| c.move_to(step, from));
        }
    }

    /// Keeps locks another part of this process took (the fast path's `prepare`).
    pub fn hold_locks(&mut self, case: Option<Lock>, terminal: Option<Lock>) {
        self.case_lock = case;
        self.terminal_lock = terminal;
    }

    /// The lock of case `id` for this wizard: the one it holds, or newly taken. A case another
    /// process holds (a `posbind run`, another wizard) is refused with a notice naming its pid.
    pub fn hold_case(&mut self, id: &crate::onboarding::CaseId) -> bool {
        let mine = |l: &Lock| *l.guards() == Guarded::Case(id.to_string());
        if self.case_lock.as_ref().is_some_and(mine) {
            return true;
        }
        match self.store.lock_case(id) {
            Ok(lock) => {
                self.case_lock = Some(lock);
                true
            }
            Err(e) => {
                self.notice = Some(Notice::Error(Msg::from(&e)));
                false
            }
        }
    }

    /// A lock of case `id` to write another case than the open one (the old case of a
    /// rebinding): the wizard's own if it holds it, else newly taken; `None` (with a notice)
    /// when another process holds it.
    pub fn lock_other_case(&mut self, id: &crate::onboarding::CaseId) -> Option<Lock> {
        let mine = |l: &Lock| *l.guards() == Guarded::Case(id.to_string());
        if self.case_lock.as_ref().is_some_and(mine) {
            return self.case_lock.take();
        }
        match self.store.lock_case(id) {
            Ok(lock) => Some(lock),
            Err(e) => {
                self.notice = Some(Notice::Error(Msg::from(&e)));
                None
            }
        }
    }

    /// The lock of terminal `serial` for binding it: `Some(None)` when this wizard already
    /// holds it (or there is no serial number to lock), `Some(Some(lock))` newly taken, `None`
    /// (with a notice naming the pid) when another process is binding it.
    pub fn lock_terminal(&mut self, serial: &str) -> Option<Option<Lock>> {
        let norm = crate::onboarding::device::normalize_serial(serial);
        let mine = |l: &Lock| *l.guards() == Guarded::Terminal(norm.clone());
        if self.terminal_lock.as_ref().is_some_and(mine) {
            return Some(None);
        }
        match self.store.lock_terminal(serial) {
            Ok(lock) => Some(lock),
            Err(e) => {
                self.notice = Some(Notice::Error(Msg::from(&e)));
                None
            }
        }
    }

    /// Saves `case`; a failure is shown, never swallowed.
    pub fn save_case(&mut self, case: &mut Case) {
        let now = self.now();
        if let Err(e) = self.store.save(case, now) {
            self.notice = Some(Notice::Error(Msg::from(&e)));
        }
    }

    /// Appends `event` to the case journal; a failure is shown.
    pub fn journal(&mut self, case: &Case, event: &CaseEvent) {
        let now = self.now();
        if let Err(e) = self
            .store
            .journal(&case.id, &event.name(), event.detail(), now)
        {
            self.notice = Some(Notice::Error(Msg::from(&e)));
        }
    }

    /// Records the file at `typed` (`~` expanded) as `target` of the open case. The file is
    /// read and hashed on another thread when the wizard has an event channel; the record
    /// arrives as [`Event::FileRecorded`].
    pub fn record_file(&mut self, target: FileTarget, typed: &str, row: usize) {
        let Some(case) = &self.case else { return };
        let path = crate::store::documents::expand_home(typed.trim());
        let job = FileJob {
            case: case.id.clone(),
            target,
            typed: typed.to_string(),
            row,
            path: path.clone(),
        };
        let now = self.now();
        let job = match &self.events {
            Some(tx) => match super::files::spawn(job, now, tx.clone()) {
                Ok(()) => {
                    self.notice = Some(Notice::Info(Msg {
                        id: "file-reading",
                        args: vec![("path", path.display().to_string())],
                    }));
                    return;
                }
                Err(job) => job,
            },
            None => job,
        };
        self.on_file_recorded(super::files::run(job, now));
    }

    /// Applies a file read for [`App::record_file`]: the record goes into the case through the
    /// domain. A refused file is said; a refused document's path goes back into its field to
    /// be corrected, while the person is still on that row and typing nothing else.
    fn on_file_recorded(&mut self, done: FileDone) {
        let FileDone { job, result } = done;
        // The case was closed or another opened meanwhile: the file was for another case.
        if self.case.as_ref().map(|c| &c.id) != Some(&job.case) {
            return;
        }
        let rec = match result {
            Ok(rec) => rec,
            Err(e) => {
                self.notice = Some(Notice::Error(Msg {
                    id: e.message_id(),
                    args: vec![("path", job.path.display().to_string())],
                }));
                if matches!(job.target, FileTarget::Document(_)) {
                    self.screens
                        .get_mut(self.step)
                        .file_refused(job.row, &job.typed);
                }
                return;
            }
        };
        if matches!(&self.notice, Some(Notice::Info(m)) if m.id == "file-reading") {
            self.notice = None;
        }
        match job.target {
            FileTarget::Document(item) => self.apply(|c| c.add_document(&item, rec)),
            FileTarget::TerminalPhoto => self.apply(|c| c.set_terminal_photo(Some(rec))),
        }
    }

    /// Whether the device is busy (no step changes while it works).
    pub fn device_busy(&self) -> bool {
        super::device_view::worker_busy(self.worker.as_ref())
    }

    /// Passes one event to the device view with what it sees of the wizard, and carries out
    /// what it asks for.
    fn pass_to_device_view(
        &mut self,
        pass: impl FnOnce(
            &mut super::device_view::DeviceView,
            super::device_view::Seen,
        ) -> Vec<super::device_view::Effect>,
    ) {
        let seen = super::device_view::Seen {
            case: self.case.as_ref(),
            now: (self.clock)(),
            demo: self.demo,
            lang: self.lang,
            sim: &self.sim,
            sim_per_case: self.sim_per_case,
        };
        let effects = pass(&mut self.dev, seen);
        self.carry_out(effects);
    }

    /// Applies an update from the device worker to the device view and carries out what it
    /// asks for.
    pub fn on_device_update(&mut self, u: super::worker::Update) {
        self.pass_to_device_view(|dev, seen| dev.on_update(u, seen));
    }

    /// Carries out the device view's effects, in order: the app is the only writer of the case.
    fn carry_out(&mut self, effects: Vec<super::device_view::Effect>) {
        use super::device_view::Effect;
        for effect in effects {
            match effect {
                Effect::Save(case, event) => {
                    let mut case = *case;
                    self.save_case(&mut case);
                    self.journal(&case, &event);
                    self.case = Some(case);
                }
                Effect::Journal(event) => {
                    if let Some(case) = self.case.take() {
                        self.journal(&case, &event);
                        self.case = Some(case);
                    }
                }
                Effect::Notice(n) => self.notice = n,
                Effect::Idle => {
                    if let Some(w) = self.worker.as_mut() {
                        w.busy = false;
                    }
                }
                Effect::Send(request) => {
                    // No worker in unit tests without a terminal: nothing runs.
                    if let Some(w) = self.worker.as_mut() {
                        w.send(request);
                    }
                }
                Effect::ScanPorts => self.scan_ports(),
                Effect::DayReport { eod, previous } => {
                    let written = super::cases::write_day_report(self, &eod, previous.as_deref());
                    if written.is_some() {
                        self.notice = written;
                    }
                }
                Effect::EndOfDay => match super::cases::end_of_day_refused(self) {
                    Some(refusal) => self.notice = Some(refusal),
                    None => {
                        if let Some(w) = self.worker.as_mut() {
                            w.send(super::worker::Request::EndOfDay);
                        }
                    }
                },
            }
        }
    }

    /// A resumed case reconnects to the terminal it was using — the port its identity was read
    /// on (the demo's simulator) — on its own, so that Test and Training do not wait for a
    /// reconnect on Activation. Only a case whose terminal was bound and identified before;
    /// what the terminal says then is checked against the records as on any connect.
    pub fn reconnect_resumed(&mut self) {
        let Some(case) = self.case.as_ref() else {
            return;
        };
        if self.dev.connected
            || self.device_busy()
            || case.binding.confirmed_at.is_none()
            || case.activation.identity.is_none()
        {
            return;
        }
        let port = Some(case.activation.port.trim())
            .filter(|p| !p.is_empty())
            .unwrap_or(self.dev.port.trim())
            .to_string();
        if port.is_empty() {
            return;
        }
        let password = super::steps::activation::approval_password(case);
        let connect = super::screen::DeviceCommand::Connect { port, password };
        self.pass_to_device_view(|dev, seen| dev.on_command(connect, seen));
    }

    /// Scans the ports on a thread of its own when the wizard has an event channel (the answer
    /// arrives as [`Event::PortsFound`]), else on the calling thread (unit tests).
    fn scan_ports(&mut self) {
        use super::device_view::list_ports;
        if let Some(tx) = self.events.clone() {
            let spawned = std::thread::Builder::new()
                .name("posbind-ports".into())
                .spawn(move || {
                    // The wizard may have quit meanwhile: nobody is left to tell.
                    let _ = tx.send(Event::PortsFound(list_ports()));
                });
            if spawned.is_ok() {
                return;
            }
        }
        self.dev.on_ports(list_ports(), self.demo);
    }

    /// Changes the open case through one of its domain methods (`f` returns the method's
    /// event), then saves it and journals the event.
    pub fn apply(&mut self, f: impl FnOnce(&mut Case) -> crate::onboarding::changes::CaseEvent) {
        if let Some(mut case) = self.case.take() {
            let event = f(&mut case);
            self.save_case(&mut case);
            self.journal(&case, &event);
            self.case = Some(case);
        }
    }

    /// [`App::apply`] for a domain method that may refuse: on a refusal the case is unchanged
    /// (nothing saved, nothing journalled) and the refusal is returned.
    pub fn try_apply<E>(
        &mut self,
        f: impl FnOnce(&mut Case) -> Result<crate::onboarding::changes::CaseEvent, E>,
    ) -> Result<(), E> {
        let Some(mut case) = self.case.clone() else {
            return Ok(());
        };
        let event = f(&mut case)?;
        self.save_case(&mut case);
        self.journal(&case, &event);
        self.case = Some(case);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::case::Need;
    use crate::onboarding::CaseId;
    use crate::onboarding::PosChoice;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn fixed_now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn app() -> (tempfile::TempDir, App) {
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(d.path()).unwrap();
        let opts = AppOptions {
            lang: Lang::En,
            theme: Theme::new(false, false),
            demo: false,
            tz: FixedOffset::east_opt(0).unwrap(),
            clock: fixed_now,
            catalog: Catalog::shipped(),
            calendar: Calendar::shipped(),
        };
        (d, App::new(store, opts))
    }

    fn press(app: &mut App, code: KeyCode) {
        app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn type_text(app: &mut App, s: &str) {
        for c in s.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    /// Puts the open case in a state no key reaches directly (and saves it).
    fn set_up(app: &mut App, f: impl FnOnce(&mut Case)) {
        if let Some(mut case) = app.case.take() {
            f(&mut case);
            app.save_case(&mut case);
            app.case = Some(case);
        }
    }

    fn new_case(app: &mut App, name: &str) {
        press(app, KeyCode::Enter); // "New case" is the first entry
        type_text(app, name);
        press(app, KeyCode::Enter);
    }

    #[test]
    fn next_without_a_case_says_what_is_missing() {
        let (_d, mut a) = app();
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Case);
        assert_eq!(
            a.notice,
            Some(Notice::Missing(vec![Need::Id("missing-case")]))
        );
    }

    #[test]
    fn creating_a_case_saves_it_and_moves_to_pos_type() {
        let (_d, mut a) = app();
        new_case(&mut a, "Good Luck Mart");
        assert_eq!(a.step, Step::PosType);
        let listing = a.store.list().unwrap();
        assert_eq!(listing.cases.len(), 1);
        assert_eq!(listing.cases[0].merchant, "Good Luck Mart");
        assert_eq!(listing.cases[0].step, Step::PosType);
        let id = a.case.as_ref().unwrap().id.clone();
        let events: Vec<_> = a
            .store
            .read_journal(&id)
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["case-created", "step-changed"]);
    }

    /// The wizard with an event channel as `tui::run` gives it, and the channel's far end.
    fn with_events(a: &mut App) -> std::sync::mpsc::Receiver<Event> {
        let (tx, rx) = std::sync::mpsc::channel();
        a.events = Some(tx);
        rx
    }

    fn next_event(rx: &std::sync::mpsc::Receiver<Event>) -> Event {
        // Generous: only a hung thread takes this long.
        rx.recv_timeout(std::time::Duration::from_secs(60)).unwrap()
    }

    #[test]
    fn a_document_file_is_hashed_off_the_ui_thread_and_recorded_when_its_event_arrives() {
        let (_d, mut a) = app();
        let rx = with_events(&mut a);
        new_case(&mut a, "M");
        let files = tempfile::tempdir().unwrap();
        let file = files.path().join("licence.pdf");
        std::fs::write(&file, b"%PDF-1.4 a licence").unwrap();
        let typed = file.display().to_string();
        a.record_file(FileTarget::Document("business-licence".into()), &typed, 0);
        // Nothing is read on the UI thread: the case changes when the record arrives.
        assert!(a.case.as_ref().unwrap().materials.documents.is_empty());
        assert!(matches!(&a.notice, Some(Notice::Info(m)) if m.id == "file-reading"));
        let event = next_event(&rx);
        assert!(matches!(event, Event::FileRecorded(_)), "{event:?}");
        a.update(event);
        let doc = a.case.as_ref().unwrap().materials.documents["business-licence"].clone();
        assert_eq!(doc.kind, "pdf");
        assert_eq!(doc.size, 18);
        assert_eq!(a.notice, None);
        let id = a.case.as_ref().unwrap().id.clone();
        let journal = a.store.read_journal(&id).unwrap();
        let added = journal
            .iter()
            .find(|e| e.event == "document-added")
            .unwrap();
        assert_eq!(added.detail["sha256"], doc.sha256);
        // A refused file is said when its answer arrives.
        let missing = files.path().join("nothing.png").display().to_string();
        a.record_file(FileTarget::TerminalPhoto, &missing, 0);
        a.update(next_event(&rx));
        assert!(matches!(&a.notice, Some(Notice::Error(m)) if m.id == "file-missing"));
        assert!(a.case.as_ref().unwrap().binding.terminal_photo.is_none());
        // A refused document's path comes back into its field, to be corrected.
        a.enter_step(Step::Materials);
        a.screens.materials.ed.cursor = 3;
        a.record_file(FileTarget::Document("shop-front".into()), &missing, 3);
        a.update(next_event(&rx));
        let field = a.screens.materials.ed.editing.as_ref().map(|t| t.value());
        assert_eq!(field, Some(missing.as_str()));
    }

    #[test]
    fn ports_are_scanned_off_the_ui_thread_and_connect_without_a_port_says_so() {
        let (_d, mut a) = app();
        let rx = with_events(&mut a);
        new_case(&mut a, "M");
        set_up(&mut a, |c| c.binding.confirmed_at = Some(fixed_now()));
        a.enter_step(Step::Activation);
        a.focus = Focus::Content;
        // The scan runs on a thread of its own; meanwhile the screen says it is looking.
        assert!(a.dev.scanning);
        assert!(a.dev.port.is_empty());
        assert!(screen_text(&a, 120, 40).contains("Looking for serial ports"));
        // Connect (where the cursor lands) before any port is known asks for one.
        press(&mut a, KeyCode::Enter);
        assert_eq!(
            a.notice,
            Some(Notice::Error(Msg::new("activation-port-empty")))
        );
        let event = next_event(&rx);
        assert!(matches!(event, Event::PortsFound(_)), "{event:?}");
        a.update(event);
        assert!(!a.dev.scanning);
        assert!(!screen_text(&a, 120, 40).contains("Looking for serial ports"));
    }

    #[test]
    fn a_file_read_for_a_case_no_longer_open_is_not_recorded_in_another() {
        let (_d, mut a) = app();
        let rx = with_events(&mut a);
        new_case(&mut a, "First");
        let first = a.case.as_ref().unwrap().id.clone();
        let files = tempfile::tempdir().unwrap();
        let file = files.path().join("photo.pdf");
        std::fs::write(&file, b"%PDF-1.4 photo").unwrap();
        a.record_file(FileTarget::TerminalPhoto, &file.display().to_string(), 0);
        a.enter_step(Step::Case);
        a.focus = Focus::Content;
        new_case(&mut a, "Second");
        a.update(next_event(&rx));
        assert!(a.case.as_ref().unwrap().binding.terminal_photo.is_none());
        assert!(a
            .store
            .load(&first)
            .unwrap()
            .binding
            .terminal_photo
            .is_none());
    }

    #[test]
    fn the_case_list_keys_say_where_they_work_elsewhere() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        assert_eq!(a.step, Step::PosType);
        for k in ['/', 'd'] {
            a.notice = None;
            press(&mut a, KeyCode::Char(k));
            assert_eq!(
                a.notice,
                Some(Notice::Info(Msg::new("key-case-list-only"))),
                "{k}"
            );
        }
        // Not in the demo: d says so on the case list too.
        a.enter_step(Step::Case);
        a.focus = Focus::Content;
        press(&mut a, KeyCode::Char('d'));
        assert_eq!(
            a.notice,
            Some(Notice::Info(Msg::new("case-sample-demo-only")))
        );
    }

    #[test]
    fn a_blank_merchant_name_is_refused_with_a_message() {
        let (_d, mut a) = app();
        press(&mut a, KeyCode::Enter);
        type_text(&mut a, "   ");
        press(&mut a, KeyCode::Enter);
        assert!(a.case.is_none());
        assert_eq!(
            a.notice,
            Some(Notice::Error(Msg::new("missing-merchant-name")))
        );
        // The field keeps focus and what was typed is not lost.
        assert!(a.key_context().typing);
    }

    #[test]
    fn forward_is_blocked_until_the_pos_type_is_chosen() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::PosType);
        assert_eq!(
            a.notice,
            Some(Notice::Missing(vec![Need::Id("missing-pos-type")]))
        );
        press(&mut a, KeyCode::Enter); // choose the first scenario
        press(&mut a, KeyCode::Enter); // choose its first recommended type
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Materials);
        let pos = a.case.as_ref().unwrap().pos.clone().unwrap();
        assert_eq!(
            pos,
            PosChoice {
                scenario: "fixed-counter".into(),
                pos_type: "countertop".into(),
                count: 1
            }
        );
        // Materials are empty: forward stays blocked and lists what is missing.
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Materials);
        assert!(
            matches!(&a.notice, Some(Notice::Missing(v)) if v.len() > 3),
            "{:?}",
            a.notice
        );
    }

    /// The screen as text, row by row.
    fn screen_text(a: &App, w: u16, h: u16) -> String {
        let area = ratatui::layout::Rect::new(0, 0, w, h);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        super::super::view::render(a, area, &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn pgdn_is_refused_for_an_unlicensed_institution_or_an_unoffered_terminal_type() {
        let (_d, mut a) = app();
        a.update(Event::Resize(200, 50));
        new_case(&mut a, "M");
        press(&mut a, KeyCode::Enter); // the first scenario
        press(&mut a, KeyCode::Enter); // its first type: countertop
        a.enter_step(Step::Institution);
        a.focus = Focus::Content;
        // sample-c: a non-bank payment institution with no licence number, no countertop.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        assert_eq!(
            a.case.as_ref().unwrap().institution.as_ref().unwrap().id,
            "sample-c"
        );
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Institution, "PgDn refused");
        assert_eq!(
            a.notice,
            Some(Notice::Missing(vec![
                Need::Id("offer-refused-no-licence"),
                Need::Id("offer-refused-pos-type")
            ]))
        );
        let screen = screen_text(&a, 200, 50);
        // Explained in the offer's details and in the notice under the step (and, this wide,
        // in the side pane's warnings about the case).
        assert!(
            screen.matches("No payment business licence").count() >= 2,
            "{screen}"
        );
        assert!(
            screen.contains("does not offer the chosen terminal type"),
            "{screen}"
        );
        // sample-d: a malformed licence number, refused the same way.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Institution);
        assert_eq!(
            a.notice,
            Some(Notice::Missing(vec![Need::Id("offer-refused-bad-licence")]))
        );
        // sample-e: a bank needs no payment licence and offers countertops.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Application, "{:?}", a.notice);
    }

    /// Issue 27: after approval, an offer the rules refuse is not chosen (the reason is said),
    /// and another offer is chosen only on a second Enter, after the first said what resets.
    #[test]
    fn another_institution_after_approval_asks_first_and_a_refused_one_is_not_chosen() {
        let (_d, mut a) = app();
        let mut case = crate::onboarding::basis::tests::finished();
        assert!(a.hold_case(&case.id));
        a.save_case(&mut case);
        a.case = Some(case);
        a.enter_step(Step::Institution);
        a.focus = Focus::Content;
        let chosen = |a: &App| {
            a.case
                .as_ref()
                .unwrap()
                .institution
                .as_ref()
                .unwrap()
                .id
                .clone()
        };
        // sample-c: no payment licence.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        assert_eq!(chosen(&a), "sample-a");
        match &a.notice {
            Some(Notice::Error(m)) => {
                assert_eq!(m.id, "institution-refused-after-approval");
                assert!(
                    m.text(Lang::En).contains("No payment business licence"),
                    "{m:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(a.case.as_ref().unwrap().contract.is_some(), "nothing reset");
        // sample-e, a bank: the first Enter says what would be reset.
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        assert_eq!(chosen(&a), "sample-a");
        match &a.notice {
            Some(Notice::Info(m)) => {
                assert_eq!(m.id, "institution-change-confirm");
                let t = m.text(Lang::En);
                for step in ["Application", "Review", "Contract", "Binding", "Go-live"] {
                    assert!(t.contains(step), "{step}: {t}");
                }
            }
            other => panic!("{other:?}"),
        }
        // Anything else first: the question is asked again.
        press(&mut a, KeyCode::Up);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        assert_eq!(chosen(&a), "sample-a");
        press(&mut a, KeyCode::Enter);
        assert_eq!(chosen(&a), "sample-e");
    }

    /// Issue 27: `b` on a case that has no bound terminal is refused with the reason, and no
    /// second case is made.
    #[test]
    fn rebinding_a_draft_is_refused_with_the_reason() {
        let (_d, mut a) = app();
        new_case(&mut a, "Draft Only");
        press(&mut a, KeyCode::Esc); // back to the Case step
        press(&mut a, KeyCode::Down); // the case
        press(&mut a, KeyCode::Char('b'));
        press(&mut a, KeyCode::Char('b'));
        match &a.notice {
            Some(Notice::Error(m)) => {
                assert_eq!(m.id, "case-rebind-refused-unbound");
                assert!(m.text(Lang::En).contains("Draft Only"), "{m:?}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(a.store.list().unwrap().cases.len(), 1);
    }

    #[test]
    fn an_application_to_a_refused_institution_is_not_submitted() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        press(&mut a, KeyCode::Enter); // the first scenario
        press(&mut a, KeyCode::Enter); // countertop
                                       // Reached by the rail before the terminal type changed, say: the rules still hold.
        let offer = a.catalog.get("sample-c").cloned();
        set_up(&mut a, |c| {
            c.institution = offer;
            c.application.mcc = Some("5411".into());
            c.application.channel = Some(crate::onboarding::application::Channel::Online);
        });
        a.enter_step(Step::Application);
        a.focus = Focus::Content;
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Enter);
        let Some(Notice::Missing(m)) = &a.notice else {
            panic!("{:?}", a.notice)
        };
        assert!(m.contains(&Need::Id("offer-refused-no-licence")), "{m:?}");
        assert!(m.contains(&Need::Id("offer-refused-pos-type")), "{m:?}");
        assert!(a.case.as_ref().unwrap().submissions.is_empty());
    }

    #[test]
    fn a_fee_added_by_mistake_in_the_contract_can_be_removed_with_delete() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        let offer = a.catalog.get("sample-b").cloned();
        set_up(&mut a, |c| c.institution = offer);
        a.enter_step(Step::Contract);
        a.focus = Focus::Content;
        // Debit rate and cap, credit, the offer's deposit and data fee, then "Add a fee".
        for _ in 0..5 {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        type_text(&mut a, "insurance 99");
        press(&mut a, KeyCode::Enter);
        let fees = |a: &App| {
            a.case
                .as_ref()
                .unwrap()
                .contract
                .as_ref()
                .unwrap()
                .fees
                .clone()
        };
        assert_eq!(fees(&a).len(), 3);
        // The added fee is highlighted: Delete is offered in the hint bar, and removes it.
        assert!(a.key_context().removable);
        press(&mut a, KeyCode::Delete);
        assert_eq!(fees(&a).len(), 2);
        assert!(fees(&a).iter().all(|f| !f.undisclosed));
        assert!(matches!(&a.notice, Some(Notice::Info(m)) if m.id == "contract-fee-removed"));
        // The offer's own fees stay.
        press(&mut a, KeyCode::Up);
        assert!(!a.key_context().removable);
        press(&mut a, KeyCode::Delete);
        assert_eq!(fees(&a).len(), 2);
        assert_eq!(
            a.notice,
            Some(Notice::Info(Msg::new("contract-remove-none")))
        );
        let id = a.case.as_ref().unwrap().id.clone();
        let events: Vec<_> = a
            .store
            .read_journal(&id)
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert!(events.contains(&"undisclosed-fee-removed".to_string()));
    }

    #[test]
    fn esc_goes_back_and_the_rail_jumps_only_to_reached_steps() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        press(&mut a, KeyCode::Esc);
        assert_eq!(a.step, Step::Case);
        assert!(a.can_jump(Step::PosType));
        assert!(!a.can_jump(Step::Activation));
        // Focus the rail and try to jump to Activation.
        while a.focus != Focus::Rail {
            press(&mut a, KeyCode::Tab);
        }
        for _ in 0..8 {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.step, Step::Case);
        assert_eq!(
            a.notice,
            Some(Notice::Error(Msg::new("notice-step-locked")))
        );
        for _ in 0..7 {
            press(&mut a, KeyCode::Up);
        }
        press(&mut a, KeyCode::Enter);
        assert_eq!(a.step, Step::PosType);
    }

    #[test]
    fn a_case_another_process_holds_is_not_opened_and_the_notice_names_the_pid() {
        let (d, mut a) = app();
        new_case(&mut a, "Held Elsewhere");
        let id = a.case.as_ref().unwrap().id.clone();
        drop(a);
        let store = Store::open(d.path()).unwrap();
        // Another handle, as a `posbind run` in another process would hold it.
        let held = store.lock_case(&id).unwrap();
        let dir = store.case_dir(&id);
        let files = || {
            (
                std::fs::read(dir.join(crate::store::CASE_FILE)).unwrap(),
                std::fs::read(dir.join(crate::store::JOURNAL_FILE)).unwrap(),
            )
        };
        let before = files();
        let opts = AppOptions {
            lang: Lang::En,
            theme: Theme::new(false, false),
            demo: false,
            tz: FixedOffset::east_opt(0).unwrap(),
            clock: fixed_now,
            catalog: Catalog::shipped(),
            calendar: Calendar::shipped(),
        };
        let mut b = App::new(store.clone(), opts);
        press(&mut b, KeyCode::Down); // the held case
        press(&mut b, KeyCode::Enter);
        assert!(b.case.is_none(), "not opened");
        let Some(Notice::Error(msg)) = &b.notice else {
            panic!("{:?}", b.notice);
        };
        assert_eq!(msg.id, "lock-case-held");
        assert!(msg.args.contains(&("pid", std::process::id().to_string())));
        assert_eq!(
            files(),
            before,
            "nothing written to a case another process holds"
        );
        // In both languages.
        for lang in [Lang::En, Lang::ZhCn] {
            let text = msg.text(lang);
            assert!(text.contains(&std::process::id().to_string()), "{text}");
            assert!(text.contains(id.as_str()), "{text}");
        }

        drop(held);
        press(&mut b, KeyCode::Enter);
        assert_eq!(b.case.as_ref().map(|c| c.id.clone()), Some(id));
    }

    #[test]
    fn resuming_a_case_lands_on_the_step_it_was_left() {
        let (d, mut a) = app();
        new_case(&mut a, "Resume Me");
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::PageDown);
        assert_eq!(a.step, Step::Materials);
        drop(a);
        let store = Store::open(d.path()).unwrap();
        let mut b = App::new(
            store,
            AppOptions {
                lang: Lang::En,
                theme: Theme::new(false, false),
                demo: false,
                tz: FixedOffset::east_opt(0).unwrap(),
                clock: fixed_now,
                catalog: Catalog::shipped(),
                calendar: Calendar::shipped(),
            },
        );
        press(&mut b, KeyCode::Down); // first existing case
        press(&mut b, KeyCode::Enter);
        assert_eq!(b.step, Step::Materials);
        assert_eq!(b.mark(Step::PosType), StepMark::Done);
        assert_eq!(b.mark(Step::Materials), StepMark::Current);
        assert_eq!(b.mark(Step::Institution), StepMark::NotYet);
    }

    #[test]
    fn q_quits_but_types_in_a_text_field_and_ctrl_c_always_quits() {
        let (_d, mut a) = app();
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Char('q'));
        assert!(!a.quit);
        assert_eq!(
            a.screens.case.name_input().map(|t| t.value().to_string()),
            Some("q".into())
        );
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        assert!(a.quit);
    }

    #[test]
    fn rebinding_from_the_case_list_opens_a_linked_case() {
        let (_d, mut a) = app();
        // A case with a bound terminal (a draft has none to rebind).
        let mut bound = crate::onboarding::basis::tests::finished();
        a.save_case(&mut bound);
        a.enter_step(Step::Case);
        press(&mut a, KeyCode::Down); // the case
        press(&mut a, KeyCode::Char('b'));
        // It creates a case: the first b asks.
        assert_eq!(a.step, Step::Case);
        assert_eq!(
            a.notice.as_ref().map(|n| match n {
                Notice::Info(m) => m.id,
                _ => "",
            }),
            Some("case-rebind-ask-account")
        );
        press(&mut a, KeyCode::Char('b'));
        let new = a.case.clone().unwrap();
        let link = new.derived_from.clone().unwrap();
        assert_eq!(link.reason, "account");
        let old = a.store.load(&CaseId::parse(&link.case).unwrap()).unwrap();
        assert_eq!(old.superseded_by.as_deref(), Some(new.id.as_str()));
        assert_eq!(a.notice, Some(Notice::Info(Msg::new("case-rebound"))));
    }

    /// What a key in an overlay may change: whether help and which page is open, the scroll,
    /// the language, quitting.
    fn overlay_state(a: &App) -> (bool, Option<u16>, usize, Lang, bool) {
        (a.help, a.faq, a.help_scroll, a.lang, a.quit)
    }

    /// Issue 27: every key the bar shows in each overlay (help's keys page, its FAQ page) does
    /// something there — and what the bar says: F2 switches the language, q quits.
    #[test]
    fn every_key_the_bar_shows_in_an_overlay_works() {
        use crate::tui::keymap::bar_hints;
        type Open = fn(&mut App);
        let overlays: [(&str, Open); 2] = [
            ("help", |a| press(a, KeyCode::F(1))),
            ("faq", |a| {
                press(a, KeyCode::F(1));
                press(a, KeyCode::Tab);
            }),
        ];
        for (name, open) in overlays {
            let (_d, mut probe) = app();
            open(&mut probe);
            assert!(probe.help, "{name}");
            let shown: Vec<_> = bar_hints(probe.key_context()).collect();
            assert!(!shown.is_empty(), "{name}: an empty bar");
            for b in shown {
                for (code, mods) in b.keys {
                    let (_d, mut a) = app();
                    open(&mut a);
                    // Scrolled part-way, so that up and down both have somewhere to go.
                    a.help_scroll = 3;
                    a.faq = a.faq.map(|_| 3);
                    let before = overlay_state(&a);
                    a.update(Event::Key(KeyEvent::new(*code, *mods)));
                    assert_ne!(
                        overlay_state(&a),
                        before,
                        "{name}: {:?} ({}) does nothing",
                        code,
                        b.label
                    );
                    match b.action {
                        Action::ToggleLang => assert_eq!(a.lang, Lang::ZhCn, "{name}"),
                        Action::Quit => assert!(a.quit, "{name}: q"),
                        _ => {}
                    }
                }
            }
        }
    }

    /// Issue 27: Enter on Activation's label serial row says where that number is entered.
    #[test]
    fn enter_on_the_label_serial_row_of_activation_says_where_it_is_set() {
        let (_d, mut a) = app();
        let mut case = crate::onboarding::basis::tests::finished();
        assert!(a.hold_case(&case.id));
        a.save_case(&mut case);
        a.case = Some(case);
        a.enter_step(Step::Activation);
        a.focus = Focus::Content;
        a.notice = None;
        a.screens.activation.ed.cursor = 1;
        press(&mut a, KeyCode::Enter);
        assert_eq!(
            a.notice,
            Some(Notice::Info(Msg::new("activation-serial-at-binding")))
        );
    }

    /// Issue 27: Ctrl-C quits "with everything saved" — the field being typed included.
    #[test]
    fn ctrl_c_saves_the_field_being_typed() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        a.enter_step(Step::Materials);
        a.focus = Focus::Content;
        // The first row that opens a text field.
        let row = (0..20).find(|r| {
            a.screens.materials.ed.cursor = *r;
            press(&mut a, KeyCode::Enter);
            a.screens.materials.ed.editing.is_some()
        });
        assert!(row.is_some(), "no text field on Materials");
        type_text(&mut a, "Typed Before Quit");
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL,
        )));
        assert!(a.quit);
        let id = a.case.as_ref().unwrap().id.clone();
        let saved = serde_json::to_string(&a.store.load(&id).unwrap().materials).unwrap();
        // As the field keeps it (a credit code: upper case, no blanks).
        let typed = |t: &str| t.to_uppercase().replace(' ', "");
        assert!(
            typed(&saved).contains(&typed("Typed Before Quit")),
            "{saved}"
        );
    }

    #[test]
    fn help_opens_and_closes_and_swallows_other_keys() {
        let (_d, mut a) = app();
        press(&mut a, KeyCode::F(1));
        assert!(a.help);
        press(&mut a, KeyCode::Enter);
        assert!(a.help && a.case.is_none());
        press(&mut a, KeyCode::Esc);
        assert!(!a.help);
    }

    #[test]
    fn language_switches_at_runtime_and_is_kept_in_the_case() {
        let (_d, mut a) = app();
        new_case(&mut a, "M");
        press(&mut a, KeyCode::F(2));
        assert_eq!(a.lang, Lang::ZhCn);
        let id = a.case.as_ref().unwrap().id.clone();
        assert_eq!(a.store.load(&id).unwrap().lang, Lang::ZhCn);
        // Through the domain, so the journal says so too.
        let journal = a.store.read_journal(&id).unwrap();
        let last = journal.last().unwrap();
        assert_eq!(last.event, "language-changed");
        assert_eq!(last.detail["lang"], "zh-CN");
    }

    #[test]
    fn keys_are_ignored_while_the_terminal_is_too_small_but_q_quits() {
        let (_d, mut a) = app();
        a.update(Event::Resize(60, 16));
        press(&mut a, KeyCode::Enter);
        assert!(a.screens.case.name_input().is_none());
        let (_d2, mut small) = app();
        small.update(Event::Resize(60, 16));
        press(&mut small, KeyCode::Char('q'));
        assert!(small.quit);
        a.update(Event::Resize(80, 24));
        press(&mut a, KeyCode::Enter);
        assert!(a.screens.case.name_input().is_some());
    }
}
