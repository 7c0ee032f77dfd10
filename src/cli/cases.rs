//! `posbind cases list | show | delete`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Subcommand;

use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::{tr, tr_args};
use crate::onboarding::CaseId;
use crate::store::StoreError;

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
    /// Delete a case and everything in its directory.
    Delete {
        /// Case id.
        id: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

fn store_message(ctx: &Ctx, e: &StoreError) -> String {
    let (id, args) = e.message();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tr_args(ctx.lang, id, &args)
}

fn parse_id(ctx: &Ctx, id: &str) -> Result<CaseId, ExitCode> {
    CaseId::parse(id).ok_or_else(|| {
        eprintln!(
            "posbind: {}",
            tr_args(ctx.lang, "store-error-not-found", &[("id", id)])
        );
        ExitCode::from(EXIT_FAIL)
    })
}

/// Runs a `cases` subcommand.
pub fn run(ctx: &Ctx, cmd: &CasesCommand) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    match cmd {
        CasesCommand::List { json } => {
            let listing = store
                .list()
                .map_err(|e| anyhow::anyhow!(store_message(ctx, &e)))?;
            for p in &listing.problems {
                eprintln!("posbind: {}", store_message(ctx, &p.error));
            }
            if *json {
                println!("{}", serde_json::to_string_pretty(&listing.cases)?);
            } else if listing.cases.is_empty() {
                println!("{}", tr(ctx.lang, "cases-none"));
            } else {
                for c in &listing.cases {
                    let when = c
                        .updated
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M");
                    let step = tr(ctx.lang, &c.step.title_id());
                    println!("{}  {}  {}  {}", c.id, when, step, c.merchant);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CasesCommand::Show { id, json } => {
            let id = match parse_id(ctx, id) {
                Ok(id) => id,
                Err(code) => return Ok(code),
            };
            let case = match store.load(&id) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("posbind: {}", store_message(ctx, &e));
                    return Ok(ExitCode::from(EXIT_FAIL));
                }
            };
            if *json {
                println!("{}", serde_json::to_string_pretty(&case)?);
            } else {
                let l = ctx.lang;
                println!("{}: {}", tr(l, "field-case-id"), case.id);
                println!("{}: {}", tr(l, "field-merchant"), case.merchant.name);
                println!("{}: {}", tr(l, "field-step"), tr(l, &case.step.title_id()));
                println!(
                    "{}: {}",
                    tr(l, "field-created"),
                    case.created.with_timezone(&chrono::Local).to_rfc3339()
                );
                println!(
                    "{}: {}",
                    tr(l, "field-updated"),
                    case.updated.with_timezone(&chrono::Local).to_rfc3339()
                );
                if let Some(pos) = &case.pos {
                    let catalog = crate::onboarding::pos_types::PosCatalog::shipped();
                    let name = catalog
                        .pos_type(&pos.pos_type)
                        .map(|t| t.name.get(l).to_string());
                    println!(
                        "{}: {} x {}",
                        tr(l, "field-pos-type"),
                        name.unwrap_or(pos.pos_type.clone()),
                        pos.count
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CasesCommand::Delete { id, yes } => {
            let id = match parse_id(ctx, id) {
                Ok(id) => id,
                Err(code) => return Ok(code),
            };
            if !yes {
                if !std::io::stdin().is_terminal() {
                    eprintln!("posbind: {}", tr(ctx.lang, "cases-delete-needs-yes"));
                    return Ok(ExitCode::from(EXIT_USAGE));
                }
                eprint!(
                    "{} ",
                    tr_args(ctx.lang, "cases-delete-confirm", &[("id", id.as_str())])
                );
                let _ = std::io::stderr().flush();
                let mut answer = String::new();
                std::io::stdin().lock().read_line(&mut answer)?;
                if !matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
                    eprintln!("{}", tr(ctx.lang, "cases-delete-cancelled"));
                    return Ok(ExitCode::from(EXIT_FAIL));
                }
            }
            match store.delete(&id) {
                Ok(()) => {
                    println!(
                        "{}",
                        tr_args(ctx.lang, "cases-deleted", &[("id", id.as_str())])
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("posbind: {}", store_message(ctx, &e));
                    Ok(ExitCode::from(EXIT_FAIL))
                }
            }
        }
    }
}
