//! Calendar dates as the documents write them: proleptic Gregorian, no time zone.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A valid calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, if it exists (no 31/6, no 29/02 outside leap years, no month 13).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && (1..=12).contains(&month) && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// `dd/mm/yyyy` with leading zeros, the way Nghị định 30/2020/NĐ-CP writes dates.
    pub fn to_vietnamese(self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// The last day of this date's month.
    pub fn end_of_month(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse_iso(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("không phải ngày hợp lệ dạng YYYY-MM-DD: {s:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert!(Date::new(2021, 6, 31).is_none());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2021, 13, 1).is_none());
        assert!(Date::new(2021, 1, 0).is_none());
    }

    #[test]
    fn iso_round_trip_and_order() {
        let d = Date::parse_iso("2016-05-15").unwrap();
        assert_eq!(d.to_string(), "2016-05-15");
        assert_eq!(d.to_vietnamese(), "15/05/2016");
        assert!(Date::new(2021, 3, 5).unwrap() > Date::new(2021, 2, 19).unwrap());
        assert_eq!(Date::parse_iso("2021-02-30"), None);
    }
}
