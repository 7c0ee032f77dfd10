//! `posbind run --answers FILE`: the wizard's steps unattended — validate, write the
//! application package, record approval and binding, activate the terminal, run the test loop,
//! write the activation report. Progress on stderr; `--json` prints a final summary line.
//! Exit 0 pass, 1 validation or test failure, 2 usage or connection error.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::terminal::{client_error_text, connect, PortArgs, Refusal};
use super::{Ctx, EXIT_FAIL, EXIT_USAGE};
use crate::i18n::{tr, tr_args, Lang};
use crate::onboarding::answers::{self, Answers, KeyProblem};
use crate::onboarding::application::{Contract, ReviewOutcome, Submission};
use crate::onboarding::device::{ActStep, GoLive, TestRecord};
use crate::onboarding::materials::record_file;
use crate::onboarding::pos_types::PosCatalog;
use crate::onboarding::{Case, PosChoice, Step};
use crate::sim::SimConfig;
use crate::store::Store;
use crate::testloop::{self, Control, LoopConfig, LoopEvent};
use crate::zvt::messages::{Amount, Currency, Tid};

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
}

fn say(lang: Lang, id: &str, args: &[(&str, &str)]) {
    eprintln!("{}", tr_args(lang, id, args));
}

fn problem_text(lang: Lang, p: &KeyProblem) -> String {
    let args: Vec<(&str, &str)> = p.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let what = tr_args(lang, p.id, &args);
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

fn read(lang: Lang, path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!(
            "posbind: {}",
            tr_args(
                lang,
                "store-error-io",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &e.to_string())
                ]
            )
        );
        ExitCode::from(EXIT_USAGE)
    })
}

/// Builds and validates the case; every problem names its key.
fn build_case(
    ctx: &Ctx,
    a: &Answers,
    text: &str,
    accept: bool,
    demo: bool,
) -> anyhow::Result<(Case, Vec<KeyProblem>)> {
    let now = chrono::Utc::now();
    let today = chrono::Local::now().date_naive();
    let lang = a.lang.unwrap_or(ctx.lang);
    let mut case = Case::new(&a.merchant.name, lang, demo, now);
    let mut problems = answers::apply(a, text, &mut case, accept, today);
    let catalog = ctx.catalog()?;
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
            line: answers::line_of(text, "application.pos_type"),
            id: "answers-unknown-pos-type",
            args: vec![("value", a.application.pos_type.clone())],
            warning: false,
        }),
    }
    match catalog.get(&a.institution.id) {
        Some(inst) => {
            let mut contract = Contract::from_offer(inst);
            if a.contract.agree {
                for f in &mut contract.fees {
                    f.consented = true;
                }
                contract.agreed_at = Some(now);
            } else {
                problems.push(KeyProblem {
                    key: "contract.agree".into(),
                    line: answers::line_of(text, "contract.agree"),
                    id: "answers-contract-agree",
                    args: vec![],
                    warning: false,
                });
            }
            case.contract = Some(contract);
            case.institution = Some(inst.clone());
        }
        None => problems.push(KeyProblem {
            key: "institution.id".into(),
            line: answers::line_of(text, "institution.id"),
            id: "answers-unknown-institution",
            args: vec![("value", a.institution.id.clone())],
            warning: false,
        }),
    }
    for (item, path) in &a.documents {
        let key = format!("documents.{item}");
        let line = answers::line_of(text, &key);
        match record_file(&crate::onboarding::materials::expand_home(path), now) {
            Ok(rec) => {
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
    if problems.iter().all(|p| p.warning) {
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
    Ok((case, problems))
}

/// Saves `case` and journals `event`.
fn save(
    store: &Store,
    case: &mut Case,
    event: &str,
    detail: serde_json::Value,
) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    store
        .save(case, now)
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    store
        .journal(&case.id, event, detail, now)
        .map_err(|e| anyhow::anyhow!(e.to_string()))
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
}

/// The shared first half of `posbind run` and `posbind --answers`: validate the answers, write
/// the application package, record approval and binding. `Err` carries the exit code after the
/// messages were printed; `Ok(None)` is a successful dry run.
pub fn prepare(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<Result<Option<Prepared>, ExitCode>> {
    let lang = ctx.lang;
    let text = match read(lang, &args.answers) {
        Ok(t) => t,
        Err(code) => return Ok(Err(code)),
    };
    let a = match answers::parse(&text) {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "posbind: {}",
                tr_args(
                    lang,
                    "answers-invalid",
                    &[("path", &args.answers.display().to_string()), ("error", &e)]
                )
            );
            return Ok(Err(ExitCode::from(EXIT_FAIL)));
        }
    };
    let secrets = match &args.secrets {
        None => answers::Secrets::default(),
        Some(p) => match read(lang, p).map(|t| answers::parse_secrets(&t)) {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                eprintln!(
                    "posbind: {}",
                    tr_args(
                        lang,
                        "answers-invalid",
                        &[("path", &p.display().to_string()), ("error", &e)]
                    )
                );
                return Ok(Err(ExitCode::from(EXIT_FAIL)));
            }
            Err(code) => return Ok(Err(code)),
        },
    };
    let demo = args.port.as_deref() == Some("sim");
    let (mut case, problems) = build_case(ctx, &a, &text, args.accept_warnings, demo)?;
    let mut failed = false;
    for p in &problems {
        eprintln!("posbind: {}", problem_text(lang, p));
        failed |= !p.warning || !args.accept_warnings;
    }
    if failed {
        if problems.iter().any(|p| p.warning) && !args.accept_warnings {
            say(lang, "answers-accept-hint", &[]);
        }
        return Ok(Err(ExitCode::from(EXIT_FAIL)));
    }
    // One terminal, one merchant: refuse a serial number bound elsewhere before anything is
    // written.
    let serial = a
        .device
        .as_ref()
        .map(|d| d.serial_number.clone())
        .unwrap_or_default();
    if let Ok(store) = ctx.store() {
        if let Some(other) = store
            .find_bound_serial(&serial, &case.id)
            .map_err(|e| anyhow::anyhow!(e.to_string()))?
        {
            eprintln!(
                "posbind: {}",
                tr_args(
                    lang,
                    "binding-serial-taken",
                    &[
                        ("serial", &serial),
                        ("case", &other.id),
                        ("merchant", &other.merchant)
                    ]
                )
            );
            return Ok(Err(ExitCode::from(EXIT_FAIL)));
        }
    }
    say(lang, "run-valid", &[]);
    if args.dry_run {
        return Ok(Ok(None));
    }
    let store = ctx.store()?;
    let now = chrono::Utc::now();
    save(
        &store,
        &mut case,
        "case-created",
        serde_json::json!({"unattended": true}),
    )?;

    // Application: the same package the wizard writes.
    let channel = a.application.channel;
    let dir = store.outbox_dir(&case.id, case.revision);
    let stamp = now.to_rfc3339();
    crate::report::application::write_package(&dir, &case, case.lang, channel, &stamp)?;
    let today = chrono::Local::now().date_naive();
    let sub = Submission::new(
        &case,
        channel,
        now,
        today,
        &ctx.calendar()?,
        dir.display().to_string(),
    );
    case.submissions.push(sub);
    let detail = serde_json::json!({"revision": case.revision, "outbox": dir});
    save(&store, &mut case, "application-submitted", detail)?;
    say(
        lang,
        "run-submitted",
        &[("path", &dir.display().to_string())],
    );

    let Some(approval) = &a.approval else {
        case.step = case.first_incomplete();
        let detail = serde_json::json!({"to": case.step.id()});
        save(&store, &mut case, "step-changed", detail)?;
        say(lang, "run-awaiting-review", &[("case", case.id.as_str())]);
        return Ok(Err(ExitCode::from(EXIT_FAIL)));
    };
    let mid = crate::onboarding::validate::mid(&approval.mid, None).normalized;
    let tid_text = crate::onboarding::validate::tid(&approval.tid).normalized;
    case.review = Some(ReviewOutcome::Approved {
        mid: mid.clone(),
        tid: tid_text.clone(),
        // The secret stays in the secrets file; the case keeps no copy.
        activation_password: String::new(),
        at: now,
        simulated: false,
    });
    save(
        &store,
        &mut case,
        "application-approved",
        serde_json::json!({"mid": mid, "tid": tid_text}),
    )?;

    // Binding.
    if serial.is_empty() {
        eprintln!(
            "posbind: {}",
            tr_args(
                lang,
                "answers-error",
                &[
                    ("key", "device.serial_number"),
                    ("line", "?"),
                    ("what", &tr(lang, "answers-missing-value"))
                ]
            )
        );
        return Ok(Err(ExitCode::from(EXIT_FAIL)));
    }
    // The serial number was checked against every other case before anything was written.
    case.binding.confirmed_at = Some(now);
    save(
        &store,
        &mut case,
        "binding-confirmed",
        serde_json::json!({"serial": serial}),
    )?;
    Ok(Ok(Some(Prepared {
        case,
        answers: a,
        text,
        secrets,
        store,
    })))
}

/// `posbind run`.
pub fn run(ctx: &Ctx, args: &RunArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    if args.port.is_none() && !args.dry_run {
        eprintln!("posbind: {}", tr(lang, "run-needs-port"));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let Prepared {
        mut case,
        answers: a,
        text,
        secrets,
        store,
    } = match prepare(ctx, args)? {
        Ok(Some(p)) => p,
        Ok(None) => return Ok(ExitCode::SUCCESS),
        Err(code) => return Ok(code),
    };
    let port = args.port.clone().unwrap_or_default();
    let serial = case.binding.serial_label.clone();
    let tid_text = case
        .approval()
        .map(|(_, t)| t.to_string())
        .unwrap_or_default();

    // Activation.
    let port_args = PortArgs {
        port: port.clone(),
        baud: args.baud,
        password: secrets.password.clone().unwrap_or_else(|| "000000".into()),
        sim: args.sim.clone(),
    };
    let mut conn = match connect(
        lang,
        &port_args,
        SimConfig {
            serial: crate::onboarding::device::normalize_serial(&serial),
            ..SimConfig::default()
        },
    ) {
        Ok(c) => c,
        Err(Refusal(m)) => {
            eprintln!("posbind: {m}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let ident = match crate::device::activation::identify(&mut conn.client) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("posbind: {}", client_error_text(lang, &e));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    case.activation.port = port.clone();
    case.activation.identity = Some(ident.clone());
    case.activation
        .done
        .insert(ActStep::Identify, chrono::Utc::now());
    save(
        &store,
        &mut case,
        "terminal-identified",
        serde_json::json!({"serial": ident.serial}),
    )?;
    if crate::onboarding::device::normalize_serial(&ident.serial)
        != crate::onboarding::device::normalize_serial(&serial)
    {
        let line = answers::line_of(&text, "device.serial_number")
            .map(|l| l.to_string())
            .unwrap_or_else(|| "?".into());
        let what = tr_args(
            lang,
            "activation-wrong-device",
            &[("terminal", &ident.serial), ("label", &serial)],
        );
        eprintln!(
            "posbind: {}",
            tr_args(
                lang,
                "answers-error",
                &[
                    ("key", "device.serial_number"),
                    ("line", &line),
                    ("what", &what)
                ]
            )
        );
        return Ok(ExitCode::from(EXIT_FAIL));
    }
    let Some(tid) = Tid::parse(&tid_text) else {
        return Ok(ExitCode::from(EXIT_FAIL));
    };
    let mut progress = |p: crate::device::activation::Progress| {
        if let crate::device::activation::Progress::Done(s) = p {
            say(lang, "run-step-done", &[("step", &tr(lang, s.label_id()))]);
        }
    };
    match crate::device::activation::activate(&mut conn.client, &tid, &[], &mut progress) {
        Ok(ident) => {
            let t = chrono::Utc::now();
            for s in ActStep::SEQUENCE {
                case.activation.done.insert(s, t);
            }
            case.activation.identity = Some(ident);
            case.activation.activated_at = Some(t);
            save(
                &store,
                &mut case,
                "terminal-activated",
                serde_json::json!({}),
            )?;
        }
        Err((step, e)) => {
            eprintln!(
                "posbind: {}: {}",
                tr(lang, step.label_id()),
                client_error_text(lang, &e)
            );
            save(
                &store,
                &mut case,
                "activation-failed",
                serde_json::json!({"step": step}),
            )?;
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    }

    // Test loop.
    let cfg = LoopConfig {
        mode: a.test.mode,
        count: a.test.count.max(1),
        interval: Duration::ZERO,
        timeout: Duration::from_secs(args.timeout.clamp(1, 255)),
        amount: Amount {
            minor: 1,
            currency: Currency::CNY,
        },
        p95_limit: Duration::from_secs(5),
        reversal_attempts: 3,
    };
    let mut latencies = vec![];
    let summary = testloop::run(
        &mut conn.client,
        &cfg,
        &Control::default(),
        &mut |e| match e {
            LoopEvent::Round(r) => {
                latencies.push(r.latency_ms);
                let status = if r.ok {
                    tr(lang, "loop-ok")
                } else {
                    tr(lang, r.error.as_deref().unwrap_or("loop-failed"))
                };
                say(
                    lang,
                    "loop-progress",
                    &[
                        ("index", &r.index.to_string()),
                        ("count", &cfg.count.to_string()),
                        ("status", &status),
                        ("ms", &format!("{:.1}", r.latency_ms)),
                    ],
                );
            }
            LoopEvent::ReversalFailed(u) => say(
                lang,
                "loop-unreversed",
                &[("receipt", &u.receipt.to_string()), ("amount", &u.yuan())],
            ),
            _ => {}
        },
    );
    let _ = conn.client.log_off();
    case.test = Some(TestRecord {
        at: chrono::Utc::now(),
        summary: summary.clone(),
        latencies_ms: latencies,
    });
    save(
        &store,
        &mut case,
        "test-loop-done",
        serde_json::json!({"pass": summary.pass}),
    )?;

    // Report.
    let (html, json) = crate::report::activation::write_report(
        &store.case_dir(&case.id).join("report"),
        &case,
        case.lang,
    )?;
    case.golive = Some(GoLive {
        at: chrono::Utc::now(),
        html: html.display().to_string(),
        json: json.display().to_string(),
    });
    case.step = case.first_incomplete();
    save(
        &store,
        &mut case,
        "report-written",
        serde_json::json!({"html": html, "json": json}),
    )?;
    crate::store::atomic::write_atomic(
        &store.case_dir(&case.id).join(crate::store::REPLAY_FILE),
        answers::from_case(&case).as_bytes(),
    )?;
    say(
        lang,
        if summary.pass { "run-pass" } else { "run-fail" },
        &[
            ("case", case.id.as_str()),
            ("html", &html.display().to_string()),
        ],
    );
    if args.json {
        let v = serde_json::json!({
            "pass": summary.pass,
            "case": case.id.as_str(),
            "report": {"html": html, "json": json},
            "test": summary,
        });
        println!("{v}");
    }
    Ok(ExitCode::from(if summary.pass { 0 } else { EXIT_FAIL }))
}
