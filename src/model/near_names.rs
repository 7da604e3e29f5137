//! Partner names that look like a slip for a known one: a name the council
//! register does not know that is one or two letters away from a name it
//! does know ("North Devonn Council"), or from another organisation of the
//! site ("Redditch Borough Counci" beside "Redditch Borough Council"). Each
//! is a warning with "did you mean", never an error: editors may add
//! organisations the register does not have.
//!
//! Only distinct names are compared (a few hundred, however many case
//! studies name them), each against candidates of about its own length
//! whose letters could be reached in that many edits, so the cost grows
//! with the number of distinct names, not of case studies.

use super::organisations::{Organisation, comparison_key, is_council_type};
use super::register::{Council, Register, normalise, split_type_words};
use crate::content::CaseStudy;
use crate::diagnostics::{Code, Diagnostic, Origin};
use crate::edit_distance;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Type words of council names, to which a word one letter away is
/// corrected before the register is asked again ("Counci", "Borugh").
const TYPE_WORDS: &[&str] = &[
    "council",
    "borough",
    "district",
    "county",
    "city",
    "metropolitan",
    "london",
    "royal",
];

/// How many edits a name of `len` characters may be from another to count
/// as a slip: none below five characters (too many short names are one
/// letter apart), one up to ten, two beyond.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=10 => 1,
        _ => 2,
    }
}

/// One name to compare with.
struct Candidate<'a> {
    /// Normalised (lower case, punctuation as spaces).
    text: String,
    chars: usize,
    /// Which letters and digits it has, as bits, to rule out most
    /// candidates without computing a distance.
    letters: u64,
    /// What to suggest.
    suggestion: &'a str,
    /// The organisation it is, for organisations of the site.
    org: Option<&'a Organisation>,
}

impl<'a> Candidate<'a> {
    fn new(text: String, suggestion: &'a str, org: Option<&'a Organisation>) -> Self {
        Candidate {
            chars: text.chars().count(),
            letters: letters(&text),
            text,
            suggestion,
            org,
        }
    }
}

/// Candidates by length in characters.
#[derive(Default)]
struct Index<'a> {
    by_len: BTreeMap<usize, Vec<Candidate<'a>>>,
}

impl<'a> Index<'a> {
    fn add(&mut self, c: Candidate<'a>) {
        self.by_len.entry(c.chars).or_default().push(c);
    }

    /// The nearest candidates to `text` within its allowed edits (but not
    /// at distance 0), for which `keep` holds, the nearest first; ties keep
    /// the order candidates were added in.
    fn nearest(&self, text: &str, keep: impl Fn(&Candidate<'a>) -> bool) -> Option<&Candidate<'a>> {
        let chars = text.chars().count();
        let k = allowed_edits(chars);
        if k == 0 {
            return None;
        }
        let own = letters(text);
        let mut best: Option<(usize, &Candidate<'a>)> = None;
        for (_, list) in self.by_len.range(chars.saturating_sub(k)..=chars + k) {
            for c in list {
                // One edit changes at most two of the letters present.
                if ((own ^ c.letters).count_ones() as usize) > 2 * k {
                    continue;
                }
                // Only a candidate nearer than the best so far can win.
                let bound = best.map_or(k, |(bd, _)| k.min(bd.saturating_sub(1)));
                let Some(d) =
                    edit_distance::within(text, &c.text, bound.min(allowed_edits(c.chars)))
                else {
                    continue;
                };
                if d == 0 || !keep(c) || !plausible_slip(text, &c.text) {
                    continue;
                }
                if d == 1 {
                    // Nothing is nearer but the name itself, which is skipped.
                    return Some(c);
                }
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

/// Letters and digits present, one bit each.
fn letters(text: &str) -> u64 {
    text.chars().fold(0u64, |bits, c| match c {
        'a'..='z' => bits | 1 << (c as u32 - 'a' as u32),
        '0'..='9' => bits | 1 << (26 + c as u32 - '0' as u32),
        ' ' => bits,
        _ => bits | 1 << 40,
    })
}

/// Whether two names a few letters apart could be one name mistyped,
/// rather than two names of a numbered or lettered series: "Zone 1" and
/// "Zone 2", "Partner A" and "Partner B" are different organisations.
fn plausible_slip(a: &str, b: &str) -> bool {
    let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    if digits(a) != digits(b) {
        return false;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() == wb.len() {
        let differing: Vec<(&str, &str)> = wa
            .iter()
            .zip(&wb)
            .filter(|(x, y)| x != y)
            .map(|(x, y)| (*x, *y))
            .collect();
        if differing
            .iter()
            .all(|(x, y)| x.chars().count() <= 3 && y.chars().count() <= 3)
        {
            return false;
        }
    }
    true
}

/// `text` with each word one letter from a council type word replaced by
/// that word ("redditch borough counci" → "redditch borough council").
fn correct_type_words(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            if w.chars().count() < 4 || TYPE_WORDS.contains(&w) {
                return w;
            }
            TYPE_WORDS
                .iter()
                .find(|t| edit_distance::within(w, t, 1) == Some(1))
                .copied()
                .unwrap_or(w)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The register's suggestion for a council name it does not know, if one
/// is a slip away: the name with its type words corrected, the whole name,
/// or its place name.
fn register_suggestion(
    register: &'static Register,
    full: &Index<'static>,
    cores: &Index<'static>,
    text: &str,
) -> Option<&'static str> {
    let corrected = correct_type_words(text);
    if corrected != text
        && let Some(c) = register.match_name(&corrected)
    {
        return Some(&c.name);
    }
    if let Some(c) = full.nearest(text, |_| true) {
        return Some(c.suggestion);
    }
    let (core, _) = split_type_words(&corrected);
    let near = cores.nearest(&core, |_| true)?;
    // The council of that place the name's type words point to, when they
    // point to one (`North Devonn District Council`), else the first.
    let renamed = corrected.replacen(&core, &near.text, 1);
    Some(
        register
            .match_name(&renamed)
            .map(|c| c.name.as_str())
            .unwrap_or(near.suggestion),
    )
}

/// The register's names, whole and as place names, each suggesting the
/// council's official name. Made once.
fn register_indexes() -> &'static (Index<'static>, Index<'static>) {
    static INDEXES: std::sync::OnceLock<(Index<'static>, Index<'static>)> =
        std::sync::OnceLock::new();
    INDEXES.get_or_init(|| {
        let register = Register::bundled();
        let mut full = Index::default();
        let mut cores = Index::default();
        let mut seen_core: BTreeMap<&str, ()> = BTreeMap::new();
        let suggest = |c: &'static Council| c.name.as_str();
        for (text, core, council) in register.name_variants() {
            full.add(Candidate::new(text.to_owned(), suggest(council), None));
            if seen_core.insert(core, ()).is_none() {
                cores.add(Candidate::new(core.to_owned(), suggest(council), None));
            }
        }
        (full, cores)
    })
}

/// A warning at every mention of each organisation whose name is a slip
/// away from a register name or another organisation's name.
pub fn check(case_studies: &[Arc<CaseStudy>], orgs: &[Organisation]) -> Vec<Diagnostic> {
    let register = Register::bundled();
    let (full, cores) = register_indexes();
    let mut site = Index::default();
    for org in orgs {
        site.add(Candidate::new(normalise(&org.name), &org.name, Some(org)));
    }
    let mut diagnostics = Vec::new();
    let named_in_of: std::cell::RefCell<BTreeMap<_, Arc<Vec<std::path::PathBuf>>>> =
        Default::default();
    for org in orgs
        .iter()
        .filter(|o| o.council.is_none() && o.code.is_none())
    {
        let text = normalise(&org.name);
        let key = comparison_key(&org.name);
        let from_register = is_council_type(&org.org_type)
            .then(|| register_suggestion(register, full, cores, &text))
            .flatten()
            .map(|name| {
                (
                    name,
                    "a council in the UK local authority register".to_owned(),
                    Arc::new(Vec::new()),
                )
            });
        let from_site = || {
            site.nearest(&text, |c| {
                let Some(other) = c.org else { return false };
                // Spelt two ways with the same words is `organisation-spelling`.
                other.slug != org.slug
                    && comparison_key(&other.name) != key
                    && (other.council.is_some()
                        || other.case_studies.len() > org.case_studies.len()
                        || (other.case_studies.len() == org.case_studies.len()
                            && other.name < org.name))
            })
            .and_then(|c| c.org)
            .map(|other| {
                let n = other.case_studies.len();
                // The files that name it: a change there can cause this
                // warning. Made once per organisation and shared by every
                // warning that points at it (at 100,000 case studies,
                // copying it into each made the model step 73 s and 1.4 GB).
                let named_in = named_in_of
                    .borrow_mut()
                    .entry(other.slug.clone())
                    .or_insert_with(|| {
                        let mut files: Vec<std::path::PathBuf> = other
                            .case_studies
                            .iter()
                            .map(|id| case_studies[id.index()].file.clone())
                            .collect();
                        files.dedup();
                        Arc::new(files)
                    })
                    .clone();
                (
                    other.name.as_str(),
                    format!(
                        "an organisation named in {n} case stud{}",
                        if n == 1 { "y" } else { "ies" }
                    ),
                    named_in,
                )
            })
        };
        let Some((suggestion, what, named_in)) = from_register.or_else(from_site) else {
            continue;
        };
        for id in &org.case_studies {
            let c = &case_studies[id.index()];
            for p in c.matter.partners.iter().filter(|p| p.name == org.name) {
                diagnostics.push(
                    Diagnostic::warning(
                        Code::OrganisationTypo,
                        Origin::file(&c.file, p.name_pos),
                        format!(
                            "`{}` is close to `{suggestion}` ({what}), but not the same: did you mean `{suggestion}`?",
                            org.name
                        ),
                    )
                    .with_help(format!(
                        "if it is a slip, write `name: {suggestion}`, so that the organisation's page gathers all its arrangements; if it is a new organisation, keep the name (this is only a warning)"
                    ))
                    .with_source(&c.body.source)
                    .with_related_shared(&named_in),
                );
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggest(name: &str) -> Option<&'static str> {
        let (full, cores) = register_indexes();
        register_suggestion(Register::bundled(), full, cores, &normalise(name))
    }

    #[test]
    fn slips_of_register_names_are_caught() {
        assert_eq!(
            suggest("North Devonn Council"),
            Some("North Devon District Council")
        );
        assert_eq!(
            suggest("Redditch Borough Counci"),
            Some("Redditch Borough Council")
        );
        assert_eq!(
            suggest("Redditch Borugh Council"),
            Some("Redditch Borough Council")
        );
    }

    #[test]
    fn names_far_from_any_are_left_alone() {
        assert_eq!(suggest("Anytown District Council"), None);
        assert_eq!(suggest("Othertown Borough Council"), None);
        assert_eq!(suggest("Wessex Combined Authority"), None);
    }

    #[test]
    fn series_are_not_slips() {
        assert!(!plausible_slip("zone 1 council", "zone 2 council"));
        assert!(!plausible_slip("partner a", "partner b"));
        assert!(plausible_slip("alpha councl", "alpha council"));
    }

    #[test]
    fn letters_rule_out_only_what_no_edit_could_reach() {
        // A substitution changes at most two letters present.
        let (a, b) = ("abcdef", "abcdxf");
        assert!((letters(a) ^ letters(b)).count_ones() <= 2);
        assert_eq!(strsim::osa_distance(a, b), 1);
    }
}
