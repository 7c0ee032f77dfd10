//! Issue 15, "a demo that shows itself": from a fresh `posbind demo` to the go-live report with
//! the sample merchant in at most 40 keystrokes and no typing, in a pseudo-terminal. The sample
//! data passes every validator, its scans are real files in the case's own folder, and Binding
//! shows the simulated terminal's label serial number.

mod common;

use common::{keys, Pty};

struct Walk {
    pty: Pty,
    keys: usize,
}

impl Walk {
    /// One keystroke (a named key or one character; never typed text).
    fn key(&mut self, k: &str) {
        assert!(
            k.starts_with('\x1b') || k.chars().count() == 1,
            "one key at a time: {k:?}"
        );
        self.keys += 1;
        self.pty.send(k);
    }
}

#[test]
fn the_sample_merchant_reaches_the_go_live_report_in_at_most_40_keys() {
    let data = tempfile::tempdir().unwrap();
    let pty = Pty::spawn(&["--lang", "en", "demo"], data.path(), 120, 40);
    let mut w = Walk { pty, keys: 0 };
    w.pty.wait_for("sample merchant");
    w.key("d");
    w.pty.wait_for("SAMPLE DATA"); // Institution: the data and documents are complete
    w.key(keys::ENTER); // first offer
    w.key(keys::PGDN);
    w.pty.wait_for("Merchant category");
    w.key(keys::ENTER); // the cursor is on Submit
    w.pty.wait_for("Press Enter again to submit");
    w.key(keys::ENTER);
    w.pty.wait_for("Review expected");
    w.key(keys::PGDN);
    w.pty.wait_for("Simulated institution");
    w.key(keys::ENTER);
    w.pty.wait_for("Approved: MID 10258405411");
    w.key(keys::PGDN);
    w.pty.wait_for("I agree to these terms");
    // Debit rate, debit cap, credit rate, add a fee: Agree is the fifth row.
    for _ in 0..4 {
        w.key(keys::DOWN);
    }
    w.key(keys::ENTER);
    w.pty.wait_for("Contract terms agreed.");
    w.key(keys::PGDN);
    w.pty.wait_for("label reads serial number");
    w.key(keys::ENTER); // the cursor is on Confirm
    w.pty.wait_for("Binding confirmed.");
    w.key(keys::PGDN);
    w.pty.wait_for("Connect and read the");
    w.key(keys::ENTER);
    w.pty.wait_for("matches the label");
    w.key(keys::DOWN);
    w.key(keys::ENTER);
    w.pty.wait_for("activated and ready");
    w.key(keys::PGDN);
    w.pty.wait_for("Transactions");
    w.key(keys::ENTER); // start the default test
    w.pty.wait_for("PASSED");
    w.key(keys::PGDN);
    w.pty.wait_for("Practice End-of-Day");
    for _ in 0..6 {
        w.key(keys::ENTER);
    }
    w.key(keys::PGDN);
    w.pty.wait_for("writes the activation report");
    w.key(keys::ENTER);
    w.pty.wait_for("Activation report written.");
    assert!(w.keys <= 40, "{} keystrokes", w.keys);
    w.pty.send(keys::CTRL_C);
    assert_eq!(w.pty.wait_exit(), 0);

    // The case holds the sample scans from its own folder, and the report says DEMO.
    let case_dir = std::fs::read_dir(data.path().join("cases"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
    let docs = case["materials"]["documents"].as_object().unwrap();
    assert_eq!(docs.len(), 9);
    for d in docs.values() {
        let path = std::path::Path::new(d["path"].as_str().unwrap());
        assert!(path.starts_with(case_dir.join("samples")), "{path:?}");
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"%PDF-") || bytes.starts_with(&[0x89, b'P', b'N', b'G']));
    }
    assert_eq!(case["activation"]["identity"]["serial"], "12345678");
    let html =
        std::fs::read_to_string(case_dir.join("report").join("activation-report.html")).unwrap();
    assert!(html.contains("DEMO — SIMULATED TERMINAL"));
}

/// What the walk waits for, in the wizard's language.
struct Waits {
    lang: &'static str,
    start: &'static str,
    sample_data: &'static str,
    mcc: &'static str,
    submit_again: &'static str,
    review: &'static str,
    simulated: &'static str,
    approved: &'static str,
    agree: &'static str,
    agreed: &'static str,
    label: &'static str,
    bound: &'static str,
    connect: &'static str,
    matches: &'static str,
    activated: &'static str,
    transactions: &'static str,
    passed: &'static str,
    practice: &'static str,
    write_hint: &'static str,
    written: &'static str,
}

const EN: Waits = Waits {
    lang: "en",
    start: "sample merchant",
    sample_data: "SAMPLE DATA",
    mcc: "Merchant category",
    submit_again: "Press Enter again to submit",
    review: "Review expected",
    simulated: "Simulated institution",
    approved: "Approved: MID",
    agree: "I agree to these terms",
    agreed: "Contract terms agreed.",
    label: "label reads serial number",
    bound: "Binding confirmed.",
    connect: "Connect and read the",
    matches: "matches the label",
    activated: "activated and ready",
    transactions: "Transactions",
    passed: "PASSED",
    practice: "Practice End-of-Day",
    write_hint: "writes the activation report",
    written: "Activation report written.",
};

const ZH: Waits = Waits {
    lang: "zh-CN",
    start: "样例商户",
    sample_data: "样例数据",
    mcc: "商户类别",
    submit_again: "再按一次 Enter 提交",
    review: "审核完成",
    simulated: "模拟机构",
    approved: "已通过：MID",
    agree: "我同意以上条款",
    agreed: "已同意合同条款。",
    label: "模拟终端机身标签上的序列号为",
    bound: "已确认绑定。",
    connect: "连接并读取终端信息",
    matches: "终端序列号与标签一致。",
    activated: "终端已激活并就绪。",
    transactions: "测试次数",
    passed: "通过：",
    practice: "在终端上练习日结",
    write_hint: "生成激活报告",
    written: "激活报告已生成。",
};

/// One `posbind demo` from its start to the go-live report with a new sample case; returns
/// the keys it took. Any earlier demo case in `data` stays where it is.
fn demo_to_go_live(data: &std::path::Path, t: &Waits) -> usize {
    let pty = Pty::spawn(&["--lang", t.lang, "demo"], data, 120, 40);
    let mut w = Walk { pty, keys: 0 };
    w.pty.wait_for(t.start);
    w.key("d");
    w.pty.wait_for(t.sample_data);
    w.key(keys::ENTER);
    w.key(keys::PGDN);
    w.pty.wait_for(t.mcc);
    w.key(keys::ENTER);
    w.pty.wait_for(t.submit_again);
    w.key(keys::ENTER);
    w.pty.wait_for(t.review);
    w.key(keys::PGDN);
    w.pty.wait_for(t.simulated);
    w.key(keys::ENTER);
    w.pty.wait_for(t.approved);
    w.key(keys::PGDN);
    w.pty.wait_for(t.agree);
    for _ in 0..4 {
        w.key(keys::DOWN);
    }
    w.key(keys::ENTER);
    w.pty.wait_for(t.agreed);
    w.key(keys::PGDN);
    w.pty.wait_for(t.label);
    w.key(keys::ENTER);
    w.pty.wait_for(t.bound);
    w.key(keys::PGDN);
    w.pty.wait_for(t.connect);
    w.key(keys::ENTER);
    w.pty.wait_for(t.matches);
    w.key(keys::DOWN);
    w.key(keys::ENTER);
    w.pty.wait_for(t.activated);
    w.key(keys::PGDN);
    w.pty.wait_for(t.transactions);
    w.key(keys::ENTER);
    w.pty.wait_for(t.passed);
    w.key(keys::PGDN);
    w.pty.wait_for(t.practice);
    for _ in 0..6 {
        w.key(keys::ENTER);
    }
    w.key(keys::PGDN);
    w.pty.wait_for(t.write_hint);
    w.key(keys::ENTER);
    w.pty.wait_for(t.written);
    w.pty.send(keys::CTRL_C);
    assert_eq!(w.pty.wait_exit(), 0);
    w.keys
}

/// Issue 27: the demo runs any number of times in one data directory; each demo case gets a
/// simulated terminal of its own, so the second binding is not refused as already bound.
fn the_demo_runs_twice_in_one_data_directory(t: &Waits) {
    let data = tempfile::tempdir().unwrap();
    for run in 1..=2 {
        let keys = demo_to_go_live(data.path(), t);
        assert!(keys <= 40, "run {run}: {keys} keystrokes");
    }
    let mut serials = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(data.path().join("cases")).unwrap() {
        let case_dir = entry.unwrap().path();
        let case: serde_json::Value =
            serde_json::from_slice(&std::fs::read(case_dir.join("case.json")).unwrap()).unwrap();
        assert_eq!(
            case["activation"]["identity"]["serial"],
            case["binding"]["serial_label"]
        );
        assert!(case_dir
            .join("report")
            .join("activation-report.html")
            .is_file());
        serials.insert(
            case["binding"]["serial_label"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(
        serials.len(),
        2,
        "two demo cases, two terminals: {serials:?}"
    );
}

#[test]
fn the_demo_runs_twice_in_one_data_directory_in_english() {
    the_demo_runs_twice_in_one_data_directory(&EN);
}

#[test]
fn the_demo_runs_twice_in_one_data_directory_in_chinese() {
    the_demo_runs_twice_in_one_data_directory(&ZH);
}
