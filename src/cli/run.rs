//! `posbind run --answers FILE`: the wizard's steps unattended — validate, write the
//! application package, record approval and binding, activate the terminal, run the test loop,
//! write the activation report. Progress on stderr; `--json` prints a final summary line.
//! Exit 0 pass, 1 validation or test failure, 2 usage or connection error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::out;
use super::resume;
use super::terminal::{connect, error_text, progress, progress_terminal, Failure, PortArgs};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::device::activation::Progress;
use crate::device::{Amount, Currency, Tid};
use crate::i18n::{tr, tr_args, tr_owned, Lang};
use crate::onboarding::answers::{self, Answers, KeyProblem};
use crate::onboarding::application::{Contract, ReviewOutcome, Submission};
use crate::onboarding::basis::Record;
use crate::onboarding::changes::CaseEvent;
use crate::onboarding::device::{
    check_serial, ActStep, GoLive, SerialCheck, SerialConfirmation, TestRecord,
};
use crate::onboarding::pos_types::PosCatalog;
use crate::onboarding::resume::{merge, Resumed};
use crate::onboarding::{Case, PosChoice, Step};
use crate::sim::SimConfig;
use crate::store::documents::record_file;
use crate::store::lock::{Lock, LockError};

use crate::store::Store;
use crate::testloop::pending::TerminalId;
use crate::testloop::{self, Control, LoopConfig, LoopEvent, Money};

#[path = "run_person.rs"]
mod person;

/// Options of `posbind run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The answers file (TOML; `posbind answers template` prints one).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// Secrets file with the terminal `password`.
    #[arg(long, value_name = "FILE")]
    pub secrets: Option<PathBuf>,
    /// The terminal: device path, tcp://HOST:PORT or sim (required unless --dry-run).
    #[arg(long, value_name = "PORT")]
    pub port: Option<String>,
    /// Baud rate of a serial port.
    #[arg(long, default_value_t = 9600)]
    pub baud: u32,
    /// Simulator setting KEY=VALUE (with --port sim; repeatable).
    #[arg(long = "sim", value_name = "KEY=VALUE")]
    pub sim: Vec<String>,
    /// Validate only.
    #[arg(long)]
    pub dry_run: bool,
    /// A final JSON summary line on stdout.
    #[arg(long)]
    pub json: bool,
    /// Accept the warnings that need confirmation (they are listed).
    #[arg(long)]
    pub accept_warnings: bool,
    /// Seconds a test transaction may take.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Continue this case (by default: the unfinished case of the same merchant and terminal).
    #[arg(long = "case", value_name = "ID")]
    pub case: Option<String>,
}

fn say(lang: Lang, id: &str, args: &[(&str, &str)]) {
    out::err_line(&tr_args(lang, id, args));
}

fn problem_text(lang: Lang, p: &KeyProblem) -> String {
    let what = tr_owned(lang, p.id, &p.args);
    let line = p.line.map(|l| l.to_string()).unwrap_or_else(|| "?".into());
    let id = if p.warning {
        "answers-warning"
    } else {
        "answers-error"
    };
    tr_args(
        lang,
        id,
        &[("key", &p.key), ("line", &line), ("what", &what)],
    )
}

fn read(lang: Lang, path: &std::path::Path) -> Result<String, Failure> {
    super::read_input(lang, path, answers::MAX_FILE_BYTES)
        .map_err(|m| Failure::new(EXIT_USAGE, "usage", m))
}

/// Builds and validates the case; every problem names its key.
fn build_case(
    ctx: &Ctx,
    a: &Answers,
    text: &str,
    base: &std::path::Path,
    accept: bool,
    demo: bool,
) -> anyhow::Result<(Case, Vec<KeyProblem>)> {
    let now = chrono::Utc::now();
    let today = chrono::Local::now().date_naive();
    let lang = a.lang.unwrap_or(ctx.lang);
    let mut case = Case::new(&a.merchant.name, lang, demo, now);
    let mut problems = answers::apply(a, text, &mut case, accept, today);
    let lines = answers::LineIndex::new(text);
    apply_pos(a, &lines, &mut case, &mut problems);
    apply_institution(a, text, &lines, &ctx.catalog()?, &mut case, &mut problems);
    accept_offer_warnings(a, &lines, accept, &mut case, &mut problems);
    apply_documents(a, &lines, base, now, &mut case, &mut problems);
    // The materials as a whole, once every key was read without error.
    if problems.iter().all(|p| p.warning) {
        check_materials(ctx.lang, today, &case, &mut problems);
        predict_rejection(today, &lines, &case, &mut problems);
    }
    Ok((case, problems))
}

/// The key of the answers file a rejection rule is about, where the user fixes it.
fn rule_key(rule: &str, case: &Case) -> &'static str {
    match rule {
        // The age comes from the ID number, or from the birth date a document without one
        // needs.
        "rep-age" if !case.materials.birth_date.trim().is_empty() => "legal_rep.birth_date",
        "rep-age" => "legal_rep.id_number",
        r if r.starts_with("mcc-") => "merchant.mcc",
        "local-province-unknown" => "merchant.address",
        "local-credit-code-region" => "merchant.credit_code",
        "local-coordinates" => "application.install_location",
        "id-validity-age" => "legal_rep.id_valid_until",
        "local-mid-region" => "approval.mid",
        "owner-details" => "merchant.beneficial_owners",
        _ => "institution.id",
    }
}

/// What an acquirer's reviewer would reject, as errors at the key to fix (what a reviewer may
/// only question is said by `say_questions`). The offer's rate below cost is a warning of the
/// offer, accepted by its own key (see `accept_offer_warnings`), so it is not repeated here.
fn predict_rejection(
    today: chrono::NaiveDate,
    lines: &answers::LineIndex,
    case: &Case,
    problems: &mut Vec<KeyProblem>,
) {
    for f in crate::onboarding::rejection::predict(case, today) {
        if !f.refuses() {
            continue;
        }
        let key = rule_key(f.rule.id, case);
        problems.push(KeyProblem {
            key: key.into(),
            line: lines.get(key),
            id: f.message,
            args: f.args,
            warning: false,
        });
    }
}

/// What a reviewer may question (not reject), with its source: said, not a reason to stop.
fn say_questions(lang: Lang, case: &Case) {
    say_questions_where(lang, case, |_| true);
}

/// [`say_questions`] for the rules `which` names.
fn say_questions_where(lang: Lang, case: &Case, which: impl Fn(&str) -> bool) {
    let today = chrono::Local::now().date_naive();
    for f in crate::onboarding::rejection::predict(case, today) {
        if f.refuses() || f.rule.id == "offer-below-cost" || !which(f.rule.id) {
            continue;
        }
        let line = tr_args(
            lang,
            "app-question-line",
            &[("what", &f.text(lang)), ("source", &f.source(lang))],
        );
        super::out::err_line(&format!("posbind: {line}"));
    }
}

/// Each offer warning the answers file or `--accept-warnings` accepted, said with how.
fn say_accepted(lang: Lang, case: &Case) {
    for w in case.contract.iter().flat_map(|c| &c.accepted_warnings) {
        let what = [("key", w.key.as_str()), ("what", w.text.get(lang))];
        say(lang, w.how.message_id(), &what);
    }
}

/// Each warning of the offer (deposit, data fee, settlement and withdrawal fees, a rate below
/// cost) must be accepted by its own key in `contract.accept`, or by `--accept-warnings`
/// (which lists it); the contract records which were accepted and how.
fn accept_offer_warnings(
    a: &Answers,
    lines: &answers::LineIndex,
    accept_flag: bool,
    case: &mut Case,
    problems: &mut Vec<KeyProblem>,
) {
    use crate::onboarding::application::{Acceptance, AcceptedWarning};
    let Some(inst) = case.institution.clone() else {
        return;
    };
    // A refused institution's offer is not one to accept (the refusal is the error).
    if !inst
        .refusals(case.pos.as_ref().map(|p| p.pos_type.as_str()))
        .is_empty()
    {
        return;
    }
    let mcc = crate::onboarding::catalog::mcc(&a.merchant.mcc);
    let mut accepted = vec![];
    for w in inst.warnings(mcc) {
        let key = w.key();
        let how = if a.contract.accept.contains(&key) {
            Acceptance::AnswersKey
        } else {
            // Listed either way; accepted only with the flag.
            problems.push(KeyProblem {
                key: format!("contract.accept[\"{key}\"]"),
                line: lines.get("contract.accept").or(lines.get("contract.agree")),
                id: w.id,
                args: w.args.clone(),
                warning: true,
            });
            if !accept_flag {
                continue;
            }
            Acceptance::AcceptWarningsFlag
        };
        accepted.push(AcceptedWarning {
            key,
            text: w.text(),
            how,
        });
    }
    if let Some(c) = case.contract.as_mut() {
        c.accepted_warnings = accepted;
    }
}

/// `application.pos_type` and `application.devices`: the terminal type, and the scenario that
/// recommends it.
fn apply_pos(
    a: &Answers,
    lines: &answers::LineIndex,
    case: &mut Case,
    problems: &mut Vec<KeyProblem>,
) {
    let pos = PosCatalog::shipped();
    match pos.pos_type(&a.application.pos_type) {
        Some(_) => {
            let scenario = pos
                .scenarios
                .iter()
                .find(|s| s.recommended.first() == Some(&a.application.pos_type))
                .or_else(|| {
                    pos.scenarios
                        .iter()
                        .find(|s| s.recommended.contains(&a.application.pos_type))
                })
                .map(|s| s.id.clone())
                .unwrap_or_default();
            case.pos = Some(PosChoice {
                scenario,
                pos_type: a.application.pos_type.clone(),
                count: a.application.devices,
            });
        }
        None => problems.push(KeyProblem {
            key: "application.pos_type".into(),
            line: lines.get("application.pos_type"),
            id: "answers-unknown-pos-type",
            args: vec![("value", a.application.pos_type.clone())],
            warning: false,
        }),
    }
}

/// `institution.id` and `[contract]`: the offer, the contract made from it, and the licensing,
/// offer and settlement rules (errors, never warnings to accept).
fn apply_institution(
    a: &Answers,
    text: &str,
    lines: &answers::LineIndex,
    catalog: &crate::onboarding::catalog::Catalog,
    case: &mut Case,
    problems: &mut Vec<KeyProblem>,
) {
    match catalog.get(&a.institution.id) {
        Some(inst) => {
            let mut contract = Contract::from_offer(inst);
            // Fees the signed contract adds to the offer (an invalid one was reported).
            for f in a.contract.extra_fees.iter().filter(|f| f.valid()) {
                contract.add_undisclosed(f.name.trim(), f.yuan);
            }
            if a.contract.agree {
                // Agreed (and stamped) once the approval is recorded: the contract is made
                // for the approved merchant.
                for f in &mut contract.fees {
                    f.consented = true;
                }
            } else {
                problems.push(KeyProblem {
                    key: "contract.agree".into(),
                    line: lines.get("contract.agree"),
                    id: "answers-contract-agree",
                    args: vec![],
                    warning: false,
                });
            }
            case.contract = Some(contract);
            case.institution = Some(inst.clone());
            // The licensing and offer rules: errors, never warnings to accept.
            let pos_type = case.pos.as_ref().map(|p| p.pos_type.as_str());
            for id in inst.refusals(pos_type) {
                problems.push(KeyProblem {
                    key: "institution.id".into(),
                    line: lines.get("institution.id"),
                    id,
                    args: vec![],
                    warning: false,
                });
            }
            if !case.institution_accepts_settlement(inst) {
                problems.push(KeyProblem {
                    key: "institution.id".into(),
                    line: answers::line_of(text, "institution.id"),
                    id: "offer-warn-no-other-name-settlement",
                    args: vec![],
                    warning: false,
                });
            }
        }
        None => problems.push(KeyProblem {
            key: "institution.id".into(),
            line: lines.get("institution.id"),
            id: "answers-unknown-institution",
            args: vec![("value", a.institution.id.clone())],
            warning: false,
        }),
    }
}

/// `[documents]`: each file read and fingerprinted; unknown ids, unreadable files and one file
/// listed twice are reported by key and line. A relative path is read from `base`, the answers
/// file's folder (an answers file travels with its scans).
fn apply_documents(
    a: &Answers,
    lines: &answers::LineIndex,
    base: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
    case: &mut Case,
    problems: &mut Vec<KeyProblem>,
) {
    // Over the cap the entries are not looked at (apply reported the cap).
    let documents = (a.documents.len() <= answers::MAX_DOCUMENTS).then_some(&a.documents);
    // In the file's order, so that a file listed twice is reported where it comes again.
    let mut documents: Vec<_> = documents.into_iter().flatten().collect();
    documents.sort_by_key(|(item, _)| lines.get(&format!("documents.{item}")));
    // Each file read so far (as the file system resolves it) and the key that named it.
    let mut seen: Vec<(PathBuf, String)> = vec![];
    for (item, path) in documents {
        let key = format!("documents.{item}");
        let line = lines.get(&key);
        if !crate::onboarding::materials::all_items()
            .iter()
            .any(|i| &i.id == item)
        {
            problems.push(KeyProblem {
                key,
                line,
                id: "answers-unknown-document",
                args: vec![],
                warning: false,
            });
            continue;
        }
        let file = base.join(crate::store::documents::expand_home(path));
        match record_file(&file, now) {
            Ok(rec) => {
                // One scan listed for two documents is most likely a slip: confirm it.
                let resolved = std::fs::canonicalize(&file).unwrap_or(file);
                // The one exception: a settlement account that is the basic account is proved
                // by its 基本存款账户信息, so one scan serves both.
                let serves_both = |other: &str| {
                    let pair = [other, key.as_str()];
                    pair.contains(&"documents.account-info")
                        && pair.contains(&"documents.settlement-account-proof")
                };
                if let Some((_, other)) = seen
                    .iter()
                    .find(|(p, other)| *p == resolved && !serves_both(other))
                {
                    problems.push(KeyProblem {
                        key: key.clone(),
                        line,
                        id: "answers-document-twice",
                        args: vec![("other", other.clone())],
                        warning: true,
                    });
                }
                seen.push((resolved, key));
                case.materials.documents.insert(item.clone(), rec);
            }
            Err(e) => problems.push(KeyProblem {
                key,
                line,
                id: e.message_id(),
                args: vec![("path", path.clone())],
                warning: false,
            }),
        }
    }
}

/// What the Materials step would still miss, as problems of the `documents` key.
fn check_materials(
    lang: Lang,
    today: chrono::NaiveDate,
    case: &Case,
    problems: &mut Vec<KeyProblem>,
) {
    if let Err(needs) = case.check_step_on(Step::Materials, today) {
        for n in needs {
            let what = match n {
                crate::onboarding::case::Need::Id(id) => tr(lang, id),
                crate::onboarding::case::Need::Text(t) => t.get(lang).to_string(),
            };
            problems.push(KeyProblem {
                key: "documents".into(),
                line: None,
                id: "answers-missing-material",
                args: vec![("what", what)],
                warning: false,
            });
        }
    }
}

/// Saves `case` and journals `event`; a store error is worded in the run's language `lang`
/// (`--lang` beats the case's own), naming the file.
fn save(lang: Lang, store: &Store, case: &mut Case, event: &CaseEvent) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    // Where a resume (and `cases list`) says the case stands.
    case.step = case.first_incomplete();
    store.save(case, now).map_err(|e| store_error(lang, &e))?;
    store
        .journal(&case.id, &event.name(), event.detail(), now)
        .map_err(|e| store_error(lang, &e))
}

/// The locks that make this process the only writer of a case and the only one binding its
/// terminal; held until dropped (or the process ends).
pub struct Locks {
    /// The terminal's entry in the serial-number index (none without a serial number).
    pub terminal: Option<Lock>,
    /// The case; taken before the case is first written (a new case's id is known to no one
    /// else until then, and a run refused before writing leaves no lock file behind).
    pub case: Option<Lock>,
}

impl Locks {
    /// Takes the lock of `case` unless it is held already.
    fn hold_case(&mut self, lang: Lang, store: &Store, case: &Case) -> Result<(), Failure> {
        if self.case.is_none() {
            let lock = store
                .lock_case(&case.id)
                .map_err(|e| lock_failure(lang, &e))?;
            self.case = Some(lock);
        }
        Ok(())
    }
}

/// Everything checked that can be checked without the terminal, nothing written yet: the case
/// to write (new, or an unfinished one continued) under this process's locks.
struct Checked {
    case: Case,
    resumed: Option<Resumed>,
    answers: Answers,
    text: String,
    secrets: answers::Secrets,
    store: Store,
    locks: Locks,
}

/// A validated case, submitted, approved and bound, ready for activation.
pub struct Prepared {
    /// The case (saved).
    pub case: Case,
    /// The answers.
    pub answers: Answers,
    /// The answers file's text (for line numbers).
    pub text: String,
    /// The secrets.
    pub secrets: answers::Secrets,
    /// The store it is saved in.
    pub store: Store,
    /// This process's locks on the case and its terminal.
    pub locks: Locks,
}

fn lock_failure(lang: Lang, e: &LockError) -> Failure {
    let (id, args) = e.message();
    Failure::new(EXIT_FAIL, "locked", tr_owned(lang, id, &args))
}

fn serial_taken(lang: Lang, serial: &str, other: &crate::store::CaseSummary) -> Failure {
    let m = tr_args(
        lang,
        "binding-serial-taken",
        &[
            ("serial", serial),
            ("case", &other.id),
            ("merchant", &other.merchant),
        ],
    );
    Failure::new(EXIT_FAIL, "validation", m)
}

/// Reads and parses the answers file and the secrets file; a problem is named by key and line
/// (never by a secret's value).
fn read_inputs(lang: Lang, args: &RunArgs) -> Result<(String, Answers, answers::Secrets), Failure> {
    let text = read(lang, &args.answers)?;
    let a = answers::parse(&text).map_err(|e| {
        // An unknown key or a bad value: named with its line, in the user's language.
        if let Some(p) = answers::parse_problem(&text) {
            let text = problem_text(lang, &p);
            out::err_line(&format!("posbind: {text}"));
            let m = tr_args(lang, "run-failed-validation", &[("count", "1")]);
            return Failure::new(EXIT_FAIL, "validation", m).with_problems(vec![text]);
        }
        let path = args.answers.display().to_string();
        let m = tr_args(lang, "answers-invalid", &[("path", &path), ("error", &e)]);
        Failure::new(EXIT_FAIL, "validation", m)
    })?;
    let secrets = match &args.secrets {
        None => answers::Secrets::default(),
        Some(p) => answers::parse_secrets(&read(lang, p)?).map_err(|problem| {
            // Key and line only: the value may be the password.
            let (id, mut margs) = problem.message();
            margs.push(("path", p.display().to_string()));
            Failure::new(EXIT_FAIL, "validation", tr_owned(lang, id, &margs))
        })?,
    };
    Ok((text, a, secrets))
}

/// Validates the answers and secrets, takes the terminal's and the case's locks, finds the case
/// to continue and refuses a serial number bound elsewhere — all before anything is written.
/// `Ok(None)` is a successful dry run.
fn check(ctx: &Ctx, args: &RunArgs) -> Result<Option<Checked>, Failure> {
    let lang = ctx.lang;
    let (text, a, secrets) = read_inputs(lang, args)?;
    let demo = args.port.as_deref() == Some("sim");
    // Paths in the answers file are relative to its folder, made absolute so that the case
    // (and the replay file written into its folder) names each scan wherever it is read.
    let folder = args
        .answers
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let base = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let (fresh, problems) =
        build_case(ctx, &a, &text, &base, args.accept_warnings, demo).map_err(io_failure)?;
    let mut failed = false;
    for p in &problems {
        out::err_line(&format!("posbind: {}", problem_text(lang, p)));
        failed |= !p.warning || !args.accept_warnings;
    }
    if !failed {
        say_accepted(lang, &fresh);
        say_questions(lang, &fresh);
        // A dry run records no approval; what only the approval shows (the merchant number's
        // region) is said from the answers as a real run says it once it records them.
        if let (true, Some(approval)) = (args.dry_run, &a.approval) {
            let mut approved = fresh.clone();
            approved.record_review(crate::onboarding::application::ReviewOutcome::Approved {
                mid: crate::onboarding::validate::mid(&approval.mid, None).normalized,
                tid: crate::onboarding::validate::tid(&approval.tid).normalized,
                activation_password: String::new(),
                at: chrono::Utc::now(),
                simulated: false,
            });
            say_questions_where(lang, &approved, |rule| rule == "local-mid-region");
        }
    }
    if failed {
        if problems.iter().any(|p| p.warning) && !args.accept_warnings {
            say(lang, "answers-accept-hint", &[]);
        }
        let count = problems.len().to_string();
        let m = tr_args(lang, "run-failed-validation", &[("count", &count)]);
        let listed = problems.iter().map(|p| problem_text(lang, p)).collect();
        return Err(Failure::new(EXIT_FAIL, "validation", m).with_problems(listed));
    }
    let serial = fresh.binding.serial_label.clone();
    // An approved case is bound next: without a serial number there is nothing to bind, and
    // that is known before anything is written.
    if a.approval.is_some() && crate::onboarding::device::normalize_serial(&serial).is_empty() {
        let line = answers::line_of(&text, "device.serial_number")
            .map(|l| l.to_string())
            .unwrap_or_else(|| "?".into());
        let m = tr_args(
            lang,
            "answers-error",
            &[
                ("key", "device.serial_number"),
                ("line", &line),
                ("what", &tr(lang, "answers-missing-value")),
            ],
        );
        return Err(Failure::new(EXIT_FAIL, "validation", m));
    }
    if args.dry_run {
        // Read-only: the same refusals a real run would meet first, without taking locks.
        if let Ok(store) = ctx.store() {
            let target = resume::find(lang, &store, &fresh, args.case.as_deref())?;
            let except = target.unwrap_or_else(|| fresh.id.clone());
            if let Some(other) = store
                .find_bound_serial(&serial, &except)
                .map_err(|e| io_failure(store_error(lang, &e)))?
            {
                return Err(serial_taken(lang, &serial, &other));
            }
        }
        say(lang, "run-valid", &[]);
        return Ok(None);
    }
    let store = ctx.store().map_err(io_failure)?;
    // The terminal first: whoever holds it is the only process looking its serial number up
    // in every case and binding it, so two runs cannot both find it free.
    let terminal = store
        .lock_terminal(&serial)
        .map_err(|e| lock_failure(lang, &e))?;
    let target = resume::find(lang, &store, &fresh, args.case.as_deref())?;
    let id = target.clone().unwrap_or_else(|| fresh.id.clone());
    let case_lock = match target {
        Some(_) => Some(store.lock_case(&id).map_err(|e| lock_failure(lang, &e))?),
        None => None,
    };
    if let Some(other) = store
        .find_bound_serial(&serial, &id)
        .map_err(|e| io_failure(store_error(lang, &e)))?
    {
        return Err(serial_taken(lang, &serial, &other));
    }
    let (case, resumed) = match target {
        None => (fresh, None),
        Some(id) => {
            // Read again under the lock: another writer may have changed it since the search.
            let old = store
                .load(&id)
                .map_err(|e| io_failure(store_error(lang, &e)))?;
            resume::check(lang, &old, &fresh)?;
            let (case, how) = merge(old, fresh);
            (case, Some(how))
        }
    };
    say(lang, "run-valid", &[]);
    Ok(Some(Checked {
        case,
        resumed,
        answers: a,
        text,
        secrets,
        store,
        locks: Locks {
            terminal,
            case: case_lock,
        },
    }))
}

/// The shared first half of `posbind run` and `posbind --answers`: validate the answers, write
/// the application package, record approval and binding. Problems with the answers are printed
/// as they are found; `Err` says why the run cannot go on. `Ok(None)` is a successful dry run.
///
/// The fast path binds here, before the wizard connects: the person at the terminal confirms
/// the serial number on the Activation step right after. It continues an unfinished case like
/// `posbind run` does, so a fast path that stopped can be started again.
pub fn prepare(ctx: &Ctx, args: &RunArgs) -> Result<Option<Prepared>, Failure> {
    let Some(mut c) = check(ctx, args)? else {
        return Ok(None);
    };
    let lang = ctx.lang;
    c.locks.hold_case(lang, &c.store, &c.case)?;
    match record_submission(ctx, &c.store, &c.answers, &mut c.case, c.resumed) {
        Ok(true) => {}
        Ok(false) => {
            let m = tr_args(lang, "run-awaiting-review", &[("case", c.case.id.as_str())]);
            return Err(Failure::new(EXIT_FAIL, "awaiting-review", m));
        }
        Err(e) => return Err(io_failure(e)),
    }
    bind(lang, &c.store, &mut c.case)?;
    Ok(Some(Prepared {
        case: c.case,
        answers: c.answers,
        text: c.text,
        secrets: c.secrets,
        store: c.store,
        locks: c.locks,
    }))
}

/// Writes the case, its application package and the approval — only what is not on record
/// yet for a continued case. `Ok(false)` when the answers carry no approval yet (the run stops
/// after submitting).
fn record_submission(
    ctx: &Ctx,
    store: &Store,
    a: &Answers,
    case: &mut Case,
    resumed: Option<Resumed>,
) -> anyhow::Result<bool> {
    let lang = ctx.lang;
    let now = chrono::Utc::now();
    match resumed {
        None => {
            let event = CaseEvent::CaseCreated {
                demo: case.demo,
                sample: false,
                unattended: true,
            };
            save(lang, store, case, &event)?
        }
        Some(how) => {
            say(
                lang,
                "run-resumed",
                &[
                    ("case", case.id.as_str()),
                    ("step", &tr(lang, &case.step.title_id())),
                ],
            );
            if let Resumed::Resubmit { from } = how {
                let (old, new) = (from.to_string(), case.revision.to_string());
                say(lang, "run-resubmitting", &[("old", &old), ("new", &new)]);
            }
            let event = CaseEvent::CaseResumed {
                step: case.step.id().to_string(),
                revision: case.revision,
                unattended: true,
            };
            save(lang, store, case, &event)?;
        }
    }

    // Application: the same package the wizard writes, once per revision.
    if !case.submissions.iter().any(|s| s.revision == case.revision) {
        let channel = a.application.channel;
        let dir = store.outbox_dir(&case.id, case.revision);
        let stamp = now.to_rfc3339();
        crate::report::application::write_package(&dir, case, case.lang, channel, &stamp)?;
        let today = chrono::Local::now().date_naive();
        let outbox = dir.display().to_string();
        let sub = Submission::new(case, channel, now, today, &ctx.calendar()?, outbox);
        let event = case.record_submission(sub);
        save(lang, store, case, &event)?;
        say(
            lang,
            "run-submitted",
            &[("path", &dir.display().to_string())],
        );
    }

    let Some(approval) = &a.approval else {
        let (from, to) = (case.step, case.first_incomplete());
        let event = case.move_to(to, from);
        save(lang, store, case, &event)?;
        return Ok(false);
    };
    let mid = crate::onboarding::validate::mid(&approval.mid, None).normalized;
    let tid_text = crate::onboarding::validate::tid(&approval.tid).normalized;
    // The institution's answer to this revision, once.
    let same = case.approval() == Some((mid.as_str(), tid_text.as_str()));
    if !same || !case.still_holds(Record::Approval) {
        let event = case.record_review(ReviewOutcome::Approved {
            mid,
            tid: tid_text,
            // The secret stays in the secrets file; the case keeps no copy.
            activation_password: String::new(),
            at: now,
            simulated: false,
        });
        save(lang, store, case, &event)?;
        // What only the approval shows: the merchant number's region.
        say_questions_where(lang, case, |rule| rule == "local-mid-region");
    }
    // The answers file agreed to the contract (checked before anything was written); agreed
    // again only when the approval it was made for changed.
    let agreed = case
        .contract
        .as_ref()
        .is_some_and(|k| k.agreed_at.is_some());
    if !agreed || !case.still_holds(Record::Contract) {
        if let Ok(event) = case.agree_contract(now) {
            save(lang, store, case, &event)?;
        }
    }
    Ok(true)
}

/// Binds the serial number to the case. The caller holds the terminal's lock and has checked
/// the serial number against every other case under it.
fn bind(lang: Lang, store: &Store, case: &mut Case) -> Result<(), Failure> {
    let event = case.confirm_binding(chrono::Utc::now()).map_err(|open| {
        let what: Vec<String> = open
            .iter()
            .map(|n| match n {
                crate::onboarding::case::Need::Id(id) => tr(lang, id),
                crate::onboarding::case::Need::Text(t) => t.get(lang).to_string(),
            })
            .collect();
        Failure::new(EXIT_FAIL, "binding", what.join("; "))
    })?;
    save_or_fail(lang, store, case, &event)
}

/// What a finished run produced.
struct RunDone {
    /// The test loop's summary; none where a person tested a terminal without a link.
    summary: Option<crate::testloop::Summary>,
    /// The test proves the terminal (see `Case::check_step` for the Test step).
    proven: bool,
    html: PathBuf,
    json: PathBuf,
}

/// The language of a run's messages: `--lang` when given, else the answers file's own `lang`
/// (read even from a file that does not parse), else the environment's.
pub fn message_lang(ctx: &Ctx, answers_path: &std::path::Path) -> Lang {
    if ctx.lang_given {
        return ctx.lang;
    }
    super::read_input(ctx.lang, answers_path, answers::MAX_FILE_BYTES)
        .ok()
        .and_then(|text| answers::declared_lang(&text))
        .unwrap_or(ctx.lang)
}

/// `posbind run`: prints the outcome; with `--json` one summary object on stdout on every
/// path, with `pass: false` and an `error` object when the run failed before its verdict.
pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<ExitCode> {
    let ctx = &ctx.with_lang(message_lang(ctx, &args.answers));
    let lang = ctx.lang;
    let mut case_id: Option<String> = None;
    // A terminal without a cash-register link needs no port: none is opened for it.
    let result = if args.port.is_none() && !args.dry_run && links_a_register(ctx, args) {
        Err(Failure::new(
            EXIT_USAGE,
            "usage",
            tr(lang, "run-needs-port"),
        ))
    } else {
        run_steps(ctx, args, &mut case_id)
    };
    match result {
        Ok(None) => Ok(ExitCode::SUCCESS),
        Ok(Some(done)) => {
            let case = case_id.unwrap_or_default();
            let passed = done.summary.as_ref().is_some_and(|s| s.pass);
            if passed && !done.proven {
                say(lang, "run-payment-test-missing", &[]);
            }
            say(
                lang,
                if done.proven { "run-pass" } else { "run-fail" },
                &[("case", &case), ("html", &done.html.display().to_string())],
            );
            // A failed test names each rule it did not meet, with the figure.
            let rules = done.summary.as_ref().map(|s| &s.failed_rules[..]);
            for rule in rules.unwrap_or_default() {
                let (id, args) = rule.message();
                super::out::err_line(&format!("posbind: {}", tr_owned(lang, id, &args)));
            }
            if args.json {
                // Whose word the verdict rests on: the terminal's (a loop ran) or a person's
                // (a terminal without a cash-register link).
                let by = match done.summary {
                    Some(_) => "terminal",
                    None => "person",
                };
                let v = serde_json::json!({
                    "pass": done.proven,
                    "case": case,
                    "by": by,
                    "report": {"html": done.html, "json": done.json},
                    "test": done.summary,
                });
                super::out::json(&v.to_string())?;
            }
            Ok(ExitCode::from(if done.proven { 0 } else { EXIT_FAIL }))
        }
        Err(f) => {
            if args.json {
                let v = serde_json::json!({"pass": false, "case": case_id, "error": f.json()});
                super::out::json(&v.to_string())?;
            }
            Ok(f.report())
        }
    }
}

/// Whether the answers file names a terminal with a cash-register link (or cannot be read: the
/// run's own checks say why later).
pub(super) fn links_a_register(ctx: &Ctx, args: &RunArgs) -> bool {
    super::read_input(ctx.lang, &args.answers, answers::MAX_FILE_BYTES)
        .ok()
        .and_then(|text| answers::parse(&text).ok())
        .is_none_or(|a| {
            let linked = a.device.as_ref().is_some_and(|d| d.cash_register_link);
            crate::onboarding::person::Link::of(&a.application.pos_type, linked)
                == crate::onboarding::person::Link::Register
        })
}

/// A store error in words, as `cases` and the wizard say it.
fn store_error(lang: Lang, e: &crate::store::StoreError) -> anyhow::Error {
    anyhow::anyhow!(crate::i18n::tr_message(lang, e.message()))
}

fn io_failure(e: anyhow::Error) -> Failure {
    Failure::new(EXIT_FAIL, "io", format!("{e:#}"))
}

/// Saves, turning a file error into the run's failure.
pub(super) fn save_or_fail(
    lang: Lang,
    store: &Store,
    case: &mut Case,
    event: &CaseEvent,
) -> Result<(), Failure> {
    save(lang, store, case, event).map_err(io_failure)
}

/// The run after validation: connect, confirm the terminal — all before anything is written —
/// then record the submission and approval, bind, activate, test, report. `Ok(None)` is a
/// successful dry run.
fn run_steps(
    ctx: &Ctx,
    args: &RunArgs,
    case_id: &mut Option<String>,
) -> Result<Option<RunDone>, Failure> {
    let lang = ctx.lang;
    let Some(checked) = check(ctx, args)? else {
        return Ok(None);
    };
    // No port and no ZVT for a terminal without a link: a person's confirmations instead.
    if checked.answers.approval.is_some()
        && checked.case.link() != crate::onboarding::person::Link::Register
    {
        if checked.resumed.is_some() {
            *case_id = Some(checked.case.id.as_str().to_string());
        }
        return person::run(ctx, checked, case_id);
    }
    let Checked {
        mut case,
        resumed,
        answers: a,
        text,
        secrets,
        store,
        // Held to the end of the run; the OS drops them if the process dies.
        mut locks,
    } = checked;
    if resumed.is_some() {
        *case_id = Some(case.id.as_str().to_string());
    }
    if a.approval.is_none() {
        // Submitting needs no terminal; the run stops there until the approval is in the file.
        *case_id = Some(case.id.as_str().to_string());
        locks.hold_case(lang, &store, &case)?;
        record_submission(ctx, &store, &a, &mut case, resumed).map_err(io_failure)?;
        let m = tr_args(lang, "run-awaiting-review", &[("case", case.id.as_str())]);
        return Err(Failure::new(EXIT_FAIL, "awaiting-review", m));
    }
    let serial = case.binding.serial_label.clone();
    let port_args = PortArgs {
        port: args.port.clone().unwrap_or_default(),
        baud: args.baud,
        password: secrets.password.clone().unwrap_or_else(|| "000000".into()),
        sim: args.sim.clone(),
        currency: "156".into(),
    };
    let sim = SimConfig {
        serial: crate::onboarding::device::normalize_serial(&serial),
        ..SimConfig::default()
    };
    let mut conn = connect(lang, &port_args, sim).map_err(|r| Failure::refused(r, "connection"))?;
    // Ctrl-C: no new payment, the one in flight is finished or reversed, the case and report
    // say the test stopped; twice within a few seconds: quit at once.
    super::interrupt::install_for_payments(lang);
    let per_command = Duration::from_secs(args.timeout.clamp(1, 255));
    conn.client.set_command_limit(per_command);
    progress(lang, "progress-registering", &[("port", &conn.label)]);
    // The terminal's identity and password (Registration) are checked before anything is
    // written: a wrong password or the wrong terminal leaves no trace to block the next run.
    let ident = crate::device::activation::identify(&mut *conn.client)
        .map(crate::records::identity)
        .map_err(|e| Failure::new(EXIT_USAGE, "terminal", error_text(lang, &e)))?;
    confirm_serial(lang, &a, &text, &ident.serial, &serial, &mut case)?;

    locks.hold_case(lang, &store, &case)?;
    match record_submission(ctx, &store, &a, &mut case, resumed) {
        Ok(true) => {}
        // Not reached: the answers carry an approval (checked above).
        Ok(false) => {
            let m = tr_args(lang, "run-awaiting-review", &[("case", case.id.as_str())]);
            return Err(Failure::new(EXIT_FAIL, "awaiting-review", m));
        }
        Err(e) => return Err(io_failure(e)),
    }
    *case_id = Some(case.id.as_str().to_string());
    bind_and_identify(lang, &store, &mut case, &port_args.port, &ident)?;

    // Test payments an earlier session left open on this terminal are settled first; every
    // payment of this run goes into the pending store before it is sent.
    // (A terminal that reports neither serial number nor TID has nothing filed: it is settled
    // once activation gave it its TID.)
    let terminal = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
    let early = match terminal.is_known() {
        true => Some(super::pending::open_session(
            lang,
            &ctx.data_dir,
            &mut *conn.client,
            terminal,
            per_command,
        )?),
        false => None,
    };

    // Activation commands (Initialisation fetches keys from the host) may take longer than a
    // test transaction, but never without bound; the test loop bounds its commands by
    // --timeout again.
    let activation_limit = per_command.max(crate::device::activation::COMMAND_LIMIT);
    conn.client.set_command_limit(activation_limit);
    activate(lang, &mut *conn.client, &store, &mut case)?;
    let mut session = match early {
        Some(s) => s,
        None => {
            let ident = case.activation.identity.clone().unwrap_or_default();
            let terminal = TerminalId::new(Some(&ident.serial), Some(&ident.tid));
            super::pending::open_session(
                lang,
                &ctx.data_dir,
                &mut *conn.client,
                terminal,
                per_command,
            )?
        }
    };
    // No new test payment while one of this terminal is still open.
    let control = Control::default();
    if a.test.mode == testloop::Mode::Payment && !session.may_pay(lang) {
        control
            .abort
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let summary = test(
        lang,
        &mut *conn.client,
        &mut session.money(),
        &a.test,
        per_command,
        &port_args.port,
        &control,
    );
    let _ = conn.client.log_off();
    let (mut summary, latencies) = summary;
    // One rule for going live: while the store holds an open payment for this terminal the
    // test has not passed, and the record and report list it.
    session.finish(lang, &mut summary);
    record_and_report(lang, &store, &mut case, &a, summary, latencies)
}

/// Binds the serial number — only now that the terminal at hand confirmed it is the one on the
/// label — and records who the terminal said it is. The terminal's word beats old records of a
/// continued case: what it does not bear out (an activation it no longer reports) is dropped
/// and runs again.
pub(super) fn bind_and_identify(
    lang: Lang,
    store: &Store,
    case: &mut Case,
    port: &str,
    ident: &crate::onboarding::device::DeviceIdentity,
) -> Result<(), Failure> {
    bind(lang, store, case)?;
    // Journalled as the wizard journals it: the sub-step, then what the terminal said.
    record_step(lang, store, case, ActStep::Identify, chrono::Utc::now())?;
    let event = case.record_identity(port, ident.clone());
    save_or_fail(lang, store, case, &event)?;
    if let Some(SerialConfirmation::Person { who, .. }) = case.activation.serial_confirmed.clone() {
        let event = case.confirm_serial_by_person(&who);
        save_or_fail(lang, store, case, &event)?;
    }
    Ok(())
}

/// Records an activation sub-step the terminal confirmed, and journals it.
fn record_step(
    lang: Lang,
    store: &Store,
    case: &mut Case,
    step: ActStep,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), Failure> {
    let event = case.complete_activation_step(step, at);
    save_or_fail(lang, store, case, &event)
}

/// Records the test (and a "no test card" the answers declare), then writes the report.
fn record_and_report(
    lang: Lang,
    store: &Store,
    case: &mut Case,
    a: &Answers,
    summary: testloop::Summary,
    latencies: Vec<f64>,
) -> Result<Option<RunDone>, Failure> {
    let event = case.record_test(TestRecord {
        at: chrono::Utc::now(),
        amount_fen: (summary.mode == testloop::Mode::Payment)
            .then_some(crate::onboarding::device::TEST_AMOUNT_FEN),
        summary: summary.clone(),
        latencies_ms: latencies,
    });
    save_or_fail(lang, store, case, &event)?;
    if summary.pass && a.test.mode == testloop::Mode::Connectivity && a.test.no_test_card {
        let event = case.waive_payment_test("no-test-card", chrono::Utc::now());
        save_or_fail(lang, store, case, &event)?;
    }
    // Proven: a passed payment test, or a passed connectivity test where no test card is at hand.
    let proven = case.check_step(Step::Test).is_ok();
    let (html, json) = report(lang, store, case).map_err(io_failure)?;
    Ok(Some(RunDone {
        summary: Some(summary),
        proven,
        html,
        json,
    }))
}

/// Confirms that the terminal at hand is the one on the label: by the serial number it
/// reports, or — for a terminal that reports none over ZVT — by the person the answers file
/// names in `device.serial_confirmed_by`.
fn confirm_serial(
    lang: Lang,
    a: &Answers,
    text: &str,
    reported: &str,
    label: &str,
    case: &mut Case,
) -> Result<(), Failure> {
    // A key the file does not have is pointed at by the [device] line it belongs beside.
    let key_line = |key: &str| {
        answers::line_of(text, key)
            .or_else(|| answers::line_of(text, "device.serial_number"))
            .map(|l| l.to_string())
            .unwrap_or_else(|| "?".into())
    };
    let fail = |code, key: &str, what: String| {
        let line = key_line(key);
        let m = tr_args(
            lang,
            "answers-error",
            &[("key", key), ("line", &line), ("what", &what)],
        );
        Err(Failure::new(EXIT_FAIL, code, m))
    };
    case.activation.serial_confirmed = match check_serial(reported, label) {
        SerialCheck::Matches => Some(SerialConfirmation::Terminal),
        SerialCheck::Differs => {
            let what = tr_args(
                lang,
                "activation-wrong-device",
                &[("terminal", reported), ("label", label)],
            );
            return fail("wrong-device", "device.serial_number", what);
        }
        SerialCheck::NotReported => {
            let who = a
                .device
                .as_ref()
                .and_then(|d| d.serial_confirmed_by.clone())
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty());
            match who {
                Some(who) => {
                    say(lang, "serial-not-reported-confirmed", &[("who", &who)]);
                    Some(SerialConfirmation::Person {
                        who,
                        serial: crate::onboarding::device::normalize_serial(label),
                    })
                }
                None => {
                    let what = tr(lang, "serial-not-reported-run");
                    return fail("serial-unconfirmed", "device.serial_confirmed_by", what);
                }
            }
        }
    };
    Ok(())
}

/// The activation sequence, each sub-step journalled as the terminal confirms it.
pub(super) fn activate(
    lang: Lang,
    client: &mut dyn crate::device::PaymentTerminal,
    store: &Store,
    case: &mut Case,
) -> Result<(), Failure> {
    let Some(tid) = case.approval().and_then(|(_, t)| Tid::parse(t)) else {
        let m = tr(lang, "missing-review");
        return Err(Failure::new(EXIT_FAIL, "validation", m));
    };
    let mut done = vec![];
    let mut shown = None;
    let mut progress_cb = |p: Progress| match p {
        Progress::Started(s) => say(
            lang,
            "run-step-started",
            &[("step", &tr(lang, crate::records::step(s).label_id()))],
        ),
        Progress::Done(s) => {
            let s = crate::records::step(s);
            done.push((s, chrono::Utc::now()));
            say(lang, "run-step-done", &[("step", &tr(lang, s.label_id()))]);
        }
        Progress::Terminal(s) if shown != Some(s) => {
            shown = Some(s);
            progress_terminal(lang, s);
        }
        Progress::Terminal(_) => {}
    };
    let result = crate::device::activation::activate(client, &tid, &[], &mut progress_cb);
    for (step, at) in done {
        record_step(lang, store, case, step, at)?;
    }
    match result {
        // Activated only as the terminal's own report says: ready, with the approved TID.
        Ok(ident) => {
            match case.record_activation(crate::records::identity(ident), chrono::Utc::now()) {
                Ok(event) => save_or_fail(lang, store, case, &event),
                Err(not) => {
                    let (id, args) = not.message();
                    let event = CaseEvent::ActivationRefused {
                        reason: id.to_string(),
                    };
                    save_or_fail(lang, store, case, &event)?;
                    Err(Failure::new(
                        EXIT_FAIL,
                        "activation",
                        tr_owned(lang, id, &args),
                    ))
                }
            }
        }
        Err((step, e)) => {
            let step = crate::records::step(step);
            let event = CaseEvent::ActivationFailed {
                step,
                error: e.message().0.to_string(),
            };
            save_or_fail(lang, store, case, &event)?;
            let m = format!("{}: {}", tr(lang, step.label_id()), error_text(lang, &e));
            Err(Failure::new(EXIT_FAIL, "activation", m))
        }
    }
}

/// The test loop as the answers file (or the case's earlier test) asks for it; progress on
/// stderr.
pub(super) fn test(
    lang: Lang,
    client: &mut dyn crate::device::PaymentTerminal,
    money: &mut Money,
    a: &answers::TestAnswers,
    per_command: Duration,
    port: &str,
    control: &Control,
) -> (crate::testloop::Summary, Vec<f64>) {
    let cfg = LoopConfig {
        mode: a.mode,
        // One payment and its void on a real terminal unless the file asks for more.
        count: a.count_for(port),
        interval: Duration::ZERO,
        timeout: per_command,
        amount: Amount {
            minor: crate::onboarding::device::TEST_AMOUNT_FEN,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_millis(a.p95_limit_ms()),
        reversal_attempts: 3,
    };
    let mut latencies = vec![];
    let count = cfg.count.to_string();
    let mut shown = None;
    let summary = testloop::run_journaled(client, &cfg, control, money, &mut |e| match e {
        LoopEvent::RoundStarted(_) => shown = None,
        LoopEvent::Terminal(_, s) if shown != Some(s) => {
            shown = Some(s);
            progress_terminal(lang, s);
        }
        LoopEvent::Round(r) => {
            latencies.push(r.latency_ms);
            let status = if r.ok {
                tr(lang, "loop-ok")
            } else {
                crate::i18n::device::failure_text(lang, r.failure())
            };
            say(
                lang,
                "loop-progress",
                &[
                    ("index", &r.index.to_string()),
                    ("count", &count),
                    ("status", &status),
                    ("ms", &format!("{:.3}", r.latency_ms)),
                ],
            );
        }
        LoopEvent::ReversalFailed(u) => say(
            lang,
            u.message_id(),
            &u.args()
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        ),
        _ => {}
    });
    (summary, latencies)
}

/// Writes the activation report and the replay answers file.
fn report(lang: Lang, store: &Store, case: &mut Case) -> anyhow::Result<(PathBuf, PathBuf)> {
    // Never a report of records made from other data than the case holds.
    if let Err(steps) = case.consistent() {
        let names: Vec<String> = steps.iter().map(|s| s.id().to_string()).collect();
        anyhow::bail!(tr_args(
            lang,
            "report-inconsistent",
            &[("steps", &names.join(", "))]
        ));
    }
    let dir = store.case_dir(&case.id).join("report");
    // The report is in the case's language; a failure to write it, in the run's.
    let (html, json) = crate::report::activation::write_report(
        &dir,
        case,
        case.lang,
        *chrono::Local::now().offset(),
    )
    .map_err(|e| {
        anyhow::anyhow!(crate::i18n::tr_message(
            lang,
            crate::store::io_message(&dir, &e)
        ))
    })?;
    let event = case.record_report(GoLive {
        at: chrono::Utc::now(),
        html: html.display().to_string(),
        json: json.display().to_string(),
    });
    case.step = case.first_incomplete();
    save(lang, store, case, &event)?;
    store
        .save_replay(&case.id, &answers::from_case(case))
        .map_err(|e| store_error(lang, &e))?;
    Ok((html, json))
}
