//! `posbind package-files DIR`: the man pages and shell completions a package installs,
//! generated from the same clap definition the binary parses, so they cannot drift from it.
//! `.ci/run` calls it before `cargo deb`. It has its own tiny command line, apart from [`Cli`],
//! so that the pages and completions it writes do not list it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use clap_complete::Shell;

use super::out;
use super::{Cli, EXIT_FAIL};
use crate::i18n::{tr_args, Lang};

/// The packaging command line.
#[derive(Debug, Parser)]
#[command(name = "posbind")]
enum Packaging {
    /// Write man pages (DIR/man) and shell completions (DIR/completions).
    PackageFiles {
        /// Output directory.
        dir: PathBuf,
    },
}

/// The shells whose completions are generated, with the file name each one looks for.
const SHELLS: [(Shell, &str); 3] = [
    (Shell::Bash, "posbind.bash"),
    (Shell::Zsh, "_posbind"),
    (Shell::Fish, "posbind.fish"),
];

/// Runs `posbind package-files DIR` when the arguments ask for it.
pub fn try_run() -> Option<ExitCode> {
    if std::env::args_os().nth(1).as_deref() != Some(OsStr::new("package-files")) {
        return None;
    }
    let Packaging::PackageFiles { dir } = Packaging::parse();
    Some(run(Lang::from_env(), &dir))
}

/// Writes `DIR/man/posbind*.1` (one page per command) and `DIR/completions/*`.
fn run(lang: Lang, dir: &Path) -> ExitCode {
    match write(dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let path = dir.display().to_string();
            let error = e.to_string();
            let args = [("path", path.as_str()), ("error", error.as_str())];
            out::err_line(&format!(
                "posbind: {}",
                tr_args(lang, "store-error-io", &args)
            ));
            ExitCode::from(EXIT_FAIL)
        }
    }
}

fn write(dir: &Path) -> std::io::Result<()> {
    let man = dir.join("man");
    std::fs::create_dir_all(&man)?;
    clap_mangen::generate_to(Cli::command(), &man)?;
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)?;
    for (shell, name) in SHELLS {
        let mut file = std::fs::File::create(completions.join(name))?;
        clap_complete::generate(shell, &mut Cli::command(), "posbind", &mut file);
    }
    Ok(())
}
