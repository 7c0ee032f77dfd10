//! Property: whatever a case folder handed to posbind holds (a crafted id, a hostile merchant
//! name, symbolic links where posbind writes), loading it and every `cases` command leave
//! everything outside the data directory exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::Utc;
use proptest::prelude::*;

use posbind::i18n::Lang;
use posbind::onboarding::Case;
use posbind::store::Store;

/// Every file and directory under `root` except the data directory, with file contents.
fn outside(root: &Path, data: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(dir: &Path, data: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p == data {
                continue;
            }
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                out.insert(p.clone(), None);
                walk(&p, data, out);
            } else {
                out.insert(p.clone(), Some(std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, data, &mut out);
    out
}

#[derive(Debug, Clone)]
enum CraftedId {
    /// The directory's own name (a well-formed case).
    Own,
    /// An absolute path into the area outside the data directory.
    Absolute(String),
    /// Any short text with path characters.
    Text(String),
}

fn crafted_id() -> impl Strategy<Value = CraftedId> {
    prop_oneof![
        Just(CraftedId::Own),
        "[a-z]{1,8}".prop_map(CraftedId::Absolute),
        Just(CraftedId::Text("../../escaped".into())),
        Just(CraftedId::Text("../outside/x".into())),
        "[a-z0-9./_-]{1,24}".prop_map(CraftedId::Text),
    ]
}

#[derive(Debug, Clone, Copy)]
struct Links {
    journal: bool,
    case_file: bool,
    outbox: bool,
    case_dir: bool,
}

fn links() -> impl Strategy<Value = Links> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(journal, case_file, outbox, case_dir)| Links {
            journal,
            case_file,
            outbox,
            case_dir,
        },
    )
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    let _ = std::fs::remove_file(at);
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A case folder under `data` crafted as described; returns its directory name.
fn craft(root: &Path, data: &Path, id: &CraftedId, merchant: &str, l: Links) -> String {
    let store = Store::open(data).unwrap();
    let mut c = Case::new("Mart", Lang::En, false, Utc::now());
    store.save(&mut c, Utc::now()).unwrap();
    store
        .journal(&c.id, "case-created", serde_json::json!({}), Utc::now())
        .unwrap();
    let name = c.id.to_string();
    let dir = data.join("cases").join(&name);
    let file = dir.join("case.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["id"] = match id {
        CraftedId::Own => name.clone(),
        CraftedId::Absolute(t) => root.join("outside").join(t).display().to_string(),
        CraftedId::Text(t) => t.clone(),
    }
    .into();
    v["merchant"]["name"] = merchant.into();
    std::fs::write(&file, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = root.join("outside");
    #[cfg(unix)]
    {
        if l.journal {
            link(&out.join("victim.txt"), &dir.join("journal.jsonl"));
        }
        if l.outbox {
            link(&out, &dir.join("outbox"));
        }
        if l.case_file {
            std::fs::rename(&file, out.join("case.json")).unwrap();
            link(&out.join("case.json"), &file);
        }
        if l.case_dir {
            let away = out.join(format!("dir-{name}"));
            std::fs::rename(&dir, &away).unwrap();
            std::os::unix::fs::symlink(&away, &dir).unwrap();
        }
    }
    #[cfg(not(unix))]
    let _ = l;
    name
}

fn posbind(data: &Path) -> Command {
    let mut c = Command::cargo_bin("posbind").unwrap();
    c.arg("--data-dir").arg(data).args(["--lang", "en"]);
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn loading_and_every_cases_command_stay_inside_the_data_directory(
        id in crafted_id(),
        merchant in "\\PC{0,12}|[\\x00-\\x1f\\u{202e}a-z]{0,12}",
        l in links(),
    ) {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let out = root.path().join("outside");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("victim.txt"), "untouched\n").unwrap();
        let name = craft(root.path(), &data, &id, &merchant, l);
        let before = outside(root.path(), &data);

        // Loading, directly.
        let store = Store::open(&data).unwrap();
        let _ = store.list().unwrap();
        if let Some(cid) = posbind::onboarding::CaseId::parse(&name) {
            let _ = store.load(&cid);
            let _ = store.read_journal(&cid);
        }
        prop_assert_eq!(&outside(root.path(), &data), &before);

        let export = data.join("export");
        let export = export.to_str().unwrap();
        let commands: Vec<Vec<&str>> = vec![
            vec!["cases", "list"],
            vec!["cases", "list", "--json"],
            vec!["cases", "show", &name],
            vec!["cases", "show", &name, "--json"],
            vec!["cases", "export", &name, "--out", export],
            vec!["cases", "export", &name, "--format", "html", "--out", export],
            vec!["cases", "rebind", &name, "--reason", "account"],
            vec!["cases", "delete", &name, "--yes"],
        ];
        for args in &commands {
            let run = posbind(&data).args(args).output().unwrap();
            let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
            prop_assert!(!stderr.contains("panicked"), "{:?}: {}", args, stderr);
            prop_assert_eq!(&outside(root.path(), &data), &before, "{:?}", args);
        }
    }
}
