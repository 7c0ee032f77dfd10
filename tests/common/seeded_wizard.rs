//! The wizard with three seeded cases, drawn to text: the fixture of the case-search and FAQ
//! tests (`#[path]`-included by each).

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use posbind::i18n::Lang;
use posbind::onboarding::application::ReviewOutcome;
use posbind::onboarding::{Case, CaseId, Step};
use posbind::store::Store;
use posbind::tui::theme::Theme;
use posbind::tui::{view, App, AppOptions, Event};

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn fixed_now() -> DateTime<Utc> {
    at("2026-11-26T08:00:00Z")
}

pub fn seeded(dir: &std::path::Path) -> Store {
    let store = Store::open(dir).unwrap();
    let mut a = Case::new(
        "Hangzhou Lakeside Noodle House and Tea Garden Restaurant",
        Lang::En,
        false,
        fixed_now(),
    );
    a.id = CaseId::parse("20261120-091500-0a1b").unwrap();
    a.step = Step::Training;
    a.binding.serial_label = "00C0FFEE".into();
    store.save(&mut a, at("2026-11-20T09:30:00Z")).unwrap();
    let mut b = Case::new("Harbour Books", Lang::En, false, fixed_now());
    b.id = CaseId::parse("20261121-140000-2c3d").unwrap();
    b.step = Step::Contract;
    b.review = Some(ReviewOutcome::Approved {
        mid: "102584058120042".into(),
        tid: "12345678".into(),
        activation_password: "000000".into(),
        at: fixed_now(),
        simulated: true,
    });
    store.save(&mut b, at("2026-11-21T14:00:00Z")).unwrap();
    let mut c = Case::new("好再来超市", Lang::ZhCn, false, fixed_now());
    c.id = CaseId::parse("20261122-100000-4e5f").unwrap();
    store.save(&mut c, at("2026-11-22T10:00:00Z")).unwrap();
    store
}

pub fn app(dir: &std::path::Path, lang: Lang, size: (u16, u16)) -> App {
    let opts = AppOptions {
        lang,
        theme: Theme::new(true, false),
        demo: false,
        tz: FixedOffset::east_opt(8 * 3600).unwrap(),
        clock: fixed_now,
        catalog: posbind::onboarding::catalog::Catalog::shipped(),
        calendar: posbind::onboarding::calendar::Calendar::shipped(),
    };
    let mut app = App::new(seeded(dir), opts);
    app.update(Event::Resize(size.0, size.1));
    app
}

pub fn press(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The screen as text, a wide glyph once.
pub fn draw(app: &App) -> Vec<String> {
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
        .collect()
}

pub fn screen(app: &App) -> String {
    draw(app).join("\n")
}
