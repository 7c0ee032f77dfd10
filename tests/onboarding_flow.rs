//! The review loop through the wizard's update function: a rejection sends the case back to
//! the materials as a new revision, which is submitted again into its own outbox.

mod common;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use posbind::i18n::Lang;
use posbind::onboarding::application::ReviewOutcome;
use posbind::onboarding::Step;
use posbind::store::Store;
use posbind::tui::theme::Theme;
use posbind::tui::{App, AppOptions, Event};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn a_rejection_leads_to_a_new_revision_and_a_second_submission() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut case = common::onboarding_case(&store, now());
    // Complete the documents so the application can be submitted again.
    let record = case.materials.documents["business-licence"].clone();
    for item in posbind::onboarding::materials::checklist(&case.materials, &case.merchant.name) {
        case.materials
            .documents
            .insert(item.id.clone(), record.clone());
    }
    case.materials
        .confirm(posbind::onboarding::materials::Field::CreditCode);
    let opts = AppOptions {
        lang: Lang::En,
        theme: Theme::new(false, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut app = App::new(store.clone(), opts);
    app.update(Event::Resize(120, 40));
    app.case = Some(case);
    app.enter_step(Step::Review);

    // Outcome → rejected, type the reason, record.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "shop photo unclear");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.step, Step::Materials);
    let c = app.case.as_ref().unwrap();
    assert_eq!(c.revision, 2);
    assert!(
        matches!(&c.review, Some(ReviewOutcome::Rejected { reason, revision: 1, .. }) if reason == "shop photo unclear")
    );
    assert!(
        c.check_step(Step::Application).is_err(),
        "revision 2 is not submitted yet"
    );

    // Submit revision 2 from the Application step (Enter twice on Submit).
    app.enter_step(Step::Application);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let c = app.case.as_ref().unwrap();
    assert_eq!(c.submissions.len(), 2, "{:?}", app.notice);
    assert_eq!(c.current_submission().unwrap().revision, 2);
    assert!(store.outbox_dir(&c.id, 2).join("application.json").exists());
    assert!(c.review.is_none(), "the new revision awaits its review");
}

#[test]
fn a_warning_is_confirmed_with_c_on_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let case = common::onboarding_case(&store, now());
    let opts = AppOptions {
        lang: Lang::En,
        theme: Theme::new(false, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut app = App::new(store, opts);
    app.update(Event::Resize(120, 40));
    app.case = Some(case);
    app.enter_step(Step::Materials);
    let field = posbind::onboarding::materials::Field::CreditCode;
    let today = chrono::Local::now().date_naive();
    let ok = |app: &App| {
        app.case
            .as_ref()
            .unwrap()
            .materials
            .check(field, "x", today)
            .ok()
    };
    assert!(!ok(&app), "the pilot code needs confirmation");
    press(&mut app, KeyCode::Down); // the credit code row
    press(&mut app, KeyCode::Char('c'));
    assert!(ok(&app));
}

#[test]
fn the_application_step_says_what_would_be_rejected_and_does_not_submit_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut case = common::onboarding_case(&store, now());
    let record = case.materials.documents["business-licence"].clone();
    for item in posbind::onboarding::materials::checklist(&case.materials, &case.merchant.name) {
        case.materials
            .documents
            .insert(item.id.clone(), record.clone());
    }
    case.materials
        .confirm(posbind::onboarding::materials::Field::CreditCode);
    // Not submitted yet, and installed in Beijing, which sample B's licence does not cover.
    case.submissions.clear();
    case.materials.address = "北京市朝阳区建国路 1 号".into();
    case.application.install_address.clear();
    let opts = AppOptions {
        lang: Lang::En,
        theme: Theme::new(false, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut app = App::new(store, opts);
    app.update(Event::Resize(120, 40));
    app.case = Some(case);
    app.enter_step(Step::Application);
    let screen = {
        let area = ratatui::layout::Rect::new(0, 0, 120, 40);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        posbind::tui::view::render(&app, area, &mut buf);
        (0..40)
            .map(|y| {
                (0..120)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(screen.contains("Likely to be rejected because"), "{screen}");
    assert!(screen.contains("Beijing"), "{screen}");
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let c = app.case.as_ref().unwrap();
    assert!(c.submissions.is_empty(), "refused: {:?}", app.notice);
    assert!(
        format!("{:?}", app.notice).contains("app-reject-blocks"),
        "{:?}",
        app.notice
    );
}
