//! `posbind cases list | show | delete`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Subcommand;

use super::out;
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::safe::for_terminal;
use crate::i18n::{tr, tr_args};
use crate::onboarding::basis::Lifecycle;
use crate::onboarding::{CaseId, Step};
use crate::store::{CaseSummary, Store, StoreError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One case's application package, machine-readable.
    Json,
    /// One case's application package, printable.
    Html,
    /// Every case (`--all`): one JSON object per line.
    Jsonl,
    /// Every case (`--all`): comma-separated values with a header row.
    Csv,
}

/// Which cases `cases list` shows, and which page of them.
#[derive(Debug, Default, clap::Args)]
pub struct ListArgs {
    /// A JSON array for scripts (every matching case, no paging).
    #[arg(long)]
    pub json: bool,
    /// Only cases with this status.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(Lifecycle::NAMES))]
    pub status: Option<String>,
    /// Only cases on this step.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(Step::ALL.map(Step::id)))]
    pub step: Option<String>,
    /// Only cases with this institution (its id, or part of its name).
    #[arg(long, value_name = "TEXT")]
    pub institution: Option<String>,
    /// Only cases changed on or after this day (YYYY-MM-DD, local time).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only cases whose merchant name, id, serial number or MID contains this text (as `/`
    /// in the wizard).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Show this page (from 1) of `--per-page` cases.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub page: Option<u32>,
    /// Cases per page.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub per_page: u32,
    /// Every matching case at once, also on a terminal (which otherwise gets the first page).
    #[arg(long, conflicts_with = "page")]
    pub all: bool,
}

/// Case management.
#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// List the cases, newest first (from the case index; see the README).
    List(ListArgs),
    /// Show one case.
    Show {
        /// Case id (from `cases list`).
        id: String,
        /// The case as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the application package (JSON or printable HTML) of a case; or, with `--all`,
    /// one record per case for a back office (JSON lines or CSV on standard output).
    Export {
        /// Case id.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Every case, one record each (schema: docs/case-export.md).
        #[arg(long)]
        all: bool,
        /// One case: json (application.json + attachments.json, the default) or html
        /// (application.html, and the cover checklist for mail). --all: jsonl (the default)
        /// or csv.
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// With --all: only cases changed on or after this day (YYYY-MM-DD, local time).
        #[arg(long, value_name = "DATE", requires = "all")]
        since: Option<String>,
        /// Directory to write one case's package into (default: the current directory).
        #[arg(long, value_name = "DIR", conflicts_with = "all")]
        out: Option<std::path::PathBuf>,
    },
    /// Start a new case for this merchant's terminal with a new settlement account or a new
    /// institution; the terminal is kept and the link recorded. Prints the new case id.
    Rebind {
        /// Case id.
        id: String,
        /// account | institution.
        #[arg(long, value_parser = ["account", "institution"])]
        reason: String,
    },
    /// The terminal of a live case was moved (移机) with the institution's approval: new
    /// install address and location, the binding confirmed again, the report written again.
    Move {
        /// Case id.
        id: String,
        /// The new install address (in the same province).
        #[arg(long)]
        address: String,
        /// The new install location, "LAT, LON".
        #[arg(long, value_name = "LAT, LON")]
        location: String,
        /// The institution's reference for its approval of the move.
        #[arg(long, value_name = "REF")]
        approval: String,
        /// JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The terminal of a live case replaced by a new one (换机) with the institution's
    /// approval: the old one unbound, the new one bound, activated and tested, the report
    /// written again.
    Replace(super::replace::ReplaceArgs),
    /// Delete a case and everything in its directory.
    Delete {
        /// Case id.
        id: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// Lines of a table: each column padded to its widest cell (in terminal columns, so Chinese
/// text lines up), the last one not padded.
fn columns<const N: usize>(header: &[String; N], rows: &[[String; N]]) -> Vec<String> {
    let width = |s: &str| ratatui::text::Span::raw(s).width();
    let mut widths = [0usize; N];
    for row in std::iter::once(header).chain(rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    std::iter::once(header)
        .chain(rows)
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < N {
                    line.push_str(&" ".repeat(widths[i] - width(cell) + 2));
                }
            }
            line
        })
        .collect()
}

pub(super) fn store_message(ctx: &Ctx, e: &StoreError) -> String {
    crate::i18n::tr_message(ctx.lang, e.message())
}

/// Loads the case `id` names, or reports why not (exit code 1).
pub(super) fn open_case(
    ctx: &Ctx,
    store: &crate::store::Store,
    id: &str,
) -> Result<crate::onboarding::Case, ExitCode> {
    let id = parse_id(ctx, id)?;
    store.load(&id).map_err(|e| {
        out::err_line(&format!("posbind: {}", store_message(ctx, &e)));
        ExitCode::from(EXIT_FAIL)
    })
}

/// Takes the lock of case `id` before writing it, or reports the process holding it (exit 1).
pub(super) fn lock_case(
    ctx: &Ctx,
    store: &crate::store::Store,
    id: &str,
) -> Result<crate::store::lock::Lock, ExitCode> {
    let id = parse_id(ctx, id)?;
    store.lock_case(&id).map_err(|e| {
        out::err_line(&format!(
            "posbind: {}",
            crate::i18n::tr_message(ctx.lang, e.message())
        ));
        ExitCode::from(EXIT_FAIL)
    })
}

fn parse_id(ctx: &Ctx, id: &str) -> Result<CaseId, ExitCode> {
    CaseId::parse(id).ok_or_else(|| {
        out::err_line(&format!(
            "posbind: {}",
            tr_args(ctx.lang, "store-error-not-found", &[("id", id)])
        ));
        ExitCode::from(EXIT_FAIL)
    })
}

/// Runs a `cases` subcommand.
pub fn run(ctx: &Ctx, cmd: &CasesCommand) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    match cmd {
        CasesCommand::List(args) => list(ctx, &store, args),
        CasesCommand::Show { id, json } => show(ctx, &store, id, *json),
        CasesCommand::Export {
            all: true,
            format,
            since,
            ..
        } => super::cases_export::export_all(ctx, &store, *format, since.as_deref()),
        CasesCommand::Export {
            id, format, out, ..
        } => {
            let id = id.as_deref().unwrap_or_default();
            export_case(ctx, &store, id, *format, out)
        }
        CasesCommand::Rebind { id, reason } => rebind(ctx, &store, id, reason),
        CasesCommand::Move {
            id,
            address,
            location,
            approval,
            json,
        } => super::upkeep::move_terminal(
            ctx,
            &store,
            &super::upkeep::MoveRequest {
                id,
                address,
                location,
                approval,
                json: *json,
            },
        ),
        CasesCommand::Replace(args) => super::replace::run(ctx, &store, args),
        CasesCommand::Delete { id, yes } => delete(ctx, &store, id, *yes),
    }
}

/// Parses `--since`: a day (YYYY-MM-DD) taken from its start in local time; `None` after
/// printing why the text is not one (exit code 2).
pub fn parse_since(ctx: &Ctx, text: &str) -> Result<chrono::DateTime<chrono::Utc>, ExitCode> {
    use chrono::TimeZone;
    let day = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    let start = day.and_then(|d| d.and_hms_opt(0, 0, 0));
    match start.and_then(|t| chrono::Local.from_local_datetime(&t).earliest()) {
        Some(t) => Ok(t.with_timezone(&chrono::Utc)),
        None => {
            super::out::err_line(&format!(
                "posbind: {}",
                tr_args(
                    ctx.lang,
                    "cases-since-invalid",
                    &[("text", &for_terminal(text))]
                )
            ));
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// The filters of `cases list`, ready to test cases against.
struct Filter {
    status: Option<String>,
    step: Option<String>,
    institution: Option<String>,
    since: Option<chrono::DateTime<chrono::Utc>>,
    search: String,
}

impl Filter {
    fn keeps(&self, c: &CaseSummary) -> bool {
        self.status.as_deref().is_none_or(|s| c.status.name() == s)
            && self.step.as_deref().is_none_or(|s| c.step.id() == s)
            && self.since.is_none_or(|t| c.updated >= t)
            && self.institution.as_deref().is_none_or(|i| {
                c.institution_id.to_lowercase() == i
                    || [&c.institution.zh, &c.institution.en]
                        .iter()
                        .any(|n| n.to_lowercase().contains(i))
            })
            && c.matches(&self.search)
    }
}

/// `cases list`: the matching cases with their status, under column headers; on a terminal
/// one page at a time.
fn list(ctx: &Ctx, store: &Store, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let since = match args.since.as_deref().map(|t| parse_since(ctx, t)) {
        Some(Err(code)) => return Ok(code),
        Some(Ok(t)) => Some(t),
        None => None,
    };
    let filter = Filter {
        status: args.status.clone(),
        step: args.step.clone(),
        institution: args.institution.as_deref().map(|i| i.trim().to_lowercase()),
        since,
        search: args.search.as_deref().unwrap_or("").trim().to_lowercase(),
    };
    let listing = store
        .list()
        .map_err(|e| anyhow::anyhow!(store_message(ctx, &e)))?;
    for p in &listing.problems {
        out::err_line(&format!("posbind: {}", store_message(ctx, &p.error)));
    }
    let cases: Vec<&CaseSummary> = listing.cases.iter().filter(|c| filter.keeps(c)).collect();
    if args.json {
        out::json(&serde_json::to_string_pretty(&cases)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if cases.is_empty() {
        let none = if listing.cases.is_empty() {
            "cases-none"
        } else {
            "cases-none-match"
        };
        out::line(&tr(ctx.lang, none))?;
        return Ok(ExitCode::SUCCESS);
    }
    // A terminal gets a page, not 100,000 lines; a pipe or a file gets everything.
    let per_page = args.per_page as usize;
    let page = match args.page {
        Some(p) => Some(p as usize),
        None if !args.all && std::io::stdout().is_terminal() && cases.len() > per_page => Some(1),
        None => None,
    };
    let shown = match page {
        Some(p) => {
            let first = (p - 1).saturating_mul(per_page).min(cases.len());
            &cases[first..(first + per_page).min(cases.len())]
        }
        None => &cases[..],
    };
    print_table(ctx, shown)?;
    let total = cases.len();
    drop(cases);
    // The process ends right after this: 100,000 summaries are not freed one by one (a tenth
    // of a second of `cases list`).
    std::mem::forget(listing);
    if let Some(p) = page {
        let pages = total.div_ceil(per_page);
        super::out::err_line(&tr_args(
            ctx.lang,
            "cases-page",
            &[
                ("page", &p.to_string()),
                ("pages", &pages.to_string()),
                ("count", &total.to_string()),
                ("next", &(p + 1).min(pages).to_string()),
            ],
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The cases as a table under column headers, written in one go.
fn print_table(ctx: &Ctx, cases: &[&CaseSummary]) -> std::io::Result<()> {
    let l = ctx.lang;
    // A handful of statuses and steps: each is put into words once, not once per case.
    let mut words: std::collections::HashMap<String, String> = Default::default();
    let mut word =
        |key: String, make: &dyn Fn() -> String| words.entry(key).or_insert_with(make).clone();
    // The local offset looked up once per hour of update times, not once per case (each
    // look-up checks the system's time zone file).
    let mut offsets: std::collections::HashMap<i64, chrono::FixedOffset> = Default::default();
    let rows: Vec<[String; 5]> = cases
        .iter()
        .map(|c| {
            let offset = *offsets
                .entry(c.updated.timestamp().div_euclid(3600))
                .or_insert_with(|| *c.updated.with_timezone(&chrono::Local).offset());
            let when = c.updated.with_timezone(&offset);
            [
                for_terminal(&c.id).into_owned(),
                when.format("%Y-%m-%d %H:%M").to_string(),
                word(format!("{:?}", c.status), &|| c.status.text(l)),
                word(c.step.title_id(), &|| tr(l, &c.step.title_id())),
                // The merchant name comes from a file: shown, never obeyed.
                for_terminal(&c.merchant).into_owned(),
            ]
        })
        .collect();
    let header = [
        "cases-header-id",
        "cases-header-updated",
        "cases-header-status",
        "cases-header-step",
        "cases-header-merchant",
    ]
    .map(|id| tr(l, id));
    let mut text = String::new();
    for line in columns(&header, &rows) {
        text.push_str(&line);
        text.push('\n');
    }
    out::text(&text)
}

/// `cases show`: one case's key facts.
fn show(ctx: &Ctx, store: &Store, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let case = match open_case(ctx, store, id) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    if json {
        out::json(&serde_json::to_string_pretty(&case)?)?;
    } else {
        let l = ctx.lang;
        out::line(&format!("{}: {}", tr(l, "field-case-id"), case.id))?;
        out::line(&format!(
            "{}: {}",
            tr(l, "field-merchant"),
            for_terminal(&case.merchant.name)
        ))?;
        out::line(&format!(
            "{}: {}",
            tr(l, "field-step"),
            tr(l, &case.step.title_id())
        ))?;
        out::line(&format!(
            "{}: {}",
            tr(l, "field-status"),
            case.lifecycle().text(l)
        ))?;
        out::line(&format!(
            "{}: {}",
            tr(l, "field-created"),
            case.created
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
        ))?;
        out::line(&format!(
            "{}: {}",
            tr(l, "field-updated"),
            case.updated
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
        ))?;
        if let Some(pos) = &case.pos {
            let catalog = crate::onboarding::pos_types::PosCatalog::shipped();
            let name = catalog
                .pos_type(&pos.pos_type)
                .map(|t| t.name.get(l).to_string());
            let name = name.unwrap_or_else(|| for_terminal(&pos.pos_type).into_owned());
            out::line(&format!(
                "{}: {} x {}",
                tr(l, "field-pos-type"),
                name,
                pos.count
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `cases export`: the application package of a case.
fn export_case(
    ctx: &Ctx,
    store: &Store,
    id: &str,
    format: Option<ExportFormat>,
    out: &Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    let format = match format {
        None => ExportFormat::Json,
        Some(f @ (ExportFormat::Json | ExportFormat::Html)) => f,
        Some(_) => {
            super::out::err_line(&format!(
                "posbind: {}",
                tr(ctx.lang, "cases-export-format-all")
            ));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let case = match open_case(ctx, store, id) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    // The package of a submission is what was submitted: after a change of data it would be
    // something else under the same revision and time. The submitted one is in the outbox.
    if let Some(last) = case.submissions.last() {
        if !case.still_holds(crate::onboarding::basis::Record::Submission) {
            out::err_line(&format!(
                "posbind: {}",
                tr_args(
                    ctx.lang,
                    "cases-export-changed",
                    &[
                        ("revision", &last.revision.to_string()),
                        // Where this store keeps that revision, not the path the case file
                        // says (a crafted one could point into another data directory).
                        (
                            "outbox",
                            &store
                                .outbox_dir(&case.id, last.revision)
                                .display()
                                .to_string(),
                        ),
                    ]
                )
            ));
            return Ok(ExitCode::from(EXIT_FAIL));
        }
    }
    let dir = out.clone().unwrap_or_else(|| std::path::PathBuf::from("."));
    let (channel, at) = match case.current_submission().or(case.submissions.last()) {
        Some(s) => (s.channel, s.at.to_rfc3339()),
        None => (
            case.application
                .channel
                .unwrap_or(crate::onboarding::application::Channel::Online),
            String::new(),
        ),
    };
    match export(&dir, &case, ctx.lang, format, channel, &at) {
        Ok(files) => {
            for f in files {
                out::line(&for_terminal(&f.display().to_string()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let path = dir.display().to_string();
            out::err_line(&format!(
                "posbind: {}",
                tr_args(
                    ctx.lang,
                    "store-error-io",
                    &[("path", &path), ("error", &e.to_string())]
                )
            ));
            Ok(ExitCode::from(EXIT_FAIL))
        }
    }
}

/// `cases rebind`: a new case for a new account or institution; the old one is superseded.
fn rebind(ctx: &Ctx, store: &Store, id: &str, reason: &str) -> anyhow::Result<ExitCode> {
    // The old case gets `superseded_by`: not while a run or a wizard writes it.
    let _lock = match lock_case(ctx, store, id) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let mut old = match open_case(ctx, store, id) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    // A case with no bound terminal, or one rebound already: refused, with why.
    if let Some(refusal) = old.rebind_refusal() {
        out::err_line(&format!(
            "posbind: {}",
            tr_args(ctx.lang, refusal, &[("name", &old.merchant.name)])
        ));
        return Ok(ExitCode::from(EXIT_FAIL));
    }
    let now = chrono::Utc::now();
    let (mut new, rebound) = old.rebind(reason, now);
    let io = |e: StoreError| anyhow::anyhow!(store_message(ctx, &e));
    store.save(&mut new, now).map_err(io)?;
    store
        .journal(&new.id, &rebound.name(), rebound.detail(), now)
        .map_err(io)?;
    let event = old.supersede(&new.id, reason);
    store.save(&mut old, now).map_err(io)?;
    store
        .journal(&old.id, &event.name(), event.detail(), now)
        .map_err(io)?;
    out::line(new.id.as_str())?;
    Ok(ExitCode::SUCCESS)
}

/// `cases delete`: after a confirmation (or `--yes`).
fn delete(ctx: &Ctx, store: &Store, id: &str, yes: bool) -> anyhow::Result<ExitCode> {
    let id = match parse_id(ctx, id) {
        Ok(id) => id,
        Err(code) => return Ok(code),
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            out::err_line(&format!(
                "posbind: {}",
                tr(ctx.lang, "cases-delete-needs-yes")
            ));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        out::err_text(&format!(
            "{} ",
            tr_args(ctx.lang, "cases-delete-confirm", &[("id", id.as_str())])
        ));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
            out::err_line(&tr(ctx.lang, "cases-delete-cancelled"));
            return Ok(ExitCode::from(EXIT_FAIL));
        }
    }
    let _lock = match lock_case(ctx, store, id.as_str()) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    match store.delete(&id) {
        Ok(()) => {
            out::line(&tr_args(ctx.lang, "cases-deleted", &[("id", id.as_str())]))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            out::err_line(&format!("posbind: {}", store_message(ctx, &e)));
            Ok(ExitCode::from(EXIT_FAIL))
        }
    }
}

fn export(
    dir: &std::path::Path,
    case: &crate::onboarding::Case,
    lang: crate::i18n::Lang,
    format: ExportFormat,
    channel: crate::onboarding::application::Channel,
    at: &str,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    use crate::report::application as pkg;
    use crate::store::atomic::{create_private_dir, write_atomic};
    create_private_dir(dir)?;
    let mut files = vec![];
    let mut put = |name: &str, bytes: Vec<u8>| -> std::io::Result<()> {
        let p = dir.join(name);
        write_atomic(&p, &bytes)?;
        files.push(p);
        Ok(())
    };
    match format {
        // One case's package is json or html; the others are --all's (refused before).
        ExportFormat::Json | ExportFormat::Jsonl | ExportFormat::Csv => {
            put(
                "application.json",
                serde_json::to_vec_pretty(&pkg::application_json(case, channel, at))
                    .map_err(std::io::Error::other)?,
            )?;
            put(
                "attachments.json",
                serde_json::to_vec_pretty(&pkg::attachments_json(case))
                    .map_err(std::io::Error::other)?,
            )?;
        }
        ExportFormat::Html => {
            put(
                "application.html",
                pkg::application_html(case, lang, at).into_bytes(),
            )?;
            if channel == crate::onboarding::application::Channel::Mail {
                put(
                    "cover-checklist.html",
                    pkg::cover_checklist_html(case, lang).into_bytes(),
                )?;
            }
        }
    }
    Ok(files)
}
