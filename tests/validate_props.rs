//! Validators never panic on arbitrary Unicode, and what they accept is stable under
//! re-checking its normalised form.

use chrono::NaiveDate;
use proptest::prelude::*;

use posbind::onboarding::validate::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

proptest! {
    #[test]
    fn validators_never_panic(s in "\\PC{0,40}") {
        let _ = credit_code(&s);
        let _ = id_number(&s, today());
        let _ = id_valid_until(&s, today());
        let _ = mobile(&s);
        let _ = card(&s);
        let _ = account(&s);
        let _ = branch(&s);
        let _ = licence(&s);
        let _ = mid(&s, Some("5812"));
        let _ = mid(&s, Some(&s));
        let _ = tid(&s);
        let _ = coordinates(&s);
        let _ = mask_number(&s);
        let _ = mask_mobile(&s);
    }

    #[test]
    fn digit_soup_never_panics_and_normalisation_is_idempotent(s in "[0-9Xx +-]{0,24}") {
        for c in [credit_code(&s).normalized, card(&s).normalized, mobile(&s).normalized] {
            prop_assert_eq!(&credit_code(&c).normalized, &credit_code(&c).normalized);
        }
        let once = id_number(&s, today());
        let twice = id_number(&once.normalized, today());
        prop_assert_eq!(once.verdict, twice.verdict);
    }

    #[test]
    fn valid_luhn_cards_are_accepted(prefix in "62[0-9]{13,16}") {
        // Append the Luhn check digit.
        let check = (0..10).find(|d| luhn_ok(&format!("{prefix}{d}"))).unwrap();
        let n = format!("{prefix}{check}");
        // A settlement card is a debit card: a known credit-card BIN is refused.
        let want = if is_credit_bin(&n) { Verdict::Invalid } else { Verdict::Valid };
        prop_assert_eq!(card(&n).verdict, want);
    }

    #[test]
    fn the_domain_accepts_exactly_the_tids_and_passwords_the_terminal_does(
        s in "[0-9]{5,9}|[0-9 a\t-]{0,12}",
    ) {
        prop_assert_eq!(
            tid(&s).verdict == Verdict::Valid,
            posbind::device::Tid::parse(&strip_for_tid(&s)).is_some()
        );
        prop_assert_eq!(
            is_terminal_password(&s),
            posbind::device::Password::parse(&s).is_some()
        );
    }
}

/// The TID as the validator sees it (its normalisation), for the device layer's parser.
fn strip_for_tid(s: &str) -> String {
    tid(s).normalized
}
