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
use crate::store::CaseSummary;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::notice::{Msg, Notice};
use crate::tui::screen::{Command, Cx, Screen, View};
use crate::tui::text_input::unicode_width;
use crate::tui::text_input::TextInput;
use crate::tui::wrap::wrapped_lines;

/// State of the Case screen.
#[derive(Debug, Default)]
pub struct CaseScreen {
    /// Cases found on disk, newest first.
    pub cases: Vec<CaseSummary>,
    /// How many case files could not be read.
    pub problems: usize,
    /// The list is being read (off the UI thread); what is shown meanwhile is the last one.
    pub loading: bool,
    /// Each case's searchable text in lower case (name, id, serial number, MID), made once
    /// per list so a search keystroke compares without converting 100,000 names again.
    keys: Vec<String>,
    /// Highlighted entry: 0 is "new case", then the shown cases.
    pub cursor: usize,
    /// The merchant-name field, while a new case is being named.
    name: Option<TextInput>,
    /// The search text (`/`); kept after Enter so the filtered list can be walked.
    filter: TextInput,
    /// The search field has focus (typing goes into it).
    filtering: bool,
    /// Indexes into `cases` that match the search, in list order.
    shown: Vec<usize>,
    /// A rebind key pressed once: the same key again creates the rebind case (it creates a
    /// case and supersedes the old one, so it asks first).
    rebind_asked: Option<Action>,
}

impl CaseScreen {
    /// Replaces the list (newest first) and the count of unreadable files; the search stays.
    pub fn set_cases(&mut self, cases: Vec<CaseSummary>, problems: usize) {
        // The fields `CaseSummary::matches` searches, joined by a character no one types.
        self.keys = cases
            .iter()
            .map(|c| {
                format!("{}\u{1}{}\u{1}{}\u{1}{}", c.merchant, c.id, c.serial, c.mid).to_lowercase()
            })
            .collect();
        self.cases = cases;
        self.problems = problems;
        self.refilter();
    }

    /// Recomputes the shown cases after the list or the search changed. One pass of substring
    /// tests over the prepared keys: with 100,000 cases a few milliseconds per key (see
    /// benches/wizard.rs).
    fn refilter(&mut self) {
        let needle = self.filter.value().trim().to_lowercase();
        self.shown = if needle.is_empty() {
            (0..self.cases.len()).collect()
        } else {
            (0..self.keys.len())
                .filter(|&i| self.keys[i].contains(&needle))
                .collect()
        };
        self.cursor = self.cursor.min(self.shown.len());
    }

    /// The cases shown (matching the search), in list order.
    pub fn shown(&self) -> impl Iterator<Item = &CaseSummary> {
        self.shown.iter().map(|&i| &self.cases[i])
    }

    /// The search text.
    pub fn filter_text(&self) -> &str {
        self.filter.value()
    }

    /// The highlighted case, if the cursor is on one.
    pub fn highlighted(&self) -> Option<&CaseSummary> {
        let i = *self.shown.get(self.cursor.checked_sub(1)?)?;
        self.cases.get(i)
    }

    /// The name field, if open.
    pub fn name_input(&self) -> Option<&TextInput> {
        self.name.as_ref()
    }
}

impl Screen for CaseScreen {
    /// Typing while the name or search field is open, list navigation otherwise.
    fn key_context(&self, _view: &View) -> KeyContext {
        let typing = self.name.is_some() || self.filtering;
        KeyContext {
            typing,
            list: !typing,
            number: false,
            removable: false,
            help: false,
        }
    }

    /// The name field creates a case on Enter and the search field walks its matches.
    fn enter_keeps_text(&self) -> bool {
        false
    }

    /// Gives an editing key to the name field.
    fn edit_key(&mut self, key: &KeyEvent) -> bool {
        if self.filtering {
            let used = self.filter.handle_key(key);
            if used {
                self.refilter();
                // Filtering as you type: the best match is highlighted at once.
                self.cursor = usize::from(!self.shown.is_empty());
            }
            return used;
        }
        self.name.as_mut().is_some_and(|t| t.handle_key(key))
    }

    /// The list is read again (off the UI thread); a name typed for a case created since is
    /// gone with it.
    fn enter(&mut self, cx: &mut Cx) {
        self.name = None;
        self.loading = true;
        cx.send(Command::LoadCases);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        if let Some(name) = &self.name {
            match action {
                // The wizard checks the name; a refused one stays in the field.
                Action::Select => cx.send(Command::NewCase(name.value().to_string())),
                Action::Back => {
                    self.name = None;
                    cx.clear_notice();
                }
                _ => {}
            }
            return;
        }
        if self.filtering {
            self.on_search_action(action);
            return;
        }
        self.on_list_action(action, cx);
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf)
    }
}

impl CaseScreen {
    fn on_search_action(&mut self, action: Action) {
        self.rebind_asked = None;
        match action {
            // Enter keeps the search and hands the keys to the filtered list.
            Action::Select => self.filtering = false,
            // Esc drops the search: the whole list again.
            Action::Back => {
                self.filtering = false;
                self.filter = TextInput::default();
                self.refilter();
            }
            _ => {}
        }
    }

    fn on_list_action(&mut self, action: Action, cx: &mut Cx) {
        let asked = self.rebind_asked.take();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(self.shown.len()),
            Action::Filter => {
                self.filtering = true;
                cx.clear_notice();
            }
            // Demo only: the wizard says so elsewhere.
            Action::SampleCase => cx.send(Command::SampleCase),
            Action::Select if self.cursor == 0 => {
                self.name = Some(TextInput::default());
                cx.clear_notice();
            }
            Action::Select => {
                if let Some(id) = self.highlighted().map(|c| c.id.clone()) {
                    cx.send(Command::OpenCase(id));
                }
            }
            Action::RebindAccount | Action::RebindInstitution if self.cursor == 0 => {
                cx.info("case-rebind-pick");
            }
            // A case with no bound terminal (or one rebound already): refused, with why.
            Action::RebindAccount | Action::RebindInstitution
                if self
                    .highlighted()
                    .is_some_and(|c| c.status.rebind_refusal().is_some()) =>
            {
                let Some(c) = self.highlighted() else { return };
                let id = c
                    .status
                    .rebind_refusal()
                    .unwrap_or("case-rebind-refused-unbound");
                cx.notice(Notice::Error(Msg {
                    id,
                    args: vec![("name", c.merchant.clone())],
                }));
            }
            // It creates a case and supersedes the old one: the first press asks.
            Action::RebindAccount | Action::RebindInstitution if asked != Some(action) => {
                let Some(name) = self.highlighted().map(|c| c.merchant.clone()) else {
                    return;
                };
                self.rebind_asked = Some(action);
                let id = if action == Action::RebindAccount {
                    "case-rebind-ask-account"
                } else {
                    "case-rebind-ask-institution"
                };
                cx.notice(Notice::Info(Msg {
                    id,
                    args: vec![("name", name)],
                }));
            }
            Action::RebindAccount | Action::RebindInstitution => {
                let Some(id) = self.highlighted().map(|c| c.id.clone()) else {
                    return;
                };
                let reason = if action == Action::RebindAccount {
                    "account"
                } else {
                    "institution"
                };
                cx.send(Command::Rebind { id, reason });
            }
            _ => {}
        }
    }
}

/// Cuts `s` to `width` display columns with one column of space after it; a cut text ends in
/// "…" so it never runs into the next column.
fn cell(s: &str, width: usize) -> String {
    let room = width.saturating_sub(1);
    if unicode_width(s) <= room {
        return fit(s, width);
    }
    fit(&super::fit_ellipsis(s, room), width)
}

/// The keys of the list (and the demo's sample), as lines `width` wide.
fn hint_lines(screen: &CaseScreen, view: &View, width: u16) -> Vec<Line<'static>> {
    let lang = view.lang;
    let hint_text = if screen.filtering {
        tr(lang, "case-filter-hint")
    } else if screen.cases.is_empty() {
        String::new()
    } else {
        format!(
            "{} {}",
            tr(lang, "case-search-hint"),
            tr(lang, "case-rebind-hint")
        )
    };
    // The demo offers its sample merchant first: the quickest way to see every step.
    let hint_text = if view.demo && !screen.filtering {
        format!("{} {hint_text}", tr(lang, "case-sample-hint"))
    } else {
        hint_text
    };
    if hint_text.trim().is_empty() {
        vec![]
    } else {
        wrapped_lines(hint_text.trim(), width, view.theme.muted())
    }
}

/// The list's heading; it carries the search: "/ text — 3 of 20000".
fn heading_line(screen: &CaseScreen, view: &View, search_open: bool) -> Line<'static> {
    let lang = view.lang;
    let th = view.theme;
    let mut head = vec![Span::styled(tr(lang, "case-list-heading"), th.heading())];
    // The first frame comes before the list: say that it is on its way.
    if screen.loading {
        head.push(Span::styled(
            format!("  {}", tr(lang, "case-list-loading")),
            th.muted(),
        ));
    }
    if search_open {
        head.push(Span::raw("  / "));
        head.push(Span::raw(screen.filter.value().to_string()));
        let shown = screen.shown.len().to_string();
        let total = screen.cases.len().to_string();
        head.push(Span::styled(
            format!(
                "  {}",
                tr_args(
                    lang,
                    "case-filter-count",
                    &[("shown", &shown), ("total", &total)]
                )
            ),
            th.muted(),
        ));
    }
    Line::from(head)
}

/// The column headers and the cases that can be seen, the highlighted one kept in view.
fn render_list(
    screen: &CaseScreen,
    view: &View,
    search_open: bool,
    columns: Rect,
    list: Rect,
    buf: &mut Buffer,
) {
    let lang = view.lang;
    let th = view.theme;
    // Name, status and step always; the time of the last change, the serial number and the
    // id as the width allows (at 80 columns the name keeps room to be read). Every column is
    // cut with "…" and followed by a space, so the header and the rows line up.
    let w = list.width as usize;
    let show_when = w >= 84;
    let show_serial = w >= 96;
    // The short id (the case id's random last part) tells two cases of one merchant apart;
    // the whole id is on the current-case line, in the side pane and found by `/`.
    let (status_w, step_w, id_w) = (16, 12, 5);
    let when_w = if show_when { 17 } else { 0 };
    let serial_w = if show_serial { 12 } else { 0 };
    let demo_w = unicode_width(&tr(lang, "case-demo-tag"));
    let name_w = w
        .saturating_sub(2 + id_w + status_w + step_w + when_w + serial_w + demo_w)
        .max(8);
    let row = |name: &str, status: &str, step: &str, when: &str, id: &str, serial: &str| {
        let mut line = format!(
            "  {}{}{}{}",
            cell(id, id_w),
            cell(name, name_w),
            cell(status, status_w),
            cell(step, step_w),
        );
        if show_when {
            line.push_str(&cell(when, when_w));
        }
        if show_serial {
            line.push_str(&cell(serial, serial_w));
        }
        line
    };
    if !screen.cases.is_empty() {
        Line::styled(
            row(
                &tr(lang, "case-col-merchant"),
                &tr(lang, "case-col-status"),
                &tr(lang, "case-col-step"),
                &tr(lang, "case-col-updated"),
                &tr(lang, "case-col-short-id"),
                &tr(lang, "case-col-serial"),
            ),
            th.muted(),
        )
        .render(columns, buf);
    }
    let mut items = vec![ListItem::new(tr(lang, "case-new"))];
    // Only the rows that can be seen are formatted: the list may hold 20,000 cases.
    let visible = list.height as usize;
    let first = screen.cursor.saturating_sub(visible.saturating_sub(1));
    let skip = first.saturating_sub(1);
    for c in screen.shown().skip(skip).take(visible + 1) {
        let step = tr(lang, &c.step.title_id());
        let when = c
            .updated
            .with_timezone(&view.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let status = c.status.text(lang);
        let short_id = c.id.rsplit('-').next().unwrap_or(&c.id);
        let mut line = row(&c.merchant, &status, &step, &when, short_id, &c.serial);
        if c.demo {
            line.push_str(&tr(lang, "case-demo-tag"));
        }
        items.push(ListItem::new(line));
    }
    if search_open && screen.shown.is_empty() {
        items.push(ListItem::new(Line::styled(
            format!("  {}", tr(lang, "case-filter-none")),
            th.muted(),
        )));
    }
    // The "new case" row scrolls away with the rest; keep indexes consistent with `items`.
    let (items, selected) = if skip > 0 {
        (items.split_off(1), screen.cursor - skip - 1)
    } else {
        (items, screen.cursor)
    };
    let focused = view.focused && screen.name.is_none() && !screen.filtering;
    let style = if focused {
        th.selected()
    } else {
        th.selected_unfocused()
    };
    let mut state = ListState::default().with_selected(Some(selected));
    StatefulWidget::render(
        List::new(items).highlight_style(style),
        list,
        buf,
        &mut state,
    );
}

/// Rows the list keeps for itself: the "new case" row and 8 cases.
const MIN_LIST_ROWS: u16 = 9;

/// Draws the Case screen; returns where the text cursor goes, if a field is open.
fn render(screen: &CaseScreen, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let lang = view.lang;
    let th = view.theme;
    let search_open = screen.filtering || !screen.filter.value().is_empty();
    let current_text = match view.case {
        Some(c) => tr_args(
            lang,
            "case-current",
            &[("merchant", &c.merchant.name), ("id", c.id.as_str())],
        ),
        None => tr(lang, "case-none-open"),
    };
    let current_lines = wrapped_lines(&current_text, area.width, Style::new());
    let field_rows = if screen.name.is_some() { 2 } else { 0 };
    // The list keeps at least 8 cases in view (and the "new case" row): when they would not
    // fit, the hint is the one-line list of keys, F1 help says the rest.
    let mut hint_lines = hint_lines(screen, view, area.width);
    let fixed = current_lines.len() as u16 + 1 + field_rows + 2 + u16::from(screen.problems > 0);
    let list_rows = area.height.saturating_sub(fixed + hint_lines.len() as u16);
    let wanted = MIN_LIST_ROWS.min(screen.shown.len() as u16 + 1);
    if list_rows < wanted && !screen.filtering {
        let id = if view.demo {
            "case-keys-short-demo"
        } else {
            "case-keys-short"
        };
        hint_lines = wrapped_lines(&tr(lang, id), area.width, view.theme.muted());
    }
    let [current, _, field, heading, columns, list, hint, problems] = Layout::vertical([
        Constraint::Length(current_lines.len() as u16),
        Constraint::Length(1),
        Constraint::Length(field_rows),
        Constraint::Length(1),
        Constraint::Length(u16::from(!screen.cases.is_empty())),
        Constraint::Min(3),
        Constraint::Length(hint_lines.len() as u16),
        Constraint::Length(u16::from(screen.problems > 0)),
    ])
    .areas(area);

    Paragraph::new(current_lines).render(current, buf);

    heading_line(screen, view, search_open).render(heading, buf);

    render_list(screen, view, search_open, columns, list, buf);

    crate::tui::wrap::render_lines(hint_lines, hint, buf);
    if screen.problems > 0 {
        let n = screen.problems.to_string();
        Line::styled(tr_args(lang, "case-problems", &[("count", &n)]), th.warn())
            .render(problems, buf);
    }
    if screen.filtering {
        let prefix = Line::from(vec![
            Span::raw(tr(lang, "case-list-heading")),
            Span::raw("  / "),
        ])
        .width() as u16;
        let x = heading.x + prefix + screen.filter.cursor_width() as u16;
        return Some(Position::new(
            x.min(heading.right().saturating_sub(1)),
            heading.y,
        ));
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
