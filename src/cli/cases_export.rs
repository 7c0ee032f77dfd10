//! `posbind cases export --all`: one record per case for an installer company's back office,
//! as JSON lines or CSV on standard output, streamed from the case index so that 100,000 cases
//! take seconds and little memory. The record's fields and their meaning are documented in
//! `docs/case-export.md` (schema version [`EXPORT_SCHEMA`]); a test holds the output to it.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::cases::{parse_since, store_message, ExportFormat};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::{tr, tr_args};
use crate::store::index::{Entry, TestOutcome};
use crate::store::Store;

/// Version of the export record. It changes when a field is removed or changes meaning;
/// fields added at the end keep it.
pub const EXPORT_SCHEMA: u32 = 1;

/// The record's fields, in order: the CSV header and the JSON objects' keys.
pub const FIELDS: [&str; 22] = [
    "schema",
    "case_id",
    "merchant",
    "demo",
    "institution_id",
    "institution_zh",
    "institution_en",
    "mid",
    "tid",
    "serial",
    "status",
    "revision",
    "step",
    "created",
    "updated",
    "submitted",
    "approved",
    "live",
    "test",
    "test_at",
    "test_rounds",
    "test_succeeded",
];

/// One case as the back office gets it. MID and TID appear as on the activation report (in
/// full: they are the merchant's and terminal's numbers at the acquirer, which the back office
/// reconciles by); no personal numbers (ID, account, card, mobile) are exported at all.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    schema: u32,
    case_id: &'a str,
    merchant: &'a str,
    demo: bool,
    institution_id: &'a str,
    institution_zh: &'a str,
    institution_en: &'a str,
    mid: &'a str,
    tid: &'a str,
    serial: &'a str,
    status: &'static str,
    revision: Option<u32>,
    step: &'static str,
    created: String,
    updated: String,
    submitted: Option<String>,
    approved: Option<String>,
    live: Option<String>,
    test: &'static str,
    test_at: Option<String>,
    test_rounds: u32,
    test_succeeded: u32,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl<'a> Record<'a> {
    /// The record of one index entry.
    pub fn of(e: &'a Entry) -> Record<'a> {
        Record {
            schema: EXPORT_SCHEMA,
            case_id: &e.id,
            merchant: &e.merchant,
            demo: e.demo,
            institution_id: &e.institution_id,
            institution_zh: &e.institution_zh,
            institution_en: &e.institution_en,
            mid: &e.mid,
            tid: &e.tid,
            serial: &e.serial,
            status: e.status.name(),
            revision: e.status.revision(),
            step: e.step.id(),
            created: time(e.created),
            updated: time(e.updated),
            submitted: e.submitted.map(time),
            approved: e.approved.map(time),
            live: e.live.map(time),
            test: match e.test {
                TestOutcome::None => "none",
                TestOutcome::Passed => "passed",
                TestOutcome::Failed => "failed",
                TestOutcome::Waived => "waived",
            },
            test_at: e.test_at.map(time),
            test_rounds: e.test_rounds,
            test_succeeded: e.test_succeeded,
        }
    }

    /// The CSV cells, in [`FIELDS`] order; absent values are empty.
    fn cells(&self) -> [String; 22] {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        [
            self.schema.to_string(),
            self.case_id.to_string(),
            self.merchant.to_string(),
            self.demo.to_string(),
            self.institution_id.to_string(),
            self.institution_zh.to_string(),
            self.institution_en.to_string(),
            self.mid.to_string(),
            self.tid.to_string(),
            self.serial.to_string(),
            self.status.to_string(),
            self.revision.map(|r| r.to_string()).unwrap_or_default(),
            self.step.to_string(),
            self.created.clone(),
            self.updated.clone(),
            opt(&self.submitted),
            opt(&self.approved),
            opt(&self.live),
            self.test.to_string(),
            opt(&self.test_at),
            self.test_rounds.to_string(),
            self.test_succeeded.to_string(),
        ]
    }
}

/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. A cell a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) gets a leading `'`: merchant
/// names come from files and forms, and opening the export must not run them.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn csv_line(cells: &[impl AsRef<str>]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// Writes the record of `e` in `format`.
fn write_record(out: &mut impl Write, format: ExportFormat, e: &Entry) -> std::io::Result<()> {
    let record = Record::of(e);
    if format == ExportFormat::Csv {
        out.write_all(csv_line(&record.cells()).as_bytes())
    } else {
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")
    }
}

/// `cases export --all`: every case (changed since `since`), one record each, on standard
/// output. Unreadable case files are named on standard error and make the exit code 1; every
/// readable case is still exported.
pub fn export_all(
    ctx: &Ctx,
    store: &Store,
    format: Option<ExportFormat>,
    since: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let format = match format {
        None => ExportFormat::Jsonl,
        Some(f @ (ExportFormat::Jsonl | ExportFormat::Csv)) => f,
        Some(_) => {
            super::out::err_line(&format!(
                "posbind: {}",
                tr(ctx.lang, "cases-export-format-one")
            ));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let since = match since.map(|t| parse_since(ctx, t)) {
        Some(Err(code)) => return Ok(code),
        Some(Ok(t)) => Some(t),
        None => None,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if format == ExportFormat::Csv {
        out.write_all(csv_line(&FIELDS).as_bytes())?;
    }
    let mut problems = 0usize;
    let mut write_error = None;
    let walked = store.each_entry(|item| {
        match item {
            Ok(e) if since.is_none_or(|t| e.updated >= t) => {
                if let Err(err) = write_record(&mut out, format, &e) {
                    // Kept to report after the walk (a closed pipe ends it quietly).
                    let kind = err.kind();
                    write_error = Some(err);
                    return Err(std::io::Error::from(kind));
                }
            }
            Ok(_) => {}
            Err(p) => {
                problems += 1;
                super::out::err_line(&format!("posbind: {}", store_message(ctx, &p.error)));
            }
        }
        Ok(())
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    walked.map_err(|e| anyhow::anyhow!(store_message(ctx, &e)))?;
    out.flush()?;
    if problems > 0 {
        super::out::err_line(&format!(
            "posbind: {}",
            tr_args(
                ctx.lang,
                "cases-export-problems",
                &[("count", &problems.to_string())]
            )
        ));
        return Ok(ExitCode::from(EXIT_FAIL));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keys_and_csv_cells_follow_the_field_list() {
        let case = crate::onboarding::Case::new(
            "=1+2, \"Mart\"",
            crate::i18n::Lang::En,
            false,
            Utc::now(),
        );
        let e = Entry::of(&case, Default::default());
        let r = Record::of(&e);
        let json = serde_json::to_value(&r).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut sorted = FIELDS.to_vec();
        sorted.sort();
        let mut keys_sorted = keys.clone();
        keys_sorted.sort();
        assert_eq!(keys_sorted, sorted);
        assert_eq!(r.cells().len(), FIELDS.len());
        assert_eq!(csv_cell(r.merchant), "\"'=1+2, \"\"Mart\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }
}
