//! `posbind driver check -- COMMAND [ARGS]`: the driver protocol's conformance kit. It runs the
//! contract against a driver and prints one row per check: the hello, the identity, sign-on,
//! a payment and its void, an unknown outcome resolved through the last transaction, an abort,
//! a crash in the middle of a payment (the driver killed the moment it reports the payment
//! committed, started again, asked for its last transaction and made to void it), garbage on
//! its output and its timeouts. An integrator runs it before a merchant ever does.
//!
//! The check pays 0.01 yuan a few times and voids every payment it made; it talks to the
//! driver only through the device layer's [`DriverTerminal`].

use std::cell::Cell;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Subcommand;

use super::{out, Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::driver::{DriverTerminal, Fault};
use crate::device::{Amount, Currency, DeviceError, PaymentData, PaymentTerminal, TerminalEvent};
use crate::i18n::device::error_text;
use crate::i18n::{tr, tr_args, Lang};

/// `posbind driver …`.
#[derive(Debug, Subcommand)]
pub enum DriverCommand {
    /// Run the driver protocol's contract against a driver and print the table (exit 0 when
    /// every check passed).
    Check {
        /// Seconds each command may take.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// One JSON object for scripts: {"pass", "checks": [{"check", "result", "detail"}]}.
        #[arg(long)]
        json: bool,
        /// The driver's command and its arguments (after `--`).
        #[arg(required = true, trailing_var_arg = true, allow_hyphen_values = true)]
        command: Vec<String>,
    },
}

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Pass,
    Fail,
    /// The driver does not offer what the check needs (optional operations only).
    Skipped,
}

struct Row {
    check: &'static str,
    outcome: Outcome,
    detail: String,
}

/// The checks' state: the driver (started again after the crash check) and the rows so far.
struct Kit<'a> {
    lang: Lang,
    argv: &'a [String],
    limit: Duration,
    driver: Option<DriverTerminal>,
    rows: Vec<Row>,
    slowest: Duration,
    /// What the driver printed that was not a protocol message, if it did.
    garbage: Option<String>,
}

fn amount() -> Amount {
    Amount {
        minor: 1,
        currency: Currency::CNY,
    }
}

impl Kit<'_> {
    fn row(&mut self, check: &'static str, outcome: Outcome, detail: String) {
        self.rows.push(Row {
            check,
            outcome,
            detail,
        });
    }

    fn start(&mut self) -> Result<(), DeviceError> {
        self.driver = None;
        let mut d = DriverTerminal::start(self.argv)?;
        d.set_command_limit(self.limit);
        self.driver = Some(d);
        Ok(())
    }

    /// Runs `f` on the driver, timing it; a driver that is gone fails the check.
    fn with<T>(
        &mut self,
        f: impl FnOnce(&mut DriverTerminal) -> Result<T, DeviceError>,
    ) -> Result<T, String> {
        let lang = self.lang;
        let Some(d) = self.driver.as_mut() else {
            return Err(tr(lang, "driver-check-not-running"));
        };
        let started = Instant::now();
        let r = f(d);
        self.slowest = self.slowest.max(started.elapsed());
        r.map_err(|e| {
            let text = error_text(lang, &e);
            if matches!(&e, DeviceError::Driver(f) if matches!(f.what, Fault::Garbage { .. })) {
                self.garbage.get_or_insert(text.clone());
            }
            text
        })
    }

    /// Pays 0.01 yuan; the payment and whether a committed event came before the answer.
    fn pay(&mut self) -> Result<(PaymentData, bool), String> {
        self.with(|d| {
            let mut committed = false;
            let (p, _) = d.authorise(amount(), Duration::from_secs(60), &|| false, &mut |e| {
                committed |= matches!(e, TerminalEvent::PaymentData(_));
            })?;
            Ok((p, committed))
        })
    }

    fn void(&mut self, receipt: u16) -> Result<PaymentData, String> {
        self.with(|d| d.reverse(receipt))
    }

    fn identity(&mut self) {
        match self.with(|d| d.identify()) {
            Ok(i) if !i.serial.is_empty() || !i.tid.is_empty() => {
                let detail = format!("SN {} / TID {} / {} {}", i.serial, i.tid, i.name, i.version);
                self.row("driver-check-identity", Outcome::Pass, detail)
            }
            Ok(_) => {
                let detail = tr(self.lang, "driver-check-no-identity");
                self.row("driver-check-identity", Outcome::Fail, detail)
            }
            Err(e) => self.row("driver-check-identity", Outcome::Fail, e),
        }
    }

    fn sign_on(&mut self) {
        if !self.driver.as_ref().is_some_and(|d| d.offers("sign_on")) {
            let detail = tr(self.lang, "driver-check-not-offered");
            return self.row("driver-check-sign-on", Outcome::Skipped, detail);
        }
        match self.with(|d| d.diagnose(&mut |_| {})) {
            Ok(_) => self.row("driver-check-sign-on", Outcome::Pass, String::new()),
            Err(e) => self.row("driver-check-sign-on", Outcome::Fail, e),
        }
    }

    /// Pays and voids the payment by the receipt number the driver reported.
    fn pay_and_void(&mut self) {
        let lang = self.lang;
        let (p, committed) = match self.pay() {
            Ok(r) => r,
            Err(e) => return self.row("driver-check-pay-void", Outcome::Fail, e),
        };
        let Some(receipt) = p.receipt.filter(|_| committed) else {
            let detail = tr(lang, "driver-check-no-commit");
            return self.row("driver-check-pay-void", Outcome::Fail, detail);
        };
        match self.void(receipt) {
            Ok(v) if v.result.is_none_or(|c| c.is_success()) => {
                let detail = tr_args(
                    lang,
                    "driver-check-receipt",
                    &[("receipt", &receipt.to_string())],
                );
                self.row("driver-check-pay-void", Outcome::Pass, detail)
            }
            Ok(_) => {
                let detail = tr(lang, "driver-check-void-declined");
                self.row("driver-check-pay-void", Outcome::Fail, detail)
            }
            Err(e) => self.row("driver-check-pay-void", Outcome::Fail, e),
        }
    }

    /// A payment whose answer posbind "lost": the last transaction must name it, and it is
    /// voided through what the last transaction says.
    fn unknown_outcome(&mut self) {
        let check = "driver-check-unknown-outcome";
        let paid = match self.pay() {
            Ok((p, _)) => p,
            Err(e) => return self.row(check, Outcome::Fail, e),
        };
        self.resolve_through_last(check, &paid);
    }

    /// Asks the last transaction, which must be `paid` (same receipt), and voids it.
    fn resolve_through_last(&mut self, check: &'static str, paid: &PaymentData) {
        let lang = self.lang;
        let last = match self.with(|d| d.repeat_last_receipt()) {
            Ok(l) => l,
            Err(e) => return self.row(check, Outcome::Fail, e),
        };
        let receipt = match (last, paid.receipt) {
            (Some(l), Some(r)) if l.receipt == Some(r) && l.original_trace.is_none() => r,
            _ => {
                let detail = tr(lang, "driver-check-last-differs");
                return self.row(check, Outcome::Fail, detail);
            }
        };
        match self.void(receipt) {
            Ok(_) => {
                let detail = tr_args(
                    lang,
                    "driver-check-receipt",
                    &[("receipt", &receipt.to_string())],
                );
                self.row(check, Outcome::Pass, detail)
            }
            Err(e) => self.row(check, Outcome::Fail, e),
        }
    }

    /// Abort right after the driver accepted the payment: it ends stopped, or booked (then it
    /// is voided), within the abort's bound.
    fn abort(&mut self) {
        let (check, lang) = ("driver-check-abort", self.lang);
        if !self.driver.as_ref().is_some_and(|d| d.offers("abort")) {
            let detail = tr(lang, "driver-check-not-offered");
            return self.row(check, Outcome::Skipped, detail);
        }
        let r = self.with(|d| {
            let accepted = Cell::new(false);
            let r = d.authorise(
                amount(),
                Duration::from_secs(60),
                &|| accepted.get(),
                &mut |e| {
                    if matches!(e, TerminalEvent::Accepted) {
                        accepted.set(true)
                    }
                },
            );
            match r {
                Err(DeviceError::Stopped {
                    confirmed: true, ..
                }) => Ok(None),
                Err(e) => Err(e),
                Ok((p, _)) => Ok(Some(p)),
            }
        });
        match r {
            Ok(None) => self.row(check, Outcome::Pass, tr(lang, "driver-check-aborted")),
            Ok(Some(p)) => match p.receipt.map(|r| self.void(r)) {
                Some(Ok(_)) => {
                    self.row(check, Outcome::Pass, tr(lang, "driver-check-booked-voided"))
                }
                Some(Err(e)) => self.row(check, Outcome::Fail, e),
                None => self.row(check, Outcome::Fail, tr(lang, "driver-check-no-commit")),
            },
            Err(e) => self.row(check, Outcome::Fail, e),
        }
    }

    /// The driver is killed the moment it reports a payment committed; started again, its last
    /// transaction must be that payment, which it then voids.
    fn crash(&mut self) {
        let check = "driver-check-crash";
        let mut committed = None;
        let r = self.with(|d| {
            d.kill_at_commit(true);
            d.authorise(amount(), Duration::from_secs(60), &|| false, &mut |e| {
                if let TerminalEvent::PaymentData(p) = e {
                    committed = Some(p);
                }
            })
        });
        let Some(paid) = committed else {
            let detail = match r {
                Err(e) => e,
                Ok(_) => tr(self.lang, "driver-check-no-commit"),
            };
            return self.row(check, Outcome::Fail, detail);
        };
        if let Err(e) = self.start() {
            return self.row(check, Outcome::Fail, error_text(self.lang, &e));
        }
        self.resolve_through_last(check, &paid);
    }

    /// Every line was a protocol message (a line that was not ends the driver at once, and
    /// a check above failed naming it).
    fn garbage(&mut self) {
        match self.garbage.clone() {
            Some(text) => self.row("driver-check-garbage", Outcome::Fail, text),
            None => self.row("driver-check-garbage", Outcome::Pass, String::new()),
        }
    }

    /// An operation no version has is refused at once; every answer came within the limit.
    fn timeouts(&mut self) {
        let lang = self.lang;
        let r = match self.driver.as_mut() {
            Some(d) => d.ask_unknown(),
            None => {
                return self.row(
                    "driver-check-timeouts",
                    Outcome::Fail,
                    tr(lang, "driver-check-not-running"),
                )
            }
        };
        let slowest = format!("{:.1}", self.slowest.as_secs_f64());
        match r {
            Err(DeviceError::Driver(f)) if matches!(f.what, Fault::Unsupported(_)) => {
                let detail = tr_args(lang, "driver-check-slowest", &[("seconds", &slowest)]);
                self.row("driver-check-timeouts", Outcome::Pass, detail)
            }
            Err(e) => self.row("driver-check-timeouts", Outcome::Fail, error_text(lang, &e)),
            Ok(()) => {
                let detail = tr(lang, "driver-check-unknown-accepted");
                self.row("driver-check-timeouts", Outcome::Fail, detail)
            }
        }
    }
}

/// `posbind driver …`.
pub fn run(ctx: &Ctx, cmd: &DriverCommand) -> anyhow::Result<ExitCode> {
    let DriverCommand::Check {
        timeout,
        json,
        command,
    } = cmd;
    let lang = ctx.lang;
    let mut kit = Kit {
        lang,
        argv: command,
        limit: Duration::from_secs((*timeout).clamp(1, 600)),
        driver: None,
        rows: vec![],
        slowest: Duration::ZERO,
        garbage: None,
    };
    if let Err(e) = kit.start() {
        let message = error_text(lang, &e);
        if *json {
            let v =
                serde_json::json!({"pass": false, "error": {"code": "driver", "message": message}});
            out::line(&v.to_string())?;
        }
        super::out::err_line(&format!("posbind: {message}"));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    if let Some(d) = kit.driver.as_ref() {
        let h = d.hello();
        let detail = format!("{} {} [{}]", h.name, h.version, h.capabilities.join(", "));
        kit.row("driver-check-hello", Outcome::Pass, detail);
    }
    kit.identity();
    kit.sign_on();
    kit.pay_and_void();
    kit.unknown_outcome();
    kit.abort();
    kit.crash();
    kit.garbage();
    kit.timeouts();
    if let Some(d) = kit.driver.as_mut() {
        let _ = d.log_off();
    }
    let pass = kit.rows.iter().all(|r| r.outcome != Outcome::Fail);
    print_table(lang, &kit.rows, pass, *json)?;
    Ok(ExitCode::from(if pass { 0 } else { EXIT_FAIL }))
}

fn outcome_id(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "driver-check-pass",
        Outcome::Fail => "driver-check-fail",
        Outcome::Skipped => "driver-check-skipped",
    }
}

fn print_table(lang: Lang, rows: &[Row], pass: bool, json: bool) -> anyhow::Result<()> {
    if json {
        let checks: Vec<_> = rows
            .iter()
            .map(|r| {
                let result = match r.outcome {
                    Outcome::Pass => "pass",
                    Outcome::Fail => "fail",
                    Outcome::Skipped => "skipped",
                };
                serde_json::json!({"check": r.check.trim_start_matches("driver-check-"), "result": result, "detail": r.detail})
            })
            .collect();
        out::line(&serde_json::json!({"pass": pass, "checks": checks}).to_string())?;
        return Ok(());
    }
    for line in table_lines(lang, rows) {
        out::line(&line)?;
    }
    out::line(&tr(
        lang,
        if pass {
            "driver-check-passed"
        } else {
            "driver-check-failed"
        },
    ))?;
    Ok(())
}

/// The check table's lines: columns line up by the width a terminal gives each character (a
/// Chinese one takes two).
fn table_lines(lang: Lang, rows: &[Row]) -> Vec<String> {
    let width = |s: &str| ratatui::text::Span::raw(s).width();
    let pad = |s: &str, to: usize| format!("{s}{}", " ".repeat(to.saturating_sub(width(s))));
    let names: Vec<String> = rows.iter().map(|r| tr(lang, r.check)).collect();
    let outcomes: Vec<String> = rows
        .iter()
        .map(|r| tr(lang, outcome_id(r.outcome)))
        .collect();
    let name_width = names.iter().map(|n| width(n)).max().unwrap_or(0);
    let outcome_width = outcomes.iter().map(|o| width(o)).max().unwrap_or(0);
    rows.iter()
        .zip(&names)
        .zip(&outcomes)
        .map(|((r, name), outcome)| {
            let line = format!(
                "{}  {}  {}",
                pad(name, name_width),
                pad(outcome, outcome_width),
                r.detail
            );
            line.trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lines_up_in_chinese_where_characters_are_two_columns_wide() {
        let rows = [
            ("driver-check-hello", Outcome::Pass, "sim-driver 1.0"),
            ("driver-check-unknown-outcome", Outcome::Fail, "x"),
            ("driver-check-sign-on", Outcome::Skipped, "y"),
        ]
        .map(|(check, outcome, detail)| Row {
            check,
            outcome,
            detail: detail.into(),
        });
        for lang in [Lang::ZhCn, Lang::En] {
            let lines = table_lines(lang, &rows);
            // Where each line's detail starts, in terminal columns.
            let columns: Vec<usize> = lines
                .iter()
                .zip(&rows)
                .map(|(l, r)| {
                    let head = &l[..l.rfind(r.detail.as_str()).unwrap()];
                    ratatui::text::Span::raw(head).width()
                })
                .collect();
            assert!(
                columns.windows(2).all(|w| w[0] == w[1]),
                "{lang:?}: {lines:#?}"
            );
        }
    }
}
