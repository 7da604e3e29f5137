//! Savings and cost aggregates, by the rules the README states under "How
//! figures are added up":
//!
//! - a total adds only the arrangement's own figures that still stand: never
//!   a partner's share, a breakdown part or a superseded projection;
//! - it adds figures of one kind, period, status and span only (a 10-year
//!   total and a 4-year total are two totals; a total over no stated span is
//!   listed, never added);
//! - a lower bound ("over £500,000") makes the total "at least";
//! - under a function it adds only figures about that one function; under a
//!   region, only arrangements wholly in it; so no chart's bars add up to
//!   more than the whole;
//! - every total keeps the figures it adds, so a page can open it up.
//!
//! Sums are `u128` pence: no number of figures below the ceiling can wrap.

use super::CaseStudyId;
use super::ids::Moved;
use crate::content::CaseStudy;
use crate::content::Slug;
use crate::content::amount::{format_pence_wide, format_pence_wide_short, format_pounds};
use crate::content::case_study::Money;
use crate::content::money::{Period, Share, Status};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Which list of a case study a figure is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ledger {
    Savings,
    Costs,
}

impl Ledger {
    pub const ALL: [Ledger; 2] = [Ledger::Savings, Ledger::Costs];

    pub fn word(self) -> &'static str {
        match self {
            Ledger::Savings => "saving",
            Ledger::Costs => "cost",
        }
    }

    /// The case study's figures of this list.
    pub fn of(self, c: &CaseStudy) -> &[Money] {
        match self {
            Ledger::Savings => &c.matter.savings,
            Ledger::Costs => &c.matter.costs,
        }
    }
}

/// One figure of one case study: its list and place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FigureId {
    pub case_study: CaseStudyId,
    pub ledger: Ledger,
    pub index: usize,
}

/// What one total adds up: figures of one period, status and span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TotalKey {
    pub period: Period,
    pub status: Status,
    /// The span of `period: total` figures; `None` for the other periods.
    pub years: Option<u32>,
}

/// One total and the figures behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Total {
    pub key: TotalKey,
    /// In pence, wide enough that no sum of figures can wrap.
    pub pence: u128,
    /// Some figure behind it is a lower bound, so the total is one too.
    pub at_least: bool,
    pub figures: Vec<FigureId>,
}

impl Total {
    pub fn formatted(&self) -> String {
        format_pence_wide(self.pence)
    }

    pub fn short(&self) -> String {
        format_pence_wide_short(self.pence)
    }
}

/// The totals of some case studies' figures, savings and costs apart, each
/// in a fixed order (by period, status, then span).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub savings: Vec<Total>,
    pub costs: Vec<Total>,
}

impl Totals {
    pub fn of(&self, ledger: Ledger) -> &[Total] {
        match ledger {
            Ledger::Savings => &self.savings,
            Ledger::Costs => &self.costs,
        }
    }

    /// The total of one key, if any figure adds to it.
    pub fn get(&self, ledger: Ledger, key: TotalKey) -> Option<&Total> {
        self.of(ledger).iter().find(|t| t.key == key)
    }

    /// Savings reported as achieved, every year: what the charts compare.
    pub fn annual_achieved(&self) -> Option<&Total> {
        self.get(
            Ledger::Savings,
            TotalKey {
                period: Period::Annual,
                status: Status::Achieved,
                years: None,
            },
        )
    }

    pub fn is_empty(&self) -> bool {
        self.savings.is_empty() && self.costs.is_empty()
    }

    /// The same totals after a case study moved in the title order: the
    /// figures behind each renumbered and, as [`add_up`] lists them, in id
    /// order.
    pub(super) fn follow(&mut self, moved: Moved) {
        for total in self.savings.iter_mut().chain(self.costs.iter_mut()) {
            for f in total.figures.iter_mut() {
                f.case_study = moved.apply(f.case_study);
            }
            total.figures.sort_unstable();
        }
    }
}

/// Which figures of a case study a total may add, besides the rules every
/// total obeys.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every figure (the site, a model's arrangements).
    All,
    /// Figures about this one function alone.
    Function(&'a str),
}

/// Why a figure is shown but not added into any total; `None` when totals add it.
pub fn not_added_because(m: &Money) -> Option<&'static str> {
    match m.share() {
        Share::Partner(_) => return Some("a partner's share of a figure"),
        Share::Breakdown => return Some("part of another figure"),
        Share::Combined => {}
    }
    if m.superseded.is_some() {
        return Some("a projection later superseded");
    }
    if m.period == Period::Total && m.years.is_none() {
        return Some("a total over no stated span, which cannot be added to another");
    }
    None
}

/// The key a figure adds to.
pub fn key_of(m: &Money) -> TotalKey {
    TotalKey {
        period: m.period,
        status: m.status,
        years: if m.period == Period::Total {
            m.years
        } else {
            None
        },
    }
}

/// Adds up the figures of the case studies `ids` that `scope` lets in.
pub fn add_up(
    case_studies: &[Arc<CaseStudy>],
    ids: impl Iterator<Item = CaseStudyId>,
    scope: Scope,
) -> Totals {
    let mut by_key: [BTreeMap<TotalKey, Total>; 2] = Default::default();
    for id in ids {
        let c = &case_studies[id.index()];
        for (l, ledger) in Ledger::ALL.into_iter().enumerate() {
            for (index, m) in ledger.of(c).iter().enumerate() {
                if not_added_because(m).is_some() || !in_scope(m, &c.matter.functions, scope) {
                    continue;
                }
                let key = key_of(m);
                let total = by_key[l].entry(key).or_insert_with(|| Total {
                    key,
                    pence: 0,
                    at_least: false,
                    figures: Vec::new(),
                });
                total.pence += u128::from(m.pence.get());
                total.at_least |= m.at_least;
                total.figures.push(FigureId {
                    case_study: id,
                    ledger,
                    index,
                });
            }
        }
    }
    let [savings, costs] = by_key.map(|m| m.into_values().collect());
    Totals { savings, costs }
}

fn in_scope(m: &Money, functions: &[Slug], scope: Scope) -> bool {
    match scope {
        Scope::All => true,
        Scope::Function(slug) => matches!(m.scope(functions), [only] if only == slug),
    }
}

/// How the public reads a figure's period: `a year`, `in total`...
pub fn period_label(period: Period) -> &'static str {
    match period {
        Period::Annual => "a year",
        Period::OneOff => "one-off",
        Period::Total => "in total",
        Period::FirstYear => "in the first year",
    }
}

/// How the public reads a status: costs are spent or planned, savings
/// achieved or projected.
pub fn status_label(ledger: Ledger, status: Status) -> &'static str {
    match (ledger, status) {
        (Ledger::Savings, Status::Achieved) => "achieved",
        (Ledger::Savings, Status::Projected) => "projected",
        (Ledger::Costs, Status::Achieved) => "spent",
        (Ledger::Costs, Status::Projected) => "planned",
    }
}

/// A total's key in words: `a year, achieved`, `in total over 10 years, projected`.
pub fn describe_key(ledger: Ledger, key: TotalKey) -> String {
    format!(
        "{}, {}",
        period_and_span(key.period, key.years),
        status_label(ledger, key.status)
    )
}

fn period_and_span(period: Period, years: Option<u32>) -> String {
    match (period, years) {
        (Period::Total, Some(y)) => {
            format!("in total over {y} year{}", if y == 1 { "" } else { "s" })
        }
        (period, _) => period_label(period).into(),
    }
}

/// Describes one figure for people: `£1.2m a year`, `over £500,000 in total
/// over 10 years`.
pub fn describe(m: &Money) -> String {
    let amount = format_pounds(m.pence);
    let amount = if m.at_least {
        format!("over {amount}")
    } else {
        amount
    };
    format!("{amount} {}", period_and_span(m.period, m.years))
}

/// The figure to headline a case study with: the one marked `headline:
/// true`, else by the rule the README states: the arrangement's own figures
/// that still stand before partners' shares, achieved before projected,
/// recurring annual before totals before one-off and first-year figures,
/// then the larger. Never a breakdown part or a superseded projection.
pub fn headline(savings: &[Money]) -> Option<&Money> {
    if let Some(chosen) = savings.iter().find(|m| m.headline) {
        return Some(chosen);
    }
    let period_rank = |p: Period| match p {
        Period::Annual => 3,
        Period::Total => 2,
        Period::OneOff => 1,
        Period::FirstYear => 0,
    };
    savings
        .iter()
        .filter(|m| m.share() != Share::Breakdown && m.superseded.is_none())
        .max_by_key(|m| {
            (
                m.is_combined(),
                m.status == Status::Achieved,
                period_rank(m.period),
                m.pence,
            )
        })
}

/// A headline figure in words, the same on cards and in search results:
/// `£500,000 a year achieved`, with whose share it is, or, in a case study
/// of several functions, which of them it is about (`label` names them).
pub fn headline_words<'a>(
    h: &'a Money,
    functions: &'a [Slug],
    label: impl Fn(&'a str) -> &'a str,
) -> String {
    let mut words = format!(
        "{} {}",
        describe(h),
        status_label(Ledger::Savings, h.status)
    );
    if let Some(p) = &h.partner {
        words.push_str(&format!(" ({p}'s share)"));
    }
    let scope = h.scope(functions);
    if functions.len() > 1 && !scope.is_empty() {
        let labels: Vec<&str> = scope.iter().map(|f| label(f)).collect();
        words.push_str(&format!(" (about {})", labels.join(", ").to_lowercase()));
    }
    words
}

/// The largest annual saving achieved that totals would add: what "sort by
/// saving" compares, like with like.
pub fn annual_achieved(savings: &[Money]) -> Option<&Money> {
    largest_annual(savings, Status::Achieved)
}

/// The largest annual saving of a status that totals would add (never a
/// share, a breakdown part or a superseded projection): what the search
/// page's "annual saving at least" filter compares.
pub fn largest_annual(savings: &[Money], status: Status) -> Option<&Money> {
    savings
        .iter()
        .filter(|m| {
            not_added_because(m).is_none() && m.period == Period::Annual && m.status == status
        })
        .max_by_key(|m| m.pence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::money::Pence;
    use Period::{Annual, OneOff, Total};
    use Status::{Achieved, Projected};

    fn money(pounds: u64, period: Period, status: Status) -> Money {
        Money {
            pence: Pence::new(pounds * 100),
            period,
            years: None,
            status,
            partner: None,
            breakdown: false,
            functions: Vec::new(),
            at_least: false,
            superseded: None,
            about: None,
            quote: None,
            note: None,
            headline: false,
        }
    }

    fn case_study(functions: &[&'static str], savings: Vec<Money>) -> Arc<CaseStudy> {
        use crate::content::case_study::FrontMatter;
        let matter = FrontMatter {
            title: "T".into(),
            summary: "S".into(),
            date: crate::content::date::Date::parse_full("2011-03-01").expect("a date"),
            started: None,
            status: None,
            model: Slug::known("joint-working"),
            functions: functions.iter().map(|&f| Slug::known(f)).collect(),
            partners: Vec::new(),
            savings,
            costs: Vec::new(),
            lessons: Vec::new(),
            contacts: Vec::new(),
            sources: Vec::new(),
            tags: Vec::new(),
            slug: None,
            draft: false,
            tier: "full".into(),
        };
        Arc::new(CaseStudy {
            file: "t.md".into(),
            slug: crate::content::Slug::known("t"),
            matter: Arc::new(matter),
            body: crate::content::body::Body {
                source: Arc::from(""),
                offset: 0,
            },
        })
    }

    fn key(period: Period, status: Status, years: Option<u32>) -> TotalKey {
        TotalKey {
            period,
            status,
            years,
        }
    }

    fn pounds(t: Option<&super::Total>) -> Option<u128> {
        t.map(|t| t.pence / 100)
    }

    #[test]
    fn shares_parts_superseded_and_spanless_totals_are_never_added() {
        let mut share = money(60, Annual, Achieved);
        share.partner = Some("A Council".into());
        let mut part = money(70, Annual, Achieved);
        part.breakdown = true;
        let mut superseded = money(500, Annual, Projected);
        superseded.superseded = Some("the outturn was more".into());
        let spanless = money(900, Total, Achieved);
        let cs = vec![case_study(
            &["waste"],
            vec![
                money(100, Annual, Achieved),
                share,
                part,
                superseded,
                spanless,
            ],
        )];
        let t = add_up(&cs, CaseStudyId::all(1), Scope::All);
        assert_eq!(
            pounds(t.get(Ledger::Savings, key(Annual, Achieved, None))),
            Some(100)
        );
        assert_eq!(t.savings.len(), 1, "{t:?}");
    }

    #[test]
    fn totals_of_different_spans_and_statuses_stay_apart_and_lower_bounds_say_at_least() {
        let mut ten = money(1000, Total, Projected);
        ten.years = Some(10);
        let mut four = money(400, Total, Projected);
        four.years = Some(4);
        let mut over = money(500, Annual, Achieved);
        over.at_least = true;
        let cs = vec![
            case_study(&["waste"], vec![ten, four, over]),
            case_study(
                &["waste"],
                vec![money(20, Annual, Achieved), money(7, OneOff, Achieved)],
            ),
        ];
        let t = add_up(&cs, CaseStudyId::all(2), Scope::All);
        assert_eq!(
            pounds(t.get(Ledger::Savings, key(Total, Projected, Some(10)))),
            Some(1000)
        );
        assert_eq!(
            pounds(t.get(Ledger::Savings, key(Total, Projected, Some(4)))),
            Some(400)
        );
        let annual = t.annual_achieved().expect("an annual total");
        assert_eq!(
            (annual.pence / 100, annual.at_least, annual.figures.len()),
            (520, true, 2)
        );
        assert_eq!(
            pounds(t.get(Ledger::Savings, key(OneOff, Achieved, None))),
            Some(7)
        );
    }

    #[test]
    fn a_function_total_adds_only_figures_about_that_function_alone() {
        let mut waste = money(100, Annual, Achieved);
        waste.functions = vec![Slug::known("waste")];
        let mut both = money(40, Annual, Achieved);
        both.functions = vec![Slug::known("waste"), Slug::known("ict")];
        let arrangement = money(1000, Annual, Achieved);
        let cs = vec![
            case_study(&["waste", "ict"], vec![waste, both, arrangement]),
            case_study(&["ict"], vec![money(5, Annual, Achieved)]),
        ];
        let ids = || CaseStudyId::all(2);
        let of = |slug| add_up(&cs, ids(), Scope::Function(slug));
        assert_eq!(pounds(of("waste").annual_achieved()), Some(100));
        // The one-function case study's figure is about its function.
        assert_eq!(pounds(of("ict").annual_achieved()), Some(5));
        let all = add_up(&cs, ids(), Scope::All);
        assert_eq!(pounds(all.annual_achieved()), Some(1145));
    }

    #[test]
    fn sums_are_wide_enough_never_to_wrap() {
        let ceiling = Pence::CEILING.get() / 100;
        let cs: Vec<Arc<CaseStudy>> = (0..3)
            .map(|_| case_study(&["waste"], vec![money(ceiling, Annual, Achieved); 100]))
            .collect();
        let t = add_up(&cs, CaseStudyId::all(3), Scope::All);
        assert_eq!(pounds(t.annual_achieved()), Some(300 * u128::from(ceiling)));
    }

    #[test]
    fn the_headline_is_chosen_by_the_stated_rule_or_by_the_editor() {
        let mut share = money(5000, Annual, Achieved);
        share.partner = Some("A".into());
        let mut superseded = money(9000, Annual, Achieved);
        superseded.superseded = Some("later".into());
        let items = vec![
            money(900, OneOff, Achieved),
            money(100, Annual, Projected),
            money(50, Annual, Achieved),
            share,
            superseded,
        ];
        assert_eq!(headline(&items).map(|m| m.pence.pounds()), Some(50));
        let mut chosen = items.clone();
        chosen[1].headline = true;
        assert_eq!(headline(&chosen).map(|m| m.pence.pounds()), Some(100));
        assert_eq!(annual_achieved(&items).map(|m| m.pence.pounds()), Some(50));
    }
}
