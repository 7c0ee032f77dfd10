//! `posbind check KIND VALUE`: one validator from the command line, for installers on the phone
//! with a merchant. Exit code 0 valid, 1 invalid, 3 valid with a warning, 2 usage error.

use std::process::ExitCode;

use clap::ValueEnum;

use super::Ctx;
use crate::i18n::tr_args;
use crate::onboarding::validate::{self, Reason, Verdict};

/// Exit code for "valid, but confirm the warning".
pub const EXIT_WARNING: u8 = 3;

/// What to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// 统一社会信用代码 (unified social credit code).
    CreditCode,
    /// 居民身份证号码 (resident ID number).
    Id,
    /// Mobile number.
    Mobile,
    /// Personal bank card.
    Card,
    /// Company (对公) account.
    Account,
    /// Bank branch code (联行号).
    Branch,
    /// Payment business licence number.
    Licence,
    /// Merchant number (with --mcc for the 跳码 check).
    Mid,
    /// Terminal ID.
    Tid,
    /// Install location, `latitude, longitude` (mainland China).
    Coords,
    /// A saved case, by its id: every rule an acquirer's reviewer applies.
    Case,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::CreditCode => "credit-code",
            Kind::Id => "id",
            Kind::Mobile => "mobile",
            Kind::Card => "card",
            Kind::Account => "account",
            Kind::Branch => "branch",
            Kind::Licence => "licence",
            Kind::Mid => "mid",
            Kind::Tid => "tid",
            Kind::Coords => "coords",
            Kind::Case => "case",
        }
    }
}

/// The kind-independent part of a check's result.
pub struct Outcome {
    /// Normalised input.
    pub normalized: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Reasons.
    pub reasons: Vec<Reason>,
}

fn erase<T>(c: validate::Checked<T>) -> Outcome {
    Outcome {
        normalized: c.normalized,
        verdict: c.verdict,
        reasons: c.reasons,
    }
}

/// Runs the validator for `kind`.
pub fn check(kind: Kind, value: &str, mcc: Option<&str>, today: chrono::NaiveDate) -> Outcome {
    match kind {
        Kind::CreditCode => erase(validate::credit_code(value)),
        Kind::Id => erase(validate::id_number(value, today)),
        Kind::Mobile => erase(validate::mobile(value)),
        Kind::Card => erase(validate::card(value)),
        Kind::Account => erase(validate::account(value)),
        Kind::Branch => erase(validate::branch(value)),
        Kind::Licence => erase(validate::licence(value)),
        Kind::Mid => erase(validate::mid(value, mcc)),
        Kind::Tid => erase(validate::tid(value)),
        Kind::Coords => erase(validate::coordinates(value)),
        // A case is judged by `run_case`, not by one validator.
        Kind::Case => Outcome {
            normalized: value.trim().to_string(),
            verdict: Verdict::Invalid,
            reasons: vec![],
        },
    }
}

/// A reason in the user's language.
pub fn reason_text(lang: crate::i18n::Lang, r: &Reason) -> String {
    crate::i18n::tr_owned(lang, r.id, &r.args)
}

/// `posbind check case ID`: the rejection rules on a saved case. Exit 0 when none fails, 1
/// when one would reject it (or the case cannot be read), 3 when some may be questioned.
pub fn run_case(ctx: &Ctx, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    use crate::onboarding::rejection::{predict, RULES};
    let lang = ctx.lang;
    let store = ctx.store()?;
    let case = match crate::onboarding::CaseId::parse(id).map(|id| store.load(&id)) {
        Some(Ok(case)) => case,
        Some(Err(e)) => {
            super::out::err_line(&format!(
                "posbind: {}",
                crate::i18n::tr_message(lang, e.message())
            ));
            return Ok(ExitCode::from(1));
        }
        None => {
            super::out::err_line(&format!(
                "posbind: {}",
                tr_args(lang, "check-case-unknown", &[("id", id)])
            ));
            return Ok(ExitCode::from(1));
        }
    };
    let findings = predict(&case, chrono::Local::now().date_naive());
    let refused = findings.iter().filter(|f| f.refuses()).count();
    let questioned = findings.len() - refused;
    if json {
        let found: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| {
                let args: serde_json::Map<String, serde_json::Value> = f
                    .args
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone().into()))
                    .collect();
                serde_json::json!({
                    "rule": f.rule.id,
                    "severity": f.rule.severity,
                    "message_id": f.message,
                    "message": f.text(lang),
                    "source": f.source(lang),
                    "args": args,
                })
            })
            .collect();
        let rules: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "rule": r.id,
                    "severity": r.severity,
                    "title": crate::i18n::tr(lang, r.title_id()),
                    "source": crate::i18n::tr(lang, r.source_id()),
                })
            })
            .collect();
        let v = serde_json::json!({
            "kind": "case",
            "case": case.id.as_str(),
            "merchant": case.merchant.name,
            "refused": refused,
            "questioned": questioned,
            "findings": found,
            "rules": rules,
        });
        super::out::line(&v.to_string())?;
    } else if findings.is_empty() {
        super::out::line(&crate::i18n::tr(lang, "check-case-none"))?;
    } else {
        let head = tr_args(
            lang,
            "check-case-head",
            &[
                ("id", case.id.as_str()),
                ("merchant", &case.merchant.name),
                ("refused", &refused.to_string()),
                ("questioned", &questioned.to_string()),
            ],
        );
        super::out::line(&crate::i18n::safe::for_terminal(&head))?;
        for f in &findings {
            let id = if f.refuses() {
                "app-reject-line"
            } else {
                "app-question-line"
            };
            let line = tr_args(
                lang,
                id,
                &[("what", &f.text(lang)), ("source", &f.source(lang))],
            );
            super::out::line(&format!("  {}", crate::i18n::safe::for_terminal(&line)))?;
        }
    }
    Ok(ExitCode::from(if refused > 0 {
        1
    } else if questioned > 0 {
        EXIT_WARNING
    } else {
        0
    }))
}

/// `posbind check`.
pub fn run(
    ctx: &Ctx,
    kind: Kind,
    value: &str,
    mcc: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let today = chrono::Local::now().date_naive();
    let out = check(kind, value, mcc, today);
    let texts: Vec<String> = out.reasons.iter().map(|r| reason_text(lang, r)).collect();
    if json {
        let reasons: Vec<serde_json::Value> = out
            .reasons
            .iter()
            .zip(&texts)
            .map(|(r, t)| serde_json::json!({"id": r.id, "message": t}))
            .collect();
        let v = serde_json::json!({
            "kind": kind.name(),
            "input": value,
            "normalized": out.normalized,
            "verdict": out.verdict,
            "reasons": reasons,
        });
        super::out::json(&v.to_string())?;
    } else {
        let head = match out.verdict {
            Verdict::Valid => "check-verdict-valid",
            Verdict::Warning => "check-verdict-warning",
            Verdict::Invalid => "check-verdict-invalid",
        };
        // The screen shows personal numbers masked (the JSON is for the script that sent them).
        let shown = match kind {
            Kind::Id | Kind::Card | Kind::Account => validate::mask_number(&out.normalized),
            Kind::Mobile => validate::mask_mobile(&out.normalized),
            _ => out.normalized.clone(),
        };
        super::out::line(&tr_args(lang, head, &[("value", &shown)]))?;
        for t in &texts {
            super::out::line(&format!("  {t}"))?;
        }
    }
    Ok(ExitCode::from(match out.verdict {
        Verdict::Valid => 0,
        Verdict::Invalid => 1,
        Verdict::Warning => EXIT_WARNING,
    }))
}
