//! Issue 15, "CLI in the user's language": `--help` comes from the same message files as the
//! wizard and follows `--lang` or the locale; the top-level help lists every subcommand.

use assert_cmd::Command;

fn help(env_lang: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("posbind")
        .unwrap()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", env_lang)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

const SUBCOMMANDS: [&str; 10] = [
    "demo",
    "cases",
    "pending",
    "ports",
    "probe",
    "test-loop",
    "run",
    "answers",
    "simulate",
    "check",
];

#[test]
fn top_level_help_follows_lang_and_lists_every_subcommand() {
    let zh = help("en_US.UTF-8", &["--lang", "zh-CN", "--help"]);
    for s in SUBCOMMANDS {
        assert!(
            zh.lines().any(|l| l.trim_start().starts_with(s)),
            "{s}:\n{zh}"
        );
    }
    for text in [
        "用法：",
        "命令",
        "选项",
        "列出、查看、导出、换绑或删除工单",
        "界面语言",
        "显示帮助",
    ] {
        assert!(zh.contains(text), "{text}:\n{zh}");
    }
    assert!(!zh.contains("List, show"), "{zh}");
    let en = help("zh_CN.UTF-8", &["--lang=en", "--help"]);
    assert!(
        en.contains("List, show, export, rebind or delete cases"),
        "{en}"
    );
    assert!(en.contains("Usage:") && en.contains("Commands") && en.contains("Options"));
    assert!(!en.contains("工单"), "{en}");
}

#[test]
fn subcommand_help_follows_the_locale_without_lang() {
    let zh = help("zh_CN.UTF-8", &["test-loop", "--help"]);
    for text in ["定时测试交易循环", "轮数", "测试金额（元）", "界面语言"] {
        assert!(zh.contains(text), "{text}:\n{zh}");
    }
    let zh = help("zh_CN.UTF-8", &["cases", "export", "--help"]);
    assert!(
        zh.contains("导出工单的申请材料包") && zh.contains("工单号"),
        "{zh}"
    );
    let en = help("en_US.UTF-8", &["check", "--help"]);
    assert!(
        en.contains("credit-code (unified social credit code)"),
        "{en}"
    );
    let zh = help("en_US.UTF-8", &["--lang", "zh-CN", "help", "pending"]);
    assert!(zh.contains("尚未撤销的测试支付"), "{zh}");
}
