//! Opening, creating and rebinding cases, confirming a binding, submitting the application and
//! writing the activation report: what the steps ask for (as [`crate::tui::screen::Command`]s)
//! and the wizard does, because each takes a lock on a case or a terminal, or writes files of a
//! case beyond its record.

use super::app::{App, Focus};
use super::notice::{Msg, Notice};
use crate::onboarding::application::{Channel, Submission};
use crate::onboarding::case::check_merchant_name;
use crate::onboarding::changes::CaseEvent;
use crate::onboarding::{sample, Case, CaseId};

/// Starts a new case for the highlighted case's terminal (new account or institution), marks
/// the old one superseded, and opens the new one.
pub fn rebind(app: &mut App, id: &str, reason: &'static str) {
    let Some(old_id) = CaseId::parse(id) else {
        return;
    };
    let Some(_old_lock) = app.lock_other_case(&old_id) else {
        return;
    };
    let mut old = match app.store.load(&old_id) {
        Ok(c) => c,
        Err(e) => {
            app.notice = Some(Notice::Error(Msg::from(&e)));
            return;
        }
    };
    if let Some(id) = old.rebind_refusal() {
        app.notice = Some(Notice::Error(Msg {
            id,
            args: vec![("name", old.merchant.name.clone())],
        }));
        return;
    }
    let now = app.now();
    let (mut new, rebound) = old.rebind(reason, now);
    if !app.hold_case(&new.id) {
        return;
    }
    app.save_case(&mut new);
    app.journal(&new, &rebound);
    let event = old.supersede(&new.id, reason);
    app.save_case(&mut old);
    app.journal(&old, &event);
    let step = new.step;
    app.case = Some(new);
    app.enter_step(step);
    app.notice = Some(Notice::Info(Msg::new(if reason == "institution" {
        "case-rebound-institution"
    } else {
        "case-rebound"
    })));
}

/// Demo: a new case for the sample merchant, its scans written into the case's folder, opened
/// on the first step that needs a person (the institution).
pub fn create_sample_case(app: &mut App) {
    if !app.demo {
        app.notice = Some(Notice::Info(Msg::new("case-sample-demo-only")));
        return;
    }
    let now = app.now();
    let serial = match free_demo_serial(app) {
        Ok(s) => s,
        Err(e) => {
            app.notice = Some(Notice::Error(Msg::from(&e)));
            return;
        }
    };
    let mut case = sample::sample_case(app.lang, now, &serial);
    if app.sim_per_case {
        case.demo_terminal = Some(serial);
    }
    if !app.hold_case(&case.id) {
        return;
    }
    app.save_case(&mut case);
    if matches!(app.notice, Some(Notice::Error(_))) {
        return;
    }
    let case_dir = app.store.case_dir(&case.id);
    if let Err(e) = crate::store::documents::write_sample_scans(
        &case_dir,
        &case_dir.join("samples"),
        &mut case,
        now,
    ) {
        app.notice = Some(Notice::Error(Msg {
            id: "case-sample-failed",
            args: vec![("error", e.to_string())],
        }));
        return;
    }
    app.save_case(&mut case);
    let event = CaseEvent::CaseCreated {
        demo: true,
        sample: true,
        unattended: false,
    };
    app.journal(&case, &event);
    let step = case.first_incomplete();
    app.case = Some(case);
    app.focus = Focus::Content;
    app.enter_step(step);
    app.notice = Some(Notice::Info(Msg::new("case-sample-created")));
}

/// The label serial number of a new sample case: the simulator's own when no case holds it,
/// else the next free number after it, so each demo case gets a simulated terminal of its own
/// (see [`super::device_view::case_sim`]) and a second demo is not refused at Binding. With
/// `--sim` the terminal is the one the user described.
fn free_demo_serial(app: &App) -> Result<String, crate::store::StoreError> {
    let base = app.sim.serial.clone();
    let Ok(start) = base.parse::<u64>() else {
        return Ok(base);
    };
    if !app.sim_per_case {
        return Ok(base);
    }
    let taken: std::collections::BTreeSet<String> = app
        .store
        .list()?
        .cases
        .iter()
        .map(|c| crate::onboarding::device::normalize_serial(&c.serial))
        .collect();
    let width = base.len();
    let free = (0..100_000u64)
        .map(|n| format!("{:0width$}", start.saturating_add(n)))
        // The simulator reports an even number of hex digits.
        .filter(|s| s.len() % 2 == 0)
        .find(|s| !taken.contains(&crate::onboarding::device::normalize_serial(s)));
    Ok(free.unwrap_or(base))
}

/// A new case for the merchant `name`, opened on the POS type step. A name the domain refuses,
/// or a case that cannot be saved, leaves the typed name in its field so nothing is lost.
pub fn create_case(app: &mut App, name: &str) {
    if let Err(id) = check_merchant_name(name) {
        app.notice = Some(Notice::Error(Msg::new(id)));
        return;
    }
    let mut case = Case::new(name, app.lang, app.demo, app.now());
    if !app.hold_case(&case.id) {
        return;
    }
    app.save_case(&mut case);
    if matches!(app.notice, Some(Notice::Error(_))) {
        return; // not saved: keep the typed name so nothing is lost
    }
    let event = CaseEvent::CaseCreated {
        demo: case.demo,
        sample: false,
        unattended: false,
    };
    app.journal(&case, &event);
    app.case = Some(case);
    app.focus = Focus::Content;
    app.enter_step(crate::onboarding::Step::PosType);
}

/// Opens the case `id` on the step it was left, unless another process holds it.
pub fn resume_case(app: &mut App, id: &str) {
    let Some(parsed) = CaseId::parse(id) else {
        let e = crate::store::StoreError::NotFound(id.to_string());
        app.notice = Some(Notice::Error(Msg::from(&e)));
        return;
    };
    // One writer per case: a case a `posbind run` or another wizard holds is not opened.
    if !app.hold_case(&parsed) {
        return;
    }
    let loaded = app.store.load(&parsed);
    match loaded {
        Ok(case) => {
            let step = case.step;
            let event = CaseEvent::CaseResumed {
                step: step.id().to_string(),
                revision: case.revision,
                unattended: false,
            };
            app.journal(&case, &event);
            app.case = Some(case);
            app.enter_step(step);
            app.reconnect_resumed();
        }
        Err(e) => app.notice = Some(Notice::Error(Msg::from(&e))),
    }
}

/// Confirms the open case's binding: the serial number is looked up and bound under the
/// terminal's lock, so a `posbind run` binding it at the same moment cannot also find it free.
pub fn confirm_binding(app: &mut App) {
    let Some(case) = &app.case else { return };
    let (serial, id) = (case.binding.serial_label.clone(), case.id.clone());
    let Some(_terminal) = app.lock_terminal(&serial) else {
        return;
    };
    match app.store.find_bound_serial(&serial, &id) {
        Ok(Some(other)) => {
            app.notice = Some(Notice::Error(Msg {
                id: "binding-serial-taken",
                args: vec![
                    ("serial", serial.clone()),
                    ("case", other.id),
                    ("merchant", other.merchant),
                ],
            }));
        }
        Ok(None) => {
            let now = app.now();
            app.notice = Some(match app.try_apply(|c| c.confirm_binding(now)) {
                Ok(()) => Notice::Info(Msg::new("binding-confirmed")),
                Err(open) => Notice::Missing(open),
            });
        }
        Err(e) => app.notice = Some(Notice::Error(Msg::from(&e))),
    }
}

/// Writes the application package into the outbox (as the next revision when the data
/// changed after a submission) and records the submission.
pub fn submit(app: &mut App, channel: Channel, today: chrono::NaiveDate) {
    let Some(case) = &app.case else { return };
    let now = app.now();
    let stamp = now.to_rfc3339();
    let case = case.as_submitted();
    let dir = app.store.outbox_dir(&case.id, case.revision);
    let written = crate::report::application::write_package(&dir, &case, app.lang, channel, &stamp);
    if let Err(e) = written {
        app.notice = Some(Notice::Error(Msg {
            id: "application-write-failed",
            args: vec![("error", e.to_string())],
        }));
        return;
    }
    let sub = Submission::new(
        &case,
        channel,
        now,
        today,
        &app.calendar,
        dir.display().to_string(),
    );
    app.apply(|c| c.record_submission(sub));
    app.notice = Some(Notice::Info(Msg::new("application-submitted")));
}

/// Writes the activation report of a consistent case with no test payment left open.
pub fn write_report(app: &mut App) {
    let Some(case) = &app.case else { return };
    // Not live while a test payment on this terminal may still be booked, nor while the record
    // of open payments cannot be read.
    let open = match open_payments(&app.store, case) {
        Ok(n) => n,
        Err(e) => {
            app.notice = Some(Notice::Error(Msg {
                id: "pending-store-unreadable",
                args: vec![("error", e.to_string())],
            }));
            return;
        }
    };
    if open > 0 {
        app.notice = Some(Notice::Error(Msg {
            id: "golive-pending",
            args: vec![("count", open.to_string())],
        }));
        return;
    }
    // A report is a record of a consistent case: not of data that was never submitted, not of
    // a binding or a test made for other data.
    if let Err(open) = case.ready_to_go_live() {
        app.notice = Some(Notice::Missing(
            open.iter()
                .map(|s| crate::onboarding::case::Need::Text(s.title()))
                .collect(),
        ));
        return;
    }
    let dir = app.store.case_dir(&case.id).join("report");
    match crate::report::activation::write_report(&dir, case, app.lang, app.tz) {
        Ok((html, json)) => {
            let now = app.now();
            app.apply(|c| {
                c.record_report(crate::onboarding::device::GoLive {
                    at: now,
                    html: html.display().to_string(),
                    json: json.display().to_string(),
                })
            });
            app.notice = Some(Notice::Info(Msg::new("golive-written")));
        }
        Err(e) => {
            app.notice = Some(Notice::Error(Msg {
                id: "application-write-failed",
                args: vec![("error", e.to_string())],
            }))
        }
    }
}

/// Writes the day report of an end of day just recorded (in the case's language, as
/// `posbind settle` does) and says so, with the batch total; the end of day is kept in the
/// case and its journal whether or not the report can be written. `None` without an open case.
pub fn write_day_report(
    app: &App,
    eod: &crate::onboarding::maintenance::EndOfDay,
    previous: Option<&crate::onboarding::maintenance::EndOfDay>,
) -> Option<Notice> {
    let case = app.case.as_ref()?;
    let dir = app.store.case_dir(&case.id).join("report");
    let written =
        crate::report::day::write_day_report(&dir, case, eod, previous, case.lang, app.tz);
    let yuan = eod.total_minor.map(crate::onboarding::catalog::fmt_fen);
    Some(match (written, yuan) {
        (Ok(path), Some(yuan)) => Notice::Info(Msg {
            id: "maint-eod-done",
            args: vec![("yuan", yuan), ("path", path.display().to_string())],
        }),
        (Ok(path), None) => Notice::Info(Msg {
            id: "maint-eod-done-no-total",
            args: vec![("path", path.display().to_string())],
        }),
        (Err(e), _) => Notice::Error(Msg {
            id: "maint-eod-report-failed",
            args: vec![(
                "why",
                crate::i18n::tr_message(app.lang, crate::store::io_message(&dir, &e)),
            )],
        }),
    })
}

/// How many test payments the pending store still holds for the case's terminal (and any
/// whose terminal a damaged line hides).
/// Why the Maintenance screen's End-of-Day may not run now: the terminal connected is not the
/// case's (serial number, TID), or a test payment of it is still open (the End-of-Day would
/// settle it to the merchant). `None`: it may.
pub fn end_of_day_refused(app: &App) -> Option<Notice> {
    use crate::onboarding::device::{check_serial, SerialCheck};
    let case = app.case.as_ref()?;
    let Some(ident) = app.dev.identity.as_ref().filter(|_| app.dev.connected) else {
        return Some(Notice::Error(Msg::new("activation-connect-first")));
    };
    let label = &case.binding.serial_label;
    let same_serial = match check_serial(&ident.serial, label) {
        SerialCheck::Matches => true,
        SerialCheck::Differs => false,
        SerialCheck::NotReported => case.activation.serial_confirmed_for(label),
    };
    let approved = case
        .approval()
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();
    if !same_serial || (!ident.tid.is_empty() && ident.tid != approved) {
        return Some(Notice::Error(Msg {
            id: "settle-wrong-terminal",
            args: vec![
                ("serial", ident.serial.clone()),
                ("tid", ident.tid.clone()),
                ("bound", label.clone()),
                ("approved", approved),
            ],
        }));
    }
    match open_payments(&app.store, case) {
        Ok(0) => None,
        Ok(n) => Some(Notice::Error(Msg {
            id: "settle-open-payments",
            args: vec![("count", n.to_string())],
        })),
        Err(e) => Some(Notice::Error(Msg {
            id: "pending-store-unreadable",
            args: vec![("error", e.to_string())],
        })),
    }
}

/// Maintenance: writes the report of a live case again after a move changed what it shows —
/// only when the report no longer holds, keeping the go-live time.
pub fn rewrite_report(app: &mut App) {
    let Some(case) = &app.case else { return };
    if case.golive.is_none() || case.still_holds(crate::onboarding::basis::Record::Report) {
        return;
    }
    if case.consistent().is_err() {
        return;
    }
    let dir = app.store.case_dir(&case.id).join("report");
    match crate::report::activation::write_report(&dir, case, app.lang, app.tz) {
        Ok((html, json)) => {
            let (html, json) = (html.display().to_string(), json.display().to_string());
            app.apply(move |c| {
                c.record_report_rewritten(html.clone(), json.clone())
                    .unwrap_or(crate::onboarding::changes::CaseEvent::ReportWritten { html, json })
            });
        }
        Err(e) => {
            app.notice = Some(Notice::Error(Msg {
                id: "application-write-failed",
                args: vec![("error", e.to_string())],
            }));
        }
    }
}

/// Writes the notice of the case's latest move or replacement for the institution, once (a
/// refused change leaves no new one to tell), and says where with what was recorded.
pub fn tell_institution(app: &mut App) {
    use crate::report::change_notice;
    let Some(case) = &app.case else { return };
    let dir = app.store.case_dir(&case.id);
    if change_notice::number(case) == 0 || change_notice::told(&dir, case) {
        return;
    }
    let id = if change_notice::latest_is_move(case) {
        "maint-move-done-told"
    } else {
        "maint-replace-done-told"
    };
    match change_notice::write_change_notice(&dir, case, case.lang, app.tz) {
        Ok(Some(path)) => {
            app.notice = Some(Notice::Info(Msg {
                id,
                args: vec![("path", path.display().to_string())],
            }));
        }
        Ok(None) => {}
        Err(e) => {
            app.notice = Some(Notice::Error(Msg {
                id: "application-write-failed",
                args: vec![("error", e.to_string())],
            }));
        }
    }
}

fn open_payments(
    store: &crate::store::Store,
    case: &crate::onboarding::Case,
) -> Result<usize, crate::store::pending::StoreError> {
    use crate::testloop::pending::TerminalId;
    let ident = case.activation.identity.clone().unwrap_or_default();
    let terminal = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
    let store = crate::store::pending::PendingStore::new(store.root());
    Ok(store.blocking(&terminal)?.len())
}
