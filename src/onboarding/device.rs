//! Steps 8–12 as data: the five binding elements, the activation record, the test result,
//! training progress and the go-live report — what the case keeps of the device half.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::test_result::{Mode, Summary};
use super::text::Text;

/// The serial number as typed or scanned from the label (kept as the user wrote it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Binding {
    /// Serial number from the label or the paperwork.
    pub serial_label: String,
    /// When the five elements were confirmed.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The terminal's placement as coordinates, beside the install address (one of the five
    /// binding elements of 银发〔2021〕259号: placement address and geographic location).
    pub location: Option<super::validate::GeoPoint>,
    /// The 收单外包服务机构 that installs the terminal (the installer's company).
    pub outsourcer: String,
    /// Photo of the installed terminal at the counter, taken at go-live.
    pub terminal_photo: Option<super::materials::DocumentRecord>,
}

/// Normalises a serial number for comparison: letters and digits only, upper case.
pub fn normalize_serial(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// How the serial number the terminal reports compares with the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialCheck {
    /// The terminal reports the label's serial number.
    Matches,
    /// The terminal reports another serial number: wrong device.
    Differs,
    /// The terminal does not report a serial number over ZVT (no TLV support); a person has
    /// to confirm it from the terminal's own screen or label.
    NotReported,
}

/// Compares the serial number the terminal reported (hex, empty when it reported none) with
/// the label — the one place this comparison is made.
pub fn check_serial(reported: &str, label: &str) -> SerialCheck {
    let reported = normalize_serial(reported);
    if reported.is_empty() {
        SerialCheck::NotReported
    } else if reported == normalize_serial(label) {
        SerialCheck::Matches
    } else {
        SerialCheck::Differs
    }
}

/// Who confirmed that the terminal at hand is the one on the label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "by")]
pub enum SerialConfirmation {
    /// The terminal reported its serial number over ZVT and it matched the label.
    Terminal,
    /// The terminal does not report it; a person read it from the terminal's screen or label.
    Person {
        /// Who (e.g. `installer`, `merchant`).
        who: String,
        /// The serial number the person confirmed (normalised): a confirmation counts for that
        /// number only, not for a label changed later. Empty in cases from before it was kept.
        #[serde(default)]
        serial: String,
    },
}

impl SerialConfirmation {
    /// Message id saying how the serial number was confirmed.
    pub fn message_id(&self) -> &'static str {
        match self {
            SerialConfirmation::Terminal => "serial-confirmed-by-terminal",
            SerialConfirmation::Person { .. } => "serial-confirmed-by-person",
        }
    }
}

/// Whether a person confirmed the serial number on `label` (a confirmation kept before the
/// number was recorded with it counts as it is).
pub fn person_confirmed(confirmation: &Option<SerialConfirmation>, label: &str) -> bool {
    matches!(
        confirmation,
        Some(SerialConfirmation::Person { serial, .. })
            if serial.is_empty() || *serial == normalize_serial(label)
    )
}

/// A sub-step of the activation sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActStep {
    /// Connect, register and read the identity.
    Identify,
    /// End-of-Day (only when turnover is stored).
    EndOfDay,
    /// Set Terminal-ID.
    SetTid,
    /// Initialisation.
    Initialise,
    /// Diagnosis.
    Diagnose,
    /// Status-Enquiry until ready.
    Ready,
}

impl ActStep {
    /// The sequence after identification (End-of-Day runs only when needed).
    pub const SEQUENCE: [ActStep; 4] = [
        ActStep::SetTid,
        ActStep::Initialise,
        ActStep::Diagnose,
        ActStep::Ready,
    ];

    /// Message id of the name.
    pub fn label_id(self) -> &'static str {
        match self {
            ActStep::Identify => "act-step-identify",
            ActStep::EndOfDay => "act-step-end-of-day",
            ActStep::SetTid => "act-step-set-tid",
            ActStep::Initialise => "act-step-initialise",
            ActStep::Diagnose => "act-step-diagnose",
            ActStep::Ready => "act-step-ready",
        }
    }
}

/// What the terminal reported about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DeviceIdentity {
    /// Serial number, hex.
    pub serial: String,
    /// Device name.
    pub name: String,
    /// Software version.
    pub version: String,
    /// Terminal ID.
    pub tid: String,
    /// Terminal status code, hex.
    pub status: String,
}

/// The activation as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Activation {
    /// Port used.
    pub port: String,
    /// Identity read from the terminal.
    pub identity: Option<DeviceIdentity>,
    /// Sub-steps done, with their time.
    pub done: BTreeMap<ActStep, DateTime<Utc>>,
    /// When the terminal reported ready.
    pub activated_at: Option<DateTime<Utc>>,
    /// How the serial number was confirmed (by the terminal, or by a person).
    pub serial_confirmed: Option<SerialConfirmation>,
    /// A wireless terminal driven through a cash-register link (ZVT or a driver); without
    /// one it activates itself like a 电签 POS (see [`super::person::Link`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub register_link: bool,
    /// The steps a person confirmed, for a terminal without a link.
    #[serde(skip_serializing_if = "super::person::PersonActivation::is_empty")]
    pub person: super::person::PersonActivation,
}

impl Activation {
    /// Whether the terminal at hand is the one on `label`: it reported the label's serial
    /// number, or it reports none and a person confirmed it.
    pub fn serial_confirmed_for(&self, label: &str) -> bool {
        let Some(ident) = &self.identity else {
            return false;
        };
        match check_serial(&ident.serial, label) {
            SerialCheck::Matches => true,
            SerialCheck::Differs => false,
            SerialCheck::NotReported => person_confirmed(&self.serial_confirmed, label),
        }
    }
}

/// The amount of a test payment, in fen: 0.01 yuan, reversed at once.
pub const TEST_AMOUNT_FEN: u64 = 1;

/// A payment test declared not possible, by a person's explicit choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestWaiver {
    /// Why (`no-test-card`).
    pub reason: String,
    /// When it was declared.
    pub at: DateTime<Utc>,
}

/// The test loop as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestRecord {
    /// When it ended.
    pub at: DateTime<Utc>,
    /// The test amount of a payment test, in fen (cents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<u64>,
    /// The summary.
    pub summary: Summary,
    /// Latency of each round, ms (for the report's chart).
    pub latencies_ms: Vec<f64>,
}

/// Training topics ticked off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Training {
    /// Topic ids done.
    pub done: BTreeSet<String>,
    /// End-of-Day practised on the device.
    pub practised: Option<DateTime<Utc>>,
}

/// The go-live report as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoLive {
    /// When.
    pub at: DateTime<Utc>,
    /// The HTML report.
    pub html: String,
    /// The JSON report.
    pub json: String,
}

/// How many rounds a test runs when nobody asked for a number: on a real terminal a payment
/// test is one 0.01-yuan payment and its void — live hosts reject test cards, and a series of
/// small payments with voids on a real card looks like card testing or cash-out (测卡/套现) to
/// risk systems — so a larger count must be asked for explicitly. Connectivity rounds (and any
/// test against the simulator) are not limited; `otherwise` is their default.
pub fn default_test_count(mode: Mode, real_terminal: bool, otherwise: u32) -> u32 {
    if real_terminal && mode == Mode::Payment {
        1
    } else {
        otherwise
    }
}

/// Whether a port names a real terminal (not the built-in simulator).
pub fn is_real_terminal(port: &str) -> bool {
    !port.trim().eq_ignore_ascii_case("sim")
}

/// A training topic (`assets/training.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Topic {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Short guide.
    pub guide: Text,
}

#[derive(Deserialize)]
struct TopicsFile {
    topics: Vec<Topic>,
}

/// The shipped training topics.
pub const TRAINING_TOML: &str = include_str!("../../assets/training.toml");

/// All training topics.
pub fn topics() -> &'static [Topic] {
    static T: std::sync::OnceLock<Vec<Topic>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        toml::from_str::<TopicsFile>(TRAINING_TOML)
            .map(|f| f.topics)
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_terminal_pays_once_unless_asked_for_more() {
        use crate::onboarding::test_result::Mode;
        assert_eq!(default_test_count(Mode::Payment, true, 5), 1);
        assert_eq!(default_test_count(Mode::Payment, false, 5), 5, "simulator");
        assert_eq!(default_test_count(Mode::Connectivity, true, 5), 5);
        assert!(is_real_terminal("/dev/ttyUSB0") && is_real_terminal("tcp://10.0.0.5"));
        assert!(!is_real_terminal("sim") && !is_real_terminal(" SIM "));
    }

    #[test]
    fn sign_on_is_a_cashiers_menu_action_in_the_training() {
        let t = topics().iter().find(|t| t.id == "troubleshooting").unwrap();
        assert!(t.guide.zh.contains("终端菜单中选择“签到”") && t.guide.zh.contains("不用打电话"));
        assert!(t.guide.en.contains("no call to the acquirer"));
    }

    #[test]
    fn activation_steps_carry_the_installers_words_in_both_languages() {
        use crate::i18n::{tr, Lang};
        let zh = |s: ActStep| tr(Lang::ZhCn, s.label_id());
        let en = |s: ActStep| tr(Lang::En, s.label_id());
        assert!(zh(ActStep::SetTid).starts_with("写入终端号"));
        assert_eq!(zh(ActStep::Initialise), "参数及密钥下载（初始化）");
        assert_eq!(zh(ActStep::Diagnose), "签到/联机检测（诊断）");
        assert!(
            en(ActStep::SetTid).contains("Set Terminal-ID")
                && en(ActStep::SetTid).contains("写入终端号")
        );
        assert!(en(ActStep::Initialise).contains("参数及密钥下载"));
        assert!(en(ActStep::Diagnose).contains("签到/联机检测"));
        for lang in [Lang::ZhCn, Lang::En] {
            let help = tr(lang, "help-activation");
            assert!(help.contains("TMS") && help.contains("签到"), "{lang:?}");
        }
        assert!(tr(Lang::En, "help-activation")
            .contains("cash-register interface does these steps itself"));
        assert!(tr(Lang::ZhCn, "help-activation").contains("收银接口驱动的终端会自行完成"));
    }

    #[test]
    fn serials_compare_without_case_and_separators() {
        assert_eq!(normalize_serial(" 12-ab cd:34 "), "12ABCD34");
    }

    #[test]
    fn training_topics_cover_the_daily_operations() {
        let ids: Vec<&str> = topics().iter().map(|t| t.id.as_str()).collect();
        for id in [
            "sale",
            "reversal",
            "refund",
            "end-of-day",
            "reprint",
            "troubleshooting",
        ] {
            assert!(ids.contains(&id), "{id}");
        }
    }

    #[test]
    fn a_terminal_that_reports_no_serial_number_needs_a_person() {
        assert_eq!(check_serial("", "12345678"), SerialCheck::NotReported);
        assert_eq!(check_serial("12345678", "1234-5678"), SerialCheck::Matches);
        assert_eq!(check_serial("00C0FFEE", "12345678"), SerialCheck::Differs);
        let mut a = Activation {
            identity: Some(DeviceIdentity::default()),
            ..Activation::default()
        };
        assert!(!a.serial_confirmed_for("12345678"));
        a.serial_confirmed = Some(SerialConfirmation::Person {
            who: "installer".into(),
            serial: "12345678".into(),
        });
        assert!(a.serial_confirmed_for("12345678"));
        // The confirmation is of that number: a label changed later is not confirmed.
        assert!(!a.serial_confirmed_for("87654321"));
        a.identity = Some(DeviceIdentity {
            serial: "00C0FFEE".into(),
            ..DeviceIdentity::default()
        });
        assert!(
            !a.serial_confirmed_for("12345678"),
            "a differing serial stays wrong"
        );
    }
}
