//! Continuing a case with a new run's data (`posbind run` and the `--answers` fast path run
//! again for the same merchant and terminal): which case may be continued, and the case that
//! results — the old case's identity and history, the new data, and a new revision when the
//! application data changed after a submission.

use sha2::{Digest, Sha256};

use super::device::normalize_serial;
use super::Case;

/// A case is finished once it is live: its report written, every step done and nothing in need
/// of attention (see `onboarding::basis`). A failed or unproven test, a case whose terminal no
/// longer reports ready, or data changed after approval can all be run again on the same case.
pub fn finished(case: &Case) -> bool {
    case.check_step(super::Step::GoLive).is_ok()
}

/// Whether `a` and `b` are for the same merchant and the same terminal (by its label).
pub fn same_merchant_and_terminal(a: &Case, b: &Case) -> bool {
    super::text::same_name(&a.merchant.name, &b.merchant.name)
        && normalize_serial(&a.binding.serial_label) == normalize_serial(&b.binding.serial_label)
}

/// What an application was made from, without the times things were entered: two cases with
/// the same fingerprint would produce the same application package.
pub fn application_fingerprint(case: &Case) -> String {
    let mut materials = serde_json::to_value(&case.materials).unwrap_or_default();
    if let Some(docs) = materials
        .get_mut("documents")
        .and_then(|d| d.as_object_mut())
    {
        for doc in docs.values_mut() {
            if let Some(doc) = doc.as_object_mut() {
                doc.remove("added");
                doc.remove("path");
            }
        }
    }
    let mut contract = serde_json::to_value(&case.contract).unwrap_or_default();
    if let Some(c) = contract.as_object_mut() {
        c.remove("agreed_at");
    }
    let data = serde_json::json!({
        "merchant": case.merchant,
        "materials": materials,
        "pos": case.pos,
        "institution": case.institution,
        "application": case.application,
        "contract": contract,
    });
    let digest = Sha256::digest(data.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// How the resumed case relates to what it had submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed {
    /// The application data is what was submitted: the submission (and approval) stand.
    Unchanged,
    /// The answers changed the application since revision `from`: it is submitted again as
    /// the next revision.
    Resubmit {
        /// The revision that was submitted before.
        from: u32,
    },
}

/// The case to write when continuing `old` with the answers' case `fresh`: `old`'s identity and
/// history, the answers' data. When the application data changed after a submission, the
/// revision goes up and the old approval no longer counts.
pub fn merge(old: Case, fresh: Case) -> (Case, Resumed) {
    let unchanged = application_fingerprint(&old) == application_fingerprint(&fresh);
    if unchanged || old.submissions.is_empty() {
        let mut case = if unchanged {
            old.clone()
        } else {
            fresh.clone()
        };
        case.id = old.id.clone();
        case.created = old.created;
        case.derived_from = old.derived_from.clone();
        case.revision = old.revision;
        case.submissions = old.submissions.clone();
        case.review = old.review.clone();
        case.review_checks = old.review_checks.clone();
        case.activation = old.activation.clone();
        case.test = old.test.clone();
        case.other_tests = old.other_tests.clone();
        case.golive = old.golive.clone();
        // What the answers say about the terminal and training is taken as it is now; the
        // binding counts again only once the terminal confirms it.
        case.binding = fresh.binding.clone();
        case.binding.confirmed_at = None;
        case.training = fresh.training.clone();
        case.lang = fresh.lang;
        case.demo = fresh.demo;
        return (case, Resumed::Unchanged);
    }
    let from = old.revision;
    let mut case = fresh;
    case.id = old.id;
    case.created = old.created;
    case.derived_from = old.derived_from;
    case.revision = from + 1;
    case.submissions = old.submissions;
    case.review = None;
    (case, Resumed::Resubmit { from })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::onboarding::application::Channel;

    /// A time from its RFC 3339 text.
    pub(crate) fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    }

    /// A case of one merchant for the terminal labelled `serial`.
    pub(crate) fn case(serial: &str) -> Case {
        let mut c = Case::new("好再来超市", Lang::En, false, at("2026-11-01T08:00:00Z"));
        c.binding.serial_label = serial.into();
        c.materials.account_number = "6222000011112222".into();
        c
    }

    fn submitted(mut c: Case) -> Case {
        let cal = crate::onboarding::calendar::Calendar::shipped();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let sub = crate::onboarding::application::Submission::new(
            &c,
            Channel::Online,
            at("2026-11-02T08:00:00Z"),
            day,
            &cal,
            "outbox/rev-1".into(),
        );
        c.submissions.push(sub);
        c
    }

    #[test]
    fn the_same_data_keeps_the_submission_and_the_old_identity() {
        let old = submitted(case("SN-1"));
        let mut fresh = case("sn1");
        fresh.created = at("2026-11-05T08:00:00Z");
        let (merged, how) = merge(old.clone(), fresh);
        assert_eq!(how, Resumed::Unchanged);
        assert_eq!(merged.id, old.id);
        assert_eq!(merged.created, old.created);
        assert_eq!(merged.submissions, old.submissions);
        assert_eq!(merged.revision, 1);
        assert!(merged.binding.confirmed_at.is_none());
    }

    #[test]
    fn changed_data_after_a_submission_is_the_next_revision_without_the_old_approval() {
        let old = submitted(case("SN-1"));
        let mut fresh = case("SN-1");
        fresh.materials.account_number = "6222000099998888".into();
        let (merged, how) = merge(old.clone(), fresh);
        assert_eq!(how, Resumed::Resubmit { from: 1 });
        assert_eq!(merged.id, old.id);
        assert_eq!(merged.revision, 2);
        assert_eq!(merged.materials.account_number, "6222000099998888");
        assert!(merged.review.is_none());
        assert_eq!(
            merged.submissions.len(),
            1,
            "the old submission stays on record"
        );
    }

    #[test]
    fn the_fingerprint_ignores_when_documents_were_added_but_not_their_content() {
        let a = case("SN-1");
        let b = case("SN-1");
        assert_eq!(application_fingerprint(&a), application_fingerprint(&b));
        let mut c = case("SN-1");
        c.materials.mobile = "13800138000".into();
        assert_ne!(application_fingerprint(&a), application_fingerprint(&c));
    }
}
