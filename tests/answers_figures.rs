//! Figures for issue 14's "a 1 MB answers file is accepted or refused within 100 ms": the real
//! binary on a 1 MB file, and parse + apply at growing sizes up to the cap, to show the work is
//! linear (the time per kilobyte stays flat). Printed, not asserted: wall-clock speed depends on
//! the machine.
//! Run: `cargo test --release --test answers_figures -- --ignored --nocapture`.

mod common;

use std::time::{Duration, Instant};

use posbind::i18n::Lang;
use posbind::onboarding::{answers, Case};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The template with `n` unknown `[documents]` entries and `n` unknown training topics.
fn padded(n: usize) -> String {
    let mut text = answers::TEMPLATE.replace(
        "done = [\"sale\", \"reversal\", \"refund\", \"end-of-day\", \"reprint\", \"troubleshooting\"]",
        &format!(
            "done = [{}]",
            (0..n).map(|i| format!("\"t{i}\"")).collect::<Vec<_>>().join(",")
        ),
    );
    for i in 0..n {
        text.push_str(&format!("unknown-{i} = \"/nowhere/{i}.png\"\n"));
    }
    text
}

#[test]
#[ignore]
fn figures_answers_files_are_handled_in_linear_time() {
    println!("| size | entries | parse + apply | per KB |");
    println!("|---|---|---|---|");
    for n in [1_000, 2_000, 4_000, 8_000] {
        let text = padded(n);
        let started = Instant::now();
        let mut outcome = "refused";
        for _ in 0..10 {
            if let Ok(a) = answers::parse(&text) {
                let mut case = Case::new(&a.merchant.name, Lang::En, false, chrono::Utc::now());
                let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
                let problems = answers::apply(&a, &text, &mut case, false, today);
                outcome = if problems.is_empty() {
                    "accepted"
                } else {
                    "problems"
                };
            }
        }
        let t = started.elapsed() / 10;
        let kb = text.len() as f64 / 1024.0;
        println!(
            "| {kb:.0} KB | {n} | {:.2} ms ({outcome}) | {:.4} ms |",
            ms(t),
            ms(t) / kb
        );
    }

    // The whole process on a 1 MB answers file (over the size cap) and on a file just under
    // the cap full of unknown entries (parsed, then refused by the count caps).
    let dir = tempfile::tempdir().unwrap();
    let mut big = padded(0);
    while big.len() < 1_000_000 {
        big.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let under_cap = {
        let mut n = 1000;
        while padded(n + 500).len() < answers::MAX_FILE_BYTES as usize {
            n += 500;
        }
        padded(n)
    };
    for (name, text) in [("1 MB", big), ("under the cap", under_cap)] {
        let path = dir.path().join("answers.toml");
        std::fs::write(&path, &text).unwrap();
        let mut samples = vec![];
        let mut code = None;
        for _ in 0..10 {
            let started = Instant::now();
            let out = std::process::Command::new(common::posbind_bin())
                .arg("--data-dir")
                .arg(dir.path().join("data"))
                .args(["--lang", "en", "run", "--dry-run", "--answers"])
                .arg(&path)
                .output()
                .unwrap();
            samples.push(started.elapsed());
            code = out.status.code();
        }
        samples.sort();
        println!(
            "posbind run --dry-run, {name} ({} bytes): exit {code:?}, median {:.1} ms, max {:.1} ms",
            text.len(),
            ms(samples[samples.len() / 2]),
            ms(samples[samples.len() - 1])
        );
    }
}
