//! Screen snapshots of the wizard shell and its steps at 80x24 and 120x40 in both languages,
//! drawn with ratatui's TestBackend-style buffer rendering and compared with insta.

mod common;
#[path = "common/screen_checks.rs"]
mod screen_checks;

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use posbind::i18n::Lang;
use posbind::onboarding::{Case, CaseId, PosChoice, Step};
use posbind::store::Store;
use posbind::tui::theme::Theme;
use posbind::tui::{view, App, AppOptions, Event};

fn fixed_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::En, Lang::ZhCn];

/// A store with two cases with fixed ids and times.
fn seeded_store(dir: &std::path::Path) -> Store {
    let store = Store::open(dir).unwrap();
    let mut a = Case::new("好再来超市", Lang::ZhCn, false, fixed_now());
    a.id = CaseId::parse("20261120-091500-0a1b").unwrap();
    a.step = Step::Materials;
    a.pos = Some(PosChoice {
        scenario: "micro".into(),
        pos_type: "esign".into(),
        count: 2,
    });
    store
        .save(
            &mut a,
            DateTime::parse_from_rfc3339("2026-11-20T09:30:00Z")
                .unwrap()
                .into(),
        )
        .unwrap();
    let mut b = Case::new("Harbour Noodles", Lang::En, true, fixed_now());
    b.id = CaseId::parse("20261121-140000-2c3d").unwrap();
    store
        .save(
            &mut b,
            DateTime::parse_from_rfc3339("2026-11-21T14:00:00Z")
                .unwrap()
                .into(),
        )
        .unwrap();
    store
}

fn options(lang: Lang) -> AppOptions {
    AppOptions {
        lang,
        theme: Theme::new(true, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: fixed_now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    }
}

fn app(dir: &std::path::Path, lang: Lang, size: (u16, u16)) -> App {
    let mut app = App::new(seeded_store(dir), options(lang));
    app.update(Event::Resize(size.0, size.1));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The buffer as plain text, one line per row, wide characters once.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = ratatui::text::Span::raw(sym).width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn draw(app: &App) -> String {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let mut buf = Buffer::empty(area);
    view::render(app, area, &mut buf);
    let screen = text(&buf);
    assert_no_silent_cut(&screen);
    if let Some(split) = screen_checks::word_splits(&buf).first() {
        panic!("{split}\n{screen}");
    }
    // The rail is 18 columns and a gap.
    if app.size.0 >= 120 && app.size.1 >= 40 {
        if let Some(short) = screen_checks::fill_shortfall(&buf, 19) {
            panic!("a wide screen mostly empty: {short}\n{screen}");
        }
    }
    screen
}

/// Every text the screens show, in pieces between placeholders: the message files of both
/// languages, the catalog's names and the training topics.
fn full_texts() -> Vec<String> {
    let mut out = vec![];
    for ftl in [
        include_str!("../assets/locales/en/posbind.ftl"),
        include_str!("../assets/locales/zh-CN/posbind.ftl"),
        include_str!("../assets/training.toml"),
        include_str!("../assets/catalog.toml"),
        include_str!("../assets/pos_types.toml"),
    ] {
        for line in ftl.lines() {
            let value = match line.split_once(" = ") {
                Some((_, v)) => v,
                None => line.trim_start(),
            };
            // Pieces between placeholders ({ $x }) and between TOML quotes.
            for piece in value.split(['{', '}', '"']) {
                let piece = piece.trim();
                if piece.chars().count() >= 6 && !piece.starts_with('$') {
                    out.push(piece.to_string());
                }
            }
        }
    }
    out
}

/// Fails when a screen row ends in a piece of a known text that goes on, without "…" and
/// without the next row going on with it: a text cut off silently.
fn assert_no_silent_cut(screen: &str) {
    let texts = full_texts();
    let rows: Vec<&str> = screen.lines().collect();
    for (y, row) in rows.iter().enumerate() {
        let row = row.trim_end();
        if row.ends_with('…') {
            continue;
        }
        // The last cell of the row: what follows the last run of two or more spaces.
        let tail = row.rsplit("  ").next().unwrap_or("").trim();
        // Short cells (a value, a word) match too much by chance.
        if ratatui::text::Span::raw(tail).width() < 10 {
            continue;
        }
        // A known text that ends right there: the row ends with a whole text.
        let bare = tail.trim_end_matches(['.', '。']);
        if texts
            .iter()
            .any(|t| t.trim_end_matches(['.', '。']).ends_with(bare))
        {
            continue;
        }
        let next = rows.get(y + 1).copied().unwrap_or("");
        // The texts the row's end is in and that go on mid-phrase (a full stop or a closing
        // mark may end it); the row is cut silently when none of them goes on in the next row
        // (a word such as "Initialisation" is in both languages' texts, followed differently).
        let mut cut_in = None;
        for t in &texts {
            let Some(at) = t.find(tail) else { continue };
            let rest = t[at + tail.len()..].trim_start();
            let Some(first) = rest.chars().next() else {
                continue;
            };
            if "。.，,；;：:）)」】!！?？|·、/".contains(first) {
                continue;
            }
            let head: String = rest.chars().take(2).collect();
            if next.contains(head.as_str()) {
                cut_in = None;
                break;
            }
            cut_in.get_or_insert(t);
        }
        if let Some(t) = cut_in {
            panic!("cut without \"…\" in row {y}: {row:?} (of {t:?})\n{screen}");
        }
    }
}

/// Snapshots `setup`'s screen at every size and language.
fn snap_all(name: &str, setup: impl Fn(&mut App)) {
    for lang in LANGS {
        for size in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut a = app(dir.path(), lang, size);
            setup(&mut a);
            let snap = format!("{name}_{}_{}x{}", lang.tag(), size.0, size.1);
            insta::assert_snapshot!(snap, draw(&a));
        }
    }
}

#[test]
fn case_step_with_existing_cases() {
    snap_all("case_list", |_| {});
}

/// Issue 28: the first frame comes before the case list is read (it may hold 100,000 cases):
/// it says the list is on its way; the list then fills in.
#[test]
fn first_frame_before_the_case_list_is_read() {
    for lang in LANGS {
        for size in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let mut a = App::starting(seeded_store(dir.path()), options(lang));
            a.update(Event::Resize(size.0, size.1));
            let first = draw(&a);
            let snap = format!("case_list_loading_{}_{}x{}", lang.tag(), size.0, size.1);
            insta::assert_snapshot!(snap, first);
            let loading = posbind::i18n::tr(lang, "case-list-loading");
            assert!(first.contains(&loading) && !first.contains("Harbour Noodles"));
            a.load_cases();
            let filled = draw(&a);
            assert!(!filled.contains(&loading) && filled.contains("Harbour Noodles"));
        }
    }
}

#[test]
fn case_step_naming_a_new_case() {
    snap_all("case_new_name", |a| {
        press(a, KeyCode::Enter);
        for c in "新开张便利店".chars() {
            press(a, KeyCode::Char(c));
        }
    });
}

#[test]
fn pos_type_step_of_a_resumed_case() {
    snap_all("pos_type", |a| {
        press(a, KeyCode::Down); // Harbour Noodles (newest)
        press(a, KeyCode::Down); // 好再来超市
        press(a, KeyCode::Enter); // resumes at Materials
        press(a, KeyCode::Esc); // back to POS type
    });
}

#[test]
fn materials_of_a_resumed_case_list_what_is_missing() {
    snap_all("materials_missing_list", |a| {
        press(a, KeyCode::Down);
        press(a, KeyCode::Down);
        press(a, KeyCode::Enter);
        press(a, KeyCode::PageDown);
    });
}

#[test]
fn help_overlay() {
    snap_all("help_case", |a| press(a, KeyCode::F(1)));
}

#[test]
fn too_small_terminal() {
    for lang in LANGS {
        let dir = tempfile::tempdir().unwrap();
        let a = app(dir.path(), lang, (60, 16));
        insta::assert_snapshot!(format!("too_small_{}", lang.tag()), draw(&a));
    }
}

#[test]
fn no_color_theme_uses_modifiers_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), Lang::En, (80, 24));
    a.theme = Theme::new(false, true);
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    view::render(&a, area, &mut buf);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let t = text(&buf);
    // Only user data (a Chinese merchant name) may be non-ASCII; all chrome is ASCII.
    assert!(
        t.replace("好再来超市", "").is_ascii(),
        "--ascii chrome is pure ASCII:\n{t}"
    );
}

fn onboarding_app(dir: &std::path::Path, lang: Lang, size: (u16, u16), step: Step) -> App {
    let store = Store::open(dir).unwrap();
    let case = common::onboarding_case(&store, fixed_now());
    let opts = AppOptions {
        lang,
        theme: Theme::new(true, false),
        demo: true,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: fixed_now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut app = App::new(store, opts);
    app.update(Event::Resize(size.0, size.1));
    app.case = Some(case);
    app.enter_step(step);
    app
}

#[test]
fn onboarding_steps() {
    for (name, step) in [
        ("materials", Step::Materials),
        ("institution", Step::Institution),
        ("application", Step::Application),
        ("review", Step::Review),
        ("contract", Step::Contract),
        ("binding", Step::Binding),
        ("activation", Step::Activation),
        ("test", Step::Test),
        ("training", Step::Training),
        ("golive", Step::GoLive),
    ] {
        for lang in LANGS {
            for size in SIZES {
                let dir = tempfile::tempdir().unwrap();
                let a = onboarding_app(dir.path(), lang, size, step);
                let snap = format!("{name}_{}_{}x{}", lang.tag(), size.0, size.1);
                let screen = draw(&a);
                // Personal numbers never appear in full on a screen.
                for secret in ["11010519491231002X", "755912345610001", "18012341999"] {
                    assert!(!screen.contains(secret), "{snap} shows {secret}");
                }
                insta::assert_snapshot!(snap, screen);
            }
        }
    }
}

#[test]
fn a_row_the_list_shortens_is_whole_in_the_detail_when_highlighted() {
    for (step, full) in [
        (Step::Materials, "手持身份证件照片（部分机构要求）"),
        (Step::Binding, "示例收单乙（样例数据）（机构代码 48990002）"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = onboarding_app(dir.path(), Lang::ZhCn, (80, 24), step);
        let mut seen_cut = false;
        let mut seen_whole = false;
        for _ in 0..30 {
            let screen = draw(&a);
            let prefix: String = full.chars().take(6).collect();
            seen_cut |= screen
                .lines()
                .any(|l| l.contains(&prefix) && l.contains('…'));
            // The content beside the rail, its rows joined (a long text wraps).
            let area = Rect::new(0, 0, 80, 24);
            let mut buf = Buffer::empty(area);
            view::render(&a, area, &mut buf);
            let mut joined = String::new();
            for y in 0..24 {
                for x in 19..80 {
                    joined.push_str(buf[(x, y)].symbol());
                }
            }
            seen_whole |= joined.replace(' ', "").contains(&full.replace(' ', ""));
            press(&mut a, KeyCode::Down);
        }
        assert!(seen_cut, "{step:?}: the list shortens {full}");
        assert!(
            seen_whole,
            "{step:?}: {full} is whole somewhere when highlighted"
        );
    }
}

#[test]
fn words_follow_the_language_and_say_what_they_mean() {
    // 长期 typed or stored as long-term: shown in the UI's language.
    for (stored, lang, shown, not) in [
        ("long-term", Lang::ZhCn, "长期", "long-term"),
        ("长期", Lang::En, "long-term", "长期"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = onboarding_app(dir.path(), lang, (120, 40), Step::Materials);
        if let Some(c) = a.case.as_mut() {
            c.materials.id_valid_until = stored.into();
        }
        let screen = draw(&a);
        assert!(screen.contains(shown) && !screen.contains(not), "{screen}");
    }
    // No debit cap is said, not shown as "- yuan"; the 99-yuan service fee is not a data fee.
    let dir = tempfile::tempdir().unwrap();
    let mut a = onboarding_app(dir.path(), Lang::ZhCn, (120, 40), Step::Institution);
    let mut seen = String::new();
    for _ in 0..5 {
        seen.push_str(&draw(&a));
        press(&mut a, KeyCode::Down);
    }
    assert!(seen.contains("借记不封顶"), "{seen}");
    assert!(!seen.contains("封顶 - 元"), "{seen}");
    assert!(seen.contains("该报价收取“服务费”99 元"), "{seen}");
    assert!(!seen.contains("每年收取 99 元流量费"), "{seen}");
}

#[test]
fn test_step_during_a_run() {
    use posbind::testloop::{Control, TxnResult};
    for lang in LANGS {
        for size in SIZES {
            for ascii in [false, true] {
                let dir = tempfile::tempdir().unwrap();
                let mut a = onboarding_app(dir.path(), lang, size, Step::Test);
                a.theme = Theme::new(true, ascii);
                a.dev.looping = true;
                a.dev.planned = 10;
                a.dev.current = 8;
                a.dev.control = Some(std::sync::Arc::new(Control::default()));
                for (i, ms) in [412.0, 388.0, 1250.0, 402.0, 395.0, 2210.0, 430.0]
                    .iter()
                    .enumerate()
                {
                    a.dev.rounds.push(TxnResult {
                        index: i as u32 + 1,
                        ok: true,
                        latency_ms: *ms,
                        ack_ms: None,
                        first_status_ms: None,
                        result_code: None,
                        error: None,
                        message: None,
                        error_args: vec![],
                        cardholder_ms: None,
                        receipt: None,
                        reversed: Some(true),
                    });
                }
                let name = format!(
                    "test_running{}_{}_{}x{}",
                    if ascii { "_ascii" } else { "" },
                    lang.tag(),
                    size.0,
                    size.1
                );
                insta::assert_snapshot!(name, draw(&a));
            }
        }
    }
}

/// Issue 24: the Activation and Test steps follow the case's POS type. A terminal without a
/// cash-register link (电签, smart, MPOS, wireless without a link) is activated on the device
/// and a person confirms each step; a QR code is bound to the MID and tested by a scan.
#[test]
fn activation_and_test_by_pos_type() {
    for pos_type in ["esign", "smart", "mpos", "wireless", "qr"] {
        for (name, step) in [("activation", Step::Activation), ("test", Step::Test)] {
            for lang in LANGS {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(dir.path()).unwrap();
                let mut case = common::onboarding_case(&store, fixed_now());
                case.pos.as_mut().unwrap().pos_type = pos_type.into();
                case.activation.register_link = false;
                let mut app = App::new(store, options(lang));
                app.update(Event::Resize(80, 24));
                app.case = Some(case);
                app.enter_step(step);
                let snap = format!("{name}_{pos_type}_{}_80x24", lang.tag());
                let screen = draw(&app);
                assert!(!screen.contains("/dev/tty"), "{snap} offers a port");
                insta::assert_snapshot!(snap, screen);
            }
        }
    }
}

/// The screens in the README are the snapshots they name, as they are now.
#[test]
fn the_readme_screens_are_the_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut seen = 0;
    for (at, _) in readme.match_indices("(`tests/snapshots/") {
        let name_start = at + 2;
        let name_end = name_start + readme[name_start..].find('`').unwrap();
        let name = &readme[name_start..name_end];
        let block_start = name_end + readme[name_end..].find("```\n").unwrap() + 4;
        let block_end = block_start + readme[block_start..].find("```").unwrap();
        let shown = &readme[block_start..block_end];
        let snap = std::fs::read_to_string(root.join(name)).unwrap();
        let body = snap.splitn(3, "---\n").nth(2).unwrap();
        assert_eq!(shown.trim_end(), body.trim_end(), "README's {name}");
        seen += 1;
    }
    assert!(seen >= 2, "README shows {seen} screens");
}

/// Issue 25: the rejection predictor speaks, as the case now is, on the step where what a rule
/// checks is entered: coordinates outside the install province on Binding (not elsewhere), the
/// credit code's region on Materials, in both languages; a finding goes once it is fixed.
#[test]
fn the_rejection_predictor_speaks_on_the_step_of_its_data() {
    use posbind::onboarding::validate::GeoPoint;
    for (lang, asked, region) in [
        (Lang::En, "May be questioned", "Fujian"),
        (Lang::ZhCn, "审核预判", "福建"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut case = common::onboarding_case(&store, fixed_now());
        // Beijing, for a shop in Shenzhen.
        case.binding.location = Some(GeoPoint {
            lat: 39.9042,
            lon: 116.4074,
        });
        let mut app = App::new(store, options(lang));
        app.update(Event::Resize(80, 24));
        app.case = Some(case);
        app.enter_step(Step::Binding);
        let screen = draw(&app);
        assert!(
            screen.contains(asked) && screen.contains("39.9042"),
            "{screen}"
        );
        // Materials: the trade proof MCC 5411 asks for comes first, the credit code's region
        // (Fujian, for a shop in Guangdong) is counted after it.
        app.enter_step(Step::Materials);
        let screen = draw(&app);
        assert!(
            screen.contains(asked) && screen.contains("5411") && !screen.contains(region),
            "{screen}"
        );
        assert!(!screen.contains("39.9042"), "{screen}");
        app.enter_step(Step::Training);
        assert!(
            !draw(&app).contains(asked),
            "no rule checks Training's data"
        );
        app.case.as_mut().unwrap().binding.location = Some(GeoPoint {
            lat: 22.5431,
            lon: 114.0579,
        });
        app.enter_step(Step::Binding);
        let screen = draw(&app);
        assert!(!screen.contains(asked), "{screen}");
    }
}
