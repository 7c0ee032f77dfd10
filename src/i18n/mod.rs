//! Message lookup for the two UI languages.
//!
//! Every user-visible string lives in `assets/locales/<lang>/posbind.ftl` (Fluent syntax). The
//! files are embedded at build time so the binary needs nothing on disk. Look-ups of an unknown id
//! return the id itself, so a missing message is visible on screen instead of panicking; a unit
//! test keeps both languages' ids identical.

pub mod device;
pub mod safe;

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// The source of the English messages.
pub const EN_FTL: &str = include_str!("../../assets/locales/en/posbind.ftl");
/// The source of the Simplified Chinese messages.
pub const ZH_FTL: &str = include_str!("../../assets/locales/zh-CN/posbind.ftl");

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    /// Simplified Chinese, the default for merchants.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 tag, as accepted by `--lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses `zh-CN`, `zh`, `en`, `en-US`… (case-insensitive, `_` or `-`).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase().replace('_', "-");
        if lower == "zh" || lower.starts_with("zh-") {
            Some(Lang::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language from the usual locale variables, in POSIX precedence order; zh-CN when none
    /// of them names a language posbind speaks.
    pub fn from_env_values(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(v.split('.').next().unwrap_or(v)))
            .unwrap_or_default()
    }

    /// [`Lang::from_env_values`] applied to the process environment.
    pub fn from_env() -> Lang {
        let get = |k: &str| std::env::var(k).ok();
        Lang::from_env_values(
            get("LC_ALL").as_deref(),
            get("LC_MESSAGES").as_deref(),
            get("LANG").as_deref(),
        )
    }

    /// The other language (for the runtime toggle).
    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::En,
            Lang::En => Lang::ZhCn,
        }
    }
}

struct Bundles {
    en: FluentBundle<FluentResource>,
    zh: FluentBundle<FluentResource>,
}

fn build(lang: &str, source: &'static str) -> FluentBundle<FluentResource> {
    // The embedded files are checked by a unit test, so a parse error here is a build defect;
    // fall back to whatever parsed rather than aborting the user's session.
    let resource = match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let id = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would show up as stray glyphs in a terminal.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        en: build("en", EN_FTL),
        zh: build("zh-CN", ZH_FTL),
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::En => &bundles().en,
        Lang::ZhCn => &bundles().zh,
    }
}

/// Looks up message `id` in `lang`.
pub fn tr(lang: Lang, id: &str) -> String {
    tr_args(lang, id, &[])
}

/// [`tr_args`] with owned argument values, as messages carry them (`StoreError::message`, a
/// notice, a validation reason, …).
pub fn tr_owned(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tr_args(lang, id, &args)
}

/// A message as errors give it (`StoreError::message`, `LockError::message`, …): its id and
/// owned arguments, in `lang`.
pub fn tr_message(lang: Lang, (id, args): (&str, Vec<(&'static str, String)>)) -> String {
    tr_owned(lang, id, &args)
}

/// Looks up message `id` in `lang`, filling `{ $name }` placeables from `args`. Arguments carry
/// user and file text (names, paths, parser errors), so their control characters are escaped
/// ([`safe::for_terminal`]); the messages themselves are ours.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(
            *k,
            FluentValue::String(Cow::Owned(safe::for_terminal(v).into_owned())),
        );
    }
    let mut errors = vec![];
    bundle
        .format_pattern(pattern, Some(&fargs), &mut errors)
        .into_owned()
}

/// Whether `id` exists (used to pick optional messages such as per-code remedies).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// All message ids defined in a Fluent source, in file order.
pub fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '[', '*', '}']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next())
        .map(|s| s.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn an_error_message_is_worded_in_the_language_asked_for() {
        let e = crate::store::StoreError::Io {
            path: "/data/cases/x/case.json".into(),
            source: std::io::Error::other("disk full"),
        };
        // The OS's own words are English: the Chinese message leaves them out.
        let zh = tr_message(Lang::ZhCn, e.message());
        assert_eq!(zh, "无法访问 /data/cases/x/case.json（系统错误 Other）。");
        let en = tr_message(Lang::En, e.message());
        assert!(
            en.contains("/data/cases/x/case.json") && en.contains("disk full"),
            "{en}"
        );
        // What posbind knows is said in each language, with the path.
        let full = crate::store::StoreError::Io {
            path: "/data/cases/x/case.json".into(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        };
        let zh = tr_message(Lang::ZhCn, full.message());
        assert!(
            zh.contains("磁盘已满") && zh.contains("/data/cases/x"),
            "{zh}"
        );
        let en = tr_message(Lang::En, full.message());
        assert!(
            en.contains("is full") && en.contains("/data/cases/x"),
            "{en}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{en}"
        );
    }

    #[test]
    fn both_locale_files_parse_without_errors() {
        for src in [EN_FTL, ZH_FTL] {
            if let Err((_, errs)) = FluentResource::try_new(src.to_string()) {
                panic!("locale file has errors: {errs:?}");
            }
        }
    }

    #[test]
    fn every_message_id_exists_in_both_languages() {
        let en: BTreeSet<_> = message_ids(EN_FTL).into_iter().collect();
        let zh: BTreeSet<_> = message_ids(ZH_FTL).into_iter().collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
        assert!(en.len() > 50);
    }

    #[test]
    fn no_message_id_is_defined_twice() {
        for src in [EN_FTL, ZH_FTL] {
            let ids = message_ids(src);
            let set: BTreeSet<_> = ids.iter().collect();
            assert_eq!(set.len(), ids.len(), "duplicate ids");
        }
    }

    #[test]
    fn lookups_fill_arguments_without_isolation_marks() {
        let s = tr_args(
            Lang::En,
            "size-too-small",
            &[("cols", "60"), ("rows", "16")],
        );
        assert!(s.contains("80x24") && s.contains("60x16"), "{s}");
        assert!(!s.contains('\u{2068}'));
    }

    #[test]
    fn unknown_ids_come_back_as_themselves() {
        assert_eq!(tr(Lang::En, "no-such-message"), "no-such-message");
    }

    #[test]
    fn locale_environment_precedence() {
        assert_eq!(
            Lang::from_env_values(Some("en_US.UTF-8"), Some("zh_CN"), None),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_values(Some(""), Some("en_GB"), Some("zh_CN.UTF-8")),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_values(None, None, Some("zh_CN.UTF-8")),
            Lang::ZhCn
        );
        assert_eq!(Lang::from_env_values(None, None, Some("C")), Lang::ZhCn);
        assert_eq!(Lang::from_env_values(None, None, None), Lang::ZhCn);
    }
}
