//! `posbind help exceptions [CASE]` (also `posbind exceptions [CASE]`): what to do when
//! something goes wrong after go-live, answered with the case's data and its institution's
//! service number from the current catalog (the answers are [`crate::tui::exceptions`]', the
//! same as on the wizard's F1 page).
//!
//! clap's own `help` subcommand prints the help of a subcommand; `help exceptions` is a topic,
//! not a subcommand, so [`route_help_topic`] rewrites it before parsing.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Args;

use super::health::choose_case;
use super::{out, Ctx, EXIT_USAGE};
use crate::tui::exceptions;

/// Options of `posbind exceptions`.
#[derive(Debug, Args)]
pub struct ExceptionsArgs {
    /// The case id (default: the only live case; none: the general answers).
    #[arg(value_name = "CASE")]
    pub case: Option<String>,
}

/// Global options that take a value in the next argument (`--lang en`): skipped when looking
/// for the subcommand.
const VALUE_OPTIONS: [&str; 7] = [
    "--lang",
    "--data-dir",
    "--catalog",
    "--answers",
    "--secrets",
    "--port",
    "--sim",
];

/// `posbind [OPTIONS] help exceptions …` becomes `posbind [OPTIONS] exceptions …`; any other
/// command line is returned as it is.
pub fn route_help_topic(mut args: Vec<OsString>) -> Vec<OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--" {
            break;
        }
        if a.starts_with('-') {
            i += if VALUE_OPTIONS.contains(&a.as_ref()) {
                2
            } else {
                1
            };
            continue;
        }
        if a == "help" && args.get(i + 1).is_some_and(|n| n == "exceptions") {
            args.remove(i);
        }
        break;
    }
    args
}

/// `posbind exceptions`.
pub fn run(ctx: &Ctx, args: &ExceptionsArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let case = match choose_case(lang, &store, args.case.as_deref()) {
        Ok(c) => Some(c),
        // A case named that cannot be read is an error; without a name, no or several live
        // cases give the general answers, and the reason is said first.
        Err(m) if args.case.is_some() => {
            out::err_line(&m);
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Err(m) => {
            out::err_line(&m);
            None
        }
    };
    let tz = *chrono::Local::now().offset();
    let blocks = exceptions::blocks(case.as_ref(), &catalog, lang, tz);
    out::text(&exceptions::plain_text(&blocks))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn help_exceptions_is_routed_past_global_options_only() {
        assert_eq!(
            route_help_topic(args(&[
                "posbind",
                "--lang",
                "en",
                "help",
                "exceptions",
                "X"
            ])),
            args(&["posbind", "--lang", "en", "exceptions", "X"])
        );
        assert_eq!(
            route_help_topic(args(&["posbind", "--data-dir=/d", "help", "exceptions"])),
            args(&["posbind", "--data-dir=/d", "exceptions"])
        );
        for unchanged in [
            &["posbind", "help", "pending"][..],
            &["posbind", "cases", "help", "exceptions"],
            &["posbind", "--lang", "help", "exceptions"],
            &["posbind", "--", "help", "exceptions"],
        ] {
            assert_eq!(route_help_topic(args(unchanged)), args(unchanged));
        }
    }
}
