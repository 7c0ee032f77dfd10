//! Ctrl-C for the commands that make test payments (`test-loop`, `run`): the first Ctrl-C
//! stops new payments — the loop ends after the payment in flight is finished or reversed, and
//! the command exits with its summary (exit 1: not passed) listing anything unreversed; a
//! second Ctrl-C within a few seconds quits at once (exit 130) and says what may be left: the
//! pending-payments file keeps it for the next session. Even then the command's result is
//! printed: the rounds so far and every payment the store holds open for the terminal (the one
//! in flight included), as JSON too when `--json` was asked for ([`LastWords`]).

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::out;
use crate::i18n::{tr, Lang};
use crate::onboarding::test_result::{RuleFailure, Stats, Summary};
use crate::store::pending::PendingStore;
use crate::testloop::pending::{PendingPayment, TerminalId};
use crate::testloop::{self, LoopConfig, LoopEvent};

/// What a command that quits at once still prints: its summary so far.
struct Partial {
    lang: Lang,
    json: bool,
    summary: Summary,
    latencies: Vec<f64>,
    /// The data directory and terminal whose open payments are listed.
    store: Option<(PathBuf, TerminalId)>,
}

static LAST_WORDS: Mutex<Option<Partial>> = Mutex::new(None);

/// The summary a second Ctrl-C prints, kept up to date as the loop runs.
pub struct LastWords;

impl LastWords {
    /// For a loop of `cfg` whose payments the session's store keeps.
    pub fn new(json: bool, cfg: &LoopConfig, session: &super::pending::MoneySession) -> LastWords {
        let dir = session.store.path().parent().map(PathBuf::from);
        LastWords::set(json, cfg, dir.map(|d| (d, session.terminal.clone())))
    }

    /// For a loop that keeps no payments (connectivity on an unidentified terminal).
    pub fn none(json: bool, cfg: &LoopConfig) -> LastWords {
        LastWords::set(json, cfg, None)
    }

    fn set(json: bool, cfg: &LoopConfig, store: Option<(PathBuf, TerminalId)>) -> LastWords {
        let mut summary = Summary::not_run(cfg.mode);
        summary.planned = cfg.count;
        if let Ok(mut g) = LAST_WORDS.lock() {
            *g = Some(Partial {
                lang: Lang::En,
                json,
                summary,
                latencies: vec![],
                store,
            });
        }
        LastWords
    }

    /// Counts a round that ended.
    pub fn saw(&self, ev: &LoopEvent) {
        let LoopEvent::Round(r) = ev else { return };
        if let Ok(mut g) = LAST_WORDS.lock() {
            if let Some(p) = g.as_mut() {
                p.summary.count += 1;
                if r.ok {
                    p.summary.succeeded += 1;
                    p.latencies.push(r.latency_ms);
                } else {
                    p.summary.failed += 1;
                }
            }
        }
    }
}

/// The command finished normally: nothing left to say on a second Ctrl-C.
pub fn clear_last_words() {
    if let Ok(mut g) = LAST_WORDS.lock() {
        *g = None;
    }
}

/// Prints the summary so far (called by the handler before quitting at once).
fn say_last_words(lang: Lang) {
    // The loop holds the lock only to count a round: waiting could only hang on a bug, so
    // give up rather than never quit.
    let Ok(mut g) = LAST_WORDS.try_lock() else {
        return;
    };
    let Some(mut p) = g.take() else { return };
    p.lang = lang;
    p.summary.latency_ms = Stats::of(&p.latencies);
    p.summary.aborted = true;
    p.summary.failed_rules = vec![RuleFailure::Stopped {
        ran: p.summary.count,
        planned: p.summary.planned,
    }];
    if let Some((dir, terminal)) = &p.store {
        match PendingStore::new(dir).blocking(terminal) {
            Ok(open) => p
                .summary
                .include_open(open.iter().map(PendingPayment::as_unreversed).collect()),
            Err(e) => out::err_line(&format!("posbind: {e}")),
        }
    }
    let _ = super::testloop::print_summary(p.lang, &p.summary, p.json);
}

/// Exit code when a second Ctrl-C quits at once (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// How close a second Ctrl-C must follow the first to quit at once.
const QUIT_WINDOW: Duration = Duration::from_secs(5);

/// Installs the handler for a command that makes test payments.
pub fn install_for_payments(lang: Lang) {
    let mut first: Option<Instant> = None;
    let handler = move || {
        let now = Instant::now();
        if first.is_some_and(|t| now.duration_since(t) < QUIT_WINDOW) {
            out::err_line(&format!("posbind: {}", tr(lang, "interrupt-quit-now")));
            say_last_words(lang);
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        first = Some(now);
        testloop::INTERRUPT.store(true, Ordering::Relaxed);
        out::err_line(&format!("posbind: {}", tr(lang, "interrupt-stopping")));
    };
    if let Err(e) = crate::platform::interrupt::install(handler) {
        tracing::warn!(error = %e, "Ctrl-C will end the command at once");
    }
}
