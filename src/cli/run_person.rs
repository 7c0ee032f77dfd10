//! `posbind run` for a terminal without a cash-register link (电签 POS, smart POS, MPOS, a
//! wireless terminal without a link, a QR code): no port is opened and nothing speaks ZVT. The
//! answers' `[person]` table says what the installer did on the device and who confirms it;
//! each step is recorded as confirmed by that person (who and when), the sign-on slip and the
//! first receipt checked against the approval and the label as the wizard checks them.

use super::{
    bind, io_failure, record_submission, report, save_or_fail, Checked, Failure, RunDone, EXIT_FAIL,
};
use crate::cli::terminal::progress;
use crate::i18n::{tr, tr_owned, Lang};
use crate::onboarding::answers::PersonAnswers;
use crate::onboarding::person::Refused;
use crate::onboarding::{Case, Step};
use crate::store::Store;

/// The `[person]` table of a run whose terminal has no link, or the failure that says it is
/// missing — known before anything is written.
pub(super) fn person_answers(lang: Lang, checked: &Checked) -> Result<PersonAnswers, Failure> {
    checked
        .answers
        .person
        .clone()
        .ok_or_else(|| Failure::new(EXIT_FAIL, "validation", tr(lang, "run-person-missing")))
}

/// Records submission, approval and binding, then what the person confirmed, and writes the
/// report.
pub(super) fn run(
    ctx: &super::Ctx,
    checked: Checked,
    case_id: &mut Option<String>,
) -> Result<Option<RunDone>, Failure> {
    let lang = ctx.lang;
    let p = person_answers(lang, &checked)?;
    let Checked {
        mut case,
        resumed,
        answers: a,
        store,
        mut locks,
        ..
    } = checked;
    let type_id = case
        .pos
        .as_ref()
        .map(|p| p.pos_type.clone())
        .unwrap_or_default();
    progress(lang, "run-person-no-port", &[("type", &type_id)]);
    locks.hold_case(lang, &store, &case)?;
    record_submission(ctx, &store, &a, &mut case, resumed).map_err(io_failure)?;
    *case_id = Some(case.id.as_str().to_string());
    bind(lang, &store, &mut case)?;
    activate(lang, &store, &mut case, &p)?;
    if let Some(receipt) = p.receipt.clone().filter(|_| case.activated()) {
        let event = case
            .confirm_person_test(&p.confirmed_by, receipt.clone(), chrono::Utc::now())
            .map_err(|r| refused(lang, "test", &r))?;
        save_or_fail(lang, &store, &mut case, &event)?;
        progress(
            lang,
            case.by_link("run-person-test", "run-person-test-qr"),
            &[
                ("who", p.confirmed_by.trim()),
                ("reference", receipt.reference.trim()),
            ],
        );
    }
    let proven = case.check_step(Step::Test).is_ok();
    let (html, json) = report(lang, &store, &mut case).map_err(io_failure)?;
    Ok(Some(RunDone {
        summary: None,
        proven,
        html,
        json,
    }))
}

/// Each step the answers list as done, in the order of the terminal type; steps a resumed case
/// holds already stay as they were confirmed.
fn activate(lang: Lang, store: &Store, case: &mut Case, p: &PersonAnswers) -> Result<(), Failure> {
    for step in case.link().steps() {
        if !p.done.contains(step) || case.activation.person.steps.contains_key(step) {
            continue;
        }
        let event = case
            .confirm_person_step(*step, &p.confirmed_by, p.slip.clone(), chrono::Utc::now())
            .map_err(|r| refused(lang, "activation", &r))?;
        save_or_fail(lang, store, case, &event)?;
        let name = tr(lang, step.label_id());
        progress(
            lang,
            "run-person-step",
            &[("who", p.confirmed_by.trim()), ("step", &name)],
        );
    }
    Ok(())
}

fn refused(lang: Lang, code: &'static str, r: &Refused) -> Failure {
    let (id, args) = r.message();
    Failure::new(EXIT_FAIL, code, tr_owned(lang, id, &args))
}
