//! The money types of the content format: an amount in pence that cannot
//! wrap, the period and status words of a saving or cost, and what a figure
//! stands for (the arrangement's own, a partner's share, or a breakdown).
//!
//! The words are parsed here and only here ([`Word`]), so a misspelt word is
//! an error where it is written, and code reads totals through the enums, so
//! a typo cannot quietly read nothing.

use serde::Serialize;
use std::fmt;

/// A non-negative sum of money in whole pence.
///
/// There is no `+`: sums go through [`Pence::checked_add`] or
/// [`Pence::saturating_add`], so a total can never wrap round to a small or
/// negative figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Pence(u64);

impl Pence {
    pub const ZERO: Pence = Pence(0);
    /// The largest single amount the content format accepts: £1 trillion.
    /// No saving or cost of a council arrangement comes near it (the largest
    /// council budgets are a few £bn a year), so anything above is a typo or
    /// a misplaced exponent, and with every figure below it a total cannot
    /// reach `u64::MAX` pence until it adds more than 184,000 figures at the
    /// ceiling.
    pub const CEILING: Pence = Pence(1_000_000_000_000 * 100);
    /// Where a saturating sum stops.
    pub const MAX: Pence = Pence(u64::MAX);

    pub const fn new(pence: u64) -> Pence {
        Pence(pence)
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    /// Whole pounds, pence dropped.
    pub const fn pounds(self) -> u64 {
        self.0 / 100
    }

    /// The pence beyond the whole pounds (0 to 99).
    pub const fn pennies(self) -> u64 {
        self.0 % 100
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `None` when the sum does not fit.
    pub fn checked_add(self, other: Pence) -> Option<Pence> {
        self.0.checked_add(other.0).map(Pence)
    }

    /// The sum, or [`Pence::MAX`] when it does not fit: a total that large is
    /// shown as an absurd figure, never as a wrapped one.
    pub fn saturating_add(self, other: Pence) -> Pence {
        Pence(self.0.saturating_add(other.0))
    }

    /// Pounds as a float, for chart scales only (never for sums or display).
    pub fn as_f64_pounds(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// A closed set of words of the content format, each the YAML spelling of one
/// variant.
pub trait Word: Copy + Sized + 'static {
    /// Every variant, in the order the site lists them.
    const ALL: &'static [Self];
    /// The word an editor writes.
    fn word(self) -> &'static str;

    /// The variant an editor's word stands for.
    fn from_word(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.word() == text)
    }

    /// Every word, for "did you mean" suggestions.
    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.word()).collect()
    }
}

/// How often a figure recurs: `period: annual | one-off | total |
/// first-year`. Periods are never added together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    Annual,
    OneOff,
    /// A total over a span (`years:`), or over no stated span.
    Total,
    /// A saving in the first year only, which the source does not say
    /// recurs (an extension of the content format).
    FirstYear,
}

impl Word for Period {
    const ALL: &'static [Period] = &[
        Period::Annual,
        Period::OneOff,
        Period::Total,
        Period::FirstYear,
    ];

    fn word(self) -> &'static str {
        Period::word(self)
    }
}

impl Period {
    /// The word an editor writes (also [`Word::word`], here without the
    /// trait in scope).
    pub const fn word(self) -> &'static str {
        match self {
            Period::Annual => "annual",
            Period::OneOff => "one-off",
            Period::Total => "total",
            Period::FirstYear => "first-year",
        }
    }

    pub const COUNT: usize = 4;

    /// Position in [`Word::ALL`], for tables indexed by period.
    pub const fn index(self) -> usize {
        match self {
            Period::Annual => 0,
            Period::OneOff => 1,
            Period::Total => 2,
            Period::FirstYear => 3,
        }
    }
}

/// Whether a figure has happened: `status: achieved | projected` (default
/// `achieved`). Statuses are never added together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    Achieved,
    Projected,
}

impl Word for Status {
    const ALL: &'static [Status] = &[Status::Achieved, Status::Projected];

    fn word(self) -> &'static str {
        Status::word(self)
    }
}

impl Status {
    /// The word an editor writes (also [`Word::word`], here without the
    /// trait in scope).
    pub const fn word(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Projected => "projected",
        }
    }

    pub const COUNT: usize = 2;

    /// Position in [`Word::ALL`], for tables indexed by status.
    pub const fn index(self) -> usize {
        match self {
            Status::Achieved => 0,
            Status::Projected => 1,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// What a figure stands for, which decides whether totals add it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share<'a> {
    /// The arrangement's own figure: the only kind totals add.
    Combined,
    /// One partner's part of a figure (`partner:`): shown, never added.
    Partner(&'a str),
    /// A component of another figure in the same list (`breakdown: true`,
    /// with or without `partner:`): shown, never added.
    Breakdown,
}

impl Share<'_> {
    /// From a figure's `partner:` and `breakdown:` fields.
    pub fn of(partner: Option<&str>, breakdown: bool) -> Share<'_> {
        match (partner, breakdown) {
            (_, true) => Share::Breakdown,
            (Some(name), false) => Share::Partner(name),
            (None, false) => Share::Combined,
        }
    }

    pub fn is_combined(self) -> bool {
        self == Share::Combined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_to_their_variants_and_back() {
        for p in Period::ALL {
            assert_eq!(Period::from_word(p.word()), Some(*p));
            assert_eq!(Period::ALL[p.index()], *p);
        }
        for s in Status::ALL {
            assert_eq!(Status::from_word(s.word()), Some(*s));
            assert_eq!(Status::ALL[s.index()], *s);
        }
        assert_eq!(Period::from_word("one-off"), Some(Period::OneOff));
        assert_eq!(Period::from_word("annualy"), None);
        assert_eq!(Period::from_word("Annual"), None);
        assert_eq!(Status::from_word("acheived"), None);
        assert_eq!(
            Period::words(),
            ["annual", "one-off", "total", "first-year"]
        );
        assert_eq!(Status::default(), Status::Achieved);
        assert_eq!(Period::OneOff.to_string(), "one-off");
        assert_eq!(
            serde_json::to_string(&Period::OneOff).ok().as_deref(),
            Some("\"one-off\"")
        );
    }

    #[test]
    fn sums_never_wrap() {
        let ceiling = Pence::CEILING;
        assert_eq!(ceiling.pounds(), 1_000_000_000_000);
        assert_eq!(
            ceiling.checked_add(ceiling),
            Some(Pence::new(2 * ceiling.get()))
        );
        assert_eq!(Pence::MAX.checked_add(Pence::new(1)), None);
        assert_eq!(Pence::MAX.saturating_add(ceiling), Pence::MAX);
        let near = Pence::new(u64::MAX - ceiling.get() + 1);
        assert_eq!(near.checked_add(ceiling), None);
        assert_eq!(near.saturating_add(ceiling), Pence::MAX);
        assert_eq!(Pence::new(12_345).pounds(), 123);
        assert_eq!(Pence::new(12_345).pennies(), 45);
    }

    #[test]
    fn only_the_arrangements_own_figure_is_combined() {
        assert_eq!(Share::of(None, false), Share::Combined);
        assert_eq!(Share::of(Some("A"), false), Share::Partner("A"));
        assert_eq!(Share::of(Some("A"), true), Share::Breakdown);
        assert_eq!(Share::of(None, true), Share::Breakdown);
        assert!(Share::of(None, false).is_combined());
        assert!(!Share::of(Some("A"), false).is_combined());
    }
}
