//! Savings and cost aggregates. Only combined figures (those without
//! `partner:`) are added up, so a figure and its per-partner breakdown are
//! never counted twice; periods and statuses are never mixed.

use crate::content::amount::{Pence, format_pounds, format_pounds_short};
use crate::content::case_study::Money;
use serde::Serialize;

pub const PERIODS: [&str; 3] = ["annual", "one-off", "total"];
pub const STATUSES: [&str; 2] = ["achieved", "projected"];

/// Sums by period and status: `[period][status]`, in the orders above.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneyTotals {
    pub pence: [[Pence; 2]; 3],
}

impl MoneyTotals {
    pub fn add_combined(&mut self, items: &[Money]) {
        for m in items.iter().filter(|m| m.is_combined()) {
            if let (Some(p), Some(s)) = (period_index(&m.period), status_index(&m.status)) {
                self.pence[p][s] += m.pence;
            }
        }
    }

    pub fn add(&mut self, other: &MoneyTotals) {
        for p in 0..3 {
            for s in 0..2 {
                self.pence[p][s] += other.pence[p][s];
            }
        }
    }

    pub fn get(&self, period: &str, status: &str) -> Pence {
        match (period_index(period), status_index(status)) {
            (Some(p), Some(s)) => self.pence[p][s],
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.pence.iter().flatten().all(|p| *p == 0)
    }

    /// One row per non-zero (period, status), for templates and data files.
    pub fn rows(&self) -> Vec<TotalRow> {
        let mut rows = Vec::new();
        for (p, period) in PERIODS.iter().enumerate() {
            for (s, status) in STATUSES.iter().enumerate() {
                let pence = self.pence[p][s];
                if pence != 0 {
                    rows.push(TotalRow {
                        period: (*period).into(),
                        period_label: period_label(period).into(),
                        status: (*status).into(),
                        pence,
                        pounds: pence / 100,
                        formatted: format_pounds(pence),
                        short: format_pounds_short(pence),
                    });
                }
            }
        }
        rows
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TotalRow {
    pub period: String,
    pub period_label: String,
    pub status: String,
    #[serde(skip)]
    pub pence: Pence,
    pub pounds: i64,
    pub formatted: String,
    pub short: String,
}

fn period_index(period: &str) -> Option<usize> {
    PERIODS.iter().position(|p| *p == period)
}

fn status_index(status: &str) -> Option<usize> {
    STATUSES.iter().position(|s| *s == status)
}

pub fn period_label(period: &str) -> &'static str {
    match period {
        "annual" => "a year",
        "one-off" => "one-off",
        _ => "in total",
    }
}

/// Describes one figure for people: `£1.2m a year`, `£3.5m in total over 10 years`.
pub fn describe(m: &Money) -> String {
    let amount = format_pounds(m.pence);
    match (m.period.as_str(), m.years) {
        ("annual", _) => format!("{amount} a year"),
        ("one-off", _) => format!("{amount} one-off"),
        (_, Some(y)) => format!(
            "{amount} in total over {y} year{}",
            if y == 1 { "" } else { "s" }
        ),
        _ => format!("{amount} in total"),
    }
}

/// The figure to headline a case study with: the largest combined annual
/// saving, else the largest combined saving of any period, achieved first.
pub fn headline(savings: &[Money]) -> Option<&Money> {
    let combined = || savings.iter().filter(|m| m.is_combined());
    let rank = |m: &&Money| (m.period == "annual", m.status == "achieved", m.pence);
    combined()
        .max_by_key(rank)
        .or_else(|| savings.iter().max_by_key(rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(pence: Pence, period: &str, status: &str, partner: Option<&str>) -> Money {
        Money {
            pence,
            period: period.into(),
            years: None,
            status: status.into(),
            partner: partner.map(Into::into),
            breakdown: false,
            note: None,
        }
    }

    #[test]
    fn totals_skip_partner_shares_and_keep_periods_apart() {
        let items = vec![
            money(100, "annual", "achieved", None),
            money(60, "annual", "achieved", Some("A")),
            money(40, "annual", "achieved", Some("B")),
            money(500, "one-off", "projected", None),
        ];
        let mut t = MoneyTotals::default();
        t.add_combined(&items);
        assert_eq!(t.get("annual", "achieved"), 100);
        assert_eq!(t.get("one-off", "projected"), 500);
        assert_eq!(t.get("total", "achieved"), 0);
        assert_eq!(t.rows().len(), 2);
    }

    #[test]
    fn headline_prefers_combined_annual_achieved() {
        let items = vec![
            money(900, "one-off", "achieved", None),
            money(100, "annual", "projected", None),
            money(50, "annual", "achieved", None),
            money(5000, "annual", "achieved", Some("A")),
        ];
        assert_eq!(headline(&items).map(|m| m.pence), Some(50));
    }
}
