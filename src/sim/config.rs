//! Simulator settings: a TOML table, each key also settable as `--sim KEY=VALUE`.

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};

/// When a fault fires.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum FaultRule {
    /// Never.
    #[default]
    Never,
    /// With this probability per opportunity (0.0–1.0), from the seeded generator.
    Probability(f64),
    /// Exactly at the n-th opportunity (1-based), written `@n`.
    AtFrame(u64),
}

impl FaultRule {
    /// Parses `0.25`, `@3`, `true`/`always`, `false`/`never`.
    pub fn parse(text: &str) -> Result<FaultRule, String> {
        let t = text.trim();
        match t {
            "true" | "always" => return Ok(FaultRule::Probability(1.0)),
            "false" | "never" | "0" => return Ok(FaultRule::Never),
            _ => {}
        }
        if let Some(n) = t.strip_prefix('@').or_else(|| t.strip_prefix('#')) {
            return n
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .map(FaultRule::AtFrame)
                .ok_or_else(|| format!("{t:?}: expected @N with N ≥ 1"));
        }
        match t.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(FaultRule::Probability(p)),
            _ => Err(format!(
                "{t:?}: expected a probability 0..1, @N, true or false"
            )),
        }
    }
}

impl Serialize for FaultRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FaultRule::Never => s.serialize_str("never"),
            FaultRule::Probability(p) => s.serialize_f64(*p),
            FaultRule::AtFrame(n) => s.serialize_str(&format!("@{n}")),
        }
    }
}

impl<'de> Deserialize<'de> for FaultRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FaultRule, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            B(bool),
            F(f64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::B(b) => Ok(if b {
                FaultRule::Probability(1.0)
            } else {
                FaultRule::Never
            }),
            Raw::F(p) => FaultRule::parse(&p.to_string()).map_err(serde::de::Error::custom),
            Raw::S(s) => FaultRule::parse(&s).map_err(serde::de::Error::custom),
        }
    }
}

/// Faults to inject, each with its rule.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Faults {
    /// Answer a received frame with NAK (per frame received).
    pub nak: FaultRule,
    /// Corrupt the CRC of a sent frame (per frame sent).
    pub bad_crc: FaultRule,
    /// Lose the ACK of a received frame (per frame received).
    pub drop_ack: FaultRule,
    /// Pause longer than T1 in the middle of a sent frame (per frame sent).
    pub gap: FaultRule,
    /// Never answer a command: no `80 00 00` (per command).
    pub silence_t3: FaultRule,
    /// Answer `80 00 00` but never complete (per command).
    pub silence_t4: FaultRule,
    /// Line noise before a sent frame (per frame sent).
    pub garbage: FaultRule,
    /// Hang up after this many frames sent (0 = never).
    pub disconnect_after: u64,
    /// Lose a received frame on the line: no ACK, no NAK, nothing (per frame received).
    pub lose_frame: FaultRule,
    /// Send a vendor command (`0F A1 00`) the ECR does not know before the terminal-master
    /// messages; a conformant ECR answers `84 83 00` (per command).
    pub vendor_message: FaultRule,
    /// Send a status information that cannot be read from its first field on (`04 0F` with a
    /// broken length before any result code) first; a conformant ECR answers `84 9A 00` (per
    /// command).
    pub malformed_status: FaultRule,
    /// Start the terminal-master phase with an intermediate status whose timeout byte is 0
    /// (`04 FF 02 0E 00`), which must leave T4 as it is (per command).
    pub timeout_zero: FaultRule,
    /// Instead of completing, send an intermediate status every 100 ms until the ECR stops
    /// answering (per command).
    pub status_flood: FaultRule,
    /// A payment's status information is sent and acknowledged (booked), then no print line
    /// and no completion follow (per command).
    pub lose_completion: FaultRule,
    /// After a payment is booked, every frame from the ECR is answered NAK until the command
    /// ends (per command).
    pub refuse_final_ack: FaultRule,
    /// Hang up right after a payment is booked (per command); the state file keeps it.
    pub disconnect_after_commit: FaultRule,
    /// A payment's status information carries BMPs posbind has no use for before the receipt
    /// number: BMP 92 (LLLVAR) or, every other time, a BMP of unknown length (per command).
    pub exotic_bmps: FaultRule,
    /// A payment's status information carries a BMP of unknown length right before the receipt
    /// number (BMP 87): the ECR can read the result code, not the receipt (per command).
    pub unknown_bmp: FaultRule,
    /// The same in the status information a Repeat Receipt repeats (per command).
    pub unknown_bmp_repeat: FaultRule,
    /// A payment's status information carries, before the receipt number, a TLV container
    /// (BMP 06) whose object claims more bytes than the container holds: the ECR drops the
    /// container and reads on (per command).
    pub malformed_tlv: FaultRule,
}

/// The simulated terminal's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SimConfig {
    /// Serial number in the hex form an ECR shows (`12345678`).
    pub serial: String,
    /// Device name.
    pub name: String,
    /// Software version.
    pub version: String,
    /// Terminal ID; unset means a new terminal that needs activation.
    pub tid: Option<String>,
    /// Terminal password (6 digits).
    pub password: String,
    /// ISO 4217 numeric currency.
    pub currency: u16,
    /// Host round trip per online step.
    pub host_latency_ms: u64,
    /// Time the "customer" takes to present the card (the terminal shows "insert card").
    pub card_delay_ms: u64,
    /// Time the "customer" takes to enter the PIN after the card (the terminal shows "watch
    /// the PIN pad"); 0 = no PIN.
    pub pin_delay_ms: u64,
    /// Duration of an Initialisation.
    pub init_ms: u64,
    /// Amounts whose minor units end in one of these digit strings are declined.
    pub decline_suffix: Vec<String>,
    /// Refuse every reversal with B5 (to test unreversed-payment reporting).
    pub refuse_reversal: bool,
    /// The last receipt number used when the terminal starts (its first payment gets the
    /// next one), e.g. 9998 to see the counter wrap soon.
    pub receipt_start: u16,
    /// The highest receipt number: after it the counter starts again at 1. Payments since the
    /// last End-of-Day keep their numbers, so after a wrap one number can stand for an old
    /// payment and a new one; the terminal finds the old one first (a reversal of the new one
    /// gets `B4` when the old one was reversed).
    pub receipt_max: u16,
    /// Seed of the fault generator: the same seed gives the same run.
    pub seed: u64,
    /// Pace sent bytes like a real 9600 8N2 line (11 bits per byte).
    pub baud_pacing: bool,
    /// Keep the terminal state in this file between runs.
    pub state_file: Option<PathBuf>,
    /// The Status-Enquiry completion carries the software version (LLLVAR); some terminals
    /// leave it out.
    pub status_version: bool,
    /// TLV support: without it the terminal ignores `06 00`'s TLV request and its
    /// Status-Enquiry completion carries only the software version and the status (no serial
    /// number, device name or TID), as some real terminals answer.
    pub tlv: bool,
    /// Over TCP: drop a connected ECR that has sent nothing for this many seconds, so that a
    /// client gone silent does not keep the terminal from the next (0 = never).
    pub idle_timeout_s: u64,
    /// Faults.
    pub fault: Faults,
}

/// The default of [`SimConfig::idle_timeout_s`]: longer than any wait of posbind's between two
/// commands of one session.
pub const DEFAULT_IDLE_TIMEOUT_S: u64 = 120;

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            serial: "12345678".into(),
            name: "posbind-sim".into(),
            version: "posbind-sim 1.0".into(),
            tid: None,
            password: "000000".into(),
            currency: 156,
            host_latency_ms: 0,
            card_delay_ms: 0,
            pin_delay_ms: 0,
            init_ms: 0,
            decline_suffix: vec![],
            refuse_reversal: false,
            receipt_start: 0,
            receipt_max: 9999,
            seed: 1,
            baud_pacing: false,
            state_file: None,
            status_version: true,
            tlv: true,
            idle_timeout_s: DEFAULT_IDLE_TIMEOUT_S,
            fault: Faults::default(),
        }
    }
}

impl SimConfig {
    /// The settings demo mode uses: a new terminal with realistic delays.
    pub fn demo() -> SimConfig {
        SimConfig {
            host_latency_ms: 300,
            card_delay_ms: 800,
            init_ms: 1500,
            decline_suffix: vec!["51".into()],
            ..SimConfig::default()
        }
    }

    /// Builds settings from an optional TOML text plus `KEY=VALUE` overrides. Errors name the
    /// key (and the line, for the file).
    pub fn load(toml_text: Option<&str>, overrides: &[String]) -> Result<SimConfig, String> {
        let mut table: toml::Table = match toml_text {
            Some(t) => {
                // Checked on its own first, so that errors in the file name their line.
                toml::from_str::<SimConfig>(t).map_err(|e| e.to_string())?;
                t.parse().map_err(|e: toml::de::Error| e.to_string())?
            }
            None => toml::Table::new(),
        };
        for o in overrides {
            let (key, value) = o
                .split_once('=')
                .ok_or_else(|| format!("--sim {o:?}: expected KEY=VALUE"))?;
            let value = parse_value(key.trim(), value.trim());
            insert_path(&mut table, key.trim(), value)?;
        }
        let config: SimConfig = table
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        config.check()?;
        Ok(config)
    }

    /// Whether the simulated terminal can report `serial` as its serial number (hex digits, an
    /// even number of them).
    pub fn can_report_serial(serial: &str) -> bool {
        crate::zvt::bcd::parse_hex(serial).is_some()
    }

    fn check(&self) -> Result<(), String> {
        if !Self::can_report_serial(&self.serial) {
            return Err(format!(
                "serial = {:?}: expected hex digits, an even number of them",
                self.serial
            ));
        }
        if crate::zvt::messages::Password::parse(&self.password).is_none() {
            return Err("password: expected 6 digits".into());
        }
        if let Some(t) = &self.tid {
            if crate::zvt::messages::Tid::parse(t).is_none() {
                return Err(format!("tid = {t:?}: expected 8 digits"));
            }
        }
        if !(1..=9999).contains(&self.receipt_max) {
            return Err(format!(
                "receipt_max = {}: expected 1 to 9999 (4 BCD digits)",
                self.receipt_max
            ));
        }
        if self.receipt_start > self.receipt_max {
            return Err(format!(
                "receipt_start = {}: expected at most receipt_max ({})",
                self.receipt_start, self.receipt_max
            ));
        }
        if self.currency > 999 {
            return Err(format!(
                "currency = {}: expected an ISO 4217 number",
                self.currency
            ));
        }
        Ok(())
    }
}

/// A `--sim` value: TOML syntax where it parses, else a string (so `serial=0012AB` works).
fn parse_value(key: &str, raw: &str) -> toml::Value {
    let string_keys = ["serial", "name", "version", "tid", "password", "state_file"];
    if string_keys.contains(&key) {
        return toml::Value::String(raw.trim_matches('"').to_string());
    }
    if key == "decline_suffix" {
        let items = raw
            .split(',')
            .map(|s| toml::Value::String(s.trim().to_string()))
            .collect();
        return toml::Value::Array(items);
    }
    let doc = format!("v = {raw}");
    match doc.parse::<toml::Table>() {
        Ok(mut t) => t.remove("v").unwrap_or(toml::Value::String(raw.into())),
        Err(_) => toml::Value::String(raw.to_string()),
    }
}

fn insert_path(table: &mut toml::Table, key: &str, value: toml::Value) -> Result<(), String> {
    let mut parts = key.split('.').peekable();
    let mut cur = table;
    while let Some(p) = parts.next() {
        if p.is_empty() {
            return Err(format!("--sim {key:?}: empty key part"));
        }
        if parts.peek().is_none() {
            cur.insert(p.to_string(), value);
            return Ok(());
        }
        let entry = cur
            .entry(p.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        cur = entry
            .as_table_mut()
            .ok_or_else(|| format!("--sim {key:?}: {p} is not a table"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_set_nested_keys_and_keep_hex_serials_as_text() {
        let args = vec![
            "serial=0012AB34".to_string(),
            "fault.nak=0.25".into(),
            "fault.gap=@3".into(),
            "fault.disconnect_after=7".into(),
            "decline_suffix=51,99".into(),
            "host_latency_ms=5".into(),
            "tid=00001234".into(),
        ];
        let c = SimConfig::load(None, &args).unwrap();
        assert_eq!(c.serial, "0012AB34");
        assert_eq!(c.fault.nak, FaultRule::Probability(0.25));
        assert_eq!(c.fault.gap, FaultRule::AtFrame(3));
        assert_eq!(c.fault.disconnect_after, 7);
        assert_eq!(c.decline_suffix, ["51", "99"]);
        assert_eq!(c.host_latency_ms, 5);
        assert_eq!(c.tid.as_deref(), Some("00001234"));
    }

    #[test]
    fn a_file_and_overrides_combine_and_unknown_keys_are_named() {
        let c = SimConfig::load(
            Some("name = \"ACME T1\"\n[fault]\nbad_crc = 0.5\n"),
            &["seed=9".into()],
        )
        .unwrap();
        assert_eq!((c.name.as_str(), c.seed), ("ACME T1", 9));
        assert_eq!(c.fault.bad_crc, FaultRule::Probability(0.5));
        let e = SimConfig::load(None, &["fault.explode=1".into()]).unwrap_err();
        assert!(e.contains("explode"), "{e}");
        let e = SimConfig::load(Some("\n\nbogus = 1\n"), &[]).unwrap_err();
        assert!(e.contains("bogus") && e.contains("line 3"), "{e}");
        assert!(SimConfig::load(None, &["serial=xyz".into()])
            .unwrap_err()
            .contains("serial"));
        assert!(SimConfig::load(None, &["tid=123".into()]).is_err());
        assert!(SimConfig::load(None, &["fault.nak=2".into()]).is_err());
        assert!(SimConfig::load(None, &["novalue".into()]).is_err());
    }

    #[test]
    fn the_receipt_counter_settings_are_checked() {
        let c = SimConfig::load(None, &["receipt_start=9998".into()]).unwrap();
        assert_eq!((c.receipt_start, c.receipt_max), (9998, 9999));
        let e = SimConfig::load(None, &["receipt_max=10000".into()]).unwrap_err();
        assert!(e.contains("receipt_max"), "{e}");
        let e = SimConfig::load(None, &["receipt_max=0".into()]).unwrap_err();
        assert!(e.contains("receipt_max"), "{e}");
        let e =
            SimConfig::load(None, &["receipt_max=5".into(), "receipt_start=6".into()]).unwrap_err();
        assert!(e.contains("receipt_start"), "{e}");
        let c = SimConfig::load(
            None,
            &[
                "fault.unknown_bmp=@1".into(),
                "fault.unknown_bmp_repeat=true".into(),
                "fault.malformed_tlv=0.5".into(),
                "pin_delay_ms=7000".into(),
            ],
        )
        .unwrap();
        assert_eq!(c.fault.unknown_bmp, FaultRule::AtFrame(1));
        assert_eq!(c.fault.unknown_bmp_repeat, FaultRule::Probability(1.0));
        assert_eq!(c.fault.malformed_tlv, FaultRule::Probability(0.5));
        assert_eq!(c.pin_delay_ms, 7000);
    }

    #[test]
    fn settings_survive_a_toml_round_trip() {
        let c = SimConfig::load(
            None,
            &[
                "fault.nak=0.5".into(),
                "fault.gap=@2".into(),
                "tid=12345678".into(),
            ],
        )
        .unwrap();
        let text = toml::to_string(&c).unwrap();
        assert_eq!(SimConfig::load(Some(&text), &[]).unwrap(), c);
    }
}
