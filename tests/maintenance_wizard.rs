//! The wizard's Maintenance screen (Go-live once the case is live), at 80x24: the health
//! findings, 移机 typed and confirmed in a few keys (journaled, the report written again with
//! the new address), 换机 in a few keys (the old terminal unbound, on to Binding for the new
//! one); a snapshot of the screen in Chinese.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use posbind::i18n::Lang;
use posbind::onboarding::basis::Lifecycle;
use posbind::onboarding::Step;
use posbind::store::Store;
use posbind::tui::theme::Theme;
use posbind::tui::{view, App, AppOptions, Event};

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A live case made by `posbind run` against the simulator; its id.
fn live_case(dir: &Path) -> (PathBuf, String) {
    live_case_with(dir, &[])
}

/// [`live_case`] from the template with `edits`.
fn live_case_with(dir: &Path, edits: &[(&str, &str)]) -> (PathBuf, String) {
    let data = dir.join("data");
    std::fs::write(dir.join("secrets.toml"), "password = \"000000\"\n").unwrap();
    let answers = common::answers_file(dir, "answers.toml", edits);
    let out = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--lang",
            "en",
            "run",
            "--port",
            "sim",
            "--json",
            "--answers",
        ])
        .arg(&answers)
        .arg("--secrets")
        .arg(dir.join("secrets.toml"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (data, v["case"].as_str().unwrap().to_string())
}

fn app(data: &Path, lang: Lang) -> App {
    app_with(data, lang, posbind::onboarding::catalog::Catalog::shipped())
}

fn app_with(data: &Path, lang: Lang, catalog: posbind::onboarding::catalog::Catalog) -> App {
    let opts = AppOptions {
        lang,
        theme: Theme::new(true, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: fixed_now,
        catalog,
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut a = App::new(Store::open(data).unwrap(), opts);
    a.update(Event::Resize(80, 24));
    a
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &App) -> String {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = ratatui::text::Span::raw(sym).width().saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The live case opened from the list, on its Maintenance screen.
fn open_maintenance(data: &Path, lang: Lang) -> App {
    let mut a = app(data, lang);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    a
}

fn journal_events(data: &Path, id: &str) -> Vec<String> {
    std::fs::read_to_string(data.join("cases").join(id).join("journal.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["event"].as_str().unwrap().to_string()
        })
        .collect()
}

/// Puts the go-live (and so the last batch closed) three days before the wizard's clock: the
/// end-of-day is overdue.
fn go_live_days_ago(data: &Path, id: &str) {
    let path = data.join("cases").join(id).join("case.json");
    let mut c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(c["training"]["practised"].is_null());
    c["golive"]["at"] = "2026-12-04T08:00:00Z".into();
    std::fs::write(&path, serde_json::to_string_pretty(&c).unwrap()).unwrap();
}

#[test]
fn findings_and_a_move_in_a_few_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    go_live_days_ago(&data, &id);
    let mut a = open_maintenance(&data, Lang::ZhCn);
    assert_eq!(a.step, Step::GoLive);
    let s = screen(&a);
    assert!(s.contains("维护（已上线）"), "{s}");
    assert!(s.contains("[需处理]"), "the overdue end-of-day: {s}");
    insta::assert_snapshot!("maintenance_zh-CN_80x24", s);

    // A confirm with nothing typed changes nothing.
    for _ in 0..4 {
        press(&mut a, KeyCode::Down);
    }
    let before = journal_events(&data, &id).len();
    press(&mut a, KeyCode::Enter);
    assert_eq!(journal_events(&data, &id).len(), before);
    assert_eq!(a.case.as_ref().unwrap().maintenance.moves.len(), 0);
    for _ in 0..3 {
        press(&mut a, KeyCode::Up);
    }
    // Address, location, approval: each Enter, text, Enter (which moves on), then confirm.
    for text in [
        "深圳市福田区福华路 8 号",
        "22.5410, 114.0560",
        "YJ-2026-0099",
    ] {
        press(&mut a, KeyCode::Enter);
        type_text(&mut a, text);
        press(&mut a, KeyCode::Enter);
    }
    press(&mut a, KeyCode::Enter);
    let case = a.case.as_ref().unwrap();
    assert_eq!(case.install_address(), "深圳市福田区福华路 8 号");
    assert_eq!(case.lifecycle(), Lifecycle::Live, "{}", screen(&a));
    let events = journal_events(&data, &id);
    assert_eq!(events[before..], ["terminal-moved", "report-written"]);
    let html = std::fs::read_to_string(
        data.join("cases")
            .join(&id)
            .join("report")
            .join("activation-report.html"),
    )
    .unwrap();
    assert!(html.contains("深圳市福田区福华路 8 号") && html.contains("YJ-2026-0099"));
    assert!(screen(&a).contains("已记录移机"), "{}", screen(&a));
    // The institution's notice, once, and the screen says where it is.
    let notice = data
        .join("cases")
        .join(&id)
        .join("outbox/change-1/notice.json");
    assert!(notice.exists());
    assert!(screen(&a).contains("变更通知"), "{}", screen(&a));
}

#[test]
fn a_replacement_in_a_few_keys_goes_on_to_binding_the_new_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id) = live_case(dir.path());
    let mut a = open_maintenance(&data, Lang::En);
    let old = a.case.as_ref().unwrap().binding.serial_label.clone();
    for _ in 0..5 {
        press(&mut a, KeyCode::Down);
    }
    for text in ["0BEE7788", "HJ-2026-0100"] {
        press(&mut a, KeyCode::Enter);
        type_text(&mut a, text);
        press(&mut a, KeyCode::Enter);
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.step, Step::Binding, "{}", screen(&a));
    let case = a.case.as_ref().unwrap();
    assert_eq!(case.binding.serial_label, "0BEE7788");
    assert_eq!(case.maintenance.replacements[0].old_serial, old);
    assert_ne!(case.lifecycle(), Lifecycle::Live);
    let events = journal_events(&data, &id);
    let n = events.len();
    assert_eq!(events[n - 2..], ["terminal-replaced", "step-changed"]);
    let s = screen(&a);
    assert!(s.contains("0BEE7788"), "{s}");
}

/// Issue 26: the most urgent finding comes first and is on screen at 80x24, however many
/// others there are; those that do not fit are counted.
#[test]
fn the_urgent_finding_comes_first_and_is_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    // The legal representative's ID expires next month (attention), the end-of-day is
    // overdue (attention), the institution's licence is revoked (urgent).
    let valid = (
        "id_valid_until = \"long-term\"",
        "id_valid_until = \"2027-01-02\"",
    );
    let (data, id) = live_case_with(dir.path(), &[valid]);
    go_live_days_ago(&data, &id);
    let path = data.join("cases").join(&id).join("case.json");
    let c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let institution = c["institution"]["id"].as_str().unwrap().to_string();
    for lang in [Lang::En, Lang::ZhCn] {
        let mut catalog = posbind::onboarding::catalog::Catalog::shipped();
        for i in &mut catalog.institutions {
            if i.id == institution {
                i.revoked = true;
            }
        }
        let mut a = app_with(&data, lang, catalog);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        let s = screen(&a);
        let (urgent, attention) = match lang {
            Lang::En => ("[urgent]", "[attention]"),
            Lang::ZhCn => ("[紧急]", "[需处理]"),
        };
        let u = s.find(urgent).unwrap_or_else(|| panic!("{s}"));
        let first_attention = s.find(attention).unwrap_or(usize::MAX);
        assert!(u < first_attention, "urgent first: {s}");
    }
}
