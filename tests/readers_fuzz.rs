//! Every reader of a file posbind is handed or keeps (case file, journal, pending payments,
//! answers, secrets, catalog, holidays, simulator settings and state) fed random bytes, mangled
//! valid files, huge sizes and deep nesting: no panic, no hang, no write outside the data
//! directory (issue 29). Bounded by a fixed number of inputs from a fixed seed, not by time,
//! so a failure can be replayed; the pending-payments file is read through `posbind pending
//! list`, its store being rewritten meanwhile.

mod common;

use std::path::{Path, PathBuf};

use chrono::Utc;

use posbind::i18n::Lang;
use posbind::onboarding::{Case, CaseId};
use posbind::store::Store;

/// SplitMix64: a small, seeded generator, so every run feeds the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Inputs for a reader of `valid` text: random bytes, `valid` mangled, deeply nested and huge.
fn inputs(rng: &mut Rng, valid: &str, rounds: usize) -> Vec<Vec<u8>> {
    let mut out = vec![
        vec![],
        b"[".repeat(100_000),
        b"{\"a\":".repeat(50_000),
        format!("a = {}", "[".repeat(100_000)).into_bytes(),
        format!("a = {}", "{ b = ".repeat(50_000)).into_bytes(),
        "[a]\n".repeat(20_000).into_bytes(),
        vec![b'x'; 20 * 1024 * 1024],
        vec![0xFF; 1000],
    ];
    for _ in 0..rounds {
        let n = rng.below(2048);
        out.push((0..n).map(|_| rng.next() as u8).collect());
        let mut m = valid.as_bytes().to_vec();
        for _ in 0..=rng.below(8) {
            if m.is_empty() {
                break;
            }
            let at = rng.below(m.len());
            match rng.below(4) {
                0 => m[at] = rng.next() as u8,
                1 => m.truncate(at),
                2 => {
                    let piece = m[at..].to_vec();
                    m.extend_from_slice(&piece);
                }
                _ => {
                    m.remove(at);
                }
            }
        }
        out.push(m);
    }
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        out.push(p.clone());
        if p.is_dir() && !p.is_symlink() {
            all_files(&p, out);
        }
    }
}

#[test]
fn every_reader_survives_random_huge_and_nested_input() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let inputs_dir = root.path().join("inputs");
    std::fs::create_dir(&inputs_dir).unwrap();
    let store = Store::open(&data).unwrap();
    let mut case = Case::new("Mart", Lang::En, false, Utc::now());
    store.save(&mut case, Utc::now()).unwrap();
    store
        .journal(&case.id, "case-created", serde_json::json!({}), Utc::now())
        .unwrap();
    let id = CaseId::parse(case.id.as_str()).unwrap();
    let case_dir = store.case_dir(&id);
    let valid_case = std::fs::read_to_string(case_dir.join("case.json")).unwrap();
    let valid_journal = std::fs::read_to_string(case_dir.join("journal.jsonl")).unwrap();
    let valid_answers = posbind::onboarding::answers::TEMPLATE;
    let valid_catalog = posbind::onboarding::catalog::CATALOG_TOML;
    let valid_sim = toml::to_string(&posbind::sim::SimConfig::default()).unwrap();
    let valid_state = serde_json::to_string(&posbind::sim::terminal::TerminalState::from_config(
        &posbind::sim::SimConfig::default(),
    ))
    .unwrap();
    let mut rng = Rng(29);

    // Parsers of text.
    for input in inputs(&mut rng, valid_answers, 200) {
        let t = text(&input);
        let _ = posbind::onboarding::answers::parse(&t);
        let _ = posbind::onboarding::answers::parse_problem(&t);
        let _ = posbind::onboarding::answers::declared_lang(&t);
        let _ = posbind::onboarding::answers::parse_secrets(&t);
    }
    for input in inputs(&mut rng, valid_catalog, 200) {
        let t = text(&input);
        let _ = posbind::onboarding::catalog::Catalog::parse(&t);
        let _ = posbind::onboarding::calendar::Calendar::parse(&t);
    }
    for input in inputs(&mut rng, &valid_sim, 200) {
        let _ = posbind::sim::SimConfig::load(Some(&text(&input)), &[]);
    }

    // Readers of files.
    let state = inputs_dir.join("state.json");
    for input in inputs(&mut rng, &valid_state, 100) {
        std::fs::write(&state, &input).unwrap();
        let _ = posbind::sim::state_file::read(&state);
    }
    for input in inputs(&mut rng, &valid_case, 100) {
        std::fs::write(case_dir.join("case.json"), &input).unwrap();
        let _ = store.load(&id);
        let _ = store.list();
    }
    std::fs::write(case_dir.join("case.json"), &valid_case).unwrap();
    for input in inputs(&mut rng, &valid_journal, 100) {
        std::fs::write(case_dir.join("journal.jsonl"), &input).unwrap();
        let _ = store.read_journal(&id);
    }

    // The pending-payments file and the answers, secrets and catalog files, through the binary
    // (fewer: each is a process).
    let pending = posbind::store::pending::PendingStore::new(&data);
    let answers = inputs_dir.join("answers.toml");
    let secrets = inputs_dir.join("secrets.toml");
    let catalog = inputs_dir.join("catalog.toml");
    for (i, input) in inputs(&mut rng, &valid_journal, 6).iter().enumerate() {
        for f in [pending.path(), &answers, &secrets, &catalog] {
            std::fs::write(f, input).unwrap();
        }
        let runs: [&[&str]; 2] = [
            &["pending", "list"],
            &["run", "--port", "sim", "--dry-run", "--answers"],
        ];
        for args in runs {
            let mut c = assert_cmd::Command::cargo_bin("posbind").unwrap();
            c.arg("--data-dir").arg(&data).args(["--lang", "en"]);
            c.arg("--catalog").arg(&catalog).args(args);
            if args[0] == "run" {
                c.arg(&answers).arg("--secrets").arg(&secrets);
            }
            let out = c.timeout(common::WAIT).output().unwrap();
            let code = out.status.code();
            assert!(
                code.is_some_and(|c| c != 101),
                "input {i}, {args:?}: {code:?} {}",
                text(&out.stderr)
            );
        }
    }

    // Nothing was written outside the data directory and the inputs.
    let mut found = vec![];
    all_files(root.path(), &mut found);
    let outside: Vec<_> = found
        .iter()
        .filter(|p| !p.starts_with(&data) && !p.starts_with(&inputs_dir))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}
