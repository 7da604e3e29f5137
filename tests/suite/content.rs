//! Tests of the bundled content (`content/`) against its source, the 2011
//! guide "Shared services and management: a guide for councils" (Local
//! Government Group).
//!
//! The expected facts below are written from the guide, not copied from the
//! content files, so that a careless edit of a case study (a figure moved to
//! the wrong period, a partner renamed, a component left to be added into the
//! totals twice) breaks a test. Where the guide is ambiguous the reading chosen
//! is explained beside the figure.
//!
//! Amounts are written in pounds here and compared in pence.
//!
//! The checks go entry by entry, never by counts over the whole folder: an
//! editor adding a case study of their own to `content/case-studies/` must
//! break none of them. `bundled_checks_hold_with_an_extra_case_study` runs
//! them all on a copy of the content with one more entry to prove it.

use crate::support::bundled_site::BundledSite;
use crate::support::common::read;
use crate::support::html::{self, Page};
use crate::support::temp::TempDir;
use compendium::content::CaseStudy;
use compendium::content::Slug;
use compendium::content::case_study::Money;
use compendium::content::money::Period;
use compendium::model::{CaseStudyId, Site};
use compendium::pipeline::{Options, load_site};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Loading the bundled content and building it once

thread_local! {
    /// While `bundled_checks_hold_with_an_extra_case_study` runs the checks
    /// on its copy: the copy's root and its build. Per thread, so the other
    /// tests, running at the same time, keep reading the bundled content.
    static COPY: RefCell<Option<(PathBuf, PathBuf)>> = const { RefCell::new(None) };
}

/// The folder holding `content/`: the repository, or the copy under test.
fn content_root() -> PathBuf {
    COPY.with(|c| c.borrow().as_ref().map(|(root, _)| root.clone()))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn site() -> Site {
    let opts = Options {
        root: content_root(),
        include_drafts: false,
        base_url: None,
    };
    match load_site(&opts) {
        Ok((site, _warnings)) => site,
        Err(diags) => panic!(
            "the bundled content does not load:\n{}",
            diags
                .iter()
                .map(|d| format!("{}: [{}] {}", d.origin, d.code, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn case_study<'a>(site: &'a Site, slug: &str) -> (usize, &'a CaseStudy) {
    site.all_case_studies()
        .iter()
        .enumerate()
        .find(|(_, c)| c.slug == slug)
        .map(|(i, c)| (i, &**c))
        .unwrap_or_else(|| panic!("no case study with slug `{slug}`"))
}

/// The built site of `content_root()`: the run's shared build of the
/// bundled site, or the copy's.
fn built_site() -> PathBuf {
    COPY.with(|c| c.borrow().as_ref().map(|(_, out)| out.clone()))
        .unwrap_or_else(|| BundledSite::shared().out.clone())
}

fn read_built(rel: &str) -> String {
    let path = built_site().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// `£1,234,567`, as the site formats whole pounds.
fn gbp(pounds: i64) -> String {
    let digits = pounds.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("£{out}")
}

// ---------------------------------------------------------------------------
// The money figures of Appendix 2 (and of the two examples that give any)

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Saving,
    Cost,
}

/// One figure as the guide gives it: amount, period, span and status, whose
/// it is, and what it is about.
#[derive(Clone, Copy, Debug)]
struct Fig {
    slug: &'static str,
    kind: Kind,
    pounds: i64,
    /// `annual`, `one-off`, `total` or `first-year` (a saving the guide
    /// gives for the first year only, not said to recur).
    period: &'static str,
    years: Option<u32>,
    /// `achieved` or `projected`; a cost may be written `spent` or
    /// `planned`, the same two.
    status: &'static str,
    partner: Option<&'static str>,
    breakdown: bool,
    /// The case study's functions the guide ties the figure to. Empty: not
    /// tied to any, so it is about the one function of a one-function case
    /// study and about the whole arrangement otherwise.
    functions: &'static [&'static str],
    /// A lower bound: the guide says "over", "exceeded", "in excess of".
    at_least: bool,
    /// A projection later overtaken: words the `superseded:` text must give.
    superseded: Option<&'static str>,
    /// The case study's headline figure, over the rule's choice.
    headline: bool,
}

impl Fig {
    const fn partner(mut self, name: &'static str) -> Fig {
        self.partner = Some(name);
        self
    }
    const fn breakdown(mut self) -> Fig {
        self.breakdown = true;
        self
    }
    const fn years(mut self, n: u32) -> Fig {
        self.years = Some(n);
        self
    }
    const fn about(mut self, functions: &'static [&'static str]) -> Fig {
        self.functions = functions;
        self
    }
    const fn at_least(mut self) -> Fig {
        self.at_least = true;
        self
    }
    const fn superseded(mut self, words: &'static str) -> Fig {
        self.superseded = Some(words);
        self
    }
    const fn headline(mut self) -> Fig {
        self.headline = true;
        self
    }
    /// The status word as the product stores it (`spent` is `achieved`).
    fn status_word(&self) -> &'static str {
        match self.status {
            "spent" => "achieved",
            "planned" => "projected",
            s => s,
        }
    }
    /// Whether totals may add it: the arrangement's own figure, still
    /// standing, over a stated span if it is a total.
    fn is_added(&self) -> bool {
        self.partner.is_none()
            && !self.breakdown
            && self.superseded.is_none()
            && !(self.period == "total" && self.years.is_none())
    }
    /// The functions it is about, given its case study's.
    fn scope<S: AsRef<str>>(&self, case_study_functions: &[S]) -> Vec<String> {
        match (self.functions, case_study_functions) {
            ([], [only]) => vec![only.as_ref().to_owned()],
            (named, _) => sorted(&named.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
        }
    }
    fn list<'a>(&self, c: &'a CaseStudy) -> &'a [Money] {
        match self.kind {
            Kind::Saving => &c.matter.savings,
            Kind::Cost => &c.matter.costs,
        }
    }
    fn matches(&self, m: &Money, case_study_functions: &[Slug]) -> bool {
        pence(m) == self.pounds * 100
            && m.period.word() == self.period
            && m.years == self.years
            && m.status.word() == self.status_word()
            && m.partner.as_deref() == self.partner
            && m.breakdown == self.breakdown
            && sorted(&strings(m.scope(case_study_functions))) == self.scope(case_study_functions)
            && m.at_least == self.at_least
            && match (self.superseded, m.superseded.as_deref()) {
                (None, None) => true,
                (Some(words), Some(text)) => text.contains(words),
                _ => false,
            }
            && m.headline == self.headline
    }
}

const fn saving(
    slug: &'static str,
    pounds: i64,
    period: &'static str,
    status: &'static str,
) -> Fig {
    Fig {
        slug,
        kind: Kind::Saving,
        pounds,
        period,
        years: None,
        status,
        partner: None,
        breakdown: false,
        functions: &[],
        at_least: false,
        superseded: None,
        headline: false,
    }
}

const fn cost(slug: &'static str, pounds: i64, period: &'static str, status: &'static str) -> Fig {
    Fig {
        kind: Kind::Cost,
        ..saving(slug, pounds, period, status)
    }
}

const BR: &str = "bromsgrove-redditch";
const ELSH: &str = "east-lindsey-south-holland-compass-point";
const EK: &str = "east-kent-services";
const HDC: &str = "huntingdonshire-shared-call-centre";
const PANNEL: &str = "north-lincolnshire-pannel-procurement";
const SHWD: &str = "south-hams-west-devon";
const SLWP: &str = "south-london-waste-partnership";
const SOVA: &str = "south-oxfordshire-vale-waste";
const WPR: &str = "weymouth-west-dorset-purbeck-revenues-benefits";
const LAML: &str = "london-authorities-mutual";
const SHB: &str = "south-holland-breckland";
const SURREY: &str = "surrey-legal-services";
const CAMBS_NORTHANTS: &str = "cambridgeshire-northamptonshire";

const BROMSGROVE: &str = "Bromsgrove District Council";
const REDDITCH: &str = "Redditch Borough Council";
const EAST_LINDSEY: &str = "East Lindsey District Council";
const SOUTH_HOLLAND: &str = "South Holland District Council";
const NORTH_LINCS: &str = "North Lincolnshire Council";
const NE_LINCS: &str = "North East Lincolnshire Council";
const SOUTH_OXON: &str = "South Oxfordshire District Council";
const VALE: &str = "Vale of White Horse District Council";
const WEYMOUTH: &str = "Weymouth and Portland Borough Council";
const WEST_DORSET: &str = "West Dorset District Council";
const BRECKLAND: &str = "Breckland District Council";

/// Bromsgrove and Redditch's shared chief executive and management team.
const BR_MANAGEMENT: &[&str] = &["senior-management"];
/// "In the first 18 months the following services have been shared between
/// the two councils: electoral services, community safety, payroll,
/// procurement, climate change officer, CCTV and Lifeline services,
/// information and communications technology." (The regulatory services
/// Bromsgrove leads county-wide, and the property and internal audit
/// services transferred to the county, are not shared "between the two".)
const BR_SHARED_SERVICES: &[&str] = &[
    "electoral-services",
    "community-safety",
    "payroll",
    "procurement",
    "sustainability",
    "cctv",
    "ict",
];
/// South and Vale's "joint waste collection and recycling contract".
const WASTE: &[&str] = &["waste"];
/// "more joint services, including legal and democratic; economy, leisure
/// and property; planning; commercial; corporate strategy; human
/// resources, ICT and customer services; and housing and health":
/// "commercial", "corporate strategy" and "health" have no function.
const SOVA_FURTHER_SERVICES: &[&str] = &[
    "legal",
    "democratic-services",
    "economic-development",
    "leisure-culture",
    "property",
    "planning",
    "hr",
    "ict",
    "customer-services",
    "housing",
];

/// Every money figure of the nine full case studies, as the guide gives it.
const APPENDIX_2: &[Fig] = &[
    // Case study 1: Bromsgrove and Redditch.
    // "This resulted in an overall reduction of nine posts from the previous
    // separate management teams, saving over £500,000 per annum": the
    // management team's, and a lower bound.
    saving(BR, 500_000, "annual", "achieved")
        .about(BR_MANAGEMENT)
        .at_least(),
    // "There have been savings of £250,000 to each council through sharing a
    // chief executive and management team. This is net of the costs of £1
    // million": per council, and (being net of one-off costs) savings to
    // date, not a yearly figure; the two shares are added up as the combined
    // figure. No span: never added to another total.
    saving(BR, 500_000, "total", "achieved").about(BR_MANAGEMENT),
    saving(BR, 250_000, "total", "achieved")
        .partner(BROMSGROVE)
        .about(BR_MANAGEMENT),
    saving(BR, 250_000, "total", "achieved")
        .partner(REDDITCH)
        .about(BR_MANAGEMENT),
    // "The shared services will have resulted in savings of over £500,000
    // between the two councils in the period up to March 2011": the
    // services shared between the two, a lower bound.
    saving(BR, 500_000, "total", "projected")
        .about(BR_SHARED_SERVICES)
        .at_least(),
    // "the costs of £1 million in creating the single management team which
    // was made up of redundancies and equalisation of pay and conditions"
    cost(BR, 1_000_000, "one-off", "spent").about(BR_MANAGEMENT),
    // "In addition there were costs of £100,000 to upgrade and make
    // compatible the IT systems, shared between the two councils."
    cost(BR, 100_000, "one-off", "spent").about(&["ict"]),
    // "it would cost each council £400,000 to unravel the existing system
    // and employ separate chief executives and directors": an estimate, per
    // council, never added into totals.
    cost(BR, 400_000, "one-off", "projected")
        .partner(BROMSGROVE)
        .about(BR_MANAGEMENT),
    cost(BR, 400_000, "one-off", "projected")
        .partner(REDDITCH)
        .about(BR_MANAGEMENT),
    // Case study 2: East Lindsey and South Holland, five services together.
    // "Over the next 10 years from 2011/12 the two councils expect to save
    // just over £30.7 million": about the whole arrangement, a lower bound.
    saving(ELSH, 30_700_000, "total", "projected")
        .years(10)
        .at_least(),
    // "Over the ten-year period, the savings for East Lindsey will be around
    // £19.4 million and for South Holland approximately £11.4 million."
    saving(ELSH, 19_400_000, "total", "projected")
        .years(10)
        .partner(EAST_LINDSEY),
    saving(ELSH, 11_400_000, "total", "projected")
        .years(10)
        .partner(SOUTH_HOLLAND),
    // "a transition fund of £4.65 million to cover the cost of process
    // change, ICT (in areas such as revenues and benefits) and
    // restructuring"; "South Holland's contribution is 37 per cent and East
    // Lindsey 63 per cent."
    cost(ELSH, 4_650_000, "one-off", "achieved"),
    cost(ELSH, 2_929_500, "one-off", "achieved").partner(EAST_LINDSEY),
    cost(ELSH, 1_720_500, "one-off", "achieved").partner(SOUTH_HOLLAND),
    // Case study 3: East Kent gives percentages only (10 per cent savings).
    // Case study 4: Huntingdonshire. "Reductions in HDC's staff posts from
    // the existing switchboard and operations division generated £71k of
    // savings in the first year of implementation": the first year only,
    // from call-handling posts (not the shared ICT). The only figure given
    // for the arrangement.
    saving(HDC, 71_000, "first-year", "achieved").about(&["customer-services"]),
    // Case study 5: PANNEL (procurement only). "Since introducing the joint
    // team, savings across both councils have exceeded £1.5 million": the
    // one combined total, a lower bound; the table's whole life TOTALS and
    // the e-auction are parts of it.
    saving(PANNEL, 1_500_000, "total", "achieved").at_least(),
    // "an e-auction for IT equipment which has led to savings in excess of
    // £250,000 for both"
    saving(PANNEL, 250_000, "total", "achieved")
        .breakdown()
        .at_least(),
    // "Some of the largest savings that PANNEL has achieved since its
    // introduction are shown in the following table": its TOTALS row.
    saving(PANNEL, 443_350, "annual", "achieved"),
    saving(PANNEL, 217_226, "annual", "achieved").partner(NORTH_LINCS),
    saving(PANNEL, 226_124, "annual", "achieved").partner(NE_LINCS),
    saving(PANNEL, 1_497_888, "total", "achieved").breakdown(),
    saving(PANNEL, 756_847, "total", "achieved").partner(NORTH_LINCS),
    saving(PANNEL, 741_041, "total", "achieved").partner(NE_LINCS),
    // The table's rows: annual and whole life savings of each contract.
    saving(PANNEL, 74_000, "annual", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 222_000, "total", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 81_800, "annual", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 245_400, "total", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 83_794, "annual", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 335_176, "total", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 48_882, "annual", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 195_528, "total", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 15_057, "annual", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 45_171, "total", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 51_414, "annual", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 154_244, "total", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 23_000, "annual", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 69_000, "total", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 30_243, "annual", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 90_729, "total", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 21_375, "annual", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 85_500, "total", "achieved")
        .partner(NORTH_LINCS)
        .breakdown(),
    saving(PANNEL, 13_785, "annual", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    saving(PANNEL, 55_140, "total", "achieved")
        .partner(NE_LINCS)
        .breakdown(),
    // "Initial investment of about £20,000 was provided by Yorkshire and
    // Humberside Improvement and Efficiency Partnership and matched with
    // local funds" (the £100m and £110m procurement spends are context, not
    // costs of sharing).
    cost(PANNEL, 20_000, "one-off", "spent"),
    // Case study 6: South Hams and West Devon. "In its first year of
    // operation the shared service delivered savings of around £0.35
    // million": the shared revenues and benefits service's, the first year
    // only.
    saving(SHWD, 350_000, "first-year", "achieved").about(&["revenues-benefits"]),
    // "Sharing a revenues and benefits service ... There was an investment
    // cost of around £300,000"
    cost(SHWD, 300_000, "one-off", "spent").about(&["revenues-benefits"]),
    // Case study 7: South London Waste Partnership. "made savings of £3.5
    // million (gross) through joint procurement" of waste contracts (not
    // the joint waste planning document). No span.
    saving(SLWP, 3_500_000, "total", "achieved").about(&["waste", "procurement"]),
    // Case study 8: South Oxfordshire and Vale, "shared waste management
    // services". "Both councils have estimated their total savings for
    // 2011/12, as compared with 2008/09, as follows": the table's Total row
    // is the one combined figure, about waste; its rows (and the "£710,000
    // in 2011/12" that rounds the recycling credit row) are parts of it. It
    // is the headline: the rule would pick the larger £3.5 million below,
    // which is not about the waste arrangement the case study is about.
    saving(SOVA, 1_374_930, "annual", "projected")
        .about(WASTE)
        .headline(),
    saving(SOVA, 624_420, "annual", "projected")
        .partner(SOUTH_OXON)
        .about(WASTE),
    saving(SOVA, 750_510, "annual", "projected")
        .partner(VALE)
        .about(WASTE),
    saving(SOVA, 680_400, "annual", "projected")
        .breakdown()
        .about(WASTE),
    saving(SOVA, 145_260, "annual", "projected")
        .partner(SOUTH_OXON)
        .breakdown()
        .about(WASTE),
    saving(SOVA, 535_140, "annual", "projected")
        .partner(VALE)
        .breakdown()
        .about(WASTE),
    saving(SOVA, 710_420, "annual", "projected")
        .breakdown()
        .about(WASTE),
    saving(SOVA, 478_660, "annual", "projected")
        .partner(SOUTH_OXON)
        .breakdown()
        .about(WASTE),
    saving(SOVA, 231_760, "annual", "projected")
        .partner(VALE)
        .breakdown()
        .about(WASTE),
    saving(SOVA, 135_110, "annual", "projected")
        .breakdown()
        .about(WASTE),
    saving(SOVA, 77_500, "annual", "projected")
        .partner(SOUTH_OXON)
        .breakdown()
        .about(WASTE),
    saving(SOVA, 57_610, "annual", "projected")
        .partner(VALE)
        .breakdown()
        .about(WASTE),
    // "The total additional recycling credit generated for both councils
    // will be £710,000 in 2011/12."
    saving(SOVA, 710_000, "annual", "projected")
        .breakdown()
        .about(WASTE),
    // "In the first year of the new waste collection arrangements ... South
    // generated an extra £400,000 in recycling credits": South's, the first
    // year only.
    saving(SOVA, 400_000, "first-year", "achieved")
        .partner(SOUTH_OXON)
        .about(WASTE),
    // The further joint services, not the waste contract: "The new shared
    // arrangements are planned for completion in March 2011, and total
    // savings for both councils have been estimated at £3.5 million
    // annually." About the services the guide names, never waste.
    saving(SOVA, 3_500_000, "annual", "projected").about(SOVA_FURTHER_SERVICES),
    // "TUPE and harmonisation costs": a row of the table, netted off in its
    // Total row.
    cost(SOVA, 151_000, "annual", "projected")
        .breakdown()
        .about(WASTE),
    cost(SOVA, 77_000, "annual", "projected")
        .partner(SOUTH_OXON)
        .breakdown()
        .about(WASTE),
    cost(SOVA, 74_000, "annual", "projected")
        .partner(VALE)
        .breakdown()
        .about(WASTE),
    // "redundancy costs on moving to a single client team (£40,000)"; "new
    // wheelie bins (£4,500,000)"
    cost(SOVA, 40_000, "one-off", "spent").about(WASTE),
    cost(SOVA, 4_500_000, "one-off", "spent").about(WASTE),
    // Case study 9: Weymouth and Portland, West Dorset and Purbeck
    // (revenues and benefits only). "The Revenues and Benefits Partnership
    // projected savings of £558,875 over a four-year period", overtaken:
    // "At August 2010 the savings from establishing the shared approach were
    // calculated in excess of £1 million, substantially more than originally
    // projected."
    saving(WPR, 558_875, "total", "projected")
        .years(4)
        .superseded("substantially more than originally projected"),
    saving(WPR, 1_000_000, "total", "achieved").at_least(),
    // "DWP provided performance standards funding of £309,000 in 2004/05 and
    // 2005/06."
    cost(WPR, 309_000, "total", "spent").years(2),
    // "The original two partners each provided £13,000 and £67,250 in the
    // same two years": each council both amounts, 2 x £80,250 together.
    cost(WPR, 160_500, "total", "spent").years(2),
    cost(WPR, 13_000, "one-off", "spent").partner(WEYMOUTH),
    cost(WPR, 67_250, "one-off", "spent").partner(WEYMOUTH),
    cost(WPR, 13_000, "one-off", "spent").partner(WEST_DORSET),
    cost(WPR, 67_250, "one-off", "spent").partner(WEST_DORSET),
    // "when Purbeck joined in 2009/10 all three invested a further £320,000"
    cost(WPR, 320_000, "one-off", "spent"),
];

/// The figures of the examples: the only two the guide's table and text give.
const EXAMPLE_FIGURES: &[Fig] = &[
    // "The collaborative approach to procuring legal services for councils
    // in Surrey ... is expected to deliver around 10 per cent cashable
    // savings over the 4-year duration of the contract; an estimated £1
    // million": the whole arrangement's.
    saving(SURREY, 1_000_000, "total", "projected").years(4),
    // "Northamptonshire and Cambridgeshire County Councils' joint Enterprise
    // Resource Planning initiative has already delivered £9 million of
    // savings": the whole arrangement's; no span.
    saving(CAMBS_NORTHANTS, 9_000_000, "total", "achieved"),
];

const FULL: [&str; 9] = [BR, ELSH, EK, HDC, PANNEL, SHWD, SLWP, SOVA, WPR];

const EXAMPLES: [&str; 14] = [
    "dorset-procurement",
    "essex-legal-services-partnership",
    "surrey-legal-services",
    "anglia-revenues-partnership",
    "southwest-one",
    "suffolk-customer-service-direct",
    "devon-building-control-partnership",
    "cambridgeshire-northamptonshire",
    "north-east-derbyshire-chesterfield-rykneld-homes",
    "kent-gateway",
    "hammersmith-fulham-kensington-chelsea",
    "sutton-merton",
    "brent-harrow-trading-standards",
    "tameside-pensions-advice",
];

const BRIEF: [&str; 9] = [
    "east-devon-south-somerset",
    "essex-brentwood",
    "essex-slough-libraries",
    "greater-manchester-economic-development",
    "herefordshire-council-health-trusts",
    "mendip-somerset-section-151",
    "tewkesbury-cheltenham",
    LAML,
    SHB,
];

fn all_figures() -> impl Iterator<Item = &'static Fig> {
    APPENDIX_2.iter().chain(EXAMPLE_FIGURES)
}

fn describe(f: &Fig) -> String {
    let words = FigureWords {
        at_least: f.at_least,
        pounds: f.pounds,
        period: f.period.to_owned(),
        years: f.years,
        status: f.status.to_owned(),
        partner: f.partner,
        breakdown: f.breakdown,
        functions: f.functions.iter().map(|s| s.to_string()).collect(),
        superseded: f.superseded.is_some(),
        headline: f.headline,
    };
    format!("{} {:?} {}", f.slug, f.kind, words.describe())
}

/// What a figure says, in one wording for the guide's facts here and for
/// the figures the product read, so that the two can be compared.
struct FigureWords<'a> {
    at_least: bool,
    pounds: i64,
    period: String,
    years: Option<u32>,
    status: String,
    partner: Option<&'a str>,
    breakdown: bool,
    functions: Vec<String>,
    superseded: bool,
    headline: bool,
}

impl FigureWords<'_> {
    fn describe(&self) -> String {
        format!(
            "{}{} {}{} {}{}{}{}{}{}",
            if self.at_least { "over " } else { "" },
            gbp(self.pounds),
            self.period,
            self.years
                .map(|y| format!(" ({y} years)"))
                .unwrap_or_default(),
            self.status,
            self.partner
                .map(|p| format!(", partner {p}"))
                .unwrap_or_default(),
            if self.breakdown { ", breakdown" } else { "" },
            if self.functions.is_empty() {
                String::new()
            } else {
                format!(", about {}", self.functions.join(" "))
            },
            if self.superseded { ", superseded" } else { "" },
            if self.headline { ", headline" } else { "" },
        )
    }
}

/// A figure's amount as a plain number, so that the sums here are computed
/// independently of the product's money types.
fn pence(m: &Money) -> i64 {
    i64::try_from(m.pence.get()).expect("amounts are below the ceiling")
}

fn describe_money(m: &Money) -> String {
    FigureWords {
        at_least: m.at_least,
        pounds: pence(m) / 100,
        period: m.period.to_string(),
        years: m.years,
        status: m.status.to_string(),
        partner: m.partner.as_deref(),
        breakdown: m.breakdown,
        functions: strings(&m.functions),
        superseded: m.superseded.is_some(),
        headline: m.headline,
    }
    .describe()
}

/// Whether totals add a figure, by the rules of the content format, worked
/// out here from the front matter: the arrangement's own figure (no
/// `partner:`, no `breakdown:`), not superseded, and over a stated span if
/// it is a total.
fn is_added(m: &Money) -> bool {
    m.partner.is_none()
        && !m.breakdown
        && m.superseded.is_none()
        && !(m.period == Period::Total && m.years.is_none())
}

// ---------------------------------------------------------------------------
// Facts per case study

struct Facts {
    slug: &'static str,
    tier: &'static str,
    /// `None` where the guide does not say how the arrangement is organised.
    model: Option<&'static str>,
    /// (name, type, region)
    partners: &'static [(&'static str, &'static str, Option<&'static str>)],
    regions: &'static [&'static str],
    functions: &'static [&'static str],
}

const FACTS: &[Facts] = &[
    Facts {
        slug: BR,
        tier: "full",
        model: Some("shared-management"),
        partners: &[
            (BROMSGROVE, "district", Some("west-midlands")),
            (REDDITCH, "district", Some("west-midlands")),
            // Staff transferred to it for countywide property and internal
            // audit services.
            (
                "Worcestershire County Council",
                "county",
                Some("west-midlands"),
            ),
        ],
        regions: &["west-midlands"],
        functions: &[
            "senior-management",
            "electoral-services",
            "community-safety",
            "payroll",
            "procurement",
            "sustainability",
            "cctv",
            "ict",
            "environmental-health",
            "trading-standards",
            "licensing",
            "property",
            "internal-audit",
        ],
    },
    Facts {
        slug: ELSH,
        tier: "full",
        model: Some("company"),
        partners: &[
            (EAST_LINDSEY, "district", Some("east-midlands")),
            (SOUTH_HOLLAND, "district", Some("east-midlands")),
            (
                "Compass Point Business Services (East Coast) Ltd",
                "other",
                Some("east-midlands"),
            ),
        ],
        regions: &["east-midlands"],
        functions: &[
            "customer-services",
            "revenues-benefits",
            "ict",
            "hr",
            "finance",
        ],
    },
    Facts {
        slug: EK,
        tier: "full",
        model: Some("joint-committee"),
        partners: &[
            ("Thanet District Council", "district", Some("south-east")),
            ("Dover District Council", "district", Some("south-east")),
            // The guide's "Canterbury District Council" is Canterbury City
            // Council.
            ("Canterbury City Council", "district", Some("south-east")),
            // Not Shepway: "Three of the East Kent authorities – Canterbury,
            // Dover and Thanet District Councils – have taken the step to
            // take the East Kent Services forward at this stage. Shepway
            // District Council has decided not to participate, but could
            // join at a later time."
        ],
        regions: &["south-east"],
        functions: &[
            "hr",
            "payroll",
            "internal-audit",
            "waste",
            "revenues-benefits",
            "customer-services",
            "ict",
            "building-control",
            "housing",
        ],
    },
    Facts {
        slug: HDC,
        tier: "full",
        model: Some("lead-authority"),
        partners: &[
            (
                "Huntingdonshire District Council",
                "district",
                Some("east-of-england"),
            ),
            (
                "Cambridgeshire County Council",
                "county",
                Some("east-of-england"),
            ),
        ],
        regions: &["east-of-england"],
        functions: &["customer-services", "ict"],
    },
    Facts {
        slug: PANNEL,
        tier: "full",
        model: Some("joint-working"),
        partners: &[
            (NORTH_LINCS, "unitary", Some("yorkshire-humber")),
            (NE_LINCS, "unitary", Some("yorkshire-humber")),
        ],
        regions: &["yorkshire-humber"],
        functions: &["procurement"],
    },
    Facts {
        slug: SHWD,
        tier: "full",
        model: Some("shared-management"),
        partners: &[
            (
                "South Hams District Council",
                "district",
                Some("south-west"),
            ),
            ("West Devon Borough Council", "district", Some("south-west")),
        ],
        regions: &["south-west"],
        functions: &[
            "senior-management",
            "revenues-benefits",
            "hr",
            "environmental-health",
            "legal",
        ],
    },
    Facts {
        slug: SLWP,
        tier: "full",
        model: Some("outsourced-partnership"),
        partners: &[
            ("London Borough of Sutton", "london-borough", Some("london")),
            (
                "London Borough of Croydon",
                "london-borough",
                Some("london"),
            ),
            (
                "Royal Borough of Kingston upon Thames",
                "london-borough",
                Some("london"),
            ),
            ("London Borough of Merton", "london-borough", Some("london")),
        ],
        regions: &["london"],
        functions: &["waste", "procurement", "planning"],
    },
    // Case study 8 covers the whole arrangement, not the waste contract
    // alone: the guide lists it as "South Oxfordshire and Vale of White Horse
    // shared service and management", and it opens "South Oxfordshire
    // (South) and Vale of White Horse (Vale) District Councils have already
    // put in place a shared management structure. This provides the
    // foundation for developing a shared approach to providing most
    // frontline services."
    Facts {
        slug: SOVA,
        tier: "full",
        model: Some("shared-management"),
        partners: &[
            (SOUTH_OXON, "district", Some("south-east")),
            (VALE, "district", Some("south-east")),
            // "The contractor they chose was Verdant"
            ("Verdant", "private", None),
        ],
        regions: &["south-east"],
        functions: &[
            // "a shared management structure"; "The shared strategic
            // director"
            "senior-management",
            // "a shared approach to finance and benefit services in 2006"
            "finance",
            "revenues-benefits",
            // "a joint waste collection and recycling contract"
            "waste",
            // "more joint services, including legal and democratic;
            // economy, leisure and property; planning; commercial; corporate
            // strategy; human resources, ICT and customer services; and
            // housing and health", "planned for completion in March 2011".
            // "commercial" and "corporate strategy" have no function of
            // their own, nor has "health" beside housing, which the guide
            // does not define.
            "legal",
            "democratic-services",
            "economic-development",
            "leisure-culture",
            "property",
            "planning",
            "hr",
            "ict",
            "customer-services",
            "housing",
        ],
    },
    // Not a joint committee: "they established a partnership board with
    // members from both councils, later extended to include Purbeck", and
    // "West Dorset District Council became the employer for the Weymouth and
    // Portland staff" (Purbeck's staff "have remained employed by
    // Purbeck"): West Dorset hosts the service for the founding pair.
    Facts {
        slug: WPR,
        tier: "full",
        model: Some("lead-authority"),
        partners: &[
            (WEYMOUTH, "district", Some("south-west")),
            (WEST_DORSET, "district", Some("south-west")),
            ("Purbeck District Council", "district", Some("south-west")),
        ],
        regions: &["south-west"],
        functions: &["revenues-benefits"],
    },
    // The guide's table of examples.
    Facts {
        slug: "dorset-procurement",
        tier: "example",
        model: Some("lead-authority"),
        partners: &[
            ("Dorset County Council", "county", Some("south-west")),
            ("Other councils in Dorset", "other", Some("south-west")),
        ],
        regions: &["south-west"],
        functions: &["procurement"],
    },
    Facts {
        slug: "essex-legal-services-partnership",
        tier: "example",
        model: None,
        partners: &[(
            "Essex Legal Services Partnership",
            "other",
            Some("east-of-england"),
        )],
        regions: &["east-of-england"],
        functions: &["legal"],
    },
    Facts {
        slug: "surrey-legal-services",
        tier: "example",
        model: Some("outsourced-partnership"),
        partners: &[("Councils in Surrey", "other", Some("south-east"))],
        regions: &["south-east"],
        functions: &["legal", "procurement"],
    },
    Facts {
        slug: "anglia-revenues-partnership",
        tier: "example",
        model: None,
        partners: &[
            // The guide's table misprints "Forest Health".
            (
                "Breckland District Council",
                "district",
                Some("east-of-england"),
            ),
            (
                "Forest Heath District Council",
                "district",
                Some("east-of-england"),
            ),
            (
                "East Cambridgeshire District Council",
                "district",
                Some("east-of-england"),
            ),
        ],
        regions: &["east-of-england"],
        functions: &["revenues-benefits"],
    },
    Facts {
        slug: "southwest-one",
        tier: "example",
        model: Some("joint-venture"),
        partners: &[
            ("Somerset County Council", "county", Some("south-west")),
            (
                "Taunton Deane Borough Council",
                "district",
                Some("south-west"),
            ),
            ("Avon and Somerset Police", "police", Some("south-west")),
            ("IBM", "private", None),
        ],
        regions: &["south-west"],
        functions: &["finance", "ict", "procurement", "property", "hr"],
    },
    Facts {
        slug: "suffolk-customer-service-direct",
        tier: "example",
        model: Some("joint-venture"),
        partners: &[
            ("Suffolk County Council", "county", Some("east-of-england")),
            (
                "Mid Suffolk District Council",
                "district",
                Some("east-of-england"),
            ),
            ("BT", "private", None),
        ],
        regions: &["east-of-england"],
        functions: &["hr", "ict", "customer-services", "social-care"],
    },
    Facts {
        slug: "devon-building-control-partnership",
        tier: "example",
        model: None,
        partners: &[
            (
                "Teignbridge District Council",
                "district",
                Some("south-west"),
            ),
            ("West Devon Borough Council", "district", Some("south-west")),
            (
                "South Hams District Council",
                "district",
                Some("south-west"),
            ),
        ],
        regions: &["south-west"],
        functions: &["building-control", "ict"],
    },
    Facts {
        slug: "cambridgeshire-northamptonshire",
        tier: "example",
        model: None,
        partners: &[
            (
                "Cambridgeshire County Council",
                "county",
                Some("east-of-england"),
            ),
            (
                "Northamptonshire County Council",
                "county",
                Some("east-midlands"),
            ),
            ("Fujitsu", "private", None),
        ],
        regions: &["east-midlands", "east-of-england"],
        functions: &["finance", "hr", "procurement", "ict"],
    },
    Facts {
        slug: "north-east-derbyshire-chesterfield-rykneld-homes",
        tier: "example",
        model: Some("lead-authority"),
        partners: &[
            (
                "North East Derbyshire District Council",
                "district",
                Some("east-midlands"),
            ),
            (
                "Chesterfield Borough Council",
                "district",
                Some("east-midlands"),
            ),
            ("Rykneld Homes Ltd", "other", Some("east-midlands")),
        ],
        regions: &["east-midlands"],
        functions: &["customer-services"],
    },
    Facts {
        slug: "kent-gateway",
        tier: "example",
        model: None,
        partners: &[
            ("Kent County Council", "county", Some("south-east")),
            ("Kent district councils", "other", Some("south-east")),
            ("NHS in Kent", "health", Some("south-east")),
            ("Voluntary sector in Kent", "voluntary", Some("south-east")),
        ],
        regions: &["south-east"],
        functions: &["customer-services", "ict"],
    },
    Facts {
        slug: "hammersmith-fulham-kensington-chelsea",
        tier: "example",
        model: Some("shared-management"),
        partners: &[
            (
                "London Borough of Hammersmith & Fulham",
                "london-borough",
                Some("london"),
            ),
            (
                "Royal Borough of Kensington and Chelsea",
                "london-borough",
                Some("london"),
            ),
        ],
        regions: &["london"],
        // "two posts shared by two councils: Assistant Director, Highways
        // and Assistant Director, Legal Services": senior posts, so filed
        // under senior management as well as the posts' services.
        functions: &["senior-management", "transport", "legal"],
    },
    Facts {
        slug: "sutton-merton",
        tier: "example",
        model: Some("shared-management"),
        partners: &[
            ("London Borough of Sutton", "london-borough", Some("london")),
            ("London Borough of Merton", "london-borough", Some("london")),
        ],
        regions: &["london"],
        // "the combining of the Head of HR posts, as well as the integration
        // of both boroughs' HR teams into a shared entity": a shared senior
        // post and a shared service.
        functions: &["senior-management", "hr"],
    },
    Facts {
        slug: "brent-harrow-trading-standards",
        tier: "example",
        model: Some("joint-committee"),
        partners: &[
            ("London Borough of Brent", "london-borough", Some("london")),
            ("London Borough of Harrow", "london-borough", Some("london")),
        ],
        regions: &["london"],
        functions: &["trading-standards"],
    },
    Facts {
        slug: "tameside-pensions-advice",
        tier: "example",
        model: Some("joint-working"),
        partners: &[
            (
                "Tameside Metropolitan Borough Council",
                "metropolitan",
                Some("north-west"),
            ),
            ("Pension Service", "central-government", Some("north-west")),
        ],
        regions: &["north-west"],
        functions: &["pensions"],
    },
    // Arrangements the guide mentions in passing.
    Facts {
        slug: "east-devon-south-somerset",
        tier: "brief",
        model: Some("shared-management"),
        partners: &[
            (
                "East Devon District Council",
                "district",
                Some("south-west"),
            ),
            (
                "South Somerset District Council",
                "district",
                Some("south-west"),
            ),
        ],
        regions: &["south-west"],
        functions: &["senior-management"],
    },
    Facts {
        slug: "essex-brentwood",
        tier: "brief",
        model: Some("shared-management"),
        partners: &[
            ("Essex County Council", "county", Some("east-of-england")),
            (
                "Brentwood Borough Council",
                "district",
                Some("east-of-england"),
            ),
        ],
        regions: &["east-of-england"],
        functions: &["senior-management"],
    },
    Facts {
        slug: "essex-slough-libraries",
        tier: "brief",
        model: None,
        partners: &[
            ("Essex County Council", "county", Some("east-of-england")),
            ("Slough Borough Council", "unitary", Some("south-east")),
        ],
        regions: &["east-of-england", "south-east"],
        functions: &["libraries"],
    },
    Facts {
        slug: "greater-manchester-economic-development",
        tier: "brief",
        model: None,
        partners: &[(
            "Councils in Greater Manchester",
            "other",
            Some("north-west"),
        )],
        regions: &["north-west"],
        functions: &["economic-development"],
    },
    Facts {
        slug: "herefordshire-council-health-trusts",
        tier: "brief",
        model: None,
        partners: &[
            ("Herefordshire Council", "unitary", Some("west-midlands")),
            (
                "Health trusts in Herefordshire",
                "health",
                Some("west-midlands"),
            ),
        ],
        regions: &["west-midlands"],
        functions: &["senior-management"],
    },
    Facts {
        slug: "mendip-somerset-section-151",
        tier: "brief",
        model: Some("shared-management"),
        partners: &[
            ("Mendip District Council", "district", Some("south-west")),
            ("Somerset County Council", "county", Some("south-west")),
        ],
        regions: &["south-west"],
        functions: &["finance", "senior-management"],
    },
    Facts {
        slug: "tewkesbury-cheltenham",
        tier: "brief",
        // "Principal partner-led": each council provides one service for the
        // other.
        model: Some("lead-authority"),
        partners: &[
            ("Tewkesbury Borough Council", "district", Some("south-west")),
            ("Cheltenham Borough Council", "district", Some("south-west")),
        ],
        regions: &["south-west"],
        functions: &["legal", "building-control"],
    },
    // "contracts entered into by a group of London councils with London
    // Authorities Mutual Limited (LAML), a mutual insurance company
    // established jointly by them": the guide names none of the councils.
    Facts {
        slug: LAML,
        tier: "brief",
        // "jointly-owned consortia"; "the councils had collective control
        // over the strategic objectives and significant decisions made by
        // LAML"
        model: Some("company"),
        partners: &[
            ("London Authorities Mutual Limited", "other", Some("london")),
            ("Councils in London", "other", Some("london")),
        ],
        regions: &["london"],
        // Insurance has no function of its own; it is filed under finance.
        functions: &["finance"],
    },
    // "Terry Huggins, Chief Executive, South Holland District Council and
    // Breckland District Council" (the contact of case study 2).
    Facts {
        slug: SHB,
        tier: "brief",
        model: Some("shared-management"),
        partners: &[
            (SOUTH_HOLLAND, "district", Some("east-midlands")),
            (BRECKLAND, "district", Some("east-of-england")),
        ],
        regions: &["east-midlands", "east-of-england"],
        functions: &["senior-management"],
    },
];

fn sorted<T: Ord + Clone>(items: &[T]) -> Vec<T> {
    let mut v = items.to_vec();
    v.sort();
    v
}

// ---------------------------------------------------------------------------
// The tests

fn bundled_content_loads_without_errors_or_warnings() {
    let opts = Options {
        root: content_root(),
        include_drafts: false,
        base_url: None,
    };
    let (_, warnings) = load_site(&opts).unwrap_or_else(|diags| {
        panic!(
            "errors: {:?}",
            diags.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    let messages: Vec<String> = warnings
        .iter()
        .map(|d| format!("{}: [{}] {}", d.origin, d.code, d.message))
        .collect();
    assert!(messages.is_empty(), "warnings:\n{}", messages.join("\n"));
}

fn the_three_tiers_are_all_there() {
    let site = site();
    let tier_of = |tier: &str| -> BTreeSet<String> {
        site.all_case_studies()
            .iter()
            .filter(|c| c.matter.tier == tier)
            .map(|c| c.slug.to_string())
            .collect()
    };
    let set =
        |slugs: &[&str]| -> BTreeSet<String> { slugs.iter().map(|s| s.to_string()).collect() };
    // Each entry of the guide with its tier; an editor's own entries may
    // come on top, in any tier.
    for (tier, slugs, what) in [
        ("full", &FULL[..], "the nine case studies of Appendix 2"),
        (
            "example",
            &EXAMPLES[..],
            "the fourteen examples of the table",
        ),
        ("brief", &BRIEF[..], "the brief entries"),
    ] {
        let missing: Vec<String> = set(slugs).difference(&tier_of(tier)).cloned().collect();
        assert!(missing.is_empty(), "{what}: not {tier}: {missing:?}");
    }
    // The three lists of the guide do not overlap, and each has facts.
    let all: Vec<&str> = FULL
        .iter()
        .chain(&EXAMPLES)
        .chain(&BRIEF)
        .copied()
        .collect();
    assert_eq!(set(&all).len(), all.len(), "an entry is in one tier only");
    for slug in &all {
        assert!(
            FACTS.iter().any(|f| f.slug == *slug),
            "{slug}: no facts below"
        );
    }
}

fn partners_functions_regions_and_models_follow_the_guide() {
    let site = site();

    for f in FACTS {
        let (i, c) = case_study(&site, f.slug);
        let m = &c.matter;
        assert_eq!(m.tier, f.tier, "{}: tier", f.slug);
        if let Some(model) = f.model {
            assert_eq!(m.model, model, "{}: model", f.slug);
        }
        let got: Vec<(String, String, Option<String>)> = sorted(
            &m.partners
                .iter()
                .map(|p| {
                    let region = p.region.as_ref().map(Slug::to_string);
                    (p.name.clone(), p.org_type.to_string(), region)
                })
                .collect::<Vec<_>>(),
        );
        let want: Vec<(String, String, Option<String>)> = sorted(
            &f.partners
                .iter()
                .map(|(n, t, r)| (n.to_string(), t.to_string(), r.map(String::from)))
                .collect::<Vec<_>>(),
        );
        assert_eq!(got, want, "{}: partners (name, type, region)", f.slug);
        assert_eq!(
            site.regions_of(compendium::model::CaseStudyId::new(i)),
            f.regions,
            "{}: regions",
            f.slug
        );
        assert_eq!(
            sorted(&m.functions),
            sorted(
                &f.functions
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
            ),
            "{}: functions",
            f.slug
        );
    }
}

fn lead_partners() {
    let site = site();
    let leads = |slug: &str| -> Vec<String> {
        let (_, c) = case_study(&site, slug);
        c.matter
            .partners
            .iter()
            .filter(|p| p.lead)
            .map(|p| p.name.clone())
            .collect()
    };
    // Thanet hosts the staff of East Kent Services.
    assert_eq!(leads(EK), ["Thanet District Council"]);
    // Bromsgrove leads regulatory services only, not the arrangement: "As
    // part of the Worcestershire enhanced two-tier work programme, Bromsgrove
    // District Council is the lead authority for the county-wide Regulatory
    // services (Environmental health, Trading standards and Licensing)". The
    // shared chief executive and management team serve both councils, with
    // "one member of the shared management team ... designated to champion
    // Bromsgrove district while another champions Redditch".
    assert!(leads(BR).is_empty(), "{BR}: leads {:?}", leads(BR));
    // "West Dorset District Council became the employer for the Weymouth and
    // Portland staff"
    assert_eq!(leads(WPR), [WEST_DORSET]);
    // Huntingdonshire's call centre runs on the county's managed service.
    assert_eq!(leads(HDC), ["Cambridgeshire County Council"]);
    // "a shared procurement service led by Dorset County Council"
    assert_eq!(leads("dorset-procurement"), ["Dorset County Council"]);
    // "North East Derbyshire hosts a shared customer services function"
    assert_eq!(
        leads("north-east-derbyshire-chesterfield-rykneld-homes"),
        ["North East Derbyshire District Council"]
    );
    // PANNEL: each council employs half the staff; neither leads.
    assert!(leads(PANNEL).is_empty());
}

fn every_appendix_2_figure_is_in_the_front_matter_once() {
    let site = site();
    for f in all_figures() {
        let (_, c) = case_study(&site, f.slug);
        let found = f
            .list(c)
            .iter()
            .filter(|m| f.matches(m, &c.matter.functions))
            .count();
        assert_eq!(
            found,
            1,
            "expected exactly one {}; the file has:\n  {}",
            describe(f),
            f.list(c)
                .iter()
                .map(describe_money)
                .collect::<Vec<_>>()
                .join("\n  ")
        );
    }
}

fn case_studies_hold_no_figures_the_guide_does_not_give() {
    // Every saving and cost of every case study is one of the figures above:
    // nothing extra (such as PANNEL's procurement spend, which is no cost of
    // sharing) and nothing counted twice.
    let site = site();
    // The guide's entries only: an editor's own entries have their own figures.
    for c in site
        .all_case_studies()
        .iter()
        .filter(|c| FACTS.iter().any(|f| f.slug == c.slug))
    {
        for (kind, list) in [
            (Kind::Saving, &c.matter.savings),
            (Kind::Cost, &c.matter.costs),
        ] {
            let expected: Vec<&Fig> = all_figures()
                .filter(|f| f.slug == c.slug && f.kind == kind)
                .collect();
            assert_eq!(
                list.len(),
                expected.len(),
                "{} {:?}: the file has {} figures, the guide {}:\n  {}",
                c.slug,
                kind,
                list.len(),
                expected.len(),
                list.iter()
                    .map(describe_money)
                    .collect::<Vec<_>>()
                    .join("\n  ")
            );
            for m in list {
                assert!(
                    expected.iter().any(|f| f.matches(m, &c.matter.functions)),
                    "{} {:?}: {} is not a figure of the guide",
                    c.slug,
                    kind,
                    describe_money(m)
                );
            }
        }
    }
}

fn only_one_combined_figure_per_thing_is_added_up() {
    // The figures that totals add, per full case study, written out: a
    // component, a restatement, a partner's share, a superseded projection
    // or a total over no stated span among them would be counted twice or
    // added to what it cannot be added to.
    type Added = (Kind, i64, &'static str, Option<u32>, &'static str);
    let expected: &[(&str, &[Added])] = &[
        (
            BR,
            &[
                // The £500,000 totals "to each council" and "up to March
                // 2011" give no span.
                (Kind::Saving, 500_000, "annual", None, "achieved"),
                (Kind::Cost, 1_000_000, "one-off", None, "achieved"),
                (Kind::Cost, 100_000, "one-off", None, "achieved"),
            ],
        ),
        (
            ELSH,
            &[
                (Kind::Saving, 30_700_000, "total", Some(10), "projected"),
                (Kind::Cost, 4_650_000, "one-off", None, "achieved"),
            ],
        ),
        (EK, &[]),
        (
            HDC,
            &[(Kind::Saving, 71_000, "first-year", None, "achieved")],
        ),
        (
            PANNEL,
            &[
                // "exceeded £1.5 million" gives no span.
                (Kind::Saving, 443_350, "annual", None, "achieved"),
                (Kind::Cost, 20_000, "one-off", None, "achieved"),
            ],
        ),
        (
            SHWD,
            &[
                (Kind::Saving, 350_000, "first-year", None, "achieved"),
                (Kind::Cost, 300_000, "one-off", None, "achieved"),
            ],
        ),
        // "£3.5 million (gross)" since 2006 gives no span.
        (SLWP, &[]),
        (
            SOVA,
            &[
                (Kind::Saving, 1_374_930, "annual", None, "projected"),
                (Kind::Saving, 3_500_000, "annual", None, "projected"),
                (Kind::Cost, 40_000, "one-off", None, "achieved"),
                (Kind::Cost, 4_500_000, "one-off", None, "achieved"),
            ],
        ),
        (
            WPR,
            &[
                // The £558,875 projection is superseded; "in excess of £1
                // million" at August 2010 gives no span.
                (Kind::Cost, 309_000, "total", Some(2), "achieved"),
                (Kind::Cost, 160_500, "total", Some(2), "achieved"),
                (Kind::Cost, 320_000, "one-off", None, "achieved"),
            ],
        ),
    ];
    let site = site();
    for (slug, want) in expected {
        let (_, c) = case_study(&site, slug);
        let mut got: Vec<(Kind, i64, String, Option<u32>, String)> = Vec::new();
        for (kind, list) in [
            (Kind::Saving, &c.matter.savings),
            (Kind::Cost, &c.matter.costs),
        ] {
            for m in list.iter().filter(|m| is_added(m)) {
                got.push((
                    kind,
                    pence(m) / 100,
                    m.period.to_string(),
                    m.years,
                    m.status.to_string(),
                ));
            }
        }
        let want: Vec<(Kind, i64, String, Option<u32>, String)> = want
            .iter()
            .map(|(k, p, per, y, st)| (*k, *p, per.to_string(), *y, st.to_string()))
            .collect();
        assert_eq!(
            sorted(&got),
            sorted(&want),
            "{slug}: the figures added into totals"
        );
        // And the table above agrees with the figure list.
        let from_list: Vec<(Kind, i64, String, Option<u32>, String)> = APPENDIX_2
            .iter()
            .filter(|f| f.slug == *slug && f.is_added())
            .map(|f| {
                (
                    f.kind,
                    f.pounds,
                    f.period.to_string(),
                    f.years,
                    f.status_word().to_string(),
                )
            })
            .collect();
        assert_eq!(sorted(&from_list), sorted(&want), "{slug}: APPENDIX_2");
    }
}

fn pannel_spend_is_context_not_a_cost() {
    let site = site();
    let (id, c) = case_study(&site, PANNEL);
    assert!(
        c.matter.costs.iter().all(|m| pence(m) < 1_000_000 * 100),
        "the councils' procurement spend (£100m, £110m) is not a cost of sharing"
    );
    let text = &site.case_study_body(CaseStudyId::new(id)).text;
    assert!(
        text.contains("£100 million"),
        "North's spend stays in the body"
    );
    assert!(
        text.contains("£110 million"),
        "North East's spend stays in the body"
    );
}

/// A case study's body as plain text, with typographic quotes made
/// straight and runs of white space made one space, so that phrases can be
/// looked for as written here whatever the file's line breaks.
fn body_text(site: &Site, slug: &str) -> String {
    let (id, _) = case_study(site, slug);
    site.case_study_body(CaseStudyId::new(id))
        .text
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_says(site: &Site, slug: &str, phrases: &[&str]) {
    let text = body_text(site, slug);
    for phrase in phrases {
        assert!(
            text.contains(phrase),
            "{slug}: the body does not say {phrase:?}"
        );
    }
}

fn south_and_vale_is_the_whole_shared_arrangement() {
    // The £3.5 million is not a waste figure: "The success of the shared
    // approach to finance and waste service management has encouraged the
    // districts to continue with the development of more joint services
    // ... total savings for both councils have been estimated at £3.5
    // million annually." The entry is therefore the whole arrangement: "a
    // shared management structure", "a shared approach to finance and
    // benefit services in 2006", the waste contract and the further services.
    let site = site();
    let (_, c) = case_study(&site, SOVA);
    let m = &c.matter;
    assert!(
        !m.title.to_lowercase().contains("waste"),
        "{SOVA}: the title is the whole arrangement's, not the waste contract's: {:?}",
        m.title
    );
    for figure in ["£1,374,930", "£3.5 million"] {
        assert!(
            m.summary.contains(figure),
            "{SOVA}: the summary gives {figure}"
        );
    }
    assert_eq!(m.started.map(|d| d.to_string()).as_deref(), Some("2006"));
    let three_and_a_half = m
        .savings
        .iter()
        .find(|s| pence(s) == 3_500_000 * 100)
        .expect("the £3.5 million");
    // About the further services (APPENDIX_2 checks which), never waste,
    // and it says so where the public reads it.
    let scope = three_and_a_half.scope(&m.functions);
    assert!(
        !scope.is_empty() && !scope.iter().any(|f| f == "waste"),
        "{SOVA}: the £3.5 million is about the further services, not waste: {scope:?}"
    );
    let about = three_and_a_half.about.as_deref().unwrap_or_default();
    assert!(
        about.contains("March 2011") && about.contains("not the waste contract"),
        "{SOVA}: the £3.5 million's `about:` says what it covers: {about:?}"
    );
    assert!(
        three_and_a_half
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("estimated at £3.5 million annually")),
        "{SOVA}: the £3.5 million's quote is the guide's"
    );
    assert_says(
        &site,
        SOVA,
        &[
            "shared management structure",
            "shared strategic director",
            "finance and benefit services",
            "Verdant",
            "planned for completion in March 2011",
            "£3.5 million a year",
            "not the waste contract",
        ],
    );
}

fn east_kent_goes_ahead_without_shepway() {
    // "Shepway District Council has decided not to participate, but could
    // join at a later time."
    let site = site();
    let (_, c) = case_study(&site, EK);
    assert!(
        c.matter
            .partners
            .iter()
            .all(|p| !p.name.contains("Shepway")),
        "{EK}: Shepway is not a partner"
    );
    assert!(
        c.matter.summary.contains("Shepway"),
        "{EK}: the summary says Shepway stayed out"
    );
    assert_says(
        &site,
        EK,
        &[
            "Shepway District Council chose not to take",
            "come in later",
        ],
    );
}

fn compass_point_approval_was_sought_not_reported_as_given() {
    // "The councils sought Secretary of State approval to set up a wholly
    // owned and controlled local authority company limited by shares": the
    // guide says the approval was sought, not that it was given.
    let site = site();
    assert_says(
        &site,
        ELSH,
        &["The councils sought the Secretary of State's approval"],
    );
    for c in site
        .all_case_studies()
        .iter()
        .filter(|c| FACTS.iter().any(|f| f.slug == c.slug))
    {
        let text = body_text(&site, &c.slug);
        assert!(
            !text.contains("With the Secretary of State's approval"),
            "{}: the guide gives no approval as granted",
            c.slug
        );
    }
}

fn bromsgrove_leads_regulatory_services_only() {
    // "Bromsgrove District Council is the lead authority for the county-wide
    // Regulatory services (Environmental health, Trading standards and
    // Licensing). In addition staff have been transferred to Worcestershire
    // County Council to provide a countywide property service and internal
    // audit service." No lead flag (checked in `lead_partners`); the body
    // says who leads what.
    let site = site();
    assert_says(
        &site,
        BR,
        &[
            "Bromsgrove District Council leads only on regulatory services",
            "lead authority for the county-wide environmental health, trading standards and licensing services",
            "Worcestershire County Council",
        ],
    );
}

fn weymouth_is_a_partnership_board_with_west_dorset_as_employer() {
    // "they established a partnership board with members from both
    // councils, later extended to include Purbeck"; "West Dorset District
    // Council became the employer for the Weymouth and Portland staff";
    // Purbeck's staff "have remained employed by Purbeck".
    let site = site();
    let text = body_text(&site, WPR);
    assert!(
        !text.to_lowercase().contains("joint committee"),
        "{WPR}: the guide gives a partnership board, no joint committee"
    );
    assert_says(
        &site,
        WPR,
        &[
            "partnership board",
            "West Dorset District Council employs the staff who came from Weymouth and Portland",
            "Purbeck's staff have stayed with Purbeck",
        ],
    );
}

fn pannel_local_match_funding_is_in_the_prose_without_a_figure() {
    // "Initial investment of about £20,000 was provided by Yorkshire and
    // Humberside Improvement and Efficiency Partnership and matched with
    // local funds": the guide gives no amount for the local funds, so the
    // only cost is the £20,000 (see APPENDIX_2) and the match is in words.
    let site = site();
    let (_, c) = case_study(&site, PANNEL);
    let twenty = c
        .matter
        .costs
        .iter()
        .find(|m| pence(m) == 20_000 * 100)
        .expect("the £20,000");
    assert!(
        twenty
            .quote
            .as_deref()
            .is_some_and(|q| q.contains("matched with local funds")),
        "{PANNEL}: the £20,000's quote names the local match"
    );
    assert!(
        twenty
            .note
            .as_deref()
            .is_some_and(|n| n.contains("no amount for the local funds")),
        "{PANNEL}: the £20,000's note says why the match has no figure"
    );
    assert_says(
        &site,
        PANNEL,
        &[
            "about £20,000, and local funds were put in to match it (the guide does not say how much)",
        ],
    );
}

fn laml_and_the_supreme_courts_teckal_ruling() {
    // "London Authorities Mutual Limited (LAML), a mutual insurance company
    // established jointly by them [a group of London councils]"; "In
    // February 2011 the Supreme Court confirmed that the Teckal exemption
    // does apply in cases where the participating authorities exercise joint
    // control over the company and applied in this particular case as the
    // councils had collective control over the strategic objectives and
    // significant decisions made by LAML."
    let site = site();
    let (_, c) = case_study(&site, LAML);
    assert!(
        c.matter.savings.is_empty() && c.matter.costs.is_empty(),
        "{LAML}: the guide gives no figures"
    );
    assert!(
        c.matter.started.is_none(),
        "{LAML}: the guide gives no date"
    );
    assert_says(
        &site,
        LAML,
        &[
            "\"a mutual insurance company established jointly by\" a group of London councils",
            "Teckal exemption",
            "Public Contracts Regulations 2006",
            "In February 2011 the Supreme Court confirmed",
            "the councils collectively controlled its strategic objectives and significant decisions",
            "precedent in English law",
            "does not name the councils",
        ],
    );
}

fn south_holland_and_breckland_share_a_chief_executive() {
    // "Terry Huggins, Chief Executive, South Holland District Council and
    // Breckland District Council": the guide's only words on it.
    let site = site();
    let (_, c) = case_study(&site, SHB);
    assert!(c.matter.savings.is_empty() && c.matter.costs.is_empty());
    assert!(c.matter.started.is_none(), "{SHB}: the guide gives no date");
    assert_says(
        &site,
        SHB,
        &[
            "Terry Huggins as Chief Executive of both South Holland District Council and Breckland District Council",
        ],
    );
}

/// The guide's arrangements in which councils share a chief executive, with
/// its words.
const SHARED_CHIEF_EXECUTIVES: &[(&str, &str)] = &[
    (BR, "sharing a chief executive and management team"),
    (
        SHWD,
        "South Hams and West Devon councils share a chief executive",
    ),
    (
        "east-devon-south-somerset",
        "have retained a shared chief executive",
    ),
    (
        "essex-brentwood",
        "Chief Executive, Essex County Council and Brentwood Borough Council",
    ),
    (
        SHB,
        "Chief Executive, South Holland District Council and Breckland District Council",
    ),
];

fn shared_management_is_filed_alike_under_function_and_model() {
    // `/functions/senior-management/` (what is shared) and
    // `/models/shared-management/` (how it is organised) list the same
    // entries of the guide: an entry sharing its chief executive or senior
    // posts is organised as shared management, and the other way round.
    let site = site();
    for f in FACTS {
        let (_, c) = case_study(&site, f.slug);
        let by_function = c.matter.functions.iter().any(|s| s == "senior-management");
        let by_model = c.matter.model == "shared-management";
        assert_eq!(
            by_function, by_model,
            "{}: filed under senior management {} but under the shared management model {}",
            f.slug, by_function, by_model
        );
    }
    // Every arrangement the guide says shares a chief executive is in both.
    for (slug, words) in SHARED_CHIEF_EXECUTIVES {
        let (_, c) = case_study(&site, slug);
        assert_eq!(
            c.matter.model, "shared-management",
            "{slug} (\"{words}\"): model"
        );
        assert!(
            c.matter.functions.iter().any(|s| s == "senior-management"),
            "{slug} (\"{words}\"): filed under senior management"
        );
    }
    // South Oxfordshire and Vale: "a shared management structure" with "The
    // shared strategic director" (the guide names no shared chief
    // executive for them).
    let (_, sova) = case_study(&site, SOVA);
    assert_eq!(sova.matter.model, "shared-management");
}

fn the_guides_tables_are_markdown_tables() {
    let site = site();
    let (pannel, _) = case_study(&site, PANNEL);
    let html = &site.case_study_body(CaseStudyId::new(pannel)).html;
    assert!(
        html.contains("<table"),
        "PANNEL's table of contract savings"
    );
    for cell in [
        "Landline telecommunications",
        "Worksmart furniture",
        "Data cabling",
        "£83,794",
        "£335,176",
        "£154,244",
        "£443,350",
        "£1,497,888",
    ] {
        assert!(html.contains(cell), "PANNEL's table lacks {cell}");
    }
    let (sova, _) = case_study(&site, SOVA);
    let html = &site.case_study_body(CaseStudyId::new(sova)).html;
    assert!(
        html.contains("<table"),
        "South and Vale's cost and savings table"
    );
    for cell in [
        "Recycling credit income",
        "TUPE and harmonisation costs",
        "-145,260",
        "-231,760",
        "-57,610",
        "151,000",
        "-624,420",
        "-750,510",
        "-1,374,930",
    ] {
        assert!(html.contains(cell), "South and Vale's table lacks {cell}");
    }
}

fn contacts_are_as_printed() {
    let site = site();
    let contacts = |slug: &str| -> Vec<(String, Option<String>)> {
        let (_, c) = case_study(&site, slug);
        c.matter
            .contacts
            .iter()
            .map(|k| (k.name.clone(), k.email.clone()))
            .collect()
    };
    let has = |slug: &str, name: &str, email: &str| {
        assert!(
            contacts(slug)
                .iter()
                .any(|(n, e)| n == name && e.as_deref() == Some(email)),
            "{slug}: contact {name} <{email}> in {:?}",
            contacts(slug)
        );
    };
    has(BR, "Kevin Dicks", "k.dicks@bromsgrove.gov.uk");
    has(ELSH, "Terry Huggins", "chiefexecutive@sholland.gov.uk");
    has(EK, "Richard Samuel", "richard.samuel@thanet.gov.uk");
    has(HDC, "John Taylor", "John.Taylor@huntsdc.gov.uk");
    has(HDC, "Chris Hall", "Chris.Hall@huntsdc.gov.uk");
    has(PANNEL, "Jason Whaler", "jason.whaler@nelincs.gov.uk");
    has(
        PANNEL,
        "Councillor Steve Swift",
        "Cllr.Steveswift@northlincs.gov.uk",
    );
    has(
        PANNEL,
        "Councillor Andrew Defreitas",
        "andrew.defreitas@nelincs.gov.uk",
    );
    has(SHWD, "Lesley Halton", "lhalton@westdevon.gov.uk");
    has(SLWP, "Peter O’Connell", "peter.o-connell@sutton.gov.uk");
    has(SLWP, "Colin Hall", "colin.hall@sutton.gov.uk");
    has(SOVA, "Steve Bishop", "steve.bishop@southandvale.gov.uk");
    has(SHB, "Terry Huggins", "chiefexecutive@sholland.gov.uk");
    has(WPR, "Jason Vaughan", "jasonvaughan@weymouth.gov.uk");
    has(WPR, "Jason Vaughan", "j.vaughan@westdorset-dc.gov.uk");
    has(
        WPR,
        "Councillor Tony Alford",
        "cllra.alford@westdorset-dc.gov.uk",
    );
    has(WPR, "Councillor Howard Legg", "howardlegg94@hotmail.co.uk");
}

fn lessons_are_short_single_statements() {
    let site = site();
    for slug in FULL {
        let (_, c) = case_study(&site, slug);
        assert!(c.matter.lessons.len() >= 3, "{slug}: lessons");
        for l in &c.matter.lessons {
            assert!(
                l.chars().count() <= 150 && !l.contains(';') && !l.contains('\n'),
                "{slug}: one short statement per lesson, not {l:?}"
            );
        }
    }
}

/// Councils as the register (mySociety's list of UK local authorities) names
/// them, with the type and region the compendium gives them. Names are the
/// 2011 names: Shepway became Folkestone and Hythe only in 2018.
const REGISTER: &[(&str, &str, &str)] = &[
    ("Avon and Somerset Police", "police", "south-west"),
    ("Breckland District Council", "district", "east-of-england"),
    ("Brentwood Borough Council", "district", "east-of-england"),
    ("Bromsgrove District Council", "district", "west-midlands"),
    ("Cambridgeshire County Council", "county", "east-of-england"),
    ("Canterbury City Council", "district", "south-east"),
    ("Cheltenham Borough Council", "district", "south-west"),
    ("Chesterfield Borough Council", "district", "east-midlands"),
    ("Dorset County Council", "county", "south-west"),
    ("Dover District Council", "district", "south-east"),
    (
        "East Cambridgeshire District Council",
        "district",
        "east-of-england",
    ),
    ("East Devon District Council", "district", "south-west"),
    ("East Lindsey District Council", "district", "east-midlands"),
    ("Essex County Council", "county", "east-of-england"),
    (
        "Forest Heath District Council",
        "district",
        "east-of-england",
    ),
    ("Herefordshire Council", "unitary", "west-midlands"),
    (
        "Huntingdonshire District Council",
        "district",
        "east-of-england",
    ),
    ("Kent County Council", "county", "south-east"),
    ("London Borough of Brent", "london-borough", "london"),
    ("London Borough of Croydon", "london-borough", "london"),
    (
        "London Borough of Hammersmith & Fulham",
        "london-borough",
        "london",
    ),
    ("London Borough of Harrow", "london-borough", "london"),
    ("London Borough of Merton", "london-borough", "london"),
    ("London Borough of Sutton", "london-borough", "london"),
    ("Mendip District Council", "district", "south-west"),
    (
        "Mid Suffolk District Council",
        "district",
        "east-of-england",
    ),
    (
        "North East Derbyshire District Council",
        "district",
        "east-midlands",
    ),
    (
        "North East Lincolnshire Council",
        "unitary",
        "yorkshire-humber",
    ),
    ("North Lincolnshire Council", "unitary", "yorkshire-humber"),
    ("Northamptonshire County Council", "county", "east-midlands"),
    ("Purbeck District Council", "district", "south-west"),
    ("Redditch Borough Council", "district", "west-midlands"),
    (
        "Royal Borough of Kensington and Chelsea",
        "london-borough",
        "london",
    ),
    (
        "Royal Borough of Kingston upon Thames",
        "london-borough",
        "london",
    ),
    ("Shepway District Council", "district", "south-east"),
    ("Slough Borough Council", "unitary", "south-east"),
    ("Somerset County Council", "county", "south-west"),
    ("South Hams District Council", "district", "south-west"),
    (
        "South Holland District Council",
        "district",
        "east-midlands",
    ),
    (
        "South Oxfordshire District Council",
        "district",
        "south-east",
    ),
    ("South Somerset District Council", "district", "south-west"),
    ("Suffolk County Council", "county", "east-of-england"),
    (
        "Tameside Metropolitan Borough Council",
        "metropolitan",
        "north-west",
    ),
    ("Taunton Deane Borough Council", "district", "south-west"),
    ("Teignbridge District Council", "district", "south-west"),
    ("Tewkesbury Borough Council", "district", "south-west"),
    ("Thanet District Council", "district", "south-east"),
    (
        "Vale of White Horse District Council",
        "district",
        "south-east",
    ),
    ("West Devon Borough Council", "district", "south-west"),
    ("West Dorset District Council", "district", "south-west"),
    (
        "Weymouth and Portland Borough Council",
        "district",
        "south-west",
    ),
    ("Worcestershire County Council", "county", "west-midlands"),
];

/// Partners the guide names only as a group: allowed only where it names
/// none of the organisations.
const PLACEHOLDERS: &[&str] = &[
    "Councils in Greater Manchester",
    // LAML's founders: "a group of London councils".
    "Councils in London",
    "Councils in Surrey",
    "Other councils in Dorset",
    "Kent district councils",
    "NHS in Kent",
    "Voluntary sector in Kent",
    "Health trusts in Herefordshire",
];

fn one_organisation_one_spelling_type_and_region() {
    let site = site();
    let mut seen: BTreeMap<String, (String, Option<String>, String)> = BTreeMap::new();
    for c in site.all_case_studies() {
        for p in &c.matter.partners {
            let region = p.region.as_ref().map(Slug::to_string);
            let this = (p.org_type.to_string(), region, c.slug.to_string());
            if let Some(first) = seen.get(&p.name) {
                assert_eq!(
                    (&first.0, &first.1),
                    (&this.0, &this.1),
                    "`{}` differs between {} and {}",
                    p.name,
                    first.2,
                    this.2
                );
            } else {
                seen.insert(p.name.clone(), this);
            }
            // The official names below are those of the guide's entries;
            // an editor's own entry may name any council.
            let of_the_guide = FACTS.iter().any(|f| f.slug == c.slug);
            let public_body = of_the_guide
                && matches!(
                    p.org_type.as_str(),
                    "county"
                        | "district"
                        | "unitary"
                        | "metropolitan"
                        | "london-borough"
                        | "police"
                );
            if public_body {
                let entry = REGISTER.iter().find(|(n, _, _)| *n == p.name);
                let Some((_, t, r)) = entry else {
                    panic!("{}: `{}` is not a council's official name", c.slug, p.name);
                };
                assert_eq!(
                    (p.org_type.as_str(), p.region.as_deref()),
                    (*t, Some(*r)),
                    "{}: `{}`",
                    c.slug,
                    p.name
                );
            }
            if of_the_guide && (p.name.contains("ouncils") || p.name.contains(" in ")) {
                assert!(
                    PLACEHOLDERS.contains(&p.name.as_str()),
                    "{}: `{}` looks like a placeholder",
                    c.slug,
                    p.name
                );
            }
        }
    }
    // Spellings seen in the guide that must not come back.
    for wrong in [
        "Canterbury District Council",
        "Forest Health District Council",
        "Slough Council",
        "London Borough of Hammersmith and Fulham",
        "Folkestone and Hythe District Council",
        "West Devon District Council",
    ] {
        assert!(
            !seen.contains_key(wrong),
            "`{wrong}` is not the official name"
        );
    }
}

// ---------------------------------------------------------------------------
// The built site

/// What a total adds up, as a totals table labels it: kind, period, span
/// (of a total over years) and status (`achieved`/`projected`; a cost's
/// `spent`/`planned` read as the same two).
type TotalKey = (Kind, String, Option<u32>, String);

/// One row of a totals table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TableTotal {
    pence: i64,
    /// The amount reads "at least £...".
    at_least: bool,
    /// The figures its disclosure lists: (case study slug, the item's text).
    figures: Vec<(String, String)>,
}

impl TableTotal {
    fn slugs(&self) -> Vec<String> {
        sorted(
            &self
                .figures
                .iter()
                .map(|(s, _)| s.clone())
                .collect::<Vec<_>>(),
        )
    }
}

/// `a year` / `one-off` / `in the first year` / `in total over 10 years`
/// as (period word, span).
fn parse_period_label(label: &str) -> (String, Option<u32>) {
    let period = match label {
        "a year" => "annual",
        "one-off" => "one-off",
        "in the first year" => "first-year",
        "in total" => panic!("a total over no stated span is never added: `{label}`"),
        l => {
            let years = l
                .strip_prefix("in total over ")
                .and_then(|rest| rest.strip_suffix(" years").or(rest.strip_suffix(" year")))
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or_else(|| panic!("unknown period label `{l}`"));
            return ("total".into(), Some(years));
        }
    };
    (period.into(), None)
}

/// The period words a figure's description uses (`£500,000 a year`),
/// given its total's key.
fn period_phrase(period: &str, years: Option<u32>) -> String {
    match (period, years) {
        ("annual", _) => "a year".into(),
        ("one-off", _) => "one-off".into(),
        ("first-year", _) => "in the first year".into(),
        ("total", Some(1)) => "in total over 1 year".into(),
        ("total", Some(y)) => format!("in total over {y} years"),
        (p, y) => panic!("no phrase for {p} {y:?}"),
    }
}

/// Every totals table of a page (`<table class="money totals">`): one row
/// per kind, period, span and status, each of four cells: `Savings` or
/// `Costs`; a label such as `a year, achieved`, `in total over 10 years,
/// projected`, `one-off, spent` or `in the first year, achieved`; the
/// amount (`£1,364,350` or `at least £1,364,350`); and a disclosure
/// `N figures` listing the figures behind it, each linking its case study.
fn totals_table(html: &str) -> BTreeMap<TotalKey, TableTotal> {
    let page = Page::parse(html);
    let link = html::selector("a");
    let summary = html::selector("details summary");
    let items = html::selector("details li");
    let mut totals = BTreeMap::new();
    for row in page.select("table.totals tr") {
        let cells = html::row_cells(row);
        let kind = match cells.first().map(String::as_str) {
            Some("Savings") => Kind::Saving,
            Some("Costs") => Kind::Cost,
            _ => continue,
        };
        assert_eq!(cells.len(), 4, "a totals row has four cells: {cells:?}");
        let (period_label, status_label) = cells[1]
            .rsplit_once(", ")
            .unwrap_or_else(|| panic!("a label `period, status`: `{}`", cells[1]));
        let (period, years) = parse_period_label(period_label);
        let status = match (kind, status_label) {
            (Kind::Saving, "achieved") | (Kind::Cost, "spent") => "achieved",
            (Kind::Saving, "projected") | (Kind::Cost, "planned") => "projected",
            (k, s) => panic!("status `{s}` for {k:?}"),
        };
        let (at_least, amount) = match cells[2].strip_prefix("at least ") {
            Some(rest) => (true, rest),
            None => (false, cells[2].as_str()),
        };
        assert!(
            amount.starts_with('£') && !amount.contains(' '),
            "an amount `£1,234` or `at least £1,234`: `{}`",
            cells[2]
        );
        let count_text = row
            .select(&summary)
            .next()
            .map(html::text)
            .unwrap_or_else(|| panic!("a disclosure of the figures behind `{}`", cells[1]));
        let figures: Vec<(String, String)> = row
            .select(&items)
            .map(|li| {
                let href = li
                    .select(&link)
                    .next()
                    .and_then(|a| a.value().attr("href"))
                    .expect("each figure links its case study");
                let slug = href
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                (slug, html::text(li))
            })
            .collect();
        let n = figures.len();
        assert_eq!(
            count_text,
            format!("{n} figure{}", if n == 1 { "" } else { "s" }),
            "`{}`: the disclosure counts the figures it lists",
            cells[1]
        );
        // Each figure behind a total is of the total's period and span.
        let phrase = period_phrase(&period, years);
        for (slug, text) in &figures {
            assert!(
                text.contains('£') && text.contains(&phrase),
                "`{}` lists {slug}'s figure `{text}`, not {phrase}",
                cells[1]
            );
        }
        let previous = totals.insert(
            (kind, period, years, status.to_string()),
            TableTotal {
                pence: parse_pounds(amount),
                at_least,
                figures,
            },
        );
        assert!(
            previous.is_none(),
            "one row per kind, period, span and status"
        );
    }
    totals
}

/// The home page's totals.
fn home_page_totals(html: &str) -> BTreeMap<TotalKey, TableTotal> {
    let totals = totals_table(html);
    assert!(
        !totals.is_empty(),
        "the home page has a totals table (class=\"money totals\")"
    );
    totals
}

/// `£1,234,567` or `£1,234.50` in pence.
fn parse_pounds(s: &str) -> i64 {
    let cleaned: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let pounds: i64 = whole.parse().unwrap_or_else(|_| panic!("amount `{s}`"));
    let pence: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().unwrap() * 10,
        _ => frac[..2].parse().unwrap(),
    };
    pounds * 100 + pence
}

/// (pence, at least, slugs of the figures), per key.
type Expected = BTreeMap<TotalKey, (i64, bool, Vec<String>)>;

/// The totals the rules give, computed here from the front matter: figures
/// that `is_added`, which `admit` lets in, never mixing kinds, periods,
/// spans or statuses.
fn expected_totals(site: &Site, admit: impl Fn(&CaseStudy, &Money) -> bool) -> Expected {
    let mut want: Expected = BTreeMap::new();
    for c in site.all_case_studies() {
        for (kind, list) in [
            (Kind::Saving, &c.matter.savings),
            (Kind::Cost, &c.matter.costs),
        ] {
            for m in list.iter().filter(|m| is_added(m) && admit(c, m)) {
                let years = if m.period == Period::Total {
                    m.years
                } else {
                    None
                };
                let key = (kind, m.period.to_string(), years, m.status.to_string());
                let entry = want.entry(key).or_default();
                entry.0 += pence(m);
                entry.1 |= m.at_least;
                entry.2.push(c.slug.to_string());
            }
        }
    }
    for v in want.values_mut() {
        v.2.sort();
    }
    want
}

fn assert_totals(got: &BTreeMap<TotalKey, TableTotal>, want: &Expected, page: &str) {
    let got: Expected = got
        .iter()
        .map(|(k, t)| (k.clone(), (t.pence, t.at_least, t.slugs())))
        .collect();
    assert_eq!(
        &got, want,
        "{page}: the totals (pence, at least, figures behind each)"
    );
}

fn home_page_totals_add_only_combined_figures() {
    let site = site();
    // Computed here from the front matter: only the arrangements' own
    // figures that still stand, totals only with others of the same span.
    let want = expected_totals(&site, |_, _| true);
    let got = home_page_totals(&read_built("index.html"));
    assert_totals(&got, &want, "/");
    let key = |kind, period: &str, years, status: &str| -> TotalKey {
        (kind, period.to_string(), years, status.to_string())
    };
    // The annual, first-year and one-off figures are there, and apart.
    for k in [
        key(Kind::Saving, "annual", None, "achieved"),
        key(Kind::Saving, "annual", None, "projected"),
        key(Kind::Saving, "first-year", None, "achieved"),
        key(Kind::Cost, "one-off", None, "achieved"),
    ] {
        assert!(got.contains_key(&k), "the home page has a total {k:?}");
    }
    // "saving over £500,000 per annum" makes the annual total "at least".
    let annual = &got[&key(Kind::Saving, "annual", None, "achieved")];
    assert!(
        annual.at_least,
        "the annual achieved total is a lower bound"
    );
    assert!(annual.slugs().contains(&BR.to_string()));
    // The first-year savings are not added to the yearly ones.
    for slug in [HDC, SHWD] {
        assert!(
            !annual.slugs().contains(&slug.to_string()),
            "{slug}'s first-year saving is not in the yearly total"
        );
        assert!(
            got[&key(Kind::Saving, "first-year", None, "achieved")]
                .slugs()
                .contains(&slug.to_string()),
            "{slug}'s first-year saving is in the first-year total"
        );
    }
    // Compass Point's 10-year projection is added to no 4-year one.
    let ten = &got[&key(Kind::Saving, "total", Some(10), "projected")];
    assert!(ten.slugs().contains(&ELSH.to_string()));
    if let Some(four) = got.get(&key(Kind::Saving, "total", Some(4), "projected")) {
        assert!(!four.slugs().contains(&ELSH.to_string()));
    }
    // South and Vale's table adds in once, through its Total row only: the
    // sum of its rows (1,525,930) and the net total must not both be counted.
    let sova_annual: i64 = {
        let (_, c) = case_study(&site, SOVA);
        c.matter
            .savings
            .iter()
            .filter(|m| is_added(m) && m.period == Period::Annual)
            .map(pence)
            .sum()
    };
    assert_eq!(sova_annual, (1_374_930 + 3_500_000) * 100);
}

/// A function's page adds only the figures about that function alone: a
/// figure scoped to it, or any figure of a case study with that one function.
fn function_pages_add_only_figures_about_that_function() {
    let site = site();
    let functions: BTreeSet<String> = site
        .all_case_studies()
        .iter()
        .flat_map(|c| strings(&c.matter.functions))
        .collect();
    for slug in &functions {
        let want = expected_totals(
            &site,
            |c, m| matches!(m.scope(&c.matter.functions), [only] if only == slug),
        );
        let got = totals_table(&read_built(&format!("functions/{slug}/index.html")));
        assert_totals(&got, &want, &format!("/functions/{slug}/"));
    }
}

fn senior_management_total_is_bromsgroves_management_team() {
    // "an overall reduction of nine posts from the previous separate
    // management teams, saving over £500,000 per annum": the one yearly
    // saving of the guide about senior management alone. Nothing else of the
    // guide's entries adds to it: not South Hams' revenues and benefits
    // saving, not South and Vale's waste or further services, not
    // Bromsgrove's shared services.
    let got = totals_table(&read_built("functions/senior-management/index.html"));
    let key: TotalKey = (Kind::Saving, "annual".into(), None, "achieved".into());
    let annual = got
        .get(&key)
        .expect("/functions/senior-management/ has a yearly achieved saving");
    assert!(annual.at_least, "it is \"at least\": {annual:?}");
    let of_the_guide: Vec<&(String, String)> = annual
        .figures
        .iter()
        .filter(|(slug, _)| FACTS.iter().any(|f| f.slug == slug))
        .collect();
    assert_eq!(
        of_the_guide.len(),
        1,
        "one figure of the guide: {of_the_guide:?}"
    );
    assert_eq!(of_the_guide[0].0, BR);
    assert!(of_the_guide[0].1.contains("over £500,000 a year"));
    if annual.figures.len() == 1 {
        assert_eq!(annual.pence, 500_000 * 100);
    }
    for (k, total) in &got {
        for slug in [SHWD, SOVA, ELSH] {
            assert!(
                !total.slugs().contains(&slug.to_string()),
                "/functions/senior-management/ {k:?} adds a figure of {slug}"
            );
        }
        for (slug, text) in &total.figures {
            assert!(
                !(slug == BR && text.contains("in total")),
                "Bromsgrove's totals over no span are added nowhere: {text}"
            );
        }
    }
}

fn revenues_and_benefits_totals_hold_no_compass_point_or_mixed_spans() {
    // Compass Point's "just over £30.7 million" over 10 years is about five
    // services together, so no revenues and benefits total holds it; the
    // Weymouth projection over four years is superseded. What is added is
    // South Hams' first year: "In its first year of operation the shared
    // service delivered savings of around £0.35 million."
    let got = totals_table(&read_built("functions/revenues-benefits/index.html"));
    for (k, total) in &got {
        assert!(
            !total.slugs().contains(&ELSH.to_string()),
            "/functions/revenues-benefits/ {k:?} adds Compass Point's figures"
        );
        for (_, text) in &total.figures {
            assert!(
                !text.contains("£30,700,000") && !text.contains("£558,875"),
                "/functions/revenues-benefits/ {k:?} adds {text}"
            );
        }
        // Each total is over one span only (checked figure by figure in
        // `totals_table`): no 10-year figure beside 4-year ones.
        if k.2.is_some() {
            assert!(
                total
                    .figures
                    .iter()
                    .all(|(_, text)| text.contains(&format!("over {} years", k.2.unwrap()))),
                "{k:?}: {total:?}"
            );
        }
    }
    let first_year: TotalKey = (Kind::Saving, "first-year".into(), None, "achieved".into());
    let shwd = got
        .get(&first_year)
        .expect("/functions/revenues-benefits/ has a first-year saving");
    assert!(
        shwd.figures
            .iter()
            .any(|(slug, text)| slug == SHWD && text.contains("£350,000 in the first year")),
        "South Hams' £350,000 in its first year: {shwd:?}"
    );
    let annual: TotalKey = (Kind::Saving, "annual".into(), None, "achieved".into());
    if let Some(t) = got.get(&annual) {
        assert!(
            !t.slugs().contains(&SHWD.to_string()),
            "South Hams' first year is not a yearly saving"
        );
    }
}

fn no_three_and_a_half_million_a_year_is_a_waste_saving() {
    // "The new shared arrangements are planned for completion in March
    // 2011, and total savings for both councils have been estimated at £3.5
    // million annually": the further services, not the waste contract.
    let site = site();
    for c in site
        .all_case_studies()
        .iter()
        .filter(|c| FACTS.iter().any(|f| f.slug == c.slug))
    {
        for m in c
            .matter
            .savings
            .iter()
            .filter(|m| pence(m) == 3_500_000 * 100 && m.period == Period::Annual)
        {
            assert!(
                !m.scope(&c.matter.functions).iter().any(|f| f == "waste"),
                "{}: £3.5 million a year filed under waste",
                c.slug
            );
        }
    }
    let got = totals_table(&read_built("functions/waste/index.html"));
    for (k, total) in &got {
        for (slug, text) in &total.figures {
            assert!(
                !text.contains("£3,500,000 a year"),
                "/functions/waste/ {k:?} adds {slug}'s {text}"
            );
        }
    }
    // The case study's page says what the £3.5 million is about.
    let page = Page::parse(&read_built(&format!("case-studies/{SOVA}/index.html")));
    let row = page
        .select("table.money tr")
        .into_iter()
        .map(html::text)
        .find(|t| t.starts_with("£3,500,000"))
        .expect("South and Vale's page lists the £3.5 million");
    assert!(
        !row.contains("about waste") && row.contains("about legal services"),
        "{row}"
    );
    // And so does the open data.
    let json: serde_json::Value =
        serde_json::from_str(&read_built("data/case-studies.json")).expect("valid JSON");
    let sova = json
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["slug"] == SOVA)
        .expect("South and Vale in the open data");
    let figure = sova["savings"]
        .as_array()
        .expect("savings")
        .iter()
        .find(|m| m["amount"].as_f64() == Some(3_500_000.0))
        .expect("the £3.5 million in the open data");
    let functions = figure["functions"].as_array().expect("its functions");
    assert!(
        !functions.is_empty() && !functions.iter().any(|f| f == "waste"),
        "{figure}"
    );
}

/// Every built HTML page, as a path under the built site.
fn built_pages() -> Vec<PathBuf> {
    crate::support::bundled_site::html_files_under(&built_site())
}

fn weymouths_superseded_projection_is_in_no_total() {
    // "The Revenues and Benefits Partnership projected savings of £558,875
    // over a four-year period"; "At August 2010 the savings ... were
    // calculated in excess of £1 million, substantially more than originally
    // projected." The projection is shown with those words, never added: not
    // on the home page, nor under revenues and benefits, the South West or
    // the lead authority model, nor anywhere else.
    let mut pages_with_totals = 0;
    for file in built_pages() {
        let html = std::fs::read_to_string(&file).expect("read a built page");
        if !html.contains("totals") {
            continue;
        }
        let got = totals_table(&html);
        if !got.is_empty() {
            pages_with_totals += 1;
        }
        for (k, total) in &got {
            for (slug, text) in &total.figures {
                assert!(
                    !(slug == WPR && text.contains("£558,875")),
                    "{}: {k:?} adds the superseded projection",
                    file.display()
                );
            }
        }
    }
    assert!(pages_with_totals > 1, "the built pages have totals tables");
    let home = home_page_totals(&read_built("index.html"));
    let four: TotalKey = (Kind::Saving, "total".into(), Some(4), "projected".into());
    if let Some(t) = home.get(&four) {
        assert!(!t.slugs().contains(&WPR.to_string()), "{t:?}");
    }
    // Its page shows it, with what overtook it.
    let page = Page::parse(&read_built(&format!("case-studies/{WPR}/index.html")));
    let row = page
        .select("table.money tr")
        .into_iter()
        .map(html::text)
        .find(|t| t.starts_with("£558,875"))
        .expect("the projection is listed on its page");
    assert!(
        row.contains("Superseded") && row.contains("substantially more than originally projected"),
        "{row}"
    );
}

fn every_figure_of_the_guide_says_what_it_is() {
    // `about:` for the public on every figure; `quote:` is the guide's words
    // without quote marks of its own (the page adds them); `note:` is the
    // editor's reasoning only, not a quotation standing in for `about:`.
    let site = site();
    for c in site
        .all_case_studies()
        .iter()
        .filter(|c| FACTS.iter().any(|f| f.slug == c.slug))
    {
        for m in c.matter.savings.iter().chain(&c.matter.costs) {
            let what = format!("{}: {}", c.slug, describe_money(m));
            assert!(
                m.about.as_deref().is_some_and(|a| !a.trim().is_empty()),
                "{what} has no `about:`"
            );
            if let Some(q) = &m.quote {
                let q = q.trim();
                assert!(
                    !q.starts_with(['\'', '"', '‘', '“']) && !q.ends_with(['\'', '"', '’', '”']),
                    "{what}: the quote carries its own quote marks: {q:?}"
                );
            }
            if let Some(n) = &m.note {
                assert!(
                    !n.trim_start().starts_with(['\'', '"', '‘', '“']),
                    "{what}: the note opens with a quotation: {n:?}"
                );
            }
        }
    }
}

fn every_listed_figure_is_in_the_open_data() {
    let json: serde_json::Value =
        serde_json::from_str(&read_built("data/case-studies.json")).expect("valid JSON");
    let list = json
        .as_array()
        .or_else(|| json.get("case_studies").and_then(|v| v.as_array()))
        .expect("a list of case studies");
    for f in all_figures() {
        let c = list
            .iter()
            .find(|c| c["slug"] == f.slug)
            .unwrap_or_else(|| panic!("{} is missing from the open data", f.slug));
        let field = match f.kind {
            Kind::Saving => "savings",
            Kind::Cost => "costs",
        };
        let entries = c[field].as_array().expect("a list of figures");
        let case_functions: Vec<String> = c["functions"]
            .as_array()
            .expect("the case study's functions")
            .iter()
            .filter_map(|f| f.as_str().map(String::from))
            .collect();
        let matching = entries
            .iter()
            .filter(|m| {
                let pence = m["amount"].as_f64().map(|a| (a * 100.0).round() as i64);
                let functions: Vec<String> = sorted(
                    &m["functions"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|f| f.as_str().map(String::from))
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default(),
                );
                pence == Some(f.pounds * 100)
                    && m["period"] == f.period
                    && m["status"] == f.status_word()
                    && m["years"].as_u64() == f.years.map(u64::from)
                    && m["partner"].as_str() == f.partner
                    && m["breakdown"].as_bool().unwrap_or(false) == f.breakdown
                    && functions == f.scope(&case_functions)
                    && m["at_least"].as_bool().unwrap_or(false) == f.at_least
                    && m["superseded"].as_str().is_some() == f.superseded.is_some()
                    && m["headline"].as_bool().unwrap_or(false) == f.headline
                    && m["added"].as_bool() == Some(f.is_added())
            })
            .count();
        assert_eq!(
            matching,
            1,
            "{} in /data/case-studies.json: {}",
            describe(f),
            serde_json::to_string_pretty(&c[field]).unwrap()
        );
    }
}

fn every_listed_figure_is_on_its_case_study_page() {
    for f in all_figures() {
        let html = read_built(&format!("case-studies/{}/index.html", f.slug));
        let amount = if f.at_least {
            format!("over {}", gbp(f.pounds))
        } else {
            gbp(f.pounds)
        };
        assert!(
            html.contains(&amount),
            "{} is not shown as {amount} on /case-studies/{}/",
            describe(f),
            f.slug
        );
    }
    // With the guide's words, as the front matter quotes them.
    let site = site();
    for slug in FULL.iter().chain(&EXAMPLES) {
        let (_, c) = case_study(&site, slug);
        let text = Page::parse(&read_built(&format!("case-studies/{slug}/index.html"))).text();
        for m in c.matter.savings.iter().chain(&c.matter.costs) {
            if let Some(q) = &m.quote {
                let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    text.contains(&format!("“{q}”")),
                    "/case-studies/{slug}/ does not quote {q:?}"
                );
            }
        }
    }
}

fn tiers_are_labelled_on_the_pages() {
    for (slugs, word) in [(&EXAMPLES[..], "example"), (&BRIEF[..], "brief")] {
        for slug in slugs {
            let html = read_built(&format!("case-studies/{slug}/index.html")).to_lowercase();
            assert!(
                html.contains(word),
                "/case-studies/{slug}/ does not say it is a {word} entry"
            );
        }
    }
    for slug in FULL {
        let html = read_built(&format!("case-studies/{slug}/index.html")).to_lowercase();
        assert!(
            !html.contains("brief entry") && !html.contains("published example"),
            "/case-studies/{slug}/ is a full case study, not labelled as a short entry"
        );
    }
}

/// An editor's own case study, valid, with a figure, among councils the
/// guide's entries name (so its data agree with theirs).
const EXTRA: &str = r#"---
title: "Bromsgrove and Redditch: a shared payroll service"
summary: "An editor's own entry: Bromsgrove District Council and Redditch Borough Council share payroll."
date: 2012-05-01
status: operating
tier: full
model: joint-working
functions: [payroll]
partners:
  - name: Bromsgrove District Council
    type: district
    region: west-midlands
    lead: true
  - name: Redditch Borough Council
    type: district
    region: west-midlands
savings:
  - amount: 40000
    period: annual
    status: achieved
sources:
  - title: "The councils' own report"
---

## What was the approach?

One payroll team serves both councils.
"#;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder of the copy");
    for entry in std::fs::read_dir(from).expect("read a folder to copy") {
        let entry = entry.expect("an entry to copy");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Every other check of this module, on a copy of the bundled content with
/// one more (valid) case study: what an editor does first. None may fail,
/// so none may count the entries; the home page's totals, computed from the
/// front matter of whatever is there, must include the extra figure.
fn bundled_checks_hold_with_an_extra_case_study() {
    let dir = TempDir::new("content-with-an-extra-entry");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "themes", "data"] {
        if repo.join(folder).is_dir() {
            copy_tree(&repo.join(folder), &dir.path.join(folder));
        }
    }
    std::fs::write(
        dir.path
            .join("content/case-studies/an-editors-own-entry.md"),
        EXTRA,
    )
    .expect("write the extra case study");
    let built = BundledSite::build_from(&dir.path);
    assert!(
        built.exists("/case-studies/an-editors-own-entry/"),
        "the extra case study is built"
    );
    COPY.with(|c| *c.borrow_mut() = Some((dir.path.clone(), built.out.clone())));
    // Back to the bundled content however this test ends.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            COPY.with(|c| c.borrow_mut().take());
        }
    }
    let _reset = Reset;
    assert!(
        site()
            .all_case_studies()
            .iter()
            .any(|c| c.slug == "an-editors-own-entry"),
        "the checks below read the copy"
    );
    for (name, check) in tests() {
        if name != "bundled_checks_hold_with_an_extra_case_study" {
            eprintln!("content::{name} on the copy with an extra case study");
            check();
        }
    }
    // And the extra figure is in the copy's totals, on top of the guide's,
    // with nothing else changed.
    let key: TotalKey = (Kind::Saving, "annual".into(), None, "achieved".into());
    let with_extra = home_page_totals(&read_built("index.html"));
    let bundled = home_page_totals(&read(&BundledSite::shared().out, "index.html"));
    assert_eq!(
        with_extra[&key].pence - bundled[&key].pence,
        40_000 * 100,
        "the extra entry's saving is added"
    );
    assert_eq!(with_extra[&key].at_least, bundled[&key].at_least);
    let mut expected_slugs = bundled[&key].slugs();
    expected_slugs.push("an-editors-own-entry".into());
    assert_eq!(with_extra[&key].slugs(), sorted(&expected_slugs));
    for (k, total) in &bundled {
        if *k != key {
            assert_eq!(with_extra.get(k), Some(total), "{k:?} is unchanged");
        }
    }
    assert_eq!(
        with_extra.keys().collect::<Vec<_>>(),
        bundled.keys().collect::<Vec<_>>()
    );
    // Its one function, payroll, now has the saving as its own total.
    let payroll = totals_table(&read_built("functions/payroll/index.html"));
    assert!(
        payroll
            .get(&key)
            .is_some_and(|t| t.slugs().contains(&"an-editors-own-entry".to_string())),
        "/functions/payroll/ adds the extra entry's saving: {payroll:?}"
    );
}

pub fn tests() -> Vec<crate::Test> {
    crate::tests![
        bundled_content_loads_without_errors_or_warnings,
        the_three_tiers_are_all_there,
        partners_functions_regions_and_models_follow_the_guide,
        lead_partners,
        every_appendix_2_figure_is_in_the_front_matter_once,
        case_studies_hold_no_figures_the_guide_does_not_give,
        only_one_combined_figure_per_thing_is_added_up,
        pannel_spend_is_context_not_a_cost,
        the_guides_tables_are_markdown_tables,
        south_and_vale_is_the_whole_shared_arrangement,
        east_kent_goes_ahead_without_shepway,
        compass_point_approval_was_sought_not_reported_as_given,
        bromsgrove_leads_regulatory_services_only,
        weymouth_is_a_partnership_board_with_west_dorset_as_employer,
        pannel_local_match_funding_is_in_the_prose_without_a_figure,
        laml_and_the_supreme_courts_teckal_ruling,
        south_holland_and_breckland_share_a_chief_executive,
        shared_management_is_filed_alike_under_function_and_model,
        contacts_are_as_printed,
        lessons_are_short_single_statements,
        one_organisation_one_spelling_type_and_region,
        home_page_totals_add_only_combined_figures,
        function_pages_add_only_figures_about_that_function,
        senior_management_total_is_bromsgroves_management_team,
        revenues_and_benefits_totals_hold_no_compass_point_or_mixed_spans,
        no_three_and_a_half_million_a_year_is_a_waste_saving,
        weymouths_superseded_projection_is_in_no_total,
        every_figure_of_the_guide_says_what_it_is,
        every_listed_figure_is_in_the_open_data,
        every_listed_figure_is_on_its_case_study_page,
        tiers_are_labelled_on_the_pages,
        bundled_checks_hold_with_an_extra_case_study,
    ]
}

/// Slugs as plain text, to compare with the facts written here.
fn strings(slugs: &[Slug]) -> Vec<String> {
    slugs.iter().map(Slug::to_string).collect()
}
