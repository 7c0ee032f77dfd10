//! Issue 15, "find a case": `/` on the case list filters as you type by merchant name, case id,
//! serial number and MID, with the count of matches; the columns line up under their headers and
//! a cut merchant name ends in "…" instead of running into the step.

use crossterm::event::KeyCode;

use posbind::i18n::Lang;
use posbind::onboarding::Step;

#[path = "common/seeded_wizard.rs"]
mod seeded_wizard;

use seeded_wizard::*;

#[test]
fn slash_filters_by_name_id_serial_and_mid_with_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path(), Lang::En, (80, 24));
    assert_eq!(a.screens.case.shown().count(), 3);
    press(&mut a, KeyCode::Char('/'));
    for (needle, merchant) in [
        ("lakeside", "Hangzhou Lakeside"),
        ("2c3d", "Harbour Books"),
        ("c0ffee", "Hangzhou Lakeside"),
        ("58120042", "Harbour Books"),
        ("好再来", "好再来超市"),
    ] {
        type_text(&mut a, needle);
        let shown: Vec<_> = a.screens.case.shown().map(|c| c.merchant.clone()).collect();
        assert_eq!(shown.len(), 1, "{needle}: {shown:?}");
        assert!(shown[0].starts_with(merchant), "{needle}: {shown:?}");
        let s = screen(&a);
        assert!(s.contains(&format!("/ {needle}")), "{s}");
        assert!(s.contains("1 of 3"), "{s}");
        for _ in needle.chars() {
            press(&mut a, KeyCode::Backspace);
        }
    }
    type_text(&mut a, "h");
    assert_eq!(a.screens.case.shown().count(), 2, "Hangzhou and Harbour");
    type_text(&mut a, "zzz");
    assert!(screen(&a).contains("0 of 3"));
    assert!(screen(&a).contains("No case matches the search."));
    // Esc clears the search; the whole list is back.
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screens.case.filter_text(), "");
    assert_eq!(a.screens.case.shown().count(), 3);
    // Enter keeps the search and the first match opens with Enter.
    press(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "books");
    press(&mut a, KeyCode::Enter);
    assert!(!a.key_context().typing, "the filtered list has the keys");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.case.as_ref().unwrap().merchant.name, "Harbour Books");
    assert_eq!(a.step, Step::Contract);
}

#[test]
fn columns_line_up_under_their_headers_and_cut_names_end_in_an_ellipsis() {
    for (lang, size) in [
        (Lang::En, (80, 24)),
        (Lang::En, (120, 40)),
        (Lang::ZhCn, (80, 24)),
        (Lang::ZhCn, (120, 40)),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let a = app(dir.path(), lang, size);
        let lines = draw(&a);
        let step_header = if lang == Lang::En { "Step" } else { "步骤" };
        let header = lines
            .iter()
            .find(|l| {
                l.contains(step_header)
                    && l.contains(if lang == Lang::En {
                        "Merchant"
                    } else {
                        "商户"
                    })
            })
            .unwrap_or_else(|| panic!("no column header:\n{}", lines.join("\n")));
        let col = |l: &str, needle: &str| {
            let i = l.find(needle)?;
            Some(ratatui::text::Span::raw(&l[..i]).width())
        };
        let step_col = col(header, step_header).unwrap();
        let merchant_col = col(
            header,
            if lang == Lang::En {
                "Merchant"
            } else {
                "商户"
            },
        )
        .unwrap();
        let row = lines
            .iter()
            .find(|l| l.contains("Hangzhou Lakeside"))
            .unwrap_or_else(|| panic!("{}", lines.join("\n")));
        assert_eq!(
            col(row, "Hangzhou").unwrap(),
            merchant_col,
            "{header}\n{row}"
        );
        let training = posbind::i18n::tr(lang, "step-training-title");
        assert_eq!(col(row, &training), Some(step_col), "{header}\n{row}");
        // The name does not fit: it ends in "…" and a space, never glued to the step.
        assert!(row.contains("… "), "{row}");
        assert!(!row.contains(&format!("Noodle{training}")), "{row}");
        // At 120 columns the serial number has its own column.
        if size.0 == 120 {
            let serial_header = posbind::i18n::tr(lang, "case-col-serial");
            let serial_col = col(header, &serial_header).unwrap_or_else(|| panic!("{header}"));
            assert_eq!(col(row, "00C0FFEE"), Some(serial_col), "{header}\n{row}");
        }
        let harbour = lines.iter().find(|l| l.contains("Harbour Books")).unwrap();
        let contract = posbind::i18n::tr(lang, "step-contract-title");
        assert_eq!(
            col(harbour, &contract),
            Some(step_col),
            "{header}\n{harbour}"
        );
    }
}
