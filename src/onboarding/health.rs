//! The health check of a live case (`posbind health`): what needs the merchant's or the
//! installer's attention after go-live, each finding with a level and one action.
//!
//! Two halves. [`offline`] reads only the case, the current catalog and the number of open test
//! payments the pending store files under the case's terminal: IDs and documents expiring within
//! [`EXPIRY_WINDOW_DAYS`], the institution's licence, the fees as consented, the time since the
//! last end-of-day. [`terminal`] compares what the terminal reports now with the case: the bound
//! serial number and TID, its status, its software version against the catalog's minimum. Nothing
//! here reads a clock, a file or a device: the front end passes the facts in.
//!
//! Messages: `health-<code>` says what was found, `health-<code>-action` the one thing to do;
//! both take the finding's arguments.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::case::Case;
use super::catalog::{older_than, Catalog, Institution};
use super::device::{check_serial, DeviceIdentity, SerialCheck};

/// Documents expiring within this many days are findings.
pub const EXPIRY_WINDOW_DAYS: i64 = 90;

/// The longest a terminal may go without an end-of-day before it is a finding, in hours: a
/// day's batch closed late in the evening, plus a morning's grace.
pub const END_OF_DAY_HOURS: i64 = 36;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Worth knowing; the case is healthy.
    Info,
    /// Needs doing soon.
    Attention,
    /// Needs doing now (money or the licence to accept cards is at stake).
    Urgent,
}

/// One finding: a stable code, its level and the facts its messages name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable code (`id-expiring`); the messages are `health-<code>` and `health-<code>-action`.
    pub code: &'static str,
    /// How much it matters.
    pub level: Level,
    /// The messages' arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    fn new(code: &'static str, level: Level, args: Vec<(&'static str, String)>) -> Finding {
        Finding { code, level, args }
    }

    /// Message id of what was found.
    pub fn message_id(&self) -> String {
        format!("health-{}", self.code)
    }

    /// Message id of what to do about it.
    pub fn action_id(&self) -> String {
        format!("health-{}-action", self.code)
    }
}

/// The verdict over a case's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Nothing above [`Level::Info`].
    Healthy,
    /// Something to do.
    NeedsAttention,
}

/// The verdict over `findings`.
pub fn state(findings: &[Finding]) -> State {
    if findings.iter().any(|f| f.level > Level::Info) {
        State::NeedsAttention
    } else {
        State::Healthy
    }
}

/// What the off-line half needs besides the case.
pub struct Facts<'a> {
    /// Now (UTC).
    pub now: DateTime<Utc>,
    /// Today on the merchant's calendar.
    pub today: NaiveDate,
    /// The current institution catalog.
    pub catalog: &'a Catalog,
    /// Test payments still open on the case's terminal (the pending store).
    pub open_payments: usize,
}

/// The findings that need no terminal.
pub fn offline(case: &Case, facts: &Facts) -> Vec<Finding> {
    let mut out = expiring_documents(case, facts.today);
    out.extend(institution(case, facts.catalog));
    out.extend(fees(case, facts.catalog));
    out.extend(end_of_day(case, facts.now));
    if facts.open_payments > 0 {
        out.push(Finding::new(
            "open-payments",
            Level::Urgent,
            vec![("count", facts.open_payments.to_string())],
        ));
    }
    out
}

/// The documents whose end date is known: who they belong to (`legal-rep`, `owner`), a name
/// for the owner, and the date.
fn document_ends(case: &Case) -> Vec<(&'static str, String, NaiveDate)> {
    let m = &case.materials;
    let mut out = vec![];
    if let Some(d) = end_date(&m.id_valid_until) {
        out.push(("legal-rep", m.legal_rep_name.clone(), d));
    }
    if !m.beneficial_owners.trim().is_empty() {
        // Parsed as of the case's creation: the owners were valid then, and one that expired
        // since must still be read to be found.
        let then = case.created.date_naive();
        if let Ok(owners) = super::materials::parse_beneficial_owners(&m.beneficial_owners, then) {
            for o in owners {
                if let Some(d) = end_date(&o.valid_until) {
                    out.push(("owner", o.name, d));
                }
            }
        }
    }
    out
}

/// A validity end written `YYYY-MM-DD` (or as the Materials step accepts it); `None` for
/// long-term and anything unreadable.
fn end_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 8 {
        return None;
    }
    let d = NaiveDate::parse_from_str(&digits, "%Y%m%d").ok()?;
    // 2099 and later is how some cards write 长期.
    (d.format("%Y").to_string().as_str() < "2099").then_some(d)
}

fn expiring_documents(case: &Case, today: NaiveDate) -> Vec<Finding> {
    document_ends(case)
        .into_iter()
        .filter_map(|(whose, name, date)| {
            let days = (date - today).num_days();
            let args = vec![
                ("whose", whose.to_string()),
                ("name", name),
                ("date", date.format("%Y-%m-%d").to_string()),
                ("days", days.max(0).to_string()),
            ];
            if days < 0 {
                Some(Finding::new("id-expired", Level::Urgent, args))
            } else if days <= EXPIRY_WINDOW_DAYS {
                Some(Finding::new("id-expiring", Level::Attention, args))
            } else {
                None
            }
        })
        .collect()
}

fn institution(case: &Case, catalog: &Catalog) -> Vec<Finding> {
    let Some(chosen) = &case.institution else {
        return vec![];
    };
    let name = |i: &Institution| vec![("name", i.name.zh.clone()), ("name_en", i.name.en.clone())];
    let Some(now) = catalog.institutions.iter().find(|i| i.id == chosen.id) else {
        return vec![Finding::new(
            "institution-missing",
            Level::Attention,
            name(chosen),
        )];
    };
    if now.revoked {
        // The action names this case: the command can be copied as it is.
        let mut args = name(now);
        args.push(("case", case.id.as_str().to_string()));
        return vec![Finding::new("institution-revoked", Level::Urgent, args)];
    }
    if !now.refusals(None).is_empty() {
        return vec![Finding::new(
            "institution-unlicensed",
            Level::Urgent,
            name(now),
        )];
    }
    if now.licence.trim() != chosen.licence.trim() {
        let mut args = name(now);
        args.push(("before", chosen.licence.clone()));
        args.push(("now", now.licence.clone()));
        return vec![Finding::new(
            "institution-licence-changed",
            Level::Attention,
            args,
        )];
    }
    vec![]
}

/// The contract against what the institution offers now: a rate or fee above what the
/// merchant consented to is a change that needs their consent (and a look at the statement).
fn fees(case: &Case, catalog: &Catalog) -> Vec<Finding> {
    let (Some(k), Some(chosen)) = (&case.contract, &case.institution) else {
        return vec![];
    };
    let mut out = vec![];
    if k.fees.iter().any(|f| !f.consented) {
        out.push(Finding::new("fee-unconsented", Level::Urgent, vec![]));
    }
    let Some(now) = catalog.institutions.iter().find(|i| i.id == chosen.id) else {
        return out;
    };
    let above = |offer: f64, contract: Option<f64>| contract.is_some_and(|c| offer > c + 1e-9);
    let rate = |card: &str, offer: f64, contract: Option<f64>| {
        Finding::new(
            "rate-raised",
            Level::Attention,
            vec![
                ("card", card.to_string()),
                (
                    "contract",
                    super::catalog::fmt_rate(contract.unwrap_or(0.0)),
                ),
                ("offer", super::catalog::fmt_rate(offer)),
            ],
        )
    };
    if above(now.debit_rate, k.debit_rate) {
        out.push(rate("debit", now.debit_rate, k.debit_rate));
    }
    if above(now.credit_rate, k.credit_rate) {
        out.push(rate("credit", now.credit_rate, k.credit_rate));
    }
    for f in &now.fees {
        let consented = k
            .fees
            .iter()
            .any(|c| c.name.zh == f.name.zh && c.yuan + 1e-9 >= f.yuan);
        if f.yuan > 0.0 && !consented {
            out.push(Finding::new(
                "fee-new",
                Level::Attention,
                vec![
                    ("fee", f.name.zh.clone()),
                    ("fee_en", f.name.en.clone()),
                    ("yuan", super::catalog::fmt_yuan(f.yuan)),
                ],
            ));
        }
    }
    out
}

fn end_of_day(case: &Case, now: DateTime<Utc>) -> Vec<Finding> {
    let Some(last) = case.last_batch_closed() else {
        return vec![];
    };
    let hours = (now - last).num_hours();
    if hours <= END_OF_DAY_HOURS {
        return vec![];
    }
    vec![Finding::new(
        "end-of-day-overdue",
        Level::Attention,
        vec![
            ("days", (hours / 24).to_string()),
            ("hours", hours.to_string()),
            ("since", last.format("%Y-%m-%d %H:%M UTC").to_string()),
        ],
    )]
}

/// The findings from what the terminal reports now, compared with the case and with the
/// catalog's minimum software for its institution and model.
pub fn terminal(case: &Case, catalog: &Catalog, ident: &DeviceIdentity) -> Vec<Finding> {
    let mut out = vec![];
    let label = &case.binding.serial_label;
    match check_serial(&ident.serial, label) {
        SerialCheck::Differs => out.push(Finding::new(
            "serial-differs",
            Level::Urgent,
            vec![("reported", ident.serial.clone()), ("bound", label.clone())],
        )),
        // "Healthy" would claim what was not observed: the identity is not verified.
        SerialCheck::NotReported => out.push(Finding::new(
            "serial-not-reported",
            Level::Attention,
            vec![("bound", label.clone())],
        )),
        SerialCheck::Matches => {}
    }
    if let Some((_, tid)) = case.approval() {
        if ident.tid.trim().is_empty() {
            out.push(Finding::new(
                "tid-not-reported",
                Level::Attention,
                vec![("bound", tid.to_string())],
            ));
        } else if ident.tid.trim() != tid.trim() {
            out.push(Finding::new(
                "tid-differs",
                Level::Urgent,
                vec![("reported", ident.tid.clone()), ("bound", tid.to_string())],
            ));
        }
    }
    let status = ident.status.trim();
    if !status.is_empty() && !status.eq_ignore_ascii_case("00") {
        out.push(Finding::new(
            "not-ready",
            Level::Attention,
            vec![("status", status.to_string())],
        ));
    }
    out.extend(software(case, catalog, ident));
    out
}

fn software(case: &Case, catalog: &Catalog, ident: &DeviceIdentity) -> Vec<Finding> {
    let Some(chosen) = &case.institution else {
        return vec![];
    };
    let Some(inst) = catalog.institutions.iter().find(|i| i.id == chosen.id) else {
        return vec![];
    };
    let Some(rule) = inst
        .min_software
        .iter()
        .find(|r| r.applies_to(&ident.name) && r.model.trim() != "*")
        .or_else(|| inst.min_software.iter().find(|r| r.model.trim() == "*"))
    else {
        return vec![];
    };
    let args = vec![
        ("version", ident.version.clone()),
        ("minimum", rule.version.clone()),
        ("model", ident.name.clone()),
    ];
    match older_than(&ident.version, &rule.version) {
        Some(true) => vec![Finding::new("software-old", Level::Attention, args)],
        Some(false) => vec![],
        None => vec![Finding::new("software-unknown", Level::Info, args)],
    }
}

/// The next day the case needs attention: today when a finding needs it now, else the
/// earliest day a document enters the expiry window or the end-of-day falls due; `None` when
/// nothing is foreseeable.
pub fn next_attention(case: &Case, findings: &[Finding], today: NaiveDate) -> Option<NaiveDate> {
    if state(findings) == State::NeedsAttention {
        return Some(today);
    }
    let documents = document_ends(case)
        .into_iter()
        .map(|(_, _, d)| d - Duration::days(EXPIRY_WINDOW_DAYS));
    let eod = case
        .last_batch_closed()
        .map(|t| (t + Duration::hours(END_OF_DAY_HOURS + 1)).date_naive());
    documents.chain(eod).min().map(|d| d.max(today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_number_by_number() {
        assert_eq!(older_than("posbind-sim 1.0", "1.1"), Some(true));
        assert_eq!(older_than("V2.10", "2.9"), Some(false));
        assert_eq!(older_than("2.9", "2.9.0"), Some(false));
        assert_eq!(older_than("beta", "1.0"), None);
    }

    #[test]
    fn end_dates_read_as_the_materials_write_them() {
        assert_eq!(end_date("2030-05-01"), NaiveDate::from_ymd_opt(2030, 5, 1));
        assert_eq!(end_date("20300501"), NaiveDate::from_ymd_opt(2030, 5, 1));
        assert_eq!(end_date("long-term"), None);
        assert_eq!(end_date("2099-12-31"), None);
    }

    #[test]
    fn the_verdict_ignores_information() {
        let info = Finding::new("software-unknown", Level::Info, vec![]);
        assert_eq!(state(std::slice::from_ref(&info)), State::Healthy);
        let eod = Finding::new("end-of-day-overdue", Level::Attention, vec![]);
        assert_eq!(state(&[info, eod]), State::NeedsAttention);
    }
}
