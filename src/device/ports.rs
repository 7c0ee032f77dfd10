//! Serial port discovery through serialport: sysfs on Linux (no libudev needed), SetupAPI on
//! Windows; both give USB vendor and product ids.

use serde::Serialize;

/// A serial port as `posbind ports` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortInfo {
    /// Device path (`/dev/ttyUSB0`, `COM3`).
    pub path: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: &'static str,
    /// USB vendor id (hex, 4 digits).
    pub vid: Option<String>,
    /// USB product id (hex, 4 digits).
    pub pid: Option<String>,
    /// Manufacturer name, when known.
    pub manufacturer: Option<String>,
    /// Product name, when known.
    pub product: Option<String>,
    /// USB serial number of the adapter, when known.
    pub usb_serial: Option<String>,
}

/// Lists the serial ports the OS knows, USB adapters first.
pub fn list() -> Result<Vec<PortInfo>, serialport::Error> {
    let mut ports: Vec<PortInfo> = serialport::available_ports()?
        .into_iter()
        .map(|p| {
            let mut info = PortInfo {
                path: p.port_name,
                kind: "unknown",
                vid: None,
                pid: None,
                manufacturer: None,
                product: None,
                usb_serial: None,
            };
            match p.port_type {
                serialport::SerialPortType::UsbPort(u) => {
                    info.kind = "usb";
                    info.vid = Some(format!("{:04x}", u.vid));
                    info.pid = Some(format!("{:04x}", u.pid));
                    info.manufacturer = u.manufacturer;
                    info.product = u.product;
                    info.usb_serial = u.serial_number;
                }
                serialport::SerialPortType::PciPort => info.kind = "pci",
                serialport::SerialPortType::BluetoothPort => info.kind = "bluetooth",
                serialport::SerialPortType::Unknown => {}
            }
            info
        })
        .collect();
    ports.sort_by_key(|p| (p.kind != "usb", p.path.clone()));
    Ok(ports)
}
