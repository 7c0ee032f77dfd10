//! The pending-payments store from the command line: every command that talks to a terminal
//! first settles what the store still holds for it (`settle`), and `posbind pending list | ack`
//! shows the open payments and lets a person take over one that cannot be reversed.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;

use super::out;
use super::terminal::{progress, Failure};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::PaymentTerminal;
use crate::i18n::safe::for_terminal;
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::store::lock::Lock;
use crate::store::pending::{Ledger, PendingStore};
use crate::testloop::pending::{PendingPayment, TerminalId, Unresolved};
use crate::testloop::{resolve_pending, Money, Resolution, Summary, Unreversed};

/// `posbind pending …`.
#[derive(Debug, Subcommand)]
pub enum PendingCommand {
    /// List the test payments not yet reversed (all terminals).
    List {
        /// A JSON array for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Take over a payment posbind cannot void (refused, no receipt number): after voiding it
    /// on the terminal's own menu or refunding it; it leaves the list.
    Ack {
        /// Payment id (from `pending list`).
        id: String,
        /// Also close a payment posbind could still void or settle itself (it would stay on the
        /// card unreversed if it was booked).
        #[arg(long)]
        accept_unvoided_risk: bool,
    },
}

/// How many times the identity is asked for before a session makes do without the serial
/// number: one failed Status Enquiry must not file payments under another name.
const IDENTITY_TRIES: u32 = 3;

/// Who the terminal says it is, for the pending store: its serial number and TID from the
/// Status Enquiry (tried a few times), the TID from the Registration when that is all there is.
pub fn terminal_of(client: &mut dyn PaymentTerminal, reg_tid: Option<String>) -> TerminalId {
    let known = |s: String| Some(s).filter(|s| !s.is_empty());
    for attempt in 1..=IDENTITY_TRIES {
        match client.enquire() {
            Ok(id) => {
                let serial = known(id.serial);
                let tid = known(id.tid).or(reg_tid.clone());
                return TerminalId::new(serial.as_deref(), tid.as_deref());
            }
            Err(e) => tracing::warn!(error = %e, attempt, "status enquiry for the pending store"),
        }
    }
    TerminalId::new(None, reg_tid.as_deref())
}

/// A session that may touch money on one terminal: it holds the terminal's lock, and what
/// the pending store held for the terminal was settled (or is still listed, loudly).
pub struct MoneySession {
    _lock: Lock,
    /// The store.
    pub store: PendingStore,
    /// The terminal.
    pub terminal: TerminalId,
}

impl MoneySession {
    /// Bookkeeping for this session's payments.
    pub fn money(&mut self) -> Money<'_> {
        Money::new(&mut self.store, &self.terminal)
    }

    /// Every payment still open for this terminal (and any whose terminal a damaged line
    /// hides), as a summary lists them; an error naming the file when it cannot be read.
    pub fn open_payments(&self) -> Result<Vec<Unreversed>, String> {
        self.store
            .blocking(&self.terminal)
            .map(|open| open.iter().map(PendingPayment::as_unreversed).collect())
            .map_err(|e| e.to_string())
    }

    /// Whether new test payments may be made: not while a payment of this terminal is still
    /// open (each new one would be more money on the card, and the test cannot pass anyway).
    /// Says so when not.
    pub fn may_pay(&self, lang: Lang) -> bool {
        match self.open_payments() {
            Ok(open) if open.is_empty() => true,
            Ok(open) => {
                super::out::err_line(&format!(
                    "posbind: {}",
                    tr_args(
                        lang,
                        "pending-blocks-payments",
                        &[("count", &open.len().to_string())]
                    )
                ));
                false
            }
            Err(e) => {
                super::out::err_line(&format!(
                    "posbind: {}",
                    tr_args(lang, "pending-store-unreadable", &[("error", &e)])
                ));
                false
            }
        }
    }

    /// Lists the open payments in `summary` (the one rule for passing: nothing open), and says
    /// loudly that the store could not be written or read.
    pub fn finish(&self, lang: Lang, summary: &mut Summary) {
        match self.open_payments() {
            Ok(open) => summary.include_open(open),
            Err(e) => {
                super::out::err_line(&format!(
                    "posbind: {}",
                    tr_args(lang, "pending-store-unreadable", &[("error", &e)])
                ));
                summary.pass = false;
            }
        }
        report_store_errors(lang, &self.store);
    }
}

/// Opens a money session with `terminal`: takes its lock (a second session is told who holds
/// it), reads the store (a store that cannot be read stops the session, naming the file; a
/// damaged line is reported with its number), and settles what an earlier session left open.
pub fn open_session(
    lang: Lang,
    data_dir: &Path,
    client: &mut dyn PaymentTerminal,
    terminal: TerminalId,
    per_command: Duration,
) -> Result<MoneySession, Failure> {
    if !terminal.is_known() {
        return Err(Failure::new(
            EXIT_USAGE,
            "terminal",
            tr(lang, "pending-terminal-unknown"),
        ));
    }
    let store = PendingStore::new(data_dir);
    let lock = store.lock_terminal(&terminal).map_err(|e| {
        let (id, args) = e.message();
        Failure::new(EXIT_FAIL, "locked", tr_owned(lang, id, &args))
    })?;
    let unreadable = |e: String| {
        Failure::new(
            EXIT_FAIL,
            "pending-store",
            tr_args(lang, "pending-store-unreadable", &[("error", &e)]),
        )
    };
    // A file grown past a few thousand payments is compacted before it is read: reading stays
    // one short pass.
    if let Err(e) = store.compact_if_large() {
        tracing::warn!(error = %e, "the pending-payments file was not compacted");
    }
    let ledger = store.read().map_err(|e| unreadable(e.to_string()))?;
    report_damaged(lang, &store, &ledger);
    let mut session = MoneySession {
        _lock: lock,
        store,
        terminal,
    };
    settle(lang, client, &mut session.money(), per_command).map_err(unreadable)?;
    Ok(session)
}

/// Says which lines of the store could not be read.
pub fn report_damaged(lang: Lang, store: &PendingStore, ledger: &Ledger) {
    for d in &ledger.damaged {
        super::out::err_line(&format!(
            "posbind: {}",
            tr_args(
                lang,
                "pending-store-damaged-line",
                &[
                    ("path", &store.path().display().to_string()),
                    ("line", &d.line.to_string()),
                    ("reason", &for_terminal(&d.reason)),
                ]
            )
        ));
    }
}

fn say(lang: Lang, id: &str, args: &[(&'static str, String)]) {
    let a: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    progress(lang, id, &a);
}

/// Settles what the store holds for the session's terminal, and says what happened on
/// stderr: reversed, never booked, or still open (loudly).
pub fn settle(
    lang: Lang,
    client: &mut dyn PaymentTerminal,
    money: &mut Money,
    per_command: Duration,
) -> Result<Vec<Resolution>, String> {
    let resolved = resolve_pending(client, money, per_command)?;
    for r in &resolved {
        let args = r.payment().args();
        if r.still_open() {
            super::out::err_line(&format!(
                "posbind: {}",
                tr_owned(lang, r.message_id(), &args)
            ));
        } else {
            say(lang, r.message_id(), &args);
        }
    }
    Ok(resolved)
}

/// Says loudly that the pending store could not be written (a full disk): what is not on disk
/// is not protected against a crash.
pub fn report_store_errors(lang: Lang, store: &PendingStore) {
    for e in &store.errors {
        super::out::err_line(&format!(
            "posbind: {}",
            tr_args(lang, "pending-store-error", &[("error", e)])
        ));
    }
}

/// `posbind pending …`.
pub fn run(ctx: &Ctx, cmd: &PendingCommand) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let store = PendingStore::new(&ctx.data_dir);
    if let Err(e) = store.compact_if_large() {
        tracing::warn!(error = %e, "the pending-payments file was not compacted");
    }
    let ledger = match store.read() {
        Ok(l) => l,
        Err(e) => {
            let m = tr_args(
                lang,
                "pending-store-unreadable",
                &[("error", &e.to_string())],
            );
            super::out::err_line(&format!("posbind: {m}"));
            return Ok(ExitCode::from(EXIT_FAIL));
        }
    };
    report_damaged(lang, &store, &ledger);
    match cmd {
        PendingCommand::List { json } => list(lang, &ledger.open(), *json),
        PendingCommand::Ack {
            id,
            accept_unvoided_risk,
        } => acknowledge(lang, &store, &ledger, id, *accept_unvoided_risk),
    }
}

fn list(lang: Lang, open: &[PendingPayment], json: bool) -> anyhow::Result<ExitCode> {
    if json {
        out::json(&serde_json::to_string_pretty(&open)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    if open.is_empty() {
        out::line(&tr(lang, "pending-none"))?;
    }
    for p in open {
        let state = match &p.unresolved {
            _ if p.damaged => "pending-state-damaged",
            Some(Unresolved::Refused { .. }) => "pending-state-refused",
            Some(Unresolved::NoReceipt) => "pending-state-no-receipt",
            Some(Unresolved::Unknown { .. }) => "pending-state-unknown",
            Some(Unresolved::ReversalFailed { .. }) => "pending-state-unreversed",
            None if p.commit.is_some() => "pending-state-committed",
            None => "pending-state-sent",
        };
        let mut args = p.args();
        args.push(("state", tr(lang, state)));
        out::line(&for_terminal(&tr_owned(lang, "pending-line", &args)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `pending ack`: only what posbind cannot void itself (refused, no receipt number, a damaged
/// record) closes without `--accept-unvoided-risk`; forced, never while a session holds the
/// payment's terminal.
fn acknowledge(
    lang: Lang,
    store: &PendingStore,
    ledger: &Ledger,
    id: &str,
    forced: bool,
) -> anyhow::Result<ExitCode> {
    let fail = |m: String| {
        super::out::err_line(&format!("posbind: {m}"));
        Ok(ExitCode::from(EXIT_FAIL))
    };
    let Some(p) = ledger.open().into_iter().find(|p| p.id == id) else {
        return fail(tr_args(
            lang,
            "pending-no-such",
            &[("id", &for_terminal(id))],
        ));
    };
    if !p.needs_acknowledgement() && !forced {
        return fail(tr_owned(lang, "pending-ack-voidable", &p.args()));
    }
    // Forced, it may close what a session is voiding right now: not while one holds the
    // terminal. (A refused payment, or one without a receipt number, no session touches.)
    let _lock = if forced && p.identity.is_known() {
        match store.lock_terminal(&p.identity) {
            Ok(l) => Some(l),
            Err(e) => {
                let (mid, args) = e.message();
                return fail(tr_owned(lang, mid, &args));
            }
        }
    } else {
        None
    };
    match store.acknowledge(id) {
        Ok(true) => {
            out::line(&tr_args(lang, "pending-acknowledged", &[("id", id)]))?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) => fail(tr_args(
            lang,
            "pending-no-such",
            &[("id", &for_terminal(id))],
        )),
        Err(e) => fail(tr_args(
            lang,
            "pending-store-unreadable",
            &[("error", &e.to_string())],
        )),
    }
}
