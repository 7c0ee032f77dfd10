//! The one table of key bindings. The event handler looks keys up here and the hint bar and the
//! F1 help are generated from it, so what the screen says and what the keys do cannot drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit at once (everything is saved already).
    ForceQuit,
    /// Quit (only when no text field has focus).
    Quit,
    /// Show or hide help.
    Help,
    /// Switch the UI language.
    ToggleLang,
    /// Go to the next step (when the current one is complete).
    Next,
    /// Go back one step, or close help, or cancel typing.
    Back,
    /// Move focus to the next widget (or the step rail).
    FocusNext,
    /// Move focus to the previous widget.
    FocusPrev,
    /// Move up in a list.
    Up,
    /// Move down in a list.
    Down,
    /// Choose the highlighted entry / confirm the text.
    Select,
    /// Increase a number.
    Increase,
    /// Decrease a number.
    Decrease,
    /// Confirm the warning on the highlighted field.
    ConfirmWarning,
    /// Remove the highlighted entry (a document file; a fee added to the contract by mistake).
    Remove,
    /// Change the sort order of a table.
    Sort,
    /// Pause or resume the test loop.
    Pause,
    /// Stop the test loop (a successful payment is still reversed).
    Abort,
    /// Record that a payment test is not possible here (no test card); pressed twice.
    WaivePaymentTest,
    /// Rebind the highlighted case: new settlement account.
    RebindAccount,
    /// Rebind the highlighted case: new institution.
    RebindInstitution,
    /// Search the case list (type to filter).
    Filter,
    /// Demo: a new case filled with the sample merchant.
    SampleCase,
    /// Scroll the help or FAQ page (a line with the arrows, a screen with PgUp/PgDn).
    Scroll,
}

/// When a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, the help included.
    Always,
    /// Everywhere but in the help.
    Main,
    /// In the help (its keys page and its FAQ page).
    Help,
    /// Unless a text field has focus (printable keys then type).
    NotTyping,
    /// A list has focus.
    List,
    /// A number field has focus.
    Number,
    /// A text field has focus.
    Typing,
    /// The highlighted entry can be removed (a fee added to the contract by mistake).
    Removable,
}

/// The focus situation that decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyContext {
    /// A text field has focus.
    pub typing: bool,
    /// A list (or the rail) has focus.
    pub list: bool,
    /// A number field has focus.
    pub number: bool,
    /// The highlighted entry can be removed (shown in the hint bar).
    pub removable: bool,
    /// The help is open: only its own keys and those of every screen apply.
    pub help: bool,
}

impl KeyContext {
    fn allows(&self, scope: Scope) -> bool {
        match scope {
            Scope::Always => true,
            Scope::Main => !self.help,
            Scope::Help => self.help,
            Scope::NotTyping => !self.typing && !self.help,
            Scope::List => self.list && !self.typing,
            Scope::Number => self.number && !self.typing,
            Scope::Typing => self.typing,
            Scope::Removable => self.removable && !self.typing,
        }
    }
}

/// One binding: the keys, the action, and the message ids of its key name and its label.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Keys that trigger it (code, required modifiers).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// What it does.
    pub action: Action,
    /// Where it applies.
    pub scope: Scope,
    /// Message id of the key name shown to the user.
    pub key_label: &'static str,
    /// Message id of what it does.
    pub label: &'static str,
    /// Shown in the hint bar (otherwise only in F1 help).
    pub in_bar: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// Every binding, in the order the hint bar shows them.
pub const BINDINGS: &[Binding] = &[
    // The help's own keys; F2, q and Ctrl-C work there as everywhere.
    Binding {
        keys: &[(KeyCode::Esc, NONE), (KeyCode::F(1), NONE)],
        action: Action::Help,
        scope: Scope::Help,
        key_label: "key-close-help",
        label: "act-close-help",
        in_bar: true,
    },
    Binding {
        keys: &[
            (KeyCode::Down, NONE),
            (KeyCode::Char('j'), NONE),
            (KeyCode::Up, NONE),
            (KeyCode::Char('k'), NONE),
            (KeyCode::PageDown, NONE),
            (KeyCode::PageUp, NONE),
        ],
        action: Action::Scroll,
        scope: Scope::Help,
        key_label: "key-scroll",
        label: "act-scroll",
        in_bar: true,
    },
    Binding {
        keys: &[
            (KeyCode::Tab, NONE),
            (KeyCode::BackTab, SHIFT),
            (KeyCode::BackTab, NONE),
        ],
        action: Action::FocusNext,
        scope: Scope::Help,
        key_label: "key-tab",
        label: "act-help-page",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::F(1), NONE)],
        action: Action::Help,
        scope: Scope::Main,
        key_label: "key-f1",
        label: "act-help",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char('n'), CTRL)],
        action: Action::Next,
        scope: Scope::Main,
        key_label: "key-next",
        label: "act-next",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE), (KeyCode::PageUp, NONE)],
        action: Action::Back,
        scope: Scope::NotTyping,
        key_label: "key-back",
        label: "act-back",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Back,
        scope: Scope::Typing,
        key_label: "key-esc",
        label: "act-cancel",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Select,
        scope: Scope::Typing,
        key_label: "key-enter",
        label: "act-confirm",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        action: Action::Up,
        scope: Scope::List,
        key_label: "key-up",
        label: "act-up",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        action: Action::Down,
        scope: Scope::List,
        key_label: "key-down",
        label: "act-down",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE), (KeyCode::Char(' '), NONE)],
        action: Action::Select,
        scope: Scope::List,
        key_label: "key-enter",
        label: "act-select",
        in_bar: true,
    },
    Binding {
        keys: &[
            (KeyCode::Char('+'), NONE),
            (KeyCode::Up, NONE),
            (KeyCode::Right, NONE),
        ],
        action: Action::Increase,
        scope: Scope::Number,
        key_label: "key-plus",
        label: "act-increase",
        in_bar: true,
    },
    Binding {
        keys: &[
            (KeyCode::Char('-'), NONE),
            (KeyCode::Down, NONE),
            (KeyCode::Left, NONE),
        ],
        action: Action::Decrease,
        scope: Scope::Number,
        key_label: "key-minus",
        label: "act-decrease",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        action: Action::ConfirmWarning,
        scope: Scope::List,
        key_label: "key-c",
        label: "act-confirm-warning",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Delete, NONE)],
        action: Action::Remove,
        scope: Scope::List,
        key_label: "key-delete",
        label: "act-remove",
        in_bar: false,
    },
    // The same key on the Contract step, in the hint bar while it applies: a fee added by
    // mistake is removed, not left to be refused.
    Binding {
        keys: &[(KeyCode::Delete, NONE)],
        action: Action::Remove,
        scope: Scope::Removable,
        key_label: "key-delete",
        label: "act-remove-fee",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        action: Action::Sort,
        scope: Scope::List,
        key_label: "key-s",
        label: "act-sort",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('p'), NONE)],
        action: Action::Pause,
        scope: Scope::List,
        key_label: "key-p",
        label: "act-pause",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        action: Action::Abort,
        scope: Scope::List,
        key_label: "key-x",
        label: "act-abort",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('w'), NONE)],
        action: Action::WaivePaymentTest,
        scope: Scope::List,
        key_label: "key-w",
        label: "act-waive-payment-test",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('b'), NONE)],
        action: Action::RebindAccount,
        scope: Scope::List,
        key_label: "key-b",
        label: "act-rebind-account",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('B'), NONE)],
        action: Action::RebindInstitution,
        scope: Scope::List,
        key_label: "key-shift-b",
        label: "act-rebind-institution",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        action: Action::Filter,
        scope: Scope::List,
        key_label: "key-slash",
        label: "act-filter",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE)],
        action: Action::SampleCase,
        scope: Scope::List,
        key_label: "key-d",
        label: "act-sample-case",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        action: Action::FocusNext,
        scope: Scope::Main,
        key_label: "key-tab",
        label: "act-focus",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        action: Action::FocusPrev,
        scope: Scope::Main,
        key_label: "key-backtab",
        label: "act-focus-back",
        in_bar: false,
    },
    Binding {
        keys: &[(KeyCode::F(2), NONE)],
        action: Action::ToggleLang,
        scope: Scope::Always,
        key_label: "key-f2",
        label: "act-lang",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        action: Action::Quit,
        scope: Scope::NotTyping,
        key_label: "key-q",
        label: "act-quit",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        action: Action::Quit,
        scope: Scope::Help,
        key_label: "key-q",
        label: "act-quit",
        in_bar: true,
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        action: Action::ForceQuit,
        scope: Scope::Always,
        key_label: "key-ctrl-c",
        label: "act-force-quit",
        in_bar: false,
    },
];

/// Whether `action` does something on `step`: the keys of one step (sorting, pausing,
/// rebinding…) are listed in that step's help only.
pub fn applies_on(action: Action, step: crate::onboarding::Step) -> bool {
    use crate::onboarding::Step as S;
    use Action::*;
    match action {
        ConfirmWarning => matches!(step, S::Materials | S::Review | S::Activation),
        Remove => matches!(step, S::Materials | S::Contract),
        Sort => step == S::Institution,
        Pause | Abort | WaivePaymentTest => step == S::Test,
        RebindAccount | RebindInstitution | Filter | SampleCase => step == S::Case,
        Increase | Decrease => matches!(step, S::PosType | S::Test),
        _ => true,
    }
}

/// Whether `b` is listed in `step`'s help: [`applies_on`], with each of the two Delete
/// bindings on its own step (a file on Materials, an added fee on Contract).
pub fn listed_on(b: &Binding, step: crate::onboarding::Step) -> bool {
    use crate::onboarding::Step as S;
    match (b.action, b.scope) {
        // The help's own keys are in its bar and its title line, not in a step's key list.
        (_, Scope::Help) => false,
        (Action::Remove, Scope::Removable) => step == S::Contract,
        (Action::Remove, _) => step == S::Materials,
        _ => applies_on(b.action, step),
    }
}

/// The action bound to `key` in `ctx`, if any.
pub fn action_for(key: &KeyEvent, ctx: KeyContext) -> Option<Action> {
    // Shift is part of the character for printable keys ('+' is Shift-= on many layouts).
    let mods = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    BINDINGS
        .iter()
        .filter(|b| ctx.allows(b.scope))
        .find(|b| b.keys.iter().any(|(c, m)| *c == key.code && *m == mods))
        .map(|b| b.action)
}

/// The bindings to show in the hint bar for `ctx`.
pub fn bar_hints(ctx: KeyContext) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.in_bar && ctx.allows(b.scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn q_quits_only_when_not_typing() {
        let q = key(KeyCode::Char('q'), NONE);
        assert_eq!(action_for(&q, KeyContext::default()), Some(Action::Quit));
        let typing = KeyContext {
            typing: true,
            ..Default::default()
        };
        assert_eq!(action_for(&q, typing), None);
    }

    #[test]
    fn ctrl_c_always_quits() {
        let c = key(KeyCode::Char('c'), CTRL);
        for typing in [false, true] {
            let ctx = KeyContext {
                typing,
                ..Default::default()
            };
            assert_eq!(action_for(&c, ctx), Some(Action::ForceQuit));
        }
    }

    #[test]
    fn arrows_move_lists_and_change_numbers() {
        let up = key(KeyCode::Up, NONE);
        assert_eq!(
            action_for(
                &up,
                KeyContext {
                    list: true,
                    ..Default::default()
                }
            ),
            Some(Action::Up)
        );
        assert_eq!(
            action_for(
                &up,
                KeyContext {
                    number: true,
                    ..Default::default()
                }
            ),
            Some(Action::Increase)
        );
        let plus = key(KeyCode::Char('+'), SHIFT);
        assert_eq!(
            action_for(
                &plus,
                KeyContext {
                    number: true,
                    ..Default::default()
                }
            ),
            Some(Action::Increase)
        );
    }

    #[test]
    fn every_label_exists_in_both_languages() {
        use crate::i18n::{has, Lang};
        for b in BINDINGS {
            for lang in [Lang::En, Lang::ZhCn] {
                assert!(has(lang, b.key_label) && has(lang, b.label), "{b:?}");
            }
        }
    }

    #[test]
    fn every_action_has_a_key() {
        use Action::*;
        let all = [
            ForceQuit,
            Quit,
            Help,
            ToggleLang,
            Next,
            Back,
            FocusNext,
            FocusPrev,
            Up,
            Down,
            Select,
            Increase,
            Decrease,
            ConfirmWarning,
            Remove,
            Sort,
            Pause,
            Abort,
            RebindAccount,
            RebindInstitution,
        ];
        for a in all {
            assert!(BINDINGS.iter().any(|b| b.action == a), "{a:?} has no key");
        }
    }

    #[test]
    fn delete_is_in_the_hint_bar_only_where_an_entry_can_be_removed() {
        use crate::onboarding::Step;
        let list = KeyContext {
            list: true,
            ..Default::default()
        };
        let removable = KeyContext {
            removable: true,
            ..list
        };
        let shows = |ctx| bar_hints(ctx).any(|b| b.label == "act-remove-fee");
        assert!(shows(removable) && !shows(list));
        let del = key(KeyCode::Delete, NONE);
        assert_eq!(action_for(&del, removable), Some(Action::Remove));
        // Each Delete is listed in the help of its own step.
        let fee = BINDINGS
            .iter()
            .find(|b| b.label == "act-remove-fee")
            .unwrap();
        let file = BINDINGS.iter().find(|b| b.label == "act-remove").unwrap();
        assert!(listed_on(fee, Step::Contract) && !listed_on(fee, Step::Materials));
        assert!(listed_on(file, Step::Materials) && !listed_on(file, Step::Contract));
    }

    #[test]
    fn hint_bar_is_what_the_handler_answers_to() {
        let ctx = KeyContext {
            list: true,
            ..Default::default()
        };
        for b in bar_hints(ctx) {
            let (code, m) = b.keys[0];
            assert_eq!(action_for(&key(code, m), ctx), Some(b.action), "{b:?}");
        }
    }
}
