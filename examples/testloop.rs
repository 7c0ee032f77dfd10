//! posbind as a library: open a terminal, read its identity, then run a few timed
//! connectivity rounds (Diagnosis, no card) and print the latency figures. Ctrl-C stops after
//! the current round.
//!
//! ```sh
//! cargo run --example testloop -- --port sim --count 5
//! ```

use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use posbind::device::{self, client::ClientConfig, transport::SerialSettings, PortSpec};
use posbind::sim::{PtySim, SimConfig};
use posbind::testloop::{self, Control, LoopConfig, LoopEvent, Mode};
use posbind::zvt::messages::{Amount, Currency};

/// Timed connectivity rounds against a ZVT terminal.
#[derive(Parser)]
struct Args {
    /// Serial device, tcp://HOST[:PORT], or `sim`.
    #[arg(long)]
    port: String,
    /// Rounds.
    #[arg(long, default_value_t = 3)]
    count: u32,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let spec = PortSpec::parse(&args.port).context("--port is empty")?;
    // A test loop needs an activated terminal: give the simulator a terminal ID.
    let sim = match spec {
        PortSpec::Sim => {
            let config =
                SimConfig::load(None, &["tid=00012345".to_string()]).map_err(anyhow::Error::msg)?;
            Some(PtySim::spawn(config, None)?)
        }
        _ => None,
    };
    let spec = sim.as_ref().map_or(spec, PtySim::port_spec);
    let mut client = device::open(&spec, SerialSettings::default(), ClientConfig::default())?;
    client.register()?;
    let id = client.status_enquiry()?;
    let serial = id.serial.map(|s| s.hex()).unwrap_or_else(|| "-".into());
    println!("terminal {serial}");

    posbind::platform::interrupt::install(|| {
        testloop::INTERRUPT.store(true, Ordering::Relaxed);
    })?;
    let config = LoopConfig {
        mode: Mode::Connectivity,
        count: args.count,
        interval: Duration::from_millis(200),
        timeout: Duration::from_secs(30),
        amount: Amount::parse("0.01", Currency::CNY).context("test amount")?,
        p95_limit: Duration::from_secs(5),
        reversal_attempts: 3,
    };
    let summary = testloop::run(&mut client, &config, &Control::default(), &mut |event| {
        if let LoopEvent::Round(r) = event {
            let verdict = if r.ok { "ok" } else { "failed" };
            println!("round {}: {verdict} in {:.1} ms", r.index, r.latency_ms);
        }
    });
    client.log_off()?;
    let l = &summary.latency_ms;
    println!(
        "{} of {} succeeded; latency min {:.1} / p50 {:.1} / p95 {:.1} / max {:.1} ms; pass: {}",
        summary.succeeded, summary.count, l.min, l.p50, l.p95, l.max, summary.pass
    );
    Ok(())
}
