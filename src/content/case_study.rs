//! A case study's front matter, read from the YAML tree into typed fields,
//! checking types, vocabularies, dates and amounts as it goes.

use crate::content::Slug;
use crate::content::amount::{AmountError, parse_amount, pence_from_number};
use crate::content::date::Date;
use crate::content::fields::{Fields, Reporter};
use crate::content::money::{Pence, Period, Share, Status, Word};
use crate::content::vocabulary::{Kind, Vocabulary, is_public_body, is_slug};
use crate::content::yaml::{Node, Value};
use crate::diagnostics::{Code, Position, suggestion};
use serde::Serialize;

pub const FIELDS: &[&str] = &[
    "title",
    "summary",
    "date",
    "started",
    "status",
    "model",
    "functions",
    "partners",
    "savings",
    "costs",
    "lessons",
    "contacts",
    "sources",
    "tags",
    "slug",
    "draft",
    "tier",
];
const PARTNER_FIELDS: &[&str] = &["name", "type", "region", "lead", "code"];
const MONEY_FIELDS: &[&str] = &[
    "amount",
    "period",
    "years",
    "status",
    "partner",
    "breakdown",
    "note",
    "functions",
    "at_least",
    "superseded",
    "about",
    "quote",
    "headline",
];
const CONTACT_FIELDS: &[&str] = &["name", "role", "email", "phone"];
const SOURCE_FIELDS: &[&str] = &["title", "url", "section"];
const STATUSES: &[&str] = &["planned", "in-progress", "operating", "ended"];
const TIERS: &[&str] = &["full", "example", "brief"];

/// Each `status:` value with what readers see (the search page's filter).
pub const STATUS_LABELS: [(&str, &str); 4] = [
    ("planned", "Planned"),
    ("in-progress", "In progress"),
    ("operating", "Operating"),
    ("ended", "Ended"),
];

/// Each `tier:` value with what readers see.
pub const TIER_LABELS: [(&str, &str); 3] = [
    ("full", "Full case study"),
    ("example", "Short entry on a published example"),
    ("brief", "Brief mention"),
];
pub const SUMMARY_MAX_CHARS: usize = 300;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub summary: String,
    pub date: Date,
    pub started: Option<Date>,
    pub status: Option<String>,
    pub model: Slug,
    pub functions: Vec<Slug>,
    pub partners: Vec<Partner>,
    pub savings: Vec<Money>,
    pub costs: Vec<Money>,
    pub lessons: Vec<String>,
    pub contacts: Vec<Contact>,
    pub sources: Vec<Source>,
    pub tags: Vec<String>,
    pub slug: Option<String>,
    pub draft: bool,
    /// How much the source says: `full`, `example` or `brief` (an extension of
    /// the content format; defaults to `full`).
    pub tier: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Partner {
    pub name: String,
    #[serde(rename = "type")]
    pub org_type: Slug,
    pub region: Option<Slug>,
    pub lead: bool,
    /// Optional official code (e.g. the register's three-letter code) that
    /// overrides matching by name.
    pub code: Option<String>,
    #[serde(skip)]
    pub pos: Position,
    /// Where the value of `name:` is, for messages about the name itself.
    #[serde(skip)]
    pub name_pos: Position,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Money {
    #[serde(skip)]
    pub pence: Pence,
    pub period: Period,
    pub years: Option<u32>,
    pub status: Status,
    pub partner: Option<String>,
    /// Part of another figure in the same list (a component of a combined
    /// figure, a row of a table whose total is also given): never added to
    /// totals, like a partner's share. An extension of the content format.
    pub breakdown: bool,
    /// Which of the case study's functions the figure is about (an
    /// extension). Empty: not said, so the figure is about the function of a
    /// one-function case study, and about the whole arrangement otherwise
    /// (see [`Money::scope`]).
    pub functions: Vec<Slug>,
    /// The amount is a lower bound: the source says "over" or "at least".
    pub at_least: bool,
    /// A projection later overtaken, with what overtook it (words or the
    /// later figure): shown, never added.
    pub superseded: Option<String>,
    /// What the figure is, in plain English, for the public.
    pub about: Option<String>,
    /// The source's own words for the figure.
    pub quote: Option<String>,
    /// The editor's working note on how the figure was read: available to
    /// readers behind a disclosure, never in the way.
    pub note: Option<String>,
    /// Chosen as the case study's headline figure, over the rule's choice.
    pub headline: bool,
}

impl Money {
    /// What the figure stands for: the arrangement's own, a partner's share
    /// or a breakdown.
    pub fn share(&self) -> Share<'_> {
        Share::of(self.partner.as_deref(), self.breakdown)
    }

    /// Whether totals add this figure: only combined figures, never shares or breakdowns.
    pub fn is_combined(&self) -> bool {
        self.share().is_combined()
    }

    /// The functions the figure is about, given the case study's: those it
    /// names, else the one function of a one-function case study, else none
    /// (a figure about the whole arrangement).
    pub fn scope<'a>(&'a self, case_study_functions: &'a [Slug]) -> &'a [Slug] {
        match (self.functions.as_slice(), case_study_functions) {
            ([], [only]) => std::slice::from_ref(only),
            ([], _) => &[],
            (named, _) => named,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Contact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: Option<String>,
    pub section: Option<String>,
}

/// Reads the front matter; returns `None` when a required part is unusable
/// (the problems are in `r.diagnostics`).
pub fn read(root: &Node, vocab: &Vocabulary, r: &mut Reporter) -> Option<FrontMatter> {
    let mut f = r.root_fields(root, "the front matter", "title: \"...\"")?;
    let title = required_text(
        &mut f,
        r,
        "title",
        "title: \"Council A and Council B: shared waste service\"",
    );
    let summary = required_text(
        &mut f,
        r,
        "summary",
        "summary: \"One or two sentences, plain text.\"",
    );
    if let Some((summary, pos)) = &summary {
        let chars = summary.chars().count();
        if chars > SUMMARY_MAX_CHARS {
            r.error(
                Code::SummaryTooLong,
                *pos,
                format!("the summary is {chars} characters long; the limit is {SUMMARY_MAX_CHARS}"),
                "shorten it to one or two sentences; put detail in the body",
            );
        }
    }
    let date = f
        .required(r, "date", "date: 2011-03-01")
        .and_then(|n| date_field(n, r, "date", Date::parse_full));
    let started = f
        .optional("started")
        .and_then(|n| date_field(n, r, "started", Date::parse_partial));
    let status = f
        .optional("status")
        .and_then(|n| one_of(n, r, "status", STATUSES));
    let model = f
        .required(r, "model", "model: shared-management")
        .and_then(|n| vocabulary_slug(n, r, vocab, Kind::Model, "model"));
    let functions = read_functions(&mut f, r, vocab);
    let partners = read_partners(&mut f, r, vocab);
    let known = Known {
        partners: partners.as_deref(),
        functions: functions.as_deref(),
        vocab,
    };
    let savings = read_money_list(&mut f, r, "savings", &known);
    let costs = read_money_list(&mut f, r, "costs", &known);
    let lessons = optional_text_list(&mut f, r, "lessons");
    let contacts = read_list(&mut f, r, "contacts", read_contact);
    let sources = read_list(&mut f, r, "sources", read_source);
    let tags = optional_text_list(&mut f, r, "tags");
    let slug = f.optional("slug").and_then(|n| slug_field(n, r));
    let draft = f
        .optional("draft")
        .and_then(|n| r.boolean(n, "draft"))
        .unwrap_or(false);
    let tier = f
        .optional("tier")
        .and_then(|n| one_of(n, r, "tier", TIERS))
        .unwrap_or_else(|| "full".into());
    f.finish(r, FIELDS, "the front matter");
    Some(FrontMatter {
        title: title?.0,
        summary: summary?.0,
        date: date?,
        started,
        status,
        model: model?,
        functions: functions?,
        partners: partners?,
        savings,
        costs,
        lessons,
        contacts,
        sources,
        tags,
        slug,
        draft,
        tier,
    })
}

fn required_text(
    f: &mut Fields,
    r: &mut Reporter,
    name: &str,
    example: &str,
) -> Option<(String, Position)> {
    let node = f.required(r, name, example)?;
    let text = r.text(node, name)?;
    if text.is_empty() {
        r.error(
            Code::EmptyValue,
            node.pos,
            format!("`{name}` is empty"),
            format!("write it like `{example}`"),
        );
        return None;
    }
    if text.starts_with("TODO") {
        r.error(
            Code::Placeholder,
            node.pos,
            format!("`{name}` still holds the placeholder `{text}`"),
            format!("replace it, like `{example}`"),
        );
        return None;
    }
    Some((text, node.pos))
}

fn date_field(
    node: &Node,
    r: &mut Reporter,
    name: &str,
    parse: fn(&str) -> Result<Date, String>,
) -> Option<Date> {
    let text = r.text(node, name)?;
    match parse(&text) {
        Ok(d) => Some(d),
        Err(why) => {
            let format = if name == "date" {
                "YYYY-MM-DD, e.g. `date: 2011-03-01`"
            } else {
                "YYYY or YYYY-MM, e.g. `started: 2008-06`"
            };
            r.error(
                Code::BadDate,
                node.pos,
                format!("bad date `{text}` in `{name}`: {why}"),
                format!("write the date as {format}"),
            );
            None
        }
    }
}

fn one_of(node: &Node, r: &mut Reporter, field: &str, allowed: &[&str]) -> Option<String> {
    let text = r.text(node, field)?;
    if allowed.contains(&text.as_str()) {
        Some(text)
    } else {
        r.error(
            Code::UnknownValue,
            node.pos,
            format!("unknown {field} `{text}`"),
            suggestion(&text, allowed),
        );
        None
    }
}

/// One of the content format's closed sets of words, as its enum; an
/// unknown word is an error at the word with the nearest valid one.
fn word<T: Word>(node: &Node, r: &mut Reporter, field: &str) -> Option<T> {
    let text = one_of(node, r, field, &T::words())?;
    T::from_word(&text)
}

fn vocabulary_slug(
    node: &Node,
    r: &mut Reporter,
    vocab: &Vocabulary,
    kind: Kind,
    field: &str,
) -> Option<Slug> {
    let text = r.text(node, field)?;
    if let Some(term) = vocab.get(kind, &text) {
        return Some(term.slug.clone());
    }
    let slugs = vocab.slugs(kind);
    let help = match crate::diagnostics::nearest(&text, slugs.iter().copied()) {
        Some(near) => format!(
            "did you mean `{near}`? (valid {} slugs are listed in docs/content-format.md; site.yaml can add more)",
            kind.noun()
        ),
        None => format!("use one of: {}", slugs.join(", ")),
    };
    r.error(
        Code::UnknownVocabulary,
        node.pos,
        format!("unknown {} `{text}`", kind.noun()),
        help,
    );
    None
}

fn read_functions(f: &mut Fields, r: &mut Reporter, vocab: &Vocabulary) -> Option<Vec<Slug>> {
    let node = f.required(r, "functions", "functions: [procurement, ict]")?;
    let items = r.list(node, "functions", "functions: [procurement, ict]")?;
    if items.is_empty() {
        r.error(
            Code::EmptyValue,
            node.pos,
            "`functions` is empty",
            "list at least one function, e.g. `functions: [waste]`",
        );
        return None;
    }
    let mut out: Vec<Slug> = Vec::new();
    let mut ok = true;
    for item in items {
        match vocabulary_slug(item, r, vocab, Kind::Function, "functions") {
            Some(slug) if out.contains(&slug) => {
                r.warning(
                    Code::DuplicateItem,
                    item.pos,
                    format!("function `{slug}` is listed twice"),
                    "remove the repeat",
                );
            }
            Some(slug) => out.push(slug),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_partners(f: &mut Fields, r: &mut Reporter, vocab: &Vocabulary) -> Option<Vec<Partner>> {
    const EXAMPLE: &str = "partners:\n  - name: Redditch Borough Council\n    type: district\n    region: west-midlands";
    let node = f.required(
        r,
        "partners",
        "partners: (a list of organisations with name, type and region)",
    )?;
    let items = r.list(node, "partners", EXAMPLE)?;
    if items.is_empty() {
        r.error(
            Code::EmptyValue,
            node.pos,
            "`partners` is empty",
            "list at least one organisation with its name, type and region",
        );
        return None;
    }
    let mut partners: Vec<Partner> = Vec::new();
    let mut ok = true;
    for item in items {
        match read_partner(item, r, vocab) {
            Some(p) => {
                if partners.iter().any(|q| q.name == p.name) {
                    r.error(
                        Code::DuplicateItem,
                        item.pos,
                        format!("partner `{}` is listed twice", p.name),
                        "remove the repeat",
                    );
                }
                partners.push(p);
            }
            None => ok = false,
        }
    }
    ok.then_some(partners)
}

fn read_partner(node: &Node, r: &mut Reporter, vocab: &Vocabulary) -> Option<Partner> {
    let mut f = r.fields(node, "each partner", "- name: Redditch Borough Council")?;
    let name = required_text(&mut f, r, "name", "name: Redditch Borough Council");
    let org_type = f
        .required(r, "type", "type: district")
        .and_then(|n| vocabulary_slug(n, r, vocab, Kind::OrganisationType, "type"));
    let region_node = f.optional("region");
    let region = region_node.and_then(|n| vocabulary_slug(n, r, vocab, Kind::Region, "region"));
    let lead = f
        .optional("lead")
        .and_then(|n| r.boolean(n, "lead"))
        .unwrap_or(false);
    let code = f.optional("code").and_then(|n| r.text(n, "code"));
    f.finish(r, PARTNER_FIELDS, "a partner");
    let (name, name_pos) = name?;
    let org_type = org_type?;
    if region_node.is_none() && is_public_body(&org_type) {
        r.error(Code::MissingRegion,
            node.pos,
            format!("partner `{name}` has no region"),
            "public bodies need a region, e.g. `region: west-midlands` (it is optional only for private and voluntary organisations)",
        );
        return None;
    }
    if region_node.is_some() && region.is_none() {
        return None;
    }
    Some(Partner {
        name,
        org_type,
        region,
        lead,
        code,
        pos: node.pos,
        name_pos,
    })
}

/// What a money figure may refer to: the case study's partners and functions.
struct Known<'a> {
    partners: Option<&'a [Partner]>,
    functions: Option<&'a [Slug]>,
    vocab: &'a Vocabulary,
}

fn read_money_list(f: &mut Fields, r: &mut Reporter, field: &str, known: &Known) -> Vec<Money> {
    let Some(node) = f.optional(field) else {
        return Vec::new();
    };
    let example = format!("{field}:\n  - amount: 500000\n    period: annual\n    status: achieved");
    let Some(items) = r.list(node, field, &example) else {
        return Vec::new();
    };
    let figures: Vec<(Money, Position)> = items
        .iter()
        .filter_map(|item| read_money(item, r, field, known).map(|m| (m, item.pos)))
        .collect();
    check_headlines(&figures, r, field);
    figures.into_iter().map(|(m, _)| m).collect()
}

/// At most one figure is the headline, and it must be one a total could
/// add: a saving, the arrangement's own, not overtaken.
fn check_headlines(figures: &[(Money, Position)], r: &mut Reporter, field: &str) {
    if field == "costs" {
        for (_, pos) in figures.iter().filter(|(m, _)| m.headline) {
            r.error(
                Code::BadHeadline,
                *pos,
                "a cost cannot be the headline figure: a case study's headline is one of its savings",
                "remove `headline: true` here, or put it on a saving",
            );
        }
        return;
    }
    let mut chosen = figures.iter().filter(|(m, _)| m.headline);
    let first = chosen.next();
    for (_, pos) in chosen {
        r.error(
            Code::BadHeadline,
            *pos,
            format!("a second figure of `{field}` says `headline: true`"),
            "keep `headline: true` on one figure only",
        );
    }
    if let Some((m, pos)) = first
        && (!m.is_combined() || m.superseded.is_some())
    {
        r.error(
            Code::BadHeadline,
            *pos,
            "the headline figure is a partner's share, a breakdown part or a superseded projection",
            "put `headline: true` on a figure of the whole arrangement that still stands",
        );
    }
}

fn read_money(node: &Node, r: &mut Reporter, field: &str, known: &Known) -> Option<Money> {
    let mut f = r.fields(node, field, "- amount: 500000")?;
    let pence = f
        .required(r, "amount", "amount: 500000")
        .and_then(|n| amount(n, r));
    let period = f
        .required(r, "period", "period: annual")
        .and_then(|n| word::<Period>(n, r, "period"));
    let years = f
        .optional("years")
        .and_then(|n| whole_number(n, r, "years"));
    let status = f
        .optional("status")
        .and_then(|n| money_status(n, r, field))
        .unwrap_or_default();
    let partner_node = f.optional("partner");
    let partner = partner_node.and_then(|n| r.text(n, "partner"));
    let flag = |f: &mut Fields, r: &mut Reporter, name: &str| {
        f.optional(name)
            .and_then(|n| r.boolean(n, name))
            .unwrap_or(false)
    };
    let breakdown = flag(&mut f, r, "breakdown");
    let at_least = flag(&mut f, r, "at_least");
    let headline = flag(&mut f, r, "headline");
    let text = |f: &mut Fields, r: &mut Reporter, name: &str| {
        f.optional(name).and_then(|n| r.text(n, name))
    };
    let note = text(&mut f, r, "note");
    let superseded = text(&mut f, r, "superseded");
    let about = text(&mut f, r, "about");
    let quote = text(&mut f, r, "quote");
    let functions = f
        .optional("functions")
        .map(|n| figure_functions(n, r, known))
        .unwrap_or_default();
    f.finish(r, MONEY_FIELDS, &format!("an entry of `{field}`"));
    if let (Some(name), Some(n), Some(partners)) = (&partner, partner_node, known.partners)
        && !partners.iter().any(|p| &p.name == name)
    {
        let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
        r.error(
            Code::UnknownPartner,
            n.pos,
            format!("`partner: {name}` is not one of this case study's partners"),
            suggestion(name, &names),
        );
    }
    Some(Money {
        pence: pence?,
        period: period?,
        years,
        status,
        partner,
        breakdown,
        functions,
        at_least,
        superseded,
        about,
        quote,
        note,
        headline,
    })
}

/// A figure's `status:`. Costs may also say `spent` (achieved) and
/// `planned` (projected), the words their pages use.
fn money_status(node: &Node, r: &mut Reporter, field: &str) -> Option<Status> {
    if field == "costs"
        && let Value::String(s) = &node.value
    {
        match s.trim() {
            "spent" => return Some(Status::Achieved),
            "planned" => return Some(Status::Projected),
            _ => {}
        }
    }
    word::<Status>(node, r, "status")
}

/// A figure's `functions:`: slugs of the vocabulary that the case study
/// itself lists.
fn figure_functions(node: &Node, r: &mut Reporter, known: &Known) -> Vec<Slug> {
    let example = "functions: [waste]";
    let Some(items) = r.list(node, "functions", example) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(slug) = vocabulary_slug(item, r, known.vocab, Kind::Function, "functions") else {
            continue;
        };
        match known.functions {
            Some(listed) if !listed.contains(&slug) => r.error(
                Code::FigureFunction,
                item.pos,
                format!("this figure is about `{slug}`, which the case study's `functions:` does not list"),
                format!(
                    "name one of the case study's functions ({}), or add `{slug}` to its `functions:`",
                    listed.join(", ")
                ),
            ),
            _ if out.contains(&slug) => {}
            _ => out.push(slug),
        }
    }
    out
}

fn amount(node: &Node, r: &mut Reporter) -> Option<Pence> {
    let parsed = match &node.value {
        Value::Number(n) => pence_from_number(n),
        Value::String(s) => parse_amount(s),
        _ => Err(AmountError::Unreadable(format!(
            "found {}",
            node.type_name()
        ))),
    };
    match parsed {
        Ok(p) => Some(p),
        Err(AmountError::Unreadable(why)) => {
            r.error(
                Code::BadAmount,
                node.pos,
                format!("cannot read the amount: {why}"),
                "write pounds as a number (`amount: 500000`) or text such as \"£500,000\", \"£1.2m\", \"£30.7 million\" or \"£71k\"",
            );
            None
        }
        Err(AmountError::AboveCeiling) => {
            r.error(
                Code::AmountTooLarge,
                node.pos,
                "the amount is more than £1 trillion, the most one figure may be",
                "amounts are in pounds, not pence: check for extra zeros or a stray exponent (`1e30`); write it like `amount: 500000` or \"£1.2m\"",
            );
            None
        }
    }
}

fn whole_number(node: &Node, r: &mut Reporter, field: &str) -> Option<u32> {
    match node.as_f64() {
        Some(x) if x >= 1.0 && x.fract() == 0.0 && x < 1000.0 => Some(x as u32),
        _ => {
            r.error(
                Code::BadNumber,
                node.pos,
                format!("`{field}` should be a whole number of years"),
                format!("write it like `{field}: 10`"),
            );
            None
        }
    }
}

fn optional_text_list(f: &mut Fields, r: &mut Reporter, field: &str) -> Vec<String> {
    match f.optional(field) {
        Some(node) => r
            .text_list(node, field)
            .into_iter()
            .map(|(t, _)| t)
            .collect(),
        None => Vec::new(),
    }
}

fn read_list<T>(
    f: &mut Fields,
    r: &mut Reporter,
    field: &str,
    read: fn(&Node, &mut Reporter) -> Option<T>,
) -> Vec<T> {
    let Some(node) = f.optional(field) else {
        return Vec::new();
    };
    let Some(items) = r.list(node, field, &format!("{field}:\n  - ...")) else {
        return Vec::new();
    };
    items.iter().filter_map(|item| read(item, r)).collect()
}

fn read_contact(node: &Node, r: &mut Reporter) -> Option<Contact> {
    let mut f = r.fields(node, "each contact", "- name: Kevin Dicks")?;
    let name = required_text(&mut f, r, "name", "name: Kevin Dicks");
    let role = f.optional("role").and_then(|n| r.text(n, "role"));
    let email_node = f.optional("email");
    let email = email_node.and_then(|n| r.text(n, "email"));
    let phone = f.optional("phone").and_then(|n| r.text(n, "phone"));
    f.finish(r, CONTACT_FIELDS, "a contact");
    if let (Some(email), Some(n)) = (&email, email_node)
        && !looks_like_email(email)
    {
        r.error(
            Code::BadEmail,
            n.pos,
            format!("`{email}` does not look like an email address"),
            "write it like `email: name@council.gov.uk`",
        );
    }
    Some(Contact {
        name: name?.0,
        role,
        email,
        phone,
    })
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !s.contains(char::is_whitespace)
        && !s.contains(['<', '>', '"'])
}

fn read_source(node: &Node, r: &mut Reporter) -> Option<Source> {
    let mut f = r.fields(node, "each source", "- title: \"...\"")?;
    let title = required_text(
        &mut f,
        r,
        "title",
        "title: \"Shared services and management (LGG, 2011)\"",
    );
    let url_node = f.optional("url");
    let url = url_node.and_then(|n| r.text(n, "url"));
    let section = f.optional("section").and_then(|n| r.text(n, "section"));
    f.finish(r, SOURCE_FIELDS, "a source");
    if let (Some(url), Some(n)) = (&url, url_node)
        && !is_web_address(url)
    {
        r.error(
            Code::BadUrl,
            n.pos,
            format!("source URL `{url}` must be a full web address: http:// or https://, then a host name"),
            "give the full web address, like `url: https://www.local.gov.uk/`",
        );
    }
    Some(Source {
        title: title?.0,
        url,
        section,
    })
}

/// An absolute http(s) address with a host (itself without spaces), and no
/// control character or blank other than a plain space anywhere. Plain
/// spaces are allowed after the host because the guide prints addresses
/// with them ("...File/4934 4ps Shaping Sol pr6 .pdf"): a link made from one
/// writes each as `%20` (see `render::views::href`), so it cannot break out
/// of the attribute.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.contains(' ')
        && !url.contains(|c: char| (c.is_whitespace() && c != ' ') || c.is_control())
}

fn slug_field(node: &Node, r: &mut Reporter) -> Option<String> {
    let text = r.text(node, "slug")?;
    if text.len() > 100 {
        r.error(
            Code::BadSlug,
            node.pos,
            format!(
                "the slug is {} characters long; the limit is 100",
                text.len()
            ),
            "shorten it: it becomes a folder name, and folders have a length limit",
        );
        return None;
    }
    if is_slug(&text) {
        Some(text)
    } else {
        r.error(
            Code::BadSlug,
            node.pos,
            format!("`{text}` is not a valid slug"),
            format!(
                "use lower-case letters, digits and hyphens, e.g. `slug: {}`",
                crate::content::vocabulary::slugify(&text)
            ),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_tier_has_a_label() {
        assert_eq!(STATUS_LABELS.map(|(s, _)| s), STATUSES);
        assert_eq!(TIER_LABELS.map(|(s, _)| s), TIERS);
    }
}
