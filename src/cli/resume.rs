//! Which case a `posbind run` (or the `--answers` fast path) continues, so that a failed or
//! killed run can be run again: the unfinished case of the same merchant and terminal, or the
//! one `--case ID` names. A finished case is reported, never written to again.

use super::terminal::Failure;
use super::EXIT_FAIL;
use crate::i18n::{tr_args, Lang};
use crate::onboarding::resume::{finished, same_merchant_and_terminal};
use crate::onboarding::{Case, CaseId};
use crate::store::Store;

fn refuse(lang: Lang, code: &'static str, id: &str, args: &[(&str, &str)]) -> Failure {
    Failure::new(EXIT_FAIL, code, tr_args(lang, id, args))
}

fn finished_failure(lang: Lang, case: &Case) -> Failure {
    let report = case
        .golive
        .as_ref()
        .map(|g| g.html.clone())
        .unwrap_or_default();
    refuse(
        lang,
        "finished",
        "run-case-finished",
        &[
            ("case", case.id.as_str()),
            ("merchant", &case.merchant.name),
            ("serial", &case.binding.serial_label),
            ("report", &report),
        ],
    )
}

/// Checks that `old` may be continued by a run for `fresh` (the case built from the answers).
pub fn check(lang: Lang, old: &Case, fresh: &Case) -> Result<(), Failure> {
    if let Some(by) = &old.superseded_by {
        return Err(refuse(
            lang,
            "superseded",
            "run-case-superseded",
            &[("case", old.id.as_str()), ("by", by)],
        ));
    }
    if finished(old) {
        return Err(finished_failure(lang, old));
    }
    if !same_merchant_and_terminal(old, fresh) {
        return Err(refuse(
            lang,
            "other-case",
            "run-case-other",
            &[
                ("case", old.id.as_str()),
                ("merchant", &old.merchant.name),
                ("serial", &old.binding.serial_label),
            ],
        ));
    }
    Ok(())
}

/// The id of the case a run for `fresh` continues: the one `explicit` names, else the most
/// recently changed case of the same merchant and terminal that no newer case replaced.
/// `None`: start a new case. A finished case is an error (nothing is written).
pub fn find(
    lang: Lang,
    store: &Store,
    fresh: &Case,
    explicit: Option<&str>,
) -> Result<Option<CaseId>, Failure> {
    let store_failure = |e: crate::store::StoreError| {
        Failure::new(EXIT_FAIL, "io", crate::i18n::tr_message(lang, e.message()))
    };
    if let Some(id) = explicit {
        let parsed = CaseId::parse(id)
            .ok_or_else(|| store_failure(crate::store::StoreError::NotFound(id.to_string())))?;
        let old = store.load(&parsed).map_err(store_failure)?;
        check(lang, &old, fresh)?;
        return Ok(Some(parsed));
    }
    // Newest first: the case a person worked on last is the one to continue.
    for summary in store.list().map_err(store_failure)?.cases {
        let Some(id) = CaseId::parse(&summary.id) else {
            continue;
        };
        let Ok(old) = store.load(&id) else { continue };
        if old.superseded_by.is_some() || !same_merchant_and_terminal(&old, fresh) {
            continue;
        }
        if finished(&old) {
            return Err(finished_failure(lang, &old));
        }
        return Ok(Some(id));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::onboarding::resume::tests::{at, case};

    #[test]
    fn another_merchant_or_terminal_is_not_continued_and_a_finished_case_is_refused() {
        let old = case("SN-1");
        assert!(check(Lang::En, &old, &case("SN-1")).is_ok());
        assert_eq!(
            check(Lang::En, &old, &case("SN-2")).unwrap_err().code,
            "other-case"
        );
        let mut superseded = case("SN-1");
        superseded.superseded_by = Some("x".into());
        assert_eq!(
            check(Lang::En, &superseded, &case("SN-1"))
                .unwrap_err()
                .code,
            "superseded"
        );
    }

    #[test]
    fn find_continues_the_unfinished_case_and_refuses_a_finished_one() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(d.path()).unwrap();
        let fresh = case("SN-1");
        assert_eq!(find(Lang::En, &store, &fresh, None).unwrap(), None);
        let mut old = case("SN-1");
        store.save(&mut old, at("2026-11-01T09:00:00Z")).unwrap();
        let mut other = case("SN-9");
        store.save(&mut other, at("2026-11-01T10:00:00Z")).unwrap();
        assert_eq!(
            find(Lang::En, &store, &fresh, None).unwrap(),
            Some(old.id.clone())
        );
        assert_eq!(
            find(Lang::En, &store, &fresh, Some(old.id.as_str())).unwrap(),
            Some(old.id.clone())
        );
        assert!(find(Lang::En, &store, &fresh, Some(other.id.as_str())).is_err());
        assert!(find(Lang::En, &store, &fresh, Some("20200101-000000-beef")).is_err());
    }
}
