//! Opening, creating and rebinding cases, and confirming a binding: what the Case and Binding
//! steps ask for (as [`crate::tui::screen::Command`]s) and the wizard does, because each takes
//! a lock on a case or a terminal and writes more than the open case.

use super::app::{App, Focus};
use super::notice::{Msg, Notice};
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
    let mut case = sample::sample_case(app.lang, now, &app.sim.serial);
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
    app.screens.case.created();
    app.case = Some(case);
    app.focus = Focus::Content;
    app.enter_step(crate::onboarding::Step::PosType);
}

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
