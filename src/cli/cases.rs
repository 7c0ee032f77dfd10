//! `posbind cases list | show | delete`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Subcommand;

use super::out;
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::safe::for_terminal;
use crate::i18n::{tr, tr_args};
use crate::onboarding::CaseId;
use crate::store::{Store, StoreError};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Machine-readable.
    Json,
    /// Printable.
    Html,
}

/// Case management.
#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// List all cases, newest first.
    List {
        /// A JSON array for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Show one case.
    Show {
        /// Case id (from `cases list`).
        id: String,
        /// The case as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the application package (JSON or printable HTML) of a case.
    Export {
        /// Case id.
        id: String,
        /// json: application.json + attachments.json; html: application.html (and the cover
        /// checklist for mail).
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Directory to write into (default: the current directory).
        #[arg(long, value_name = "DIR")]
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

fn store_message(ctx: &Ctx, e: &StoreError) -> String {
    crate::i18n::tr_message(ctx.lang, e.message())
}

/// Loads the case `id` names, or reports why not (exit code 1).
fn open_case(
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
fn lock_case(
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
        CasesCommand::List { json } => list(ctx, &store, *json),
        CasesCommand::Show { id, json } => show(ctx, &store, id, *json),
        CasesCommand::Export { id, format, out } => export_case(ctx, &store, id, *format, out),
        CasesCommand::Rebind { id, reason } => rebind(ctx, &store, id, reason),
        CasesCommand::Delete { id, yes } => delete(ctx, &store, id, *yes),
    }
}

/// `cases list`: every case with its status, under column headers.
fn list(ctx: &Ctx, store: &Store, json: bool) -> anyhow::Result<ExitCode> {
    let listing = store
        .list()
        .map_err(|e| anyhow::anyhow!(store_message(ctx, &e)))?;
    for p in &listing.problems {
        out::err_line(&format!("posbind: {}", store_message(ctx, &p.error)));
    }
    if json {
        out::json(&serde_json::to_string_pretty(&listing.cases)?)?;
    } else if listing.cases.is_empty() {
        out::line(&tr(ctx.lang, "cases-none"))?;
    } else {
        let l = ctx.lang;
        let rows: Vec<[String; 5]> = listing
            .cases
            .iter()
            .map(|c| {
                let when = c.updated.with_timezone(&chrono::Local);
                [
                    for_terminal(&c.id).into_owned(),
                    when.format("%Y-%m-%d %H:%M").to_string(),
                    c.status.text(l),
                    tr(l, &c.step.title_id()),
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
        for line in columns(&header, &rows) {
            out::line(&line)?;
        }
    }
    Ok(ExitCode::SUCCESS)
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
    format: ExportFormat,
    out: &Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
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
        ExportFormat::Json => {
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
