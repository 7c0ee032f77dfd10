//! Chinese working days, from a holiday calendar kept as data (`assets/holidays.toml`): the
//! General Office's published schedule where there is one, else the statutory days with the
//! compensating working day (补假) of 《全国年节及纪念日放假办法》.

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

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The 补假 days for statutory holidays that fall on a weekend: for each, the first weekday
/// after it that is neither a holiday nor already a compensation day.
fn compensation_days(statutory: &BTreeSet<NaiveDate>) -> BTreeSet<NaiveDate> {
    let mut extra = BTreeSet::new();
    for day in statutory.iter().filter(|d| weekend(**d)) {
        let mut d = *day + Duration::days(1);
        while weekend(d) || statutory.contains(&d) || extra.contains(&d) {
            d += Duration::days(1);
        }
        extra.insert(d);
    }
    extra
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
            let mut statutory = BTreeSet::new();
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
                    statutory.insert(d);
                    d += Duration::days(1);
                }
            }
            c.off.extend(&statutory);
            if !y.published {
                // Without a notice, the 办法's rule decides: a statutory day on a weekend is
                // made up on a working day, so an estimate must not count that day as working.
                c.off.extend(compensation_days(&statutory));
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
        !weekend(d)
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
            // The last day chrono knows ends the count instead of overflowing (a catalog refuses
            // reviews that long long before this).
            let Some(next) = d.succ_opt() else { break };
            d = next;
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
    fn the_2025_schedule_of_the_general_office() {
        let c = Calendar::shipped();
        assert!(c.published(2025));
        assert_eq!(c.working_days_in(2025), 248);
        for off in [
            "2025-01-01",
            "2025-01-28",
            "2025-02-04",
            "2025-04-04",
            "2025-05-05",
        ] {
            assert!(!c.is_working_day(d(off)), "{off}");
        }
        for off in ["2025-06-02", "2025-10-08"] {
            assert!(!c.is_working_day(d(off)), "{off}");
        }
        for worked in [
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
        ] {
            assert!(c.is_working_day(d(worked)), "make-up day {worked}");
        }
        // Submitted before the National Day week: 09-30 (Tue), then 10-09 (Thu).
        let eta = c.add_working_days(d("2025-09-29"), 2);
        assert_eq!(eta.date, d("2025-10-09"));
        assert!(!eta.estimated);
    }

    #[test]
    fn an_unpublished_year_makes_up_statutory_days_on_a_weekend() {
        let c = Calendar::shipped();
        // 2027: 05-01/02 are Saturday and Sunday, so 05-03 and 05-04 are 补假.
        assert!(!c.is_working_day(d("2027-05-03")));
        assert!(!c.is_working_day(d("2027-05-04")));
        let eta = c.add_working_days(d("2027-04-30"), 1);
        assert_eq!(eta.date, d("2027-05-05"), "not a day early");
        assert!(eta.estimated);
        // 春节 02-05..02-08 holds a Saturday and a Sunday: 02-09 and 02-10 are made up.
        assert!(!c.is_working_day(d("2027-02-09")));
        assert!(!c.is_working_day(d("2027-02-10")));
        assert!(c.is_working_day(d("2027-02-11")));
        // 国庆 10-01..10-03 (Fri–Sun): 10-04 and 10-05 made up.
        assert!(!c.is_working_day(d("2027-10-05")));
        assert!(c.is_working_day(d("2027-10-06")));
    }

    #[test]
    fn a_published_year_is_taken_as_published_without_compensation() {
        let c = Calendar::parse(
            "schema = 1\n[[years]]\nyear = 2028\npublished = true\noff = [\"2028-01-01\"]\nmakeup = []\n",
        )
        .unwrap();
        // 2028-01-01 is a Saturday; the notice (published) decides, so 01-03 stays a working day.
        assert!(c.is_working_day(d("2028-01-03")));
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
