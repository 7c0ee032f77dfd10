//! Chinese working days, from a holiday calendar kept as data (`assets/holidays.toml`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

/// The shipped calendar.
pub const HOLIDAYS_TOML: &str = include_str!("../../assets/holidays.toml");

#[derive(Debug, Deserialize)]
struct File {
    schema: u32,
    years: Vec<YearFile>,
}

#[derive(Debug, Deserialize)]
struct YearFile {
    year: i32,
    published: bool,
    off: Vec<String>,
    makeup: Vec<String>,
}

/// A holiday calendar.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    off: BTreeSet<NaiveDate>,
    makeup: BTreeSet<NaiveDate>,
    /// Year → whether its schedule is the published one.
    years: BTreeMap<i32, bool>,
}

/// A date reached by counting working days, and whether it is only an estimate (it lies in a
/// year without a published schedule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eta {
    /// The date.
    pub date: NaiveDate,
    /// Estimated (预计): a year without a published schedule was involved.
    pub estimated: bool,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

impl Calendar {
    /// Parses a calendar file; errors name the line or the bad entry.
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
        if f.schema != 1 {
            return Err(format!("unknown calendar schema {}", f.schema));
        }
        let mut c = Calendar::default();
        for y in f.years {
            c.years.insert(y.year, y.published);
            for entry in &y.off {
                let (a, b) = match entry.split_once("..") {
                    Some((a, b)) => (parse_day(a)?, parse_day(b)?),
                    None => (parse_day(entry)?, parse_day(entry)?),
                };
                if b < a {
                    return Err(format!("{entry:?}: the range ends before it starts"));
                }
                let mut d = a;
                while d <= b {
                    c.off.insert(d);
                    d += Duration::days(1);
                }
            }
            for m in &y.makeup {
                c.makeup.insert(parse_day(m)?);
            }
        }
        Ok(c)
    }

    /// The calendar shipped with posbind.
    pub fn shipped() -> Calendar {
        Calendar::parse(HOLIDAYS_TOML).unwrap_or_default()
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.makeup.contains(&d) {
            return true;
        }
        if self.off.contains(&d) {
            return false;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Whether `year` has a published schedule.
    pub fn published(&self, year: i32) -> bool {
        self.years.get(&year).copied().unwrap_or(false)
    }

    /// The `n`-th working day after `from` (the day itself is not counted).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Eta {
        let mut d = from;
        let mut left = n;
        let mut estimated = !self.published(from.year());
        while left > 0 {
            d += Duration::days(1);
            estimated |= !self.published(d.year());
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        Eta { date: d, estimated }
    }

    /// Working days in a year.
    pub fn working_days_in(&self, year: i32) -> usize {
        let mut d = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let mut n = 0;
        while d.year() == year {
            n += usize::from(self.is_working_day(d));
            d += Duration::days(1);
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn the_domain_notes_checks() {
        let c = Calendar::shipped();
        assert_eq!(c.working_days_in(2026), 248);
        assert_eq!(c.add_working_days(d("2026-09-28"), 3).date, d("2026-10-08"));
        assert_eq!(
            c.add_working_days(d("2026-09-28"), 5).date,
            d("2026-10-10"),
            "make-up Saturday"
        );
        assert_eq!(c.add_working_days(d("2026-04-30"), 3).date, d("2026-05-08"));
        assert_eq!(c.add_working_days(d("2026-04-30"), 5).date, d("2026-05-11"));
        assert!(!c.add_working_days(d("2026-04-30"), 5).estimated);
    }

    #[test]
    fn a_year_boundary_into_an_unpublished_year_is_estimated() {
        let c = Calendar::shipped();
        let eta = c.add_working_days(d("2026-12-30"), 3);
        // 12-31 (Thu), then 2027-01-01 is a holiday, 01-02/03 weekend, 01-04 (Mon), 01-05.
        assert_eq!(eta.date, d("2027-01-05"));
        assert!(eta.estimated);
        assert!(c.is_working_day(d("2026-01-04")), "make-up Sunday");
        assert!(!c.is_working_day(d("2026-10-05")));
    }

    #[test]
    fn bad_files_are_reported() {
        assert!(Calendar::parse("schema = 1\n[[years]]\nyear = 2026\npublished = true\noff = [\"2026-13-01\"]\nmakeup = []\n")
            .unwrap_err()
            .contains("2026-13-01"));
        assert!(Calendar::parse("schema = 1\nyears = 3\n")
            .unwrap_err()
            .contains("line"));
    }
}
