//! The keys test: on every step, every key the hint bar shows (and the list keys of the help)
//! changes something on screen or says why it does not — no key is silently dead.

mod common;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use posbind::i18n::Lang;
use posbind::onboarding::calendar::Calendar;
use posbind::onboarding::catalog::Catalog;
use posbind::onboarding::{Case, PosChoice, Step};
use posbind::store::Store;
use posbind::tui::keymap::{applies_on, bar_hints, Scope, BINDINGS};
use posbind::tui::theme::Theme;
use posbind::tui::{view, App, AppOptions, Event};

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// A fresh app with one case (a 电签 POS), standing on `step`.
fn on_step(dir: &std::path::Path, step: Step) -> App {
    on_step_of(dir, step, "esign")
}

/// A fresh app with one case of `pos_type`, standing on `step`.
fn on_step_of(dir: &std::path::Path, step: Step, pos_type: &str) -> App {
    let store = Store::open(dir).unwrap();
    let mut case = Case::new("Harbour Noodles", Lang::En, true, fixed_now());
    case.pos = Some(PosChoice {
        scenario: "micro".into(),
        pos_type: pos_type.into(),
        count: 1,
    });
    store.save(&mut case, fixed_now()).unwrap();
    let opts = AppOptions {
        lang: Lang::En,
        theme: Theme::new(true, false),
        demo: true,
        tz: FixedOffset::east_opt(0).unwrap(),
        clock: fixed_now,
        catalog: Catalog::shipped(),
        calendar: Calendar::shipped(),
    };
    let mut app = App::new(store, opts);
    app.update(Event::Resize(80, 24));
    app.case = Some(case);
    app.enter_step(step);
    app.notice = None;
    app
}

/// The screen with its styles (a moved highlight is a change).
fn screen(app: &App) -> Buffer {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    buf
}

/// Each POS type whose Activation and Test steps differ: a terminal posbind drives, one a
/// person confirms, a QR code.
#[test]
fn every_hinted_key_changes_something_or_says_why_not() {
    for pos_type in ["countertop", "esign", "qr"] {
        hinted_keys_do_something(pos_type);
    }
}

fn hinted_keys_do_something(pos_type: &str) {
    let mut dead = vec![];
    for step in Step::ALL {
        let probe = tempfile::tempdir().unwrap();
        let ctx = on_step_of(probe.path(), step, pos_type).key_context();
        // The hint bar's keys, and every key the step's help lists that applies here.
        let keys: Vec<_> = bar_hints(ctx)
            .chain(
                BINDINGS
                    .iter()
                    .filter(|b| applies_on(b.action, step))
                    .filter(|b| b.scope == Scope::List && ctx.list),
            )
            .collect();
        for b in keys {
            let (code, mods) = b.keys[0];
            let d = tempfile::tempdir().unwrap();
            let mut app = on_step_of(d.path(), step, pos_type);
            // Up needs somewhere to go: one row down first (and Down one row up).
            let room = match b.key_label {
                "key-up" => Some(KeyCode::Down),
                "key-down" => Some(KeyCode::Up),
                _ => None,
            };
            if let Some(k) = room {
                app.update(Event::Key(KeyEvent::new(k, mods)));
                app.notice = None;
            }
            let before = screen(&app);
            app.update(Event::Key(KeyEvent::new(code, mods)));
            let changed = screen(&app) != before || app.quit;
            if !changed {
                dead.push(format!("{pos_type} {step:?}: {}", b.key_label));
            }
        }
    }
    assert!(
        dead.is_empty(),
        "keys that do nothing and say nothing: {dead:?}"
    );
}

#[test]
fn the_help_lists_each_key_once_and_fits_80_columns() {
    for lang in [Lang::En, Lang::ZhCn] {
        let d = tempfile::tempdir().unwrap();
        let mut app = on_step(d.path(), Step::Case);
        app.lang = lang;
        // The help's area at 80 columns: the width beside the rail.
        let lines = view::help_key_lines(&app, 61);
        let mut seen = std::collections::HashSet::new();
        for l in &lines {
            assert!(l.width() <= 61, "{l:?}");
            for span in l.spans.iter().step_by(2) {
                let k = span.content.trim();
                if !k.is_empty() {
                    assert!(seen.insert(k.to_string()), "{k} listed twice: {lines:?}");
                }
            }
        }
        assert!(seen.contains("Esc") && seen.contains("Enter"));
    }
}

#[test]
fn a_help_longer_than_the_screen_scrolls_to_its_last_key() {
    let d = tempfile::tempdir().unwrap();
    let mut app = on_step(d.path(), Step::Test);
    app.update(Event::Key(KeyEvent::new(
        KeyCode::F(1),
        crossterm::event::KeyModifiers::NONE,
    )));
    assert!(app.help);
    let text = |app: &App| -> String {
        let b = screen(app);
        b.content().iter().map(|c| c.symbol()).collect()
    };
    assert!(!text(&app).contains("Quit, all saved"), "{}", text(&app));
    for _ in 0..40 {
        app.update(Event::Key(KeyEvent::new(
            KeyCode::Down,
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    assert!(text(&app).contains("Quit, all saved"), "{}", text(&app));
    assert!(app.help, "scrolling keeps the help open");
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Esc,
        crossterm::event::KeyModifiers::NONE,
    )));
    assert!(!app.help);
}

#[test]
fn enter_on_a_scenario_chooses_it() {
    let d = tempfile::tempdir().unwrap();
    let mut app = on_step(d.path(), Step::PosType);
    if let Some(c) = app.case.as_mut() {
        c.pos = None;
    }
    app.screens.pos.load(None);
    app.screens.pos.focus = posbind::tui::steps::pos_type::PosFocus::Scenarios;
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Down,
        crossterm::event::KeyModifiers::NONE,
    )));
    app.update(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    )));
    let pos = app.case.as_ref().and_then(|c| c.pos.clone());
    assert!(pos.is_some(), "Enter on a scenario chooses it");
}

#[test]
fn after_activation_an_unknown_field_is_a_dash() {
    let d = tempfile::tempdir().unwrap();
    // A terminal posbind connects to (a 电签 POS has no link and is confirmed by a person).
    let mut app = on_step_of(d.path(), Step::Activation, "countertop");
    app.update(Event::Device(posbind::tui::worker::Update::Activated(
        posbind::onboarding::device::DeviceIdentity {
            serial: "SIM0001".into(),
            name: "posbind-sim".into(),
            version: "1.0".into(),
            tid: String::new(),
            status: "E4".into(),
        },
    )));
    let b = screen(&app);
    let text: String = b.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("TID -,"), "{text}");
    assert!(!text.contains("TID ,"), "{text}");
}

#[test]
fn del_asks_before_it_removes_a_document() {
    use posbind::tui::app::Notice;
    let d = tempfile::tempdir().unwrap();
    let store = Store::open(d.path()).unwrap();
    let case = common::onboarding_case(&store, fixed_now());
    let opts = AppOptions {
        lang: Lang::En,
        theme: Theme::new(true, false),
        demo: true,
        tz: FixedOffset::east_opt(0).unwrap(),
        clock: fixed_now,
        catalog: Catalog::shipped(),
        calendar: Calendar::shipped(),
    };
    let mut app = App::new(store, opts);
    app.update(Event::Resize(80, 24));
    app.case = Some(case);
    app.enter_step(Step::Materials);
    let del = || {
        Event::Key(KeyEvent::new(
            KeyCode::Delete,
            crossterm::event::KeyModifiers::NONE,
        ))
    };
    let id = |app: &App| match &app.notice {
        Some(Notice::Info(m)) => m.id,
        _ => "",
    };
    let docs = |app: &App| app.case.as_ref().map_or(0, |c| c.materials.documents.len());
    let before = docs(&app);
    let mut asked = false;
    for row in 0..40 {
        app.screens.materials.ed.cursor = row;
        app.update(del());
        if id(&app) == "materials-remove-ask" {
            asked = true;
            assert_eq!(docs(&app), before, "the first Del only asks");
            app.update(del());
            assert_eq!(docs(&app), before - 1, "the second Del removes");
            break;
        }
        assert_eq!(id(&app), "materials-remove-none", "row {row}");
    }
    assert!(asked);
}
