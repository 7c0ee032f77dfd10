//! Documents posbind writes: the application package (JSON + printable HTML, attachments
//! manifest, mail cover checklist). HTML is rendered through maud, which escapes every value.

pub mod activation;
pub mod application;
pub mod change_notice;
pub mod confirmations;
pub mod day;
