//! Step 1 — Case: start a new merchant case, or pick one to resume where it was left.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::fit;
use crate::i18n::tr;
use crate::i18n::tr_args;
use crate::onboarding::case::check_merchant_name;
use crate::onboarding::{Case, CaseId};
use crate::store::{CaseSummary, Store};
use crate::tui::app::{App, Focus, Msg, Notice};
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::text_input::TextInput;
use crate::tui::wrap::wrapped_lines;

/// State of the Case screen.
#[derive(Debug, Default)]
pub struct CaseScreen {
    /// Cases found on disk, newest first.
    pub cases: Vec<CaseSummary>,
    /// How many case files could not be read.
    pub problems: usize,
    /// Highlighted entry: 0 is "new case", then the cases.
    pub cursor: usize,
    /// The merchant-name field, while a new case is being named.
    name: Option<TextInput>,
}

impl CaseScreen {
    /// Re-reads the case list.
    pub fn reload(&mut self, store: &Store) {
        match store.list() {
            Ok(listing) => {
                self.cases = listing.cases;
                self.problems = listing.problems.len();
            }
            Err(_) => {
                self.cases.clear();
                self.problems = 1;
            }
        }
        self.cursor = self.cursor.min(self.cases.len());
    }

    /// Typing while the name field is open, list navigation otherwise.
    pub fn key_context(&self) -> KeyContext {
        KeyContext {
            typing: self.name.is_some(),
            list: self.name.is_none(),
            number: false,
        }
    }

    /// The name field, if open.
    pub fn name_input(&self) -> Option<&TextInput> {
        self.name.as_ref()
    }

    /// Gives an editing key to the name field.
    pub fn edit_key(&mut self, key: &KeyEvent) -> bool {
        self.name.as_mut().is_some_and(|t| t.handle_key(key))
    }

    /// Focus arrives from the rail.
    pub fn focus_first(&mut self, _forward: bool) {}

    /// One focusable widget: any move leaves to the rail.
    pub fn move_focus(&mut self, _forward: bool) -> bool {
        true
    }
}

/// Handles an action on the Case screen.
pub fn on_action(app: &mut App, action: Action) {
    if app.case_screen.name.is_some() {
        match action {
            Action::Select => create_case(app),
            Action::Back => {
                app.case_screen.name = None;
                app.notice = None;
            }
            _ => {}
        }
        return;
    }
    let screen = &mut app.case_screen;
    match action {
        Action::Up => screen.cursor = screen.cursor.saturating_sub(1),
        Action::Down => screen.cursor = (screen.cursor + 1).min(screen.cases.len()),
        Action::Select if screen.cursor == 0 => {
            screen.name = Some(TextInput::default());
            app.notice = None;
        }
        Action::Select => {
            let id = screen.cases[screen.cursor - 1].id.clone();
            resume_case(app, &id);
        }
        Action::RebindAccount | Action::RebindInstitution if screen.cursor > 0 => {
            let id = screen.cases[screen.cursor - 1].id.clone();
            let reason = if action == Action::RebindAccount {
                "account"
            } else {
                "institution"
            };
            rebind(app, &id, reason);
        }
        _ => {}
    }
}

/// Starts a new case for the highlighted case's terminal (new account or institution), marks
/// the old one superseded, and opens the new one.
fn rebind(app: &mut App, id: &str, reason: &'static str) {
    let Some(old_id) = CaseId::parse(id) else {
        return;
    };
    let mut old = match app.store.load(&old_id) {
        Ok(c) => c,
        Err(e) => {
            app.notice = Some(Notice::Error(Msg::from(&e)));
            return;
        }
    };
    let now = app.now();
    let mut new = old.rebind(reason, now);
    app.save_case(&mut new);
    app.journal(
        &new,
        "case-rebound-from",
        serde_json::json!({"case": old.id, "reason": reason}),
    );
    old.superseded_by = Some(new.id.to_string());
    app.save_case(&mut old);
    app.journal(
        &old,
        "case-superseded",
        serde_json::json!({"by": new.id, "reason": reason}),
    );
    let step = new.step;
    app.case = Some(new);
    app.enter_step(step);
    app.notice = Some(Notice::Info(Msg::new(if reason == "institution" {
        "case-rebound-institution"
    } else {
        "case-rebound"
    })));
}

fn create_case(app: &mut App) {
    let name = app
        .case_screen
        .name
        .as_ref()
        .map(|t| t.value().to_string())
        .unwrap_or_default();
    if let Err(id) = check_merchant_name(&name) {
        app.notice = Some(Notice::Error(Msg::new(id)));
        return;
    }
    let mut case = Case::new(&name, app.lang, app.demo, app.now());
    app.save_case(&mut case);
    if matches!(app.notice, Some(Notice::Error(_))) {
        return; // not saved: keep the typed name so nothing is lost
    }
    app.journal(
        &case,
        "case-created",
        serde_json::json!({ "demo": case.demo }),
    );
    app.case_screen.name = None;
    app.case = Some(case);
    app.focus = Focus::Content;
    app.enter_step(crate::onboarding::Step::PosType);
}

fn resume_case(app: &mut App, id: &str) {
    let loaded = CaseId::parse(id)
        .ok_or_else(|| crate::store::StoreError::NotFound(id.to_string()))
        .and_then(|id| app.store.load(&id));
    match loaded {
        Ok(case) => {
            let step = case.step;
            app.journal(
                &case,
                "case-resumed",
                serde_json::json!({ "step": step.id() }),
            );
            app.case = Some(case);
            app.enter_step(step);
        }
        Err(e) => app.notice = Some(Notice::Error(Msg::from(&e))),
    }
}

/// Draws the Case screen; returns where the text cursor goes, if a field is open.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = app.lang;
    let th = &app.theme;
    let screen = &app.case_screen;
    let [current, field, heading, list, hint, problems] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(if screen.name.is_some() { 2 } else { 0 }),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(u16::from(!screen.cases.is_empty()) * 2),
        Constraint::Length(u16::from(screen.problems > 0)),
    ])
    .areas(area);

    let current_text = match &app.case {
        Some(c) => tr_args(
            lang,
            "case-current",
            &[("merchant", &c.merchant.name), ("id", c.id.as_str())],
        ),
        None => tr(lang, "case-none-open"),
    };
    Paragraph::new(wrapped_lines(&current_text, current.width, Style::new())).render(current, buf);
    Line::styled(tr(lang, "case-list-heading"), th.heading()).render(heading, buf);

    // Name, step and time always; the id too when there is room.
    let w = list.width as usize;
    let show_id = w >= 90;
    let fixed = 14 + 17 + 8 + if show_id { 21 } else { 0 };
    let name_w = w.saturating_sub(fixed).max(8);
    let mut items = vec![ListItem::new(tr(lang, "case-new"))];
    for c in &screen.cases {
        let step = tr(lang, &c.step.title_id());
        let when = c
            .updated
            .with_timezone(&app.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let mut line = format!("{}{}{} ", fit(&c.merchant, name_w), fit(&step, 14), when);
        if show_id {
            line.push_str(&fit(c.id.as_str(), 21));
        }
        if c.demo {
            line.push_str(&tr(lang, "case-demo-tag"));
        }
        items.push(ListItem::new(line));
    }
    let focused = app.focus == Focus::Content && screen.name.is_none();
    let style = if focused {
        th.selected()
    } else {
        th.selected_unfocused()
    };
    let mut state = ListState::default().with_selected(Some(screen.cursor));
    StatefulWidget::render(
        List::new(items).highlight_style(style),
        list,
        buf,
        &mut state,
    );

    if !screen.cases.is_empty() {
        Paragraph::new(wrapped_lines(
            &tr(lang, "case-rebind-hint"),
            hint.width,
            th.muted(),
        ))
        .render(hint, buf);
    }
    if screen.problems > 0 {
        let n = screen.problems.to_string();
        Line::styled(tr_args(lang, "case-problems", &[("count", &n)]), th.warn())
            .render(problems, buf);
    }
    let input = screen.name.as_ref()?;
    let label = tr(lang, "case-name-label");
    let label_w = Line::raw(label.as_str()).width() as u16;
    Line::from(vec![
        Span::styled(label, th.heading()),
        Span::raw(input.value().to_string()),
    ])
    .render(field, buf);
    let x = field.x + label_w + input.cursor_width() as u16;
    Some(Position::new(
        x.min(field.right().saturating_sub(1)),
        field.y,
    ))
}
