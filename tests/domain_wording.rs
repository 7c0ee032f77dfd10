//! The zh-CN wording of issue 18 (point 8): the words installers and acquirers use, and Chinese
//! quotation marks in Chinese text.

const ZH: &str = include_str!("../assets/locales/zh-CN/posbind.ftl");

fn values() -> impl Iterator<Item = &'static str> {
    ZH.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v).or(Some(l)))
}

#[test]
fn the_person_the_account_and_the_case_are_named_as_acquirers_name_them() {
    for v in values() {
        // 法人 for the person: 法定代表人/经营者 (非法人结算授权书, 事业单位法人证书 and
        // 基金会法人登记证书 are documents' names).
        let rest = v
            .replace("法定代表人", "")
            .replace("非法人", "")
            .replace("事业单位法人证书", "")
            .replace("法人登记证书", "");
        assert!(!rest.contains("法人"), "{v}");
        assert!(!v.contains("案例"), "a case is a 工单: {v}");
        assert!(!v.contains("本人银行卡"), "对私（个人借记卡）: {v}");
        assert!(!v.contains("背面"), "国徽面: {v}");
        assert!(
            !v.contains("本人账户") && !v.contains("本人的账户"),
            "商户同名账户: {v}"
        );
    }
    assert!(ZH.contains("col-data-fee = 流量费/年"));
    assert!(ZH.contains("col-review = 审核天数"));
    assert!(ZH.contains("account-type-personal = 对私（个人借记卡）"));
}

#[test]
fn chinese_text_uses_chinese_quotation_marks() {
    for v in values() {
        // Fluent literals ({" "}) are syntax, and a quoted ASCII value is a literal to type
        // into a file (device.serial_confirmed_by = "installer").
        let mut rest = v.replace("{\" \"}", "");
        while let Some(a) = rest.find('"') {
            let Some(len) = rest[a + 1..].find('"') else {
                break;
            };
            let quoted = &rest[a + 1..a + 1 + len];
            assert!(quoted.is_ascii(), "ASCII quotes around Chinese text: {v}");
            rest = rest[a + 2 + len..].to_string();
        }
    }
    assert!(ZH.contains("“长期”"));
}

/// Issue 25's wording: corner brackets are not what mainland Chinese text quotes with, a case
/// is a 工单 (not 案件), and acquirers issue no 激活密码 (a terminal password, or an 电签 POS's
/// activation code).
#[test]
fn no_corner_brackets_no_anjian_no_activation_password() {
    for v in values() {
        assert!(!v.contains('「') && !v.contains('」'), "“…” not 「…」: {v}");
        assert!(!v.contains("案件"), "a case is a 工单: {v}");
        assert!(!v.contains("激活密码"), "acquirers issue no 激活密码: {v}");
    }
}

#[test]
fn relocation_is_explained_in_the_help_and_the_rebinding_flow() {
    let en = include_str!("../assets/locales/en/posbind.ftl");
    for (file, words) in [
        (ZH, ["help-binding", "case-rebound ="]),
        (en, ["help-binding", "case-rebound ="]),
    ] {
        for id in words {
            let line = file.lines().find(|l| l.starts_with(id)).unwrap();
            assert!(line.contains("移机"), "{line}");
            assert!(line.contains("跨省") || line.contains("province"), "{line}");
        }
    }
}

/// 撤销 is the merchant's cancellation of a payment (what ZVT Reversal 06 30 does, and what the
/// test loop does with each test payment); 冲正 only the automatic reversal of a transaction
/// whose outcome is unknown. English: "void" and "automatic reversal".
#[test]
fn void_and_automatic_reversal_are_not_mixed() {
    const EN: &str = include_str!("../assets/locales/en/posbind.ftl");
    const TRAINING: &str = include_str!("../assets/training.toml");
    // The values (message ids keep their names).
    let value = |l: &'static str| l.split_once(" = ").map_or(l, |(_, v)| v);
    // The exceptions help explains the automatic reversal to the merchant (issue 26): there,
    // and only there, it is named beside the void, as what the terminal does by itself.
    let explains = |l: &str| {
        ["exc-a-double-reversal =", "exc-a-stuck ="]
            .iter()
            .any(|id| l.starts_with(id))
    };
    for line in ZH.lines().filter(|l| value(l).contains("冲正")) {
        let automatic = explains(line) && line.contains("自行");
        assert!(
            line.starts_with("zvt-is-05 =") || automatic,
            "冲正 for a void: {line}"
        );
    }
    for line in EN
        .lines()
        .filter(|l| value(l).to_lowercase().contains("revers"))
    {
        let automatic = explains(line) && line.contains("automatic reversal");
        assert!(
            line.starts_with("zvt-is-05 =") || automatic,
            "reversal for a void: {line}"
        );
    }
    assert!(ZH.contains("zvt-is-05 = 正在发送自动冲正"));
    assert!(!TRAINING.contains("撤销（冲正）") && !TRAINING.contains("Void (reversal)"));
}
