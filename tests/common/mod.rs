//! Helpers shared by the integration tests: running the real binary in a pseudo-terminal and
//! reading its screen through a terminal emulator.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use std::num::NonZeroU16;

use expectrl::process::unix::{PtyStream, UnixProcess, WaitStatus};
use expectrl::Session;

/// How long any wait for the program may take before the test fails (a deadline, not a budget).
pub const WAIT: Duration = Duration::from_secs(20);

/// The posbind binary under test.
pub fn posbind_bin() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_posbind"))
}

/// posbind running in a pseudo-terminal of a given size, with a vt100 screen of its output.
pub struct Pty {
    session: Session<UnixProcess, PtyStream>,
    parser: vt100::Parser,
}

impl Pty {
    /// Starts posbind with `args` in a `cols`x`rows` pseudo-terminal.
    pub fn spawn(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, data_dir, cols, rows, &[])
    }

    /// [`Pty::spawn`] with extra environment variables.
    pub fn spawn_env(
        args: &[&str],
        data_dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let mut cmd = Command::new(posbind_bin());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.arg("--data-dir").arg(data_dir).args(args);
        cmd.env("TERM", "xterm-256color").env_remove("NO_COLOR");
        let mut session = Session::spawn(cmd).expect("spawn posbind in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("window size");
        Pty {
            session,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
        }
    }

    /// Reads whatever output is pending into the emulator.
    pub fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.parser.process(&buf[..n]),
                Err(_) => break,
            }
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// The emulator state (alternate screen, cursor visibility…).
    pub fn vt(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits until the screen contains `text`; panics with the screen after [`WAIT`].
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            if self.screen().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            if !self.screen().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {text:?} to go; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal's line-discipline flags that raw mode clears (ICANON, ISIG, IEXTEN, ECHO).
    pub fn raw_mode_flags(&self) -> libc::tcflag_t {
        use std::os::fd::AsRawFd;
        let f = self
            .session
            .get_process()
            .get_raw_handle()
            .expect("pty handle");
        // SAFETY: tcgetattr fills the zeroed struct from a valid descriptor we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(f.as_raw_fd(), &mut t) };
        assert_eq!(rc, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ISIG | libc::IEXTEN | libc::ECHO)
    }

    /// Sends raw bytes (keys) to the program.
    pub fn send(&mut self, bytes: &str) {
        self.session
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.session.flush().expect("flush pty");
    }

    /// Changes the terminal size (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("resize");
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits for the program to exit and returns its exit code.
    /// The wizard's process id (to send it signals).
    pub fn pid(&self) -> u32 {
        self.session.get_process().pid().as_raw() as u32
    }

    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.pump();
                    return code;
                }
                Ok(WaitStatus::StillAlive) | Err(_) => {}
                Ok(WaitStatus::Signaled(..)) | Ok(WaitStatus::Stopped(..)) => {
                    panic!("posbind was killed by a signal")
                }
                Ok(other) => panic!("posbind ended abnormally: {other:?}"),
            }
            if Instant::now() > deadline {
                panic!("posbind did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Key sequences as an xterm sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const PGDN: &str = "\x1b[6~";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
    pub const CTRL_C: &str = "\x03";
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap_or(NonZeroU16::MIN)
}

/// A case with complete company materials, the first sample offer chosen, a submitted
/// application and an offer-based contract with one undisclosed fee.
pub fn onboarding_case(
    store: &posbind::store::Store,
    now: chrono::DateTime<chrono::Utc>,
) -> posbind::onboarding::Case {
    use posbind::i18n::Lang;
    use posbind::onboarding::application::{Channel, Contract, Submission};
    use posbind::onboarding::catalog::Catalog;
    use posbind::onboarding::materials::{AccountType, DocumentRecord, MerchantType};
    use posbind::onboarding::{Case, CaseId, PosChoice};
    let mut c = Case::new("好再来超市有限公司", Lang::ZhCn, true, now);
    c.id = CaseId::parse("20261126-080000-00aa").unwrap();
    // A terminal type the case's institution (sample-b) offers: the offer rule holds.
    c.pos = Some(PosChoice {
        scenario: "mobile".into(),
        pos_type: "wireless".into(),
        count: 1,
    });
    // On a cable with a cash-register link (driven through the simulator), not activated on
    // the device by a person (issue 24).
    c.activation.register_link = true;
    let m = &mut c.materials;
    m.merchant_type = Some(MerchantType::Company);
    m.credit_code = "91350100M0001TGQXM".into();
    m.legal_rep_name = "张三".into();
    m.id_number = "11010519491231002X".into();
    m.id_valid_until = "长期".into();
    m.mobile = "18012341999".into();
    m.address = "深圳市南山区科技园 1 号".into();
    m.account_type = Some(AccountType::Company);
    m.bank_name = "招商银行".into();
    m.branch_code = "308584000013".into();
    m.account_number = "755912345610001".into();
    m.holder_name = "好再来超市有限公司".into();
    m.beneficial_owners = "张三 11010519491231002X 100%".into();
    m.documents.insert(
        "business-licence".into(),
        DocumentRecord {
            path: "/scans/licence.pdf".into(),
            size: 48213,
            sha256: "ab".repeat(32),
            kind: "pdf".into(),
            added: now,
        },
    );
    let offer = Catalog::shipped().get("sample-b").unwrap().clone();
    let mut contract = Contract::from_offer(&offer);
    contract.add_undisclosed("保险费", 99.0);
    contract.fees[0].consented = true;
    c.contract = Some(contract);
    c.institution = Some(offer);
    c.application.mcc = Some("5411".into());
    c.application.channel = Some(Channel::Online);
    c.submissions.push(Submission {
        revision: 1,
        at: now,
        channel: Channel::Online,
        eta_from: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        eta_to: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        eta_estimated: false,
        outbox: "/data/cases/20261126-080000-00aa/outbox/rev-1".into(),
        fees_acknowledged: c
            .institution
            .as_ref()
            .map(posbind::onboarding::application::FeeAcknowledgement::of),
    });
    store.save(&mut c, now).unwrap();
    c
}

/// Writes the answers template, with document files that exist and `edits` applied (each
/// `(from, to)` replaced once), as `dir/name`.
pub fn answers_file(dir: &Path, name: &str, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let mut docs = String::new();
    for k in [
        "business-licence",
        "id-front",
        "id-back",
        "account-info",
        "settlement-account-proof",
        "shop-front",
        "shop-cashier",
        "shop-interior",
    ] {
        let p = dir.join(format!("{k}.png"));
        std::fs::write(&p, [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 7]).unwrap();
        docs.push_str(&format!("{k} = \"{}\"\n", p.display()));
    }
    let mut text = posbind::onboarding::answers::TEMPLATE.replace(
        "# business-licence = \"/scans/licence.pdf\"\n# id-front = \"/scans/id-front.jpg\"\n",
        &docs,
    );
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Receipts a simulated terminal's state file holds booked and not reversed.
#[allow(dead_code)]
pub fn unreversed_on_terminal(state: &Path) -> std::collections::BTreeSet<u16> {
    let Ok(text) = std::fs::read_to_string(state) else {
        return std::collections::BTreeSet::new();
    };
    let s: posbind::sim::terminal::TerminalState = serde_json::from_str(&text).unwrap();
    s.turnover
        .iter()
        .filter(|t| !t.reversed)
        .map(|t| t.receipt)
        .collect()
}
