//! Organisations: every partner named in any case study, gathered by name so
//! that an organisation's page lists all the arrangements it is part of.
//! Names that look like one organisation spelled two ways are reported.

use super::ids::{CaseStudyId, OrgId};
use super::register::{Council, Register};
use crate::content::CaseStudy;
use crate::content::Slug;
use crate::content::vocabulary::slugify;
use crate::diagnostics::{Code, Diagnostic, Origin};
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: OrgId,
    pub slug: Slug,
    pub name: String,
    pub org_type: Slug,
    pub region: Option<Slug>,
    /// The `code:` given in front matter, if any.
    pub code: Option<String>,
    /// The council in the UK local authority register this organisation is
    /// (from `code:` if given, else matched by name); `None` for
    /// non-councils and names that cannot be matched.
    pub council: Option<&'static Council>,
    /// A group of organisations written as one partner (see [`is_group`]).
    pub group: bool,
    /// Case study ids, in model order.
    pub case_studies: Vec<CaseStudyId>,
    /// How many of those it leads.
    pub leads: usize,
}

/// An organisation's slug: its name in URL form, or, for a name with no
/// letter or digit that has an ASCII spelling (`東京都`), `org-` and a
/// stable hash of the name, so that no page is ever at an empty slug (which
/// would be the organisations' own listing).
pub fn organisation_slug(name: &str) -> Slug {
    let slug = slugify(name);
    let hash = || crate::output::short_hash(name.as_bytes());
    let text = if slug.is_empty() {
        format!("org-{}", hash())
    } else if slug.len() > MAX_SLUG {
        // A folder name has a length limit (255 bytes on most systems): a
        // very long name is cut, with its hash so two such names stay apart.
        let cut = slug[..MAX_SLUG - 11].trim_end_matches('-');
        format!("{cut}-{}", hash())
    } else {
        slug
    };
    // Never `None`: slugify makes only slugs, and a hash is hex digits.
    Slug::new(text).unwrap_or_else(|| Slug::known("organisation"))
}

/// The longest organisation slug, well inside any file system's limit.
const MAX_SLUG: usize = 100;

/// Is a partner's name that of a group of organisations written as one
/// partner ("Councils in Greater Manchester", "Kent district councils",
/// "NHS in Kent") rather than of one organisation? By its words: a plural
/// of councils or authorities, or a sector "in" a place.
pub fn is_group(name: &str) -> bool {
    let name = name.to_lowercase();
    let words: Vec<&str> = name.split_whitespace().collect();
    let plural = words.iter().any(|w| {
        matches!(
            *w,
            "councils"
                | "authorities"
                | "boroughs"
                | "districts"
                | "partners"
                | "trusts"
                | "bodies"
                | "organisations"
        )
    });
    // "NHS in Kent", "Voluntary sector in Kent": a sector of a place.
    let before_in = words.iter().position(|w| *w == "in").map(|i| &words[..i]);
    let sector_in_place = before_in.is_some_and(|sector| {
        !sector.is_empty()
            && sector
                .iter()
                .any(|w| matches!(*w, "nhs" | "sector" | "police" | "health" | "schools"))
    });
    // "Association of North East Councils" is one body of many members.
    let one_body = words.iter().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "association"
                | "partnership"
                | "consortium"
                | "board"
                | "forum"
                | "society"
                | "network"
                | "agency"
                | "company"
                | "ltd"
                | "limited"
                | "alliance"
                | "committee"
                | "trust"
        )
    });
    (plural || sector_in_place) && !one_body
}

/// What a group is called where an organisation's type would be.
pub const GROUP_LABEL: &str = "A group of organisations";

impl Organisation {
    /// What it is, for readers: its type's label, or that it is a group.
    pub fn what<'a>(&'a self, vocab: &'a crate::content::vocabulary::Vocabulary) -> &'a str {
        if self.group {
            GROUP_LABEL
        } else {
            vocab.label(
                crate::content::vocabulary::Kind::OrganisationType,
                &self.org_type,
            )
        }
    }
}

/// Organisation types that are councils, which the register should know.
pub fn is_council_type(org_type: &str) -> bool {
    matches!(
        org_type,
        "county" | "district" | "unitary" | "metropolitan" | "london-borough"
    )
}

/// The register's council for a partner: its `code:` (register or GSS code)
/// wins over matching the name.
pub fn register_entry(name: &str, code: Option<&str>, org_type: &str) -> Option<&'static Council> {
    let register = Register::bundled();
    if let Some(code) = code {
        return register.by_code(code).or_else(|| register.by_gss(code));
    }
    if !is_council_type(org_type) {
        return None;
    }
    register.match_name(name)
}

/// Every organisation, sorted by name, and each case study's partners'
/// organisations (in the order of its `partners:`), with the warnings.
pub fn gather(
    case_studies: &[Arc<CaseStudy>],
) -> (Vec<Organisation>, Vec<Vec<OrgId>>, Vec<Diagnostic>) {
    let mut slugs_of: Vec<Vec<Slug>> = Vec::with_capacity(case_studies.len());
    let mut by_slug: BTreeMap<Slug, Organisation> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut first_spelling: BTreeMap<String, (String, usize)> = BTreeMap::new();
    // A few hundred organisations recur across thousands of case studies.
    let mut keys: std::collections::HashMap<&str, (Slug, String)> = Default::default();
    for (i, c) in case_studies.iter().enumerate() {
        let id = CaseStudyId::new(i);
        let mut slugs = Vec::with_capacity(c.matter.partners.len());
        for p in &c.matter.partners {
            let (slug, key) = keys
                .entry(p.name.as_str())
                .or_insert_with(|| (organisation_slug(&p.name), comparison_key(&p.name)))
                .clone();
            slugs.push(slug.clone());
            match first_spelling.get(&key) {
                Some((name, first)) if *name != p.name => {
                    diagnostics.push(
                        Diagnostic::warning(Code::OrganisationSpelling, Origin::file(&c.file, p.pos), format!("`{}` looks like `{}` (in {}) spelled another way", p.name, name, case_studies[*first].file.display()))
                            .with_help("spell each organisation the same way everywhere, so that its page gathers all its arrangements")
                            .with_source(&c.body.source)
                            .with_related(&case_studies[*first].file),
                    );
                }
                Some(_) => {}
                None => {
                    first_spelling.insert(key, (p.name.clone(), i));
                }
            }
            let org = by_slug.entry(slug.clone()).or_insert_with(|| Organisation {
                id: OrgId::new(0),
                slug,
                name: p.name.clone(),
                org_type: p.org_type.clone(),
                region: p.region.clone(),
                code: p.code.clone(),
                council: None,
                group: is_group(&p.name),
                case_studies: Vec::new(),
                leads: 0,
            });
            if org.org_type != p.org_type {
                // The type it has "elsewhere" is the first case study's.
                let elsewhere = org
                    .case_studies
                    .first()
                    .map(|id| &case_studies[id.index()].file);
                diagnostics.push(
                    Diagnostic::warning(
                        Code::OrganisationType,
                        Origin::file(&c.file, p.pos),
                        format!(
                            "`{}` has type `{}` here but `{}` elsewhere",
                            p.name, p.org_type, org.org_type
                        ),
                    )
                    .with_help("give an organisation the same type in every case study")
                    .with_source(&c.body.source)
                    .with_related_all(elsewhere),
                );
            }
            if org.region.is_none() {
                org.region = p.region.clone();
            }
            if org.code.is_none() {
                org.code = p.code.clone();
            }
            if org.case_studies.last() != Some(&id) {
                org.case_studies.push(id);
            }
            if p.lead {
                org.leads += 1;
            }
        }
        slugs_of.push(slugs);
    }
    let mut orgs: Vec<Organisation> = by_slug.into_values().collect();
    for org in &mut orgs {
        org.council = register_entry(&org.name, org.code.as_deref(), &org.org_type);
        // A name the register does not know is said on the organisation's
        // page (fictional or new councils are fine); a `code:` that is not
        // in the register is a slip worth a warning.
        if let (None, Some(code)) = (org.council, &org.code) {
            let (file, source, pos) = first_mention(case_studies, org);
            diagnostics.push(
                Diagnostic::warning(Code::UnknownRegisterCode, Origin::file(file, pos), format!("`code: {code}` of `{}` is not in the UK local authority register", org.name))
                    .with_help("use the council's three-letter register code (e.g. `code: RED`) or its ONS code, or remove `code:`")
                    .with_source(source),
            );
        }
    }
    orgs.sort_by_cached_key(|o| (o.name.to_lowercase(), o.slug.clone()));
    diagnostics.extend(super::near_names::check(case_studies, &orgs));
    for (i, org) in orgs.iter_mut().enumerate() {
        org.id = OrgId::new(i);
    }
    let id_of: std::collections::HashMap<&str, OrgId> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| (o.slug.as_str(), OrgId::new(i)))
        .collect();
    let partner_orgs = slugs_of
        .iter()
        .map(|slugs| {
            slugs
                .iter()
                .filter_map(|s| id_of.get(s.as_str()).copied())
                .collect()
        })
        .collect();
    (orgs, partner_orgs, diagnostics)
}

/// Where an organisation is first named, for messages.
fn first_mention<'a>(
    case_studies: &'a [Arc<CaseStudy>],
    org: &Organisation,
) -> (&'a std::path::Path, &'a str, crate::diagnostics::Position) {
    let c = &case_studies[org.case_studies[0].index()];
    let pos = c
        .matter
        .partners
        .iter()
        .find(|p| p.name == org.name)
        .map(|p| p.pos)
        .unwrap_or_default();
    (&c.file, &c.body.source, pos)
}

/// A name stripped of the words that vary between spellings of one council:
/// "London Borough of Sutton" and "Sutton Council" both become "sutton".
pub(crate) fn comparison_key(name: &str) -> String {
    const NOISE: &[&str] = &[
        "the",
        "of",
        "and",
        "council",
        "borough",
        "district",
        "city",
        "county",
        "metropolitan",
        "london",
        "royal",
        "ltd",
        "limited",
    ];
    slugify(name)
        .split('-')
        .filter(|w| !NOISE.contains(w))
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::{comparison_key, is_group};

    #[test]
    fn groups_are_told_from_organisations_by_their_words() {
        for group in [
            "Councils in Greater Manchester",
            "Other councils in Dorset",
            "Kent district councils",
            "NHS in Kent",
            "Voluntary sector in Kent",
            "Health trusts in Herefordshire",
            "South Hams and West Devon councils",
        ] {
            assert!(is_group(group), "{group}");
        }
        for one in [
            "Kent County Council",
            "NHS Somerset",
            "Association of North East Councils",
            "Procurement Alliance North and North East Lincolnshire",
            "Police in the community trust",
        ] {
            assert!(!is_group(one), "{one}");
        }
    }

    #[test]
    fn spellings_of_one_council_compare_equal() {
        assert_eq!(
            comparison_key("London Borough of Sutton"),
            comparison_key("Sutton Council")
        );
        assert_eq!(
            comparison_key("Hammersmith & Fulham"),
            comparison_key("London Borough of Hammersmith and Fulham")
        );
        assert_ne!(
            comparison_key("Somerset County Council"),
            comparison_key("South Somerset District Council")
        );
    }
}
