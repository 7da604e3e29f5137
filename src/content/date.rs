//! Dates in front matter: `date:` is a full `YYYY-MM-DD`; `started:` may be
//! `YYYY` or `YYYY-MM` (or a full date).

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    /// 1–12, or 0 when only the year is known.
    pub month: u8,
    /// 1–31, or 0 when only the year and month are known.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Years a date may have: local government sharing is a modern practice,
/// so a year outside this range is a typo (`0000`, `2101`, `1011`).
pub const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

impl Date {
    /// A complete date, `YYYY-MM-DD`.
    pub fn parse_full(s: &str) -> Result<Date, String> {
        let d = Date::parse_partial(s)?;
        if d.day == 0 {
            return Err("expected a full date YYYY-MM-DD".into());
        }
        Ok(d)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_partial(s: &str) -> Result<Date, String> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, len: usize| -> Result<u16, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{p}` is not a {len}-digit number"));
            }
            p.parse().map_err(|_| format!("`{p}` is not a number"))
        };
        if parts.len() > 3 || parts.is_empty() {
            return Err("expected YYYY-MM-DD".into());
        }
        let year = number(parts[0], 4)?;
        if !YEARS.contains(&year) {
            return Err(format!(
                "the year {year} is outside {} to {}, the years a shared-services case study can be about",
                YEARS.start(),
                YEARS.end()
            ));
        }
        let month = parts.get(1).map(|p| number(p, 2)).transpose()?.unwrap_or(0) as u8;
        let day = parts.get(2).map(|p| number(p, 2)).transpose()?.unwrap_or(0) as u8;
        if parts.len() >= 2 && !(1..=12).contains(&month) {
            return Err(format!("month {month} does not exist"));
        }
        if parts.len() == 3 && !(1..=days_in_month(year, month)).contains(&day) {
            return Err(format!(
                "{} {} has no day {day}",
                MONTHS[usize::from(month - 1)],
                year
            ));
        }
        Ok(Date { year, month, day })
    }

    /// ISO form as written: `2011`, `2011-03` or `2011-03-01`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{:04}", self.year),
            (m, 0) => format!("{:04}-{:02}", self.year, m),
            (m, d) => format!("{:04}-{:02}-{:02}", self.year, m, d),
        }
    }

    /// RFC 3339 timestamp at midnight UTC, for feeds.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.max(1),
            self.day.max(1)
        )
    }
}

impl fmt::Display for Date {
    /// For people: `1 March 2011`, `March 2011` or `2011`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (0, _) => write!(f, "{}", self.year),
            (m, 0) => write!(f, "{} {}", MONTHS[usize::from(m - 1)], self.year),
            (m, d) => write!(f, "{} {} {}", d, MONTHS[usize::from(m - 1)], self.year),
        }
    }
}

/// Days in `month` (1–12) of `year`, leap years included.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            Date::parse_full("2011-03-01").map(|d| d.to_string()),
            Ok("1 March 2011".into())
        );
        assert!(Date::parse_full("2011-02-30").is_err());
        assert!(Date::parse_full("2011-13-01").is_err());
        assert!(Date::parse_full("2011-03").is_err());
        assert!(Date::parse_full("1/3/2011").is_err());
        assert_eq!(
            Date::parse_partial("2008-06").map(|d| d.iso()),
            Ok("2008-06".into())
        );
        assert_eq!(
            Date::parse_partial("2008").map(|d| d.to_string()),
            Ok("2008".into())
        );
        assert!(Date::parse_full("2012-02-29").is_ok());
    }
}
