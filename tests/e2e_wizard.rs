//! End-to-end: the real binary in a pseudo-terminal, read through a vt100 emulator.

mod common;

use common::{keys, Pty};

#[test]
fn new_case_through_pos_type_then_quit_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en"], data.path(), 120, 40);
    pty.wait_for("Materials");
    assert!(pty.screen().contains("Activation"));
    pty.send(keys::ENTER);
    pty.wait_for("Merchant name:");
    pty.send("E2E Mart");
    pty.send(keys::ENTER);
    pty.wait_for("Business scenario");
    pty.send(keys::DOWN); // On the move
    pty.send(keys::ENTER);
    pty.send(keys::ENTER); // first recommended: wireless
    pty.wait_for("(\u{2713}) Wireless POS");
    pty.send(keys::PGDN);
    pty.wait_for("still missing");
    pty.send(keys::F1);
    // Only the help overlay says how to close it (the side pane at 120 columns shows the
    // step's help all the time).
    pty.wait_for("Press F1 or Esc to close help");
    pty.send(keys::ESC);
    // A lone ESC is only told apart from the start of an escape sequence by time: let the
    // wizard close help before the next key.
    pty.wait_gone("Press F1 or Esc to close help");
    pty.send(keys::F2);
    pty.wait_for("材料");
    pty.send(keys::CTRL_C);
    assert_eq!(pty.wait_exit(), 0);
    assert!(!pty.vt().alternate_screen(), "alternate screen left");
    assert!(!pty.vt().hide_cursor(), "cursor shown again");

    let out = std::process::Command::new(common::posbind_bin())
        .arg("--data-dir")
        .arg(data.path())
        .args(["cases", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let cases: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cases[0]["merchant"], "E2E Mart");
    assert_eq!(cases[0]["step"], "materials");
}

#[test]
fn a_small_terminal_gets_a_size_message_and_the_wizard_returns_after_resize() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(&["--lang", "en"], data.path(), 60, 16);
    pty.wait_for("80x24");
    pty.resize(100, 30);
    pty.wait_for("Activation");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn_env(
        &["--lang", "en"],
        data.path(),
        100,
        30,
        &[("POSBIND_TEST_PANIC", "1")],
    );
    pty.wait_for("New case");
    assert!(pty.vt().alternate_screen());
    assert_eq!(
        pty.raw_mode_flags() & libc::ICANON,
        0,
        "raw mode while the wizard runs"
    );
    pty.send("\x1b[24~"); // F12
    let code = pty.wait_exit();
    assert_ne!(code, 0, "a panic exits with an error");
    assert!(!pty.vt().alternate_screen(), "alternate screen left");
    assert!(!pty.vt().hide_cursor(), "cursor shown");
    // Raw mode is off again: the line settings are those of a terminal whose program never
    // touched them.
    let mut baseline = Pty::spawn(&["--version"], data.path(), 100, 30);
    baseline.wait_exit();
    assert_ne!(
        baseline.raw_mode_flags() & libc::ICANON,
        0,
        "a fresh pseudo-terminal is canonical"
    );
    assert_eq!(
        pty.raw_mode_flags(),
        baseline.raw_mode_flags(),
        "terminal modes restored"
    );
    assert!(
        pty.screen().contains("Deliberate panic"),
        "the panic message is readable:\n{}",
        pty.screen()
    );
}
