//! Records the git commit the binary is built from, for `posbind --version`. A build outside a
//! git checkout (a source tarball, `cargo install` from a copy) says "unknown".

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

fn main() {
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=POSBIND_GIT_COMMIT={commit}");
    // Rebuild when HEAD moves: the HEAD file (a branch switch), HEAD's reflog (every commit,
    // checkout and reset), the branch's ref, the packed refs (where a fresh clone keeps it).
    // Only files that exist: for a missing one cargo would rerun this script, and so rebuild
    // posbind, on every build.
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    let names = ["HEAD", "logs/HEAD", "packed-refs"]
        .into_iter()
        .chain(branch.as_deref());
    for name in names {
        if let Some(p) = git(&["rev-parse", "--git-path", name]) {
            if std::path::Path::new(&p).exists() {
                println!("cargo:rerun-if-changed={p}");
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
