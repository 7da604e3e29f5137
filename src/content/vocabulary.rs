//! The built-in vocabularies of the content format (functions, regions,
//! delivery models, organisation types), which `site.yaml` may extend.

use super::Slug;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub slug: Slug,
    pub label: String,
    /// Functions: back office, front office, ...; empty elsewhere.
    pub group: String,
    /// Regions: the ONS code; empty elsewhere.
    pub code: String,
    /// What the term's page says about it, under its name (an extension;
    /// empty: nothing). Plain text.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vocabulary {
    pub functions: Vec<Term>,
    pub regions: Vec<Term>,
    pub models: Vec<Term>,
    pub organisation_types: Vec<Term>,
    /// Readable names for the free `tags:` of case studies (none built in;
    /// `site.yaml` names them, and an unnamed tag is shown as written).
    pub tags: Vec<Term>,
}

/// Which vocabulary a slug belongs to, for messages and lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Function,
    Region,
    Model,
    OrganisationType,
    Tag,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Function => "function",
            Kind::Region => "region",
            Kind::Model => "delivery model",
            Kind::OrganisationType => "organisation type",
            Kind::Tag => "tag",
        }
    }
}

const FUNCTIONS: &[(&str, &str, &str)] = &[
    (
        "senior-management",
        "Chief executive and senior management",
        "management",
    ),
    ("finance", "Finance and accountancy", "back office"),
    ("revenues-benefits", "Revenues and benefits", "back office"),
    ("payroll", "Payroll", "back office"),
    ("hr", "Human resources", "back office"),
    ("ict", "ICT", "back office"),
    ("procurement", "Procurement", "back office"),
    ("legal", "Legal services", "back office"),
    ("internal-audit", "Internal audit", "back office"),
    ("property", "Property and facilities", "back office"),
    ("pensions", "Pensions and welfare advice", "back office"),
    (
        "customer-services",
        "Customer services and contact centres",
        "front office",
    ),
    (
        "electoral-services",
        "Elections and electoral registration",
        "front office",
    ),
    ("democratic-services", "Democratic services", "front office"),
    ("building-control", "Building control", "regulatory"),
    ("environmental-health", "Environmental health", "regulatory"),
    ("trading-standards", "Trading standards", "regulatory"),
    ("licensing", "Licensing", "regulatory"),
    ("planning", "Planning", "regulatory"),
    ("waste", "Waste collection and recycling", "place"),
    ("transport", "Highways and transport", "place"),
    ("housing", "Housing", "place"),
    ("libraries", "Libraries", "place"),
    ("leisure-culture", "Leisure and culture", "place"),
    ("community-safety", "Community safety", "place"),
    ("cctv", "CCTV and lifeline", "place"),
    ("emergency-planning", "Emergency planning", "place"),
    ("economic-development", "Economic development", "place"),
    (
        "sustainability",
        "Climate change and sustainability",
        "place",
    ),
    ("social-care", "Adult and children's social care", "people"),
];

const REGIONS: &[(&str, &str, &str)] = &[
    ("north-east", "North East", "E12000001"),
    ("north-west", "North West", "E12000002"),
    ("yorkshire-humber", "Yorkshire and the Humber", "E12000003"),
    ("east-midlands", "East Midlands", "E12000004"),
    ("west-midlands", "West Midlands", "E12000005"),
    ("east-of-england", "East of England", "E12000006"),
    ("london", "London", "E12000007"),
    ("south-east", "South East", "E12000008"),
    ("south-west", "South West", "E12000009"),
    ("wales", "Wales", "W92000004"),
    ("scotland", "Scotland", "S92000003"),
    ("northern-ireland", "Northern Ireland", "N92000002"),
];

const MODELS: &[(&str, &str)] = &[
    (
        "joint-working",
        "Joint working: partners collaborate, each keeps its own staff",
    ),
    (
        "lead-authority",
        "Lead or host authority delivers for the others",
    ),
    ("joint-committee", "Joint committee of the partner councils"),
    (
        "shared-management",
        "Shared chief executive or management team",
    ),
    ("company", "Jointly owned company"),
    ("joint-venture", "Joint venture with a private partner"),
    (
        "outsourced-partnership",
        "Joint procurement or a shared outsourced contract",
    ),
];

const ORGANISATION_TYPES: &[(&str, &str)] = &[
    ("county", "County council"),
    ("district", "District council"),
    ("unitary", "Unitary council"),
    ("metropolitan", "Metropolitan borough council"),
    ("london-borough", "London borough council"),
    ("police", "Police"),
    ("fire", "Fire and rescue"),
    ("health", "Health"),
    ("central-government", "Central government"),
    ("private", "Private sector"),
    ("voluntary", "Voluntary and community sector"),
    ("other", "Other"),
];

/// Organisation types that are public bodies, for which a region is required.
pub fn is_public_body(org_type: &str) -> bool {
    !matches!(org_type, "private" | "voluntary")
}

fn term(slug: &'static str, label: &str, group: &str, code: &str) -> Term {
    Term {
        slug: Slug::known(slug),
        label: label.into(),
        group: group.into(),
        code: code.into(),
        description: String::new(),
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            functions: FUNCTIONS
                .iter()
                .map(|(s, l, g)| term(s, l, g, ""))
                .collect(),
            regions: REGIONS.iter().map(|(s, l, c)| term(s, l, "", c)).collect(),
            models: MODELS.iter().map(|(s, l)| term(s, l, "", "")).collect(),
            organisation_types: ORGANISATION_TYPES
                .iter()
                .map(|(s, l)| term(s, l, "", ""))
                .collect(),
            tags: Vec::new(),
        }
    }
}

impl Vocabulary {
    pub fn terms(&self, kind: Kind) -> &[Term] {
        match kind {
            Kind::Function => &self.functions,
            Kind::Region => &self.regions,
            Kind::Model => &self.models,
            Kind::OrganisationType => &self.organisation_types,
            Kind::Tag => &self.tags,
        }
    }

    pub fn terms_mut(&mut self, kind: Kind) -> &mut Vec<Term> {
        match kind {
            Kind::Function => &mut self.functions,
            Kind::Region => &mut self.regions,
            Kind::Model => &mut self.models,
            Kind::OrganisationType => &mut self.organisation_types,
            Kind::Tag => &mut self.tags,
        }
    }

    pub fn get(&self, kind: Kind, slug: &str) -> Option<&Term> {
        self.terms(kind).iter().find(|t| t.slug == slug)
    }

    /// Position of a slug in its vocabulary, for stable, meaningful ordering.
    pub fn rank(&self, kind: Kind, slug: &str) -> usize {
        self.terms(kind)
            .iter()
            .position(|t| t.slug == slug)
            .unwrap_or(usize::MAX)
    }

    pub fn label<'a>(&'a self, kind: Kind, slug: &'a str) -> &'a str {
        self.get(kind, slug)
            .map(|t| t.label.as_str())
            .unwrap_or(slug)
    }

    pub fn slugs(&self, kind: Kind) -> Vec<&str> {
        self.terms(kind).iter().map(|t| t.slug.as_str()).collect()
    }

    /// Adds a term, or relabels an existing one (empty fields keep the old value).
    pub fn upsert(&mut self, kind: Kind, new: Term) {
        let terms = self.terms_mut(kind);
        match terms.iter_mut().find(|t| t.slug == new.slug) {
            Some(old) => {
                if !new.label.is_empty() {
                    old.label = new.label;
                }
                if !new.group.is_empty() {
                    old.group = new.group;
                }
                if !new.code.is_empty() {
                    old.code = new.code;
                }
                if !new.description.is_empty() {
                    old.description = new.description;
                }
            }
            None => terms.push(new),
        }
    }
}

/// Is `s` a valid URL slug: lower-case ASCII letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any text into a URL slug: "Redditch Borough Council" → "redditch-borough-council".
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |c: char, slug: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            pending_hyphen = true;
        }
    };
    // Accents come off as marks of their own (NFD), so `é` typed as one
    // character or as `e` and a combining accent gives the same slug.
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match fold_to_ascii(c) {
            Some(folded) => folded.chars().for_each(|f| push(f, &mut slug)),
            None => push(c, &mut slug),
        }
    }
    slug
}

/// The ASCII spelling of a letter that has one (`é` → `e`, `&` → ` and `).
fn fold_to_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ŵ' | 'Ŵ' => "w",
        'ŷ' | 'ÿ' | 'Ŷ' => "y",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        '&' => " and ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_names() {
        assert_eq!(
            slugify("Redditch Borough Council"),
            "redditch-borough-council"
        );
        assert_eq!(
            slugify("Brent & Harrow: Trading Standards"),
            "brent-and-harrow-trading-standards"
        );
        assert_eq!(slugify("Ynys Môn Council's  ICT"), "ynys-mon-councils-ict");
        assert!(is_slug(&slugify("  --Odd__name-- ")));
        // One character or a letter and a combining accent: one slug.
        assert_eq!(slugify("cr\u{e8}me"), "creme");
        assert_eq!(slugify("cre\u{300}me"), "creme");
        assert_eq!(slugify("Ynys Mo\u{302}n"), "ynys-mon");
    }

    #[test]
    fn slug_rules() {
        assert!(is_slug("south-east"));
        assert!(!is_slug("South-East"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn defaults_match_the_content_format() {
        let v = Vocabulary::default();
        assert_eq!(v.functions.len(), 30);
        assert_eq!(v.regions.len(), 12);
        assert_eq!(v.models.len(), 7);
        assert_eq!(v.organisation_types.len(), 12);
        assert_eq!(
            v.get(Kind::Region, "london").map(|t| t.code.as_str()),
            Some("E12000007")
        );
    }
}
