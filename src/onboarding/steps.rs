//! The twelve steps of the wizard, in order. This is the one place that defines the order.

use serde::{Deserialize, Serialize};

/// A wizard step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Start or resume a merchant case.
    Case,
    /// Business scenario → terminal type and count.
    PosType,
    /// Material checklist with validation.
    Materials,
    /// Choice of a licensed payment institution.
    Institution,
    /// The application form and its submission.
    Application,
    /// Review outcome: approval data or rejection.
    Review,
    /// The contract terms and fee consent.
    Contract,
    /// The five binding elements.
    Binding,
    /// Terminal activation over the serial port.
    Activation,
    /// The timed test-transaction loop.
    Test,
    /// Daily-operation training.
    Training,
    /// Summary, report, go-live.
    GoLive,
}

impl Step {
    /// Every step, in wizard order.
    pub const ALL: [Step; 12] = [
        Step::Case,
        Step::PosType,
        Step::Materials,
        Step::Institution,
        Step::Application,
        Step::Review,
        Step::Contract,
        Step::Binding,
        Step::Activation,
        Step::Test,
        Step::Training,
        Step::GoLive,
    ];

    /// Zero-based position in [`Step::ALL`].
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one.
    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }

    /// The stable id used in files and message ids (`pos-type`, `go-live`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Case => "case",
            Step::PosType => "pos-type",
            Step::Materials => "materials",
            Step::Institution => "institution",
            Step::Application => "application",
            Step::Review => "review",
            Step::Contract => "contract",
            Step::Binding => "binding",
            Step::Activation => "activation",
            Step::Test => "test",
            Step::Training => "training",
            Step::GoLive => "go-live",
        }
    }

    /// Message id of the step's short name.
    pub fn title_id(self) -> String {
        format!("step-{}-title", self.id())
    }

    /// The step's short name in both languages (for a list of what is still open).
    pub fn title(self) -> super::text::Text {
        use crate::i18n::{tr, Lang};
        super::text::Text {
            zh: tr(Lang::ZhCn, &self.title_id()),
            en: tr(Lang::En, &self.title_id()),
        }
    }

    /// Message id of the one-line summary.
    pub fn summary_id(self) -> String {
        format!("step-{}-summary", self.id())
    }

    /// Message id of the explanation paragraph.
    pub fn explain_id(self) -> String {
        format!("step-{}-explain", self.id())
    }

    /// Message id of the F1 help text.
    pub fn help_id(self) -> String {
        format!("help-{}", self.id())
    }

    /// The step's own words for a terminal of `link`: Activation and Test of a terminal
    /// without a cash-register link (a person confirms on the device) or of a QR code have
    /// their own summary, explanation and help.
    pub fn texts(self, link: super::person::Link) -> StepTexts {
        use super::person::Link;
        let variant = match link {
            _ if !matches!(self, Step::Activation | Step::Test) => "",
            Link::Register => "",
            Link::Device => "-device",
            Link::Qr => "-qr",
        };
        let id = self.id();
        StepTexts {
            summary: format!("step-{id}{variant}-summary"),
            explain: format!("step-{id}{variant}-explain"),
            help: format!("help-{id}{variant}"),
        }
    }
}

/// Message ids of a step's summary line, explanation and F1 help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTexts {
    /// The one-line summary beside the title.
    pub summary: String,
    /// The explanation paragraph.
    pub explain: String,
    /// The F1 help text.
    pub help: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_activation_and_test_of_a_terminal_without_a_link_have_their_own_words() {
        use crate::onboarding::person::Link;
        let t = Step::Activation.texts(Link::Register);
        assert_eq!(t.summary, Step::Activation.summary_id());
        assert_eq!(t.help, Step::Activation.help_id());
        assert_eq!(Step::Test.texts(Link::Qr).explain, "step-test-qr-explain");
        assert_eq!(
            Step::Activation.texts(Link::Device).help,
            "help-activation-device"
        );
        assert_eq!(
            Step::Binding.texts(Link::Qr),
            Step::Binding.texts(Link::Register)
        );
    }

    #[test]
    fn order_is_the_design_order_and_navigation_is_consistent() {
        assert_eq!(Step::ALL.len(), 12);
        assert_eq!(Step::Case.next(), Some(Step::PosType));
        assert_eq!(Step::GoLive.next(), None);
        assert_eq!(Step::Case.prev(), None);
        for (i, s) in Step::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
        }
    }

    #[test]
    fn every_step_has_title_summary_explanation_and_help_in_both_languages() {
        use crate::i18n::{has, Lang};
        for s in Step::ALL {
            for lang in [Lang::En, Lang::ZhCn] {
                for id in [s.title_id(), s.summary_id(), s.explain_id(), s.help_id()] {
                    assert!(has(lang, &id), "{id} missing in {lang:?}");
                }
                use crate::onboarding::person::Link;
                for link in [Link::Register, Link::Device, Link::Qr] {
                    let t = s.texts(link);
                    for id in [t.summary, t.explain, t.help] {
                        assert!(has(lang, &id), "{id} missing in {lang:?}");
                    }
                }
            }
        }
    }
}
