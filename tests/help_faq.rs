//! Issue 15: F1 has a "常见问题 / FAQ" page (Tab) answered with the open case's data, in both
//! languages, scrollable at 80x24.

use crossterm::event::KeyCode;

use posbind::i18n::Lang;

#[path = "common/seeded_wizard.rs"]
mod seeded_wizard;

use seeded_wizard::*;

#[test]
fn f1_then_tab_shows_the_faq_with_the_case_data_and_scrolls() {
    for lang in [Lang::ZhCn, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let mut a = app(dir.path(), lang, (80, 24));
        // Open the approved case (Harbour Books) and ask.
        press(&mut a, KeyCode::Char('/'));
        type_text(&mut a, "books");
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Enter);
        a.case.as_mut().unwrap().institution = posbind::onboarding::catalog::Catalog::shipped()
            .get("sample-b")
            .cloned();
        press(&mut a, KeyCode::F(1));
        let keys = screen(&a);
        assert!(
            keys.contains(&posbind::i18n::tr(lang, "help-keys")),
            "{keys}"
        );
        press(&mut a, KeyCode::Tab);
        let top = screen(&a);
        assert!(top.contains("常见问题 / FAQ"), "{top}");
        assert!(
            top.contains(&posbind::i18n::tr(lang, "faq-q-time")),
            "{top}"
        );
        assert!(top.contains("Tab"), "{top}");
        // Scrolling down: the 注意事项 with the institution's licence number, then the
        // reviewer's rules, each with its source, to the end.
        let (mut heed, mut licence) = (false, false);
        let heed_text = posbind::i18n::tr(lang, "faq-heed-maintain");
        for _ in 0..400 {
            press(&mut a, KeyCode::Down);
            let s = screen(&a);
            heed |= s.contains(&heed_text);
            licence |= s.contains("Z2990244000012");
        }
        let end = screen(&a);
        assert!(heed && licence, "{end}");
        let last = posbind::onboarding::rejection::RULES.last().unwrap();
        assert!(
            end.contains(&posbind::i18n::tr(lang, last.title_id())),
            "{end}"
        );
        assert_ne!(top, end);
        // Tab goes back to the keys, Esc closes.
        press(&mut a, KeyCode::Tab);
        assert!(screen(&a).contains(&posbind::i18n::tr(lang, "help-keys")));
        press(&mut a, KeyCode::Esc);
        assert!(!a.help);
    }
}
