//! Whole-process budgets, printed as figures (not criterion: these time processes and a
//! pseudo-terminal): startup to first frame (≤ 50 ms), peak memory of a 2000-round test loop
//! (≤ 20 MB), and the ECR stack's per-round overhead against a raw pseudo-terminal round trip
//! (budget: a connectivity round's p50 within 2x of 3 raw frame+ACK round trips).
//! Run (release, figures on stdout): `cargo test --release --test system_figures -- --ignored --nocapture`.
//! It is an ignored test rather than a bench binary because pseudo-terminal round trips behave
//! reliably under the test harness's threads.

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use serialport::{SerialPort, TTYPort};

use posbind::device::client::{Client, ClientConfig};
use posbind::device::transport::{SerialSettings, SerialTransport};
use posbind::sim::{PtySim, SimConfig};
use posbind::testloop::Stats;
use posbind::zvt::frame;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Time from spawning the wizard in a pseudo-terminal to its first frame on screen.
fn startup() -> Stats {
    let dir = tempfile::tempdir().unwrap();
    let mut samples = vec![];
    for _ in 0..20 {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_posbind"));
        cmd.arg("--data-dir")
            .arg(dir.path())
            .args(["--lang", "en"])
            .env("TERM", "xterm-256color");
        let started = Instant::now();
        let mut s = expectrl::Session::spawn(cmd).unwrap();
        s.get_process_mut().set_window_size(120, 40).unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        let deadline = started + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(n) = s.try_read(&mut buf) {
                seen.extend_from_slice(&buf[..n]);
                if String::from_utf8_lossy(&seen).contains("Go-live") {
                    break;
                }
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        samples.push(ms(started.elapsed()));
        let _ = s.write_all(b"\x03");
        let _ = s.get_process_mut().exit(true);
    }
    Stats::of(&samples)
}

/// Peak resident memory of `posbind test-loop` over 2000 connectivity rounds (KiB).
fn peak_memory() -> i64 {
    let status = Command::new(env!("CARGO_BIN_EXE_posbind"))
        .args([
            "--lang",
            "en",
            "test-loop",
            "--port",
            "sim",
            "--count",
            "2000",
            "--interval",
            "0",
            "--json",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // SAFETY: getrusage fills the zeroed struct.
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut r) };
    r.ru_maxrss
}

/// One frame written to a pseudo-terminal, read on the other side and answered with ACK —
/// through the same transports the simulator and the client use, so only the protocol
/// machinery differs between this floor and an ECR round.
fn raw_round_trips(n: usize) -> Stats {
    use posbind::device::transport::Transport;
    let (master, slave) = TTYPort::pair().unwrap();
    let path = slave.name().unwrap();
    let wire = frame::encode(&[0x06, 0x70, 0x00]);
    let len = wire.len();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let echo = std::thread::spawn(move || {
        let _keep = slave;
        let mut t = SerialTransport::from_port(Box::new(master));
        let mut buf = vec![0u8; 256];
        for _ in 0..n {
            let mut got = 0;
            while got < len {
                got += t
                    .read_until(&mut buf[got..len], Instant::now() + Duration::from_secs(5))
                    .expect("raw echo read");
            }
            t.write_all(&[frame::ACK]).expect("raw echo write");
        }
        // Keep the master open until the last ACK was read: a hang-up is reported before
        // pending data.
        let _ = done_rx.recv();
    });
    let mut port = SerialTransport::open(&path, SerialSettings::default()).unwrap();
    let mut samples = vec![];
    let mut ack = [0u8; 1];
    for i in 0..n {
        let t = Instant::now();
        port.write_all(&wire)
            .unwrap_or_else(|e| panic!("write {i}: {e}"));
        while port
            .read_until(&mut ack, Instant::now() + Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("read {i}: {e}"))
            == 0
        {}
        samples.push(ms(t.elapsed()));
    }
    let _ = done_tx.send(());
    echo.join().unwrap();
    Stats::of(&samples)
}

/// Connectivity rounds (Diagnosis) through the whole ECR stack against the zero-latency
/// simulator.
fn ecr_rounds(n: usize, intermediate: bool) -> Stats {
    let sim = PtySim::spawn(
        SimConfig {
            tid: Some("12345678".into()),
            ..SimConfig::default()
        },
        None,
    )
    .unwrap();
    let t = SerialTransport::open(sim.path(), SerialSettings::default()).unwrap();
    let mut c = Client::new(Box::new(t), ClientConfig::default());
    let config = posbind::zvt::messages::config::POSBIND_DEFAULT;
    let config = if intermediate {
        config
    } else {
        config & !posbind::zvt::messages::config::INTERMEDIATE_STATUS
    };
    c.register_with(config).unwrap();
    let mut samples = vec![];
    for _ in 0..n {
        let t = Instant::now();
        c.diagnosis(None, &mut |_| {}).unwrap();
        samples.push(ms(t.elapsed()));
    }
    Stats::of(&samples)
}

#[test]
#[ignore = "prints whole-process figures; run on purpose"]
fn system_figures() {
    let n = 2000;
    let raw = raw_round_trips(n);
    println!(
        "raw pty frame+ACK round trip: p50 {:.3} ms, p95 {:.3} ms",
        raw.p50, raw.p95
    );
    // Frames per Diagnosis round: command, 80 00 00, [04 FF, ECR 80 00 00,] 06 0F, ECR 80 00 00.
    for (intermediate, frames) in [(false, 4.0), (true, 6.0)] {
        let ecr = ecr_rounds(n, intermediate);
        println!(
            "ECR connectivity round ({} frames{}): p50 {:.3} ms, p95 {:.3} ms; / (3 x raw) = {:.2} (budget 2.0); / ({frames} x raw, the frame floor) = {:.2}",
            frames,
            if intermediate { ", intermediate status on" } else { "" },
            ecr.p50,
            ecr.p95,
            ecr.p50 / (3.0 * raw.p50),
            ecr.p50 / (frames * raw.p50)
        );
    }
    let s = startup();
    println!(
        "startup to first frame: p50 {:.1} ms, p95 {:.1} ms (budget 50 ms)",
        s.p50, s.p95
    );
    let kib = peak_memory();
    println!(
        "peak RSS of a 2000-round test loop: {:.1} MB (budget 20 MB)",
        kib as f64 / 1024.0
    );
}
