//! posbind as a library: open a terminal, read its identity, log off.
//!
//! ```sh
//! cargo run --example probe -- --port sim            # the built-in simulated terminal
//! cargo run --example probe -- --port /dev/ttyUSB0   # or COM3, or tcp://192.168.1.20
//! ```

use anyhow::Context as _;
use clap::Parser;
use posbind::device::{self, client::ClientConfig, transport::SerialSettings, PortSpec};
use posbind::sim::{PtySim, SimConfig};

/// Read a ZVT terminal's identity.
#[derive(Parser)]
struct Args {
    /// Serial device, tcp://HOST[:PORT], or `sim`.
    #[arg(long)]
    port: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let spec = PortSpec::parse(&args.port).context("--port is empty")?;
    // `sim` is not a device: start the simulator (a pseudo-terminal on Unix, TCP on loopback on
    // Windows) and open what it serves. It runs as long as `_sim` lives.
    let _sim = match spec {
        PortSpec::Sim => Some(PtySim::spawn(SimConfig::default(), None)?),
        _ => None,
    };
    let spec = _sim.as_ref().map_or(spec, PtySim::port_spec);
    let mut client = device::open(&spec, SerialSettings::default(), ClientConfig::default())?;

    client.register()?;
    let id = client.status_enquiry()?;
    client.log_off()?;

    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    println!("serial number:    {}", or_dash(id.serial.map(|s| s.hex())));
    println!("device name:      {}", or_dash(id.device_name));
    println!("software version: {}", or_dash(id.software_version));
    println!(
        "terminal id:      {}",
        or_dash(id.tid.map(|t| t.to_string()))
    );
    println!(
        "status:           {}",
        or_dash(id.status.map(|s| s.to_string()))
    );
    Ok(())
}
