//! Savings and cost aggregates. Only combined figures (those without
//! `partner:`) are added up, so a figure and its per-partner breakdown are
//! never counted twice; periods and statuses are never mixed. Sums saturate
//! rather than wrap (see [`Pence`]).

use crate::content::amount::{format_pounds, format_pounds_short};
use crate::content::case_study::Money;
use crate::content::money::{Pence, Period, Status, Word};
use serde::Serialize;

/// The savings and the costs of the case studies `ids`, added up.
pub fn totals(
    case_studies: &[std::sync::Arc<crate::content::CaseStudy>],
    ids: impl Iterator<Item = super::CaseStudyId>,
) -> (MoneyTotals, MoneyTotals) {
    let mut savings = MoneyTotals::default();
    let mut costs = MoneyTotals::default();
    for id in ids {
        let matter = &case_studies[id.index()].matter;
        savings.add_combined(&matter.savings);
        costs.add_combined(&matter.costs);
    }
    (savings, costs)
}

/// Sums by period and status, read and written only through the enums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneyTotals {
    pence: [[Pence; Status::COUNT]; Period::COUNT],
}

impl MoneyTotals {
    pub fn add_combined(&mut self, items: &[Money]) {
        for m in items.iter().filter(|m| m.is_combined()) {
            self.add_to(m.period, m.status, m.pence);
        }
    }

    pub fn add(&mut self, other: &MoneyTotals) {
        for &p in Period::ALL {
            for &s in Status::ALL {
                self.add_to(p, s, other.get(p, s));
            }
        }
    }

    fn add_to(&mut self, period: Period, status: Status, pence: Pence) {
        let cell = &mut self.pence[period.index()][status.index()];
        *cell = cell.saturating_add(pence);
    }

    pub fn get(&self, period: Period, status: Status) -> Pence {
        self.pence[period.index()][status.index()]
    }

    pub fn is_empty(&self) -> bool {
        self.pence.iter().flatten().all(|p| p.is_zero())
    }

    /// One row per non-zero (period, status), for templates and data files.
    pub fn rows(&self) -> Vec<TotalRow> {
        let mut rows = Vec::new();
        for &period in Period::ALL {
            for &status in Status::ALL {
                let pence = self.get(period, status);
                if !pence.is_zero() {
                    rows.push(TotalRow {
                        period: period.word().into(),
                        period_label: period_label(period).into(),
                        status: status.word().into(),
                        pence,
                        pounds: pence.pounds(),
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
    pub pounds: u64,
    pub formatted: String,
    pub short: String,
}

pub fn period_label(period: Period) -> &'static str {
    match period {
        Period::Annual => "a year",
        Period::OneOff => "one-off",
        Period::Total => "in total",
    }
}

/// Describes one figure for people: `£1.2m a year`, `£3.5m in total over 10 years`.
pub fn describe(m: &Money) -> String {
    let amount = format_pounds(m.pence);
    match (m.period, m.years) {
        (Period::Annual, _) => format!("{amount} a year"),
        (Period::OneOff, _) => format!("{amount} one-off"),
        (Period::Total, Some(y)) => format!(
            "{amount} in total over {y} year{}",
            if y == 1 { "" } else { "s" }
        ),
        (Period::Total, None) => format!("{amount} in total"),
    }
}

/// The figure to headline a case study with: the largest combined annual
/// saving, else the largest combined saving of any period, achieved first.
pub fn headline(savings: &[Money]) -> Option<&Money> {
    let combined = || savings.iter().filter(|m| m.is_combined());
    let rank = |m: &&Money| {
        (
            m.period == Period::Annual,
            m.status == Status::Achieved,
            m.pence,
        )
    };
    combined()
        .max_by_key(rank)
        .or_else(|| savings.iter().max_by_key(rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(pence: u64, period: Period, status: Status, partner: Option<&str>) -> Money {
        Money {
            pence: Pence::new(pence),
            period,
            years: None,
            status,
            partner: partner.map(Into::into),
            breakdown: false,
            note: None,
        }
    }

    use Period::{Annual, OneOff, Total};
    use Status::{Achieved, Projected};

    #[test]
    fn totals_skip_partner_shares_and_keep_periods_apart() {
        let mut breakdown = money(70, Annual, Achieved, None);
        breakdown.breakdown = true;
        let items = vec![
            money(100, Annual, Achieved, None),
            money(60, Annual, Achieved, Some("A")),
            money(40, Annual, Achieved, Some("B")),
            breakdown,
            money(500, OneOff, Projected, None),
        ];
        let mut t = MoneyTotals::default();
        t.add_combined(&items);
        assert_eq!(t.get(Annual, Achieved), Pence::new(100));
        assert_eq!(t.get(OneOff, Projected), Pence::new(500));
        assert_eq!(t.get(Total, Achieved), Pence::ZERO);
        assert_eq!(t.rows().len(), 2);
    }

    #[test]
    fn totals_by_every_period_and_status_are_apart() {
        let mut items = Vec::new();
        let mut n = 1;
        for &p in Period::ALL {
            for &s in Status::ALL {
                items.push(money(n, p, s, None));
                n += 1;
            }
        }
        let mut t = MoneyTotals::default();
        t.add_combined(&items);
        let mut n = 1;
        for &p in Period::ALL {
            for &s in Status::ALL {
                assert_eq!(t.get(p, s), Pence::new(n), "{p} {s}");
                n += 1;
            }
        }
        let rows = t.rows();
        assert_eq!(rows.len(), 6);
        assert_eq!(
            (rows[2].period.as_str(), rows[2].status.as_str()),
            ("one-off", "achieved")
        );
    }

    #[test]
    fn totals_saturate_instead_of_wrapping() {
        let ceiling = Pence::CEILING.get();
        let items = vec![money(ceiling, Annual, Achieved, None); 3];
        let mut t = MoneyTotals::default();
        t.add_combined(&items);
        assert_eq!(t.get(Annual, Achieved), Pence::new(3 * ceiling));
        // Adding a site's totals into themselves until they would overflow.
        for _ in 0..64 {
            let copy = t;
            t.add(&copy);
        }
        assert_eq!(t.get(Annual, Achieved), Pence::MAX);
        assert_eq!(t.get(Annual, Projected), Pence::ZERO);
    }

    #[test]
    fn headline_prefers_combined_annual_achieved() {
        let items = vec![
            money(900, OneOff, Achieved, None),
            money(100, Annual, Projected, None),
            money(50, Annual, Achieved, None),
            money(5000, Annual, Achieved, Some("A")),
        ];
        assert_eq!(headline(&items).map(|m| m.pence), Some(Pence::new(50)));
    }
}
