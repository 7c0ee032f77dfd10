//! The pending-payments store from the command line: every command that talks to a terminal
//! first settles what the store still holds for it (`settle`), and `posbind pending list | ack`
//! shows the open payments and lets a person take over one that cannot be reversed.

use std::process::ExitCode;

use clap::Subcommand;

use super::out;
use super::terminal::progress;
use super::{Ctx, EXIT_FAIL};
use crate::device::client::Client;
use crate::i18n::safe::for_terminal;
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::store::pending::PendingStore;
use crate::testloop::pending::{terminal_key, PendingPayment, Unresolved};
use crate::testloop::{resolve_pending, Money, Resolution};

/// `posbind pending …`.
#[derive(Debug, Subcommand)]
pub enum PendingCommand {
    /// List the test payments not yet reversed (all terminals).
    List {
        /// A JSON array for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Take over a payment that cannot be reversed (e.g. refund it); it leaves the list.
    Ack {
        /// Payment id (from `pending list`).
        id: String,
    },
}

/// The terminal as the pending store names it, read from the terminal itself (Status-Enquiry,
/// TID from the Registration when it has none).
pub fn terminal_of(client: &mut Client, port: &str, reg_tid: Option<String>) -> String {
    match client.status_enquiry() {
        Ok(id) => {
            let serial = id.serial.as_ref().map(|s| s.hex());
            let tid = id.tid.map(|t| t.as_str().to_string()).or(reg_tid);
            terminal_key(serial.as_deref(), tid.as_deref(), port)
        }
        Err(e) => {
            tracing::warn!(error = %e, "no identity for the pending store; keyed by port");
            terminal_key(None, reg_tid.as_deref(), port)
        }
    }
}

fn payment_args(p: &PendingPayment) -> Vec<(&'static str, String)> {
    p.args()
}

fn say(lang: Lang, id: &str, args: &[(&'static str, String)]) {
    let a: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    progress(lang, id, &a);
}

/// Settles what the store holds for `terminal` before a session goes on, and says what
/// happened on stderr: reversed, never booked, or still open (loudly).
pub fn settle(lang: Lang, client: &mut Client, money: &mut Money) -> Vec<Resolution> {
    let resolved = resolve_pending(client, money);
    for r in &resolved {
        let args = r.payment().args();
        if r.still_open() {
            eprintln!("posbind: {}", tr_owned(lang, r.message_id(), &args));
        } else {
            say(lang, r.message_id(), &args);
        }
    }
    resolved
}

/// Says loudly that the pending store could not be written (a full disk): what is not on disk
/// is not protected against a crash.
pub fn report_store_errors(lang: Lang, store: &PendingStore) {
    for e in &store.errors {
        eprintln!(
            "posbind: {}",
            tr_args(lang, "pending-store-error", &[("error", e)])
        );
    }
}

/// `posbind pending …`.
pub fn run(ctx: &Ctx, cmd: &PendingCommand) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let store = PendingStore::new(&ctx.data_dir);
    match cmd {
        PendingCommand::List { json } => {
            let open = store.open()?;
            if *json {
                out::line(&serde_json::to_string_pretty(&open)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            if open.is_empty() {
                out::line(&tr(lang, "pending-none"))?;
            }
            for p in &open {
                let state = match &p.unresolved {
                    Some(Unresolved::Refused { .. }) => "pending-state-refused",
                    Some(Unresolved::Unknown { .. }) => "pending-state-unknown",
                    Some(Unresolved::ReversalFailed { .. }) => "pending-state-unreversed",
                    None if p.commit.is_some() => "pending-state-committed",
                    None => "pending-state-sent",
                };
                let mut args = payment_args(p);
                args.push(("state", tr(lang, state)));
                out::line(&for_terminal(&tr_owned(lang, "pending-line", &args)))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        PendingCommand::Ack { id } => {
            if store.acknowledge(id)? {
                out::line(&tr_args(lang, "pending-acknowledged", &[("id", id)]))?;
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "posbind: {}",
                    tr_args(lang, "pending-no-such", &[("id", &for_terminal(id))])
                );
                Ok(ExitCode::from(EXIT_FAIL))
            }
        }
    }
}
