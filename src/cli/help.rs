//! `--help` in the user's language: the clap command is built from the derive definitions, then
//! every about and help text is replaced by the message `cli-<path>` / `cli-<path>--<arg>` from
//! the same Fluent files as the wizard, in the language `--lang` (read from argv before
//! parsing) or the locale chooses. A text without a message keeps its English doc comment.

use std::ffi::OsString;

use clap::Command;

use crate::i18n::{has, tr, Lang};

/// The language for the help texts: `--lang X` / `--lang=X` on the command line, else the
/// locale. An unknown value falls back to the locale (clap reports it when parsing).
pub fn lang_from_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::from_env()
}

/// Message id of a command's about text: `cli-posbind`, `cli-cases`, `cli-cases-export`.
pub fn about_id(path: &[&str]) -> String {
    if path.is_empty() {
        "cli-posbind".into()
    } else {
        format!("cli-{}", path.join("-"))
    }
}

/// Message id of an argument's help text: `cli-posbind--lang`, `cli-cases-export--format`.
pub fn arg_id(path: &[&str], arg: &str) -> String {
    format!("{}--{arg}", about_id(path))
}

/// Replaces the about and help texts of `cmd` and its subcommands with the messages in `lang`.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    // Build first so clap's own `help` subcommand and `--help`/`--version` exist to be renamed.
    cmd.build();
    localize_at(cmd, lang, &mut vec![])
}

fn localize_at(mut cmd: Command, lang: Lang, path: &mut Vec<String>) -> Command {
    // clap's `help` subcommand mirrors the tree (`help cases list`): the same texts.
    let p: Vec<&str> = path
        .iter()
        .map(String::as_str)
        .filter(|s| *s != "help")
        .collect();
    let id = if path.last().map(String::as_str) == Some("help") {
        "cli-help-command".to_string()
    } else {
        about_id(&p)
    };
    if has(lang, &id) {
        cmd = cmd.about(tr(lang, &id)).long_about(None::<&str>);
    }
    // Headings: clap writes "Usage:", "Commands:", "Options:" in English unless told.
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            tr(lang, "cli-heading-usage")
        ))
        .subcommand_help_heading(tr(lang, "cli-heading-commands"));
    let args: Vec<(String, bool, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.is_global_set(),
                a.get_possible_values()
                    .iter()
                    .any(|v| v.get_help().is_some()),
            )
        })
        .collect();
    for (arg, positional, global, values_with_help) in args {
        let id = match arg.as_str() {
            "help" => "cli-flag-help".to_string(),
            "version" => "cli-flag-version".to_string(),
            // A global option is described once, at the top.
            _ if global => arg_id(&[], &arg),
            _ => arg_id(&p, &arg),
        };
        let heading = tr(
            lang,
            if positional {
                "cli-heading-arguments"
            } else {
                "cli-heading-options"
            },
        );
        let text = has(lang, &id).then(|| tr(lang, &id));
        cmd = cmd.mut_arg(arg.as_str(), |a| {
            let a = a.help_heading(heading);
            match text {
                // The message names the values itself; clap's English value help is hidden.
                Some(t) => a
                    .help(t)
                    .long_help(None::<&str>)
                    .hide_possible_values(values_with_help),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(name.as_str(), |s| localize_at(s, lang, path));
        path.pop();
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(cmd: &Command, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        if !p.contains(&"help") {
            let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            out.push((about_id(&p), about));
            for a in cmd.get_arguments() {
                if a.is_global_set() && !p.is_empty()
                    || matches!(a.get_id().as_str(), "help" | "version")
                {
                    continue;
                }
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                out.push((arg_id(&p, a.get_id().as_str()), help));
            }
        }
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            ids(s, path, out);
            path.pop();
        }
    }

    /// Every command and option of the CLI, with its English doc text.
    fn all_ids() -> Vec<(String, String)> {
        let mut cmd = <super::super::Cli as clap::CommandFactory>::command();
        cmd.build();
        let mut out = vec![];
        ids(&cmd, &mut vec![], &mut out);
        out
    }

    #[test]
    fn every_command_and_option_has_its_help_in_both_languages() {
        let missing: Vec<String> = all_ids()
            .into_iter()
            .flat_map(|(id, _)| {
                [Lang::En, Lang::ZhCn]
                    .into_iter()
                    .filter(|l| !has(*l, &id))
                    .map(|l| format!("{} {id}", l.tag()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(missing.is_empty(), "{missing:#?}");
    }

    /// `cargo test --lib cli::help::tests::dump -- --ignored --nocapture` prints the ids with
    /// the doc texts, to start the messages of a new option from.
    #[test]
    #[ignore]
    fn dump() {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        for (id, text) in all_ids() {
            writeln!(stdout, "{id} = {}", text.replace('\n', " ")).unwrap();
        }
    }

    #[test]
    fn lang_is_read_from_the_arguments_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(&args(&["posbind", "--lang", "en", "--help"])),
            Lang::En
        );
        assert_eq!(
            lang_from_args(&args(&["posbind", "cases", "--lang=zh-CN"])),
            Lang::ZhCn
        );
        assert_eq!(lang_from_args(&args(&["posbind", "--lang=en"])), Lang::En);
    }
}
