//! Step 2 — POS type: business scenario → recommended terminal types with pros and cons, then
//! the chosen type and how many.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::i18n::{tr, tr_args};
use crate::onboarding::case::MAX_DEVICES;
use crate::onboarding::pos_types::{PosCatalog, PosType, Scenario};
use crate::onboarding::PosChoice;
use crate::tui::keymap::{Action, KeyContext};
use crate::tui::screen::{Cx, Screen, View};
use crate::tui::wrap::wrapped_lines;

/// Which widget of the POS screen has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PosFocus {
    /// The scenario list.
    #[default]
    Scenarios,
    /// The recommended types of the highlighted scenario.
    Types,
    /// The terminal count.
    Count,
}

/// State of the POS type screen.
#[derive(Debug, Default)]
pub struct PosScreen {
    /// Focused widget.
    pub focus: PosFocus,
    /// Highlighted scenario.
    pub scenario: usize,
    /// Highlighted type among the scenario's recommendations.
    pub pos_type: usize,
    /// Terminal count shown before a type is chosen.
    pub count: u32,
}

impl PosScreen {
    /// Positions the cursors on the case's current choice.
    pub fn load(&mut self, choice: Option<&PosChoice>) {
        let catalog = PosCatalog::shipped();
        *self = PosScreen {
            count: 1,
            ..PosScreen::default()
        };
        if let Some(choice) = choice {
            if let Some(i) = catalog
                .scenarios
                .iter()
                .position(|s| s.id == choice.scenario)
            {
                self.scenario = i;
                let rec = &catalog.scenarios[i].recommended;
                self.pos_type = rec.iter().position(|t| *t == choice.pos_type).unwrap_or(0);
            }
            self.count = choice.count.clamp(1, MAX_DEVICES);
        }
    }

    fn scenario<'a>(&self, catalog: &'a PosCatalog) -> Option<&'a Scenario> {
        catalog.scenarios.get(self.scenario)
    }
}

impl Screen for PosScreen {
    /// Lists take arrows; the count takes +/-.
    fn key_context(&self, _view: &View) -> KeyContext {
        KeyContext {
            typing: false,
            list: self.focus != PosFocus::Count,
            number: self.focus == PosFocus::Count,
            removable: false,
            help: false,
        }
    }

    /// The cursors land on the case's current choice.
    fn enter(&mut self, cx: &mut Cx) {
        self.load(cx.case().and_then(|c| c.pos.as_ref()));
    }

    /// Focus arrives from the rail.
    fn focus_first(&mut self, forward: bool) {
        self.focus = if forward {
            PosFocus::Scenarios
        } else {
            PosFocus::Count
        };
    }

    /// Moves focus; true when it leaves the screen (to the rail).
    fn move_focus(&mut self, forward: bool) -> bool {
        let next = match (self.focus, forward) {
            (PosFocus::Scenarios, true) => Some(PosFocus::Types),
            (PosFocus::Types, true) => Some(PosFocus::Count),
            (PosFocus::Count, false) => Some(PosFocus::Types),
            (PosFocus::Types, false) => Some(PosFocus::Scenarios),
            _ => None,
        };
        match next {
            Some(f) => {
                self.focus = f;
                false
            }
            None => true,
        }
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx) {
        let catalog = PosCatalog::shipped();
        let n_types = self
            .scenario(catalog)
            .map(|s| s.recommended.len())
            .unwrap_or(0);
        match (self.focus, action) {
            (PosFocus::Scenarios, Action::Up) => {
                self.scenario = self.scenario.saturating_sub(1);
                self.pos_type = 0;
            }
            (PosFocus::Scenarios, Action::Down) => {
                self.scenario = (self.scenario + 1).min(catalog.scenarios.len().saturating_sub(1));
                self.pos_type = 0;
            }
            // Enter on a scenario chooses it with its best recommendation; the types list then
            // has focus to choose another.
            (PosFocus::Scenarios, Action::Select) => {
                self.pos_type = 0;
                self.focus = PosFocus::Types;
                self.choose(cx);
            }
            (PosFocus::Types, Action::Up) => self.pos_type = self.pos_type.saturating_sub(1),
            (PosFocus::Types, Action::Down) => {
                self.pos_type = (self.pos_type + 1).min(n_types.saturating_sub(1))
            }
            (PosFocus::Types, Action::Select) => self.choose(cx),
            (PosFocus::Count, Action::Increase) => self.set_count(cx, 1),
            (PosFocus::Count, Action::Decrease) => self.set_count(cx, -1),
            _ => {}
        }
    }

    fn render(&self, view: &View, area: Rect, buf: &mut Buffer) -> Option<Position> {
        render(self, view, area, buf);
        None
    }
}

impl PosScreen {
    fn choose(&mut self, cx: &mut Cx) {
        let catalog = PosCatalog::shipped();
        let Some(scenario) = self.scenario(catalog) else {
            return;
        };
        let Some(type_id) = scenario.recommended.get(self.pos_type) else {
            return;
        };
        let choice = PosChoice {
            scenario: scenario.id.clone(),
            pos_type: type_id.clone(),
            count: self.count,
        };
        self.focus = PosFocus::Count;
        cx.clear_notice();
        cx.change(move |case| case.choose_pos(choice));
    }

    fn set_count(&mut self, cx: &mut Cx, delta: i64) {
        let count = (i64::from(self.count) + delta).clamp(1, i64::from(MAX_DEVICES)) as u32;
        if count == self.count {
            return;
        }
        self.count = count;
        if cx.case().is_some_and(|c| c.pos.is_some()) {
            cx.change(move |case| case.set_device_count(count));
        }
    }
}

/// Draws the POS type screen.
fn render(screen: &PosScreen, view: &View, area: Rect, buf: &mut Buffer) {
    let catalog = PosCatalog::shipped();
    let lang = view.lang;
    let chosen = view.case.and_then(|c| c.pos.as_ref());
    let focused = |f: PosFocus| view.focused && screen.focus == f;
    let n_scen = catalog.scenarios.len() as u16;
    let [h1, scenarios, gap, h2_row, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(n_scen),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
    ])
    .areas(area);
    // The heading keeps its whole width; the count field follows it.
    let h2_text = tr(lang, "pos-types-heading");
    let h2_w = (Line::raw(h2_text.as_str()).width() as u16 + 2).max(33);
    let [h2, mut count] =
        Layout::horizontal([Constraint::Length(h2_w), Constraint::Min(10)]).areas(h2_row);

    crate::tui::wrap::render_lines(
        vec![Line::styled(
            tr(lang, "pos-scenario-heading"),
            view.theme.heading(),
        )],
        h1,
        buf,
    );
    let lines: Vec<Line> = catalog
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let is_chosen = chosen.is_some_and(|c| c.scenario == s.id);
            row(
                view,
                is_chosen,
                s.name.get(lang),
                i == screen.scenario,
                focused(PosFocus::Scenarios),
            )
        })
        .collect();
    crate::tui::wrap::render_lines(lines, scenarios, buf);

    crate::tui::wrap::render_lines(vec![Line::styled(h2_text, view.theme.heading())], h2, buf);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(33), Constraint::Min(20)]).areas(body);
    let types = catalog
        .scenarios
        .get(screen.scenario)
        .map(|s| catalog.recommended(s))
        .unwrap_or_default();
    let scen_id = catalog
        .scenarios
        .get(screen.scenario)
        .map(|s| s.id.as_str());
    let lines: Vec<Line> = types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let is_chosen =
                chosen.is_some_and(|c| c.pos_type == t.id && Some(c.scenario.as_str()) == scen_id);
            row(
                view,
                is_chosen,
                t.name.get(lang),
                i == screen.pos_type,
                focused(PosFocus::Types),
            )
        })
        .collect();
    crate::tui::wrap::render_lines(lines, list, buf);
    if let Some(t) = types.get(screen.pos_type) {
        render_detail(view, t, detail, buf);
    }

    let n = screen.count.to_string();
    let style = if focused(PosFocus::Count) {
        view.theme.selected()
    } else {
        Style::new()
    };
    let count_line = Line::from(vec![
        Span::styled(tr(lang, "pos-count-label"), view.theme.heading()),
        Span::styled(tr_args(lang, "pos-count-value", &[("count", &n)]), style),
    ]);
    // Too narrow beside the heading: the count takes the row above it.
    if count_line.width() > count.width as usize {
        count = gap;
    }
    crate::tui::wrap::render_lines(vec![count_line], count, buf);
}

fn row<'a>(view: &View, chosen: bool, name: &'a str, highlighted: bool, focused: bool) -> Line<'a> {
    let mark = if chosen {
        view.theme.chosen_symbol()
    } else {
        view.theme.unchosen_symbol()
    };
    let style = match (highlighted, focused) {
        (true, true) => view.theme.selected(),
        (true, false) => view.theme.selected_unfocused(),
        _ => Style::new(),
    };
    Line::from(vec![Span::raw(mark), Span::styled(name, style)])
}

fn render_detail(view: &View, t: &PosType, area: Rect, buf: &mut Buffer) {
    let lang = view.lang;
    let w = area.width;
    let mut lines = wrapped_lines(t.hardware.get(lang), w, Style::new());
    for p in &t.pros {
        lines.extend(wrapped_lines(
            &tr_args(lang, "pos-pro", &[("text", p.get(lang))]),
            w,
            view.theme.ok(),
        ));
    }
    for c in &t.cons {
        lines.extend(wrapped_lines(
            &tr_args(lang, "pos-con", &[("text", c.get(lang))]),
            w,
            view.theme.warn(),
        ));
    }
    crate::tui::wrap::render_lines(lines, area, buf);
}
