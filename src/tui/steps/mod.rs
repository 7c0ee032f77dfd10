//! One file per wizard step: its screen state, its key handling and its drawing, each a
//! [`Screen`] that sees the wizard only through a [`super::screen::View`] and asks for
//! changes with [`super::screen::Command`]s.

pub mod activation;
pub mod application;
pub mod binding;
pub mod case;
pub mod contract;
pub mod form;
pub mod golive;
pub mod institution;
pub mod maintenance;
pub mod materials;
pub mod person;
pub mod pos_type;
pub mod review;
pub mod test;
pub mod training;

use ratatui::text::Line;

use super::screen::Screen;
use super::text_input::unicode_width;
use crate::onboarding::Step;

/// Every step's screen state, one field per step.
#[derive(Default)]
pub struct Screens {
    /// Case.
    pub case: case::CaseScreen,
    /// POS type.
    pub pos: pos_type::PosScreen,
    /// Materials.
    pub materials: materials::MaterialsScreen,
    /// Institution.
    pub institution: institution::InstitutionScreen,
    /// Application.
    pub application: application::ApplicationScreen,
    /// Review.
    pub review: review::ReviewScreen,
    /// Contract.
    pub contract: contract::ContractScreen,
    /// Binding.
    pub binding: binding::BindingScreen,
    /// Activation.
    pub activation: activation::ActivationScreen,
    /// Test.
    pub test: test::TestScreen,
    /// Training.
    pub training: training::TrainingScreen,
    /// Go-live.
    pub golive: golive::GoLiveScreen,
}

impl Screens {
    /// The screen of `step`.
    pub fn get(&self, step: Step) -> &dyn Screen {
        match step {
            Step::Case => &self.case,
            Step::PosType => &self.pos,
            Step::Materials => &self.materials,
            Step::Institution => &self.institution,
            Step::Application => &self.application,
            Step::Review => &self.review,
            Step::Contract => &self.contract,
            Step::Binding => &self.binding,
            Step::Activation => &self.activation,
            Step::Test => &self.test,
            Step::Training => &self.training,
            Step::GoLive => &self.golive,
        }
    }

    /// The screen of `step`, to change.
    pub fn get_mut(&mut self, step: Step) -> &mut dyn Screen {
        match step {
            Step::Case => &mut self.case,
            Step::PosType => &mut self.pos,
            Step::Materials => &mut self.materials,
            Step::Institution => &mut self.institution,
            Step::Application => &mut self.application,
            Step::Review => &mut self.review,
            Step::Contract => &mut self.contract,
            Step::Binding => &mut self.binding,
            Step::Activation => &mut self.activation,
            Step::Test => &mut self.test,
            Step::Training => &mut self.training,
            Step::GoLive => &mut self.golive,
        }
    }
}

/// The mark of the record a step makes (a confirmation, an agreement, an activation, a test):
/// done, done for a terminal or data that changed since (a warning: the step's explanation line
/// says what to do), or still to do.
pub fn record_mark(case: &crate::onboarding::Case, step: Step, done: bool) -> form::Mark {
    use crate::onboarding::case::StepState;
    match (done, case.step_state(step)) {
        (false, _) => form::Mark::Todo,
        (true, StepState::NeedsAttention(_)) => form::Mark::Warn,
        (true, _) => form::Mark::Ok,
    }
}

/// Pads or cuts `s` to exactly `width` display columns (CJK-aware); a cut text ends in "…".
pub fn fit(s: &str, width: usize) -> String {
    let mut out = fit_ellipsis(s, width);
    out.push_str(&" ".repeat(width.saturating_sub(unicode_width(&out))));
    out
}

/// Cuts `s` to at most `width` display columns, ending in "…" when something was cut (so a
/// shortened text never looks complete); never splits a double-width glyph. Not padded.
pub fn fit_ellipsis(s: &str, width: usize) -> String {
    if unicode_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = Line::raw(c.to_string()).width();
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("超市", 5), "超市 ");
        assert_eq!(fit("超市好", 5), "超市…");
        assert_eq!(fit("超市好", 4), "超… ");
    }

    #[test]
    fn fit_ellipsis_marks_a_cut_and_keeps_whole_glyphs() {
        assert_eq!(fit_ellipsis("abc", 3), "abc");
        assert_eq!(fit_ellipsis("abcd", 3), "ab…");
        // 超市 is 4 columns; with the "…" only one glyph fits in 4.
        assert_eq!(fit_ellipsis("超市好", 4), "超…");
        assert_eq!(fit_ellipsis("超市好", 5), "超市…");
    }
}
