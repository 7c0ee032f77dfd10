//! The feedback line under a step: a message id with its arguments, translated when drawn
//! (so a language switch applies to it too).

use crate::i18n::Lang;
use crate::store::lock::LockError;
use crate::store::StoreError;

/// A message with arguments, translated when drawn (so a language switch applies to it too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// Message id.
    pub id: &'static str,
    /// Arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(id: &'static str) -> Msg {
        Msg { id, args: vec![] }
    }

    /// Translates the message.
    pub fn text(&self, lang: Lang) -> String {
        crate::i18n::tr_owned(lang, self.id, &self.args)
    }
}

impl From<&LockError> for Msg {
    fn from(e: &LockError) -> Msg {
        let (id, args) = e.message();
        Msg { id, args }
    }
}

impl From<&StoreError> for Msg {
    fn from(e: &StoreError) -> Msg {
        let (id, args) = e.message();
        Msg { id, args }
    }
}

/// A line of feedback under the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something worked.
    Info(Msg),
    /// Something failed.
    Error(Msg),
    /// The step cannot be left yet; these things are missing.
    Missing(crate::onboarding::case::Missing),
}
