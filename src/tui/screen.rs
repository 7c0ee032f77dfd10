//! What a wizard step sees and what it may ask for.
//!
//! A step is a [`Screen`]: its own state, plus a read-only [`View`] of what it draws from (the
//! open case, the device's live state, the catalog, the language and look, the case list). It
//! never holds the wizard itself. What a step wants done beyond its own state — change the case
//! through a domain method, say something on the feedback line, move to another step, ask the
//! device, open a case, submit, write the report — it pushes as a [`Command`] onto the queue in
//! its [`Cx`]; the wizard carries the queue out after the key, in order (`App::run_command`).
//! So a step cannot write a case without the domain, save or journal on its own, or reach into
//! another step.

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::device_view::DeviceView;
use super::files::FileTarget;
use super::keymap::{Action, KeyContext};
use super::notice::{Msg, Notice};
use super::theme::Theme;
use crate::i18n::Lang;
use crate::onboarding::calendar::Calendar;
use crate::onboarding::catalog::Catalog;
use crate::onboarding::changes::CaseEvent;
use crate::onboarding::{Case, Step};
use crate::store::Store;
use crate::testloop::{LoopConfig, Mode};

/// What a step reads: the state it draws from, borrowed for one key or one frame.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The open case, if any.
    pub case: Option<&'a Case>,
    /// UI language.
    pub lang: Lang,
    /// Look.
    pub theme: &'a Theme,
    /// Time zone for showing times.
    pub tz: FixedOffset,
    /// The time of this key or frame, from the wizard's injected clock.
    pub now: DateTime<Utc>,
    /// Demo mode (simulated terminal and institution).
    pub demo: bool,
    /// The step's widgets have keyboard focus (not the rail).
    pub focused: bool,
    /// Institution catalog.
    pub catalog: &'a Catalog,
    /// Holiday calendar for review ETAs.
    pub calendar: &'a Calendar,
    /// The device's live state (Activation, Test and Training).
    pub dev: &'a DeviceView,
    /// The device works: no step changes, no new device request.
    pub busy: bool,
    /// The serial number the simulated terminal reports (the demo's label).
    pub sim_serial: &'a str,
    /// The cases on disk, to list (a step cannot write them: that goes through commands).
    pub cases: CaseFiles<'a>,
}

/// The case store as a step may use it: to list the cases. Saving, journalling, locking and
/// deleting are the wizard's, on a step's [`Command`].
#[derive(Clone, Copy)]
pub struct CaseFiles<'a>(&'a Store);

impl<'a> CaseFiles<'a> {
    /// Read access to `store`.
    pub fn new(store: &'a Store) -> CaseFiles<'a> {
        CaseFiles(store)
    }

    /// The cases on disk, most recently updated first, and the files that could not be read.
    pub fn list(&self) -> Result<crate::store::Listing, crate::store::StoreError> {
        self.0.list()
    }
}

/// A change to the open case through one of its domain methods, returning the method's event.
pub type Change = Box<dyn FnOnce(&mut Case) -> CaseEvent>;

/// A change the domain may refuse; a refusal comes back as the notice to show.
pub type TryChange = Box<dyn FnOnce(&mut Case) -> Result<CaseEvent, Notice>>;

/// What a step asks the wizard to do.
pub enum Command {
    /// Show this on the feedback line; `None` clears it.
    Notice(Option<Notice>),
    /// Change the open case (then save and journal it).
    Change(Change),
    /// Change the open case if the domain agrees, then show `done`; on a refusal nothing is
    /// saved or journalled and the refusal is shown.
    TryChange(TryChange, Notice),
    /// Go to a step.
    EnterStep(Step),
    /// Record a file for the open case, read and hashed off the UI thread.
    RecordFile {
        /// What the file is.
        target: FileTarget,
        /// The path as typed.
        typed: String,
        /// The form row it was typed in (a refused path goes back there).
        row: usize,
    },
    /// Ask the device.
    Device(DeviceCommand),
    /// Case list: read the list again (off the UI thread); it arrives with
    /// `CaseScreen::set_cases`.
    LoadCases,
    /// Case list: open a case by id.
    OpenCase(String),
    /// Case list: create a case for this merchant name.
    NewCase(String),
    /// Case list: create the demo's filled-in sample case.
    SampleCase,
    /// Case list: a new case for a new account or terminal, linked to the old one.
    Rebind {
        /// The old case's id.
        id: String,
        /// Why: `account` or `terminal`.
        reason: &'static str,
    },
    /// Binding: confirm the binding (locks the terminal, checks no other case bound it).
    ConfirmBinding,
    /// Application: write the package into the outbox and record the submission.
    Submit {
        /// How the package goes to the institution.
        channel: crate::onboarding::application::Channel,
        /// The day it is submitted (review days count from it).
        today: chrono::NaiveDate,
    },
    /// Go-live: write the activation report of a consistent case with no test payment open.
    WriteReport,
    /// Maintenance: write the report of a live case again after a move (only when the report
    /// no longer holds), keeping its go-live time.
    RewriteReport,
    /// Write the notice of the case's latest move or replacement for the institution (once).
    TellInstitution,
}

/// What a step asks of the device.
pub enum DeviceCommand {
    /// Scan the serial ports (off the UI thread); the list arrives in the device view.
    ScanPorts,
    /// Connect to `port` and read the terminal's identity.
    Connect {
        /// The port as typed or chosen (`sim` for the simulator).
        port: String,
        /// The terminal password (an 电签 terminal's activation code): acquirers issue MID and TID, not an "activation password".
        password: crate::device::Password,
    },
    /// Run the activation sequence.
    Activate {
        /// The approved TID.
        tid: crate::device::Tid,
        /// Sub-steps already done.
        skip: Vec<crate::onboarding::device::ActStep>,
    },
    /// A person confirmed the serial number of a terminal that does not report it.
    SerialConfirmedByPerson,
    /// Run the test loop.
    StartLoop(LoopConfig),
    /// Pause the running loop, or resume it.
    TogglePause,
    /// Stop the running loop after its current round (a payment is still reversed).
    Abort,
    /// End-of-Day, for training practice.
    Practice,
    /// End-of-Day of a live case's terminal, its total kept in the case.
    EndOfDay,
    /// Ask the terminal for its last transaction (a slip that did not print, a payment whose
    /// outcome the merchant doubts).
    LastTransaction,
    /// The test's mode and rounds as chosen on the Test screen.
    Choose {
        /// Payment or connectivity.
        mode: Mode,
        /// Rounds.
        count: u32,
        /// The rounds were chosen explicitly.
        count_chosen: bool,
    },
    /// The port as typed on the Activation screen.
    SetPort(String),
}

/// A step's context for one key: what it reads, and the queue of what it asks for.
pub struct Cx<'a> {
    /// What the step reads.
    pub view: View<'a>,
    commands: &'a mut Vec<Command>,
}

impl<'a> Cx<'a> {
    /// A context whose commands go to `commands`.
    pub fn new(view: View<'a>, commands: &'a mut Vec<Command>) -> Cx<'a> {
        Cx { view, commands }
    }

    /// The open case, if any.
    pub fn case(&self) -> Option<&'a Case> {
        self.view.case
    }

    /// Asks for `command`.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Shows `notice` on the feedback line.
    pub fn notice(&mut self, notice: Notice) {
        self.send(Command::Notice(Some(notice)));
    }

    /// Shows the message `id` as information.
    pub fn info(&mut self, id: &'static str) {
        self.notice(Notice::Info(Msg::new(id)));
    }

    /// Shows the message `id` as an error.
    pub fn error(&mut self, id: &'static str) {
        self.notice(Notice::Error(Msg::new(id)));
    }

    /// Clears the feedback line.
    pub fn clear_notice(&mut self) {
        self.send(Command::Notice(None));
    }

    /// Changes the open case through a domain method.
    pub fn change(&mut self, f: impl FnOnce(&mut Case) -> CaseEvent + 'static) {
        self.send(Command::Change(Box::new(f)));
    }

    /// Changes the open case through a domain method that may refuse (see
    /// [`Command::TryChange`]).
    pub fn try_change(
        &mut self,
        f: impl FnOnce(&mut Case) -> Result<CaseEvent, Notice> + 'static,
        done: Notice,
    ) {
        self.send(Command::TryChange(Box::new(f), done));
    }

    /// Asks the device.
    pub fn device(&mut self, command: DeviceCommand) {
        self.send(Command::Device(command));
    }

    /// Says the device is busy when it is; true then (the caller does nothing more).
    pub fn refuse_when_busy(&mut self) -> bool {
        if self.view.busy {
            self.info("device-busy");
        }
        self.view.busy
    }
}

/// One wizard step: its key handling, its drawing and what it does on entry.
pub trait Screen {
    /// Which keys apply now (shown in the hint bar, and how a key is read).
    fn key_context(&self, view: &View) -> KeyContext;

    /// Gives an editing key to the focused text field; true when it was consumed.
    fn edit_key(&mut self, _key: &KeyEvent) -> bool {
        false
    }

    /// Handles an action of the step's own (moves between steps are the wizard's).
    fn on_action(&mut self, action: Action, cx: &mut Cx);

    /// Whether Enter on the open text field only keeps what was typed, so that quitting may
    /// press it to save the field (a search, or a new case's name, does more: not those).
    fn enter_keeps_text(&self) -> bool {
        true
    }

    /// The step was entered.
    fn enter(&mut self, _cx: &mut Cx) {}

    /// Focus came from the rail (`forward`: by Tab rather than Shift-Tab).
    fn focus_first(&mut self, _forward: bool) {}

    /// Moves focus among the step's widgets; true when it left the last one (focus goes to
    /// the rail). Most steps have one focusable widget.
    fn move_focus(&mut self, _forward: bool) -> bool {
        true
    }

    /// A file typed on row `row` was refused (missing, unreadable, too large): a step that
    /// keeps such paths puts `typed` back into its field to be corrected.
    fn file_refused(&mut self, _row: usize, _typed: &str) {}

    /// Draws the step; returns the text cursor's position when a field is being edited.
    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position>;
}
