//! The site model: one immutable value built from the validated content.
//! Case studies sorted, every taxonomy term with its case studies, every
//! organisation, and the savings aggregates. Everything after this stage reads
//! the model and nothing else.

pub mod links;
pub mod money;
pub mod organisations;
pub mod register;

use crate::content::case_study::FrontMatter;
use crate::content::resources::Resource;
use crate::content::site_config::{SiteConfig, base_path};
use crate::content::vocabulary::{Kind, Vocabulary};
use crate::content::{CaseStudy, Content, Page};
use crate::diagnostics::Diagnostic;
use money::MoneyTotals;
use organisations::Organisation;

#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Path prefix of every internal URL: `/` or `/sub/`.
    pub base_path: String,
    pub vocab: Vocabulary,
    /// Sorted by title; a case study's index here is its id everywhere else.
    pub case_studies: Vec<CaseStudy>,
    /// Each case study's regions: the union of its partners' regions, in vocabulary order.
    pub regions_of: Vec<Vec<String>>,
    pub pages: Vec<Page>,
    pub resources: Vec<Resource>,
    pub functions: Vec<Taxon>,
    pub regions: Vec<Taxon>,
    pub models: Vec<Taxon>,
    pub organisations: Vec<Organisation>,
    /// Case study ids, newest first (by `date`, then title).
    pub latest: Vec<usize>,
    pub savings: MoneyTotals,
    pub costs: MoneyTotals,
}

/// One term of a taxonomy with the case studies filed under it.
#[derive(Debug, Clone)]
pub struct Taxon {
    pub kind: Kind,
    pub slug: String,
    pub label: String,
    pub group: String,
    pub code: String,
    pub case_studies: Vec<usize>,
    pub savings: MoneyTotals,
    pub costs: MoneyTotals,
}

impl Taxon {
    pub fn url_path(&self) -> String {
        format!("/{}/{}/", section_of(self.kind), self.slug)
    }
}

/// The URL section of a taxonomy: `functions`, `regions`, `models`.
pub fn section_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Function => "functions",
        Kind::Region => "regions",
        Kind::Model => "models",
        Kind::OrganisationType => "partners",
    }
}

impl Site {
    /// Builds the model; returns the diagnostics of the checks that need the
    /// whole site (organisation spellings, links between pages).
    pub fn build(content: Content) -> (Site, Vec<Diagnostic>) {
        let Content {
            config,
            vocab,
            mut case_studies,
            pages,
            resources,
        } = content;
        case_studies.sort_by_cached_key(|c| (c.matter.title.to_lowercase(), c.slug.clone()));
        let regions_of: Vec<Vec<String>> = case_studies
            .iter()
            .map(|c| regions_of(&c.matter, &vocab))
            .collect();
        let functions = build_taxonomy(&vocab, Kind::Function, &case_studies, |i| {
            case_studies[i].matter.functions.clone()
        });
        let regions = build_taxonomy(&vocab, Kind::Region, &case_studies, |i| {
            regions_of[i].clone()
        });
        let models = build_taxonomy(&vocab, Kind::Model, &case_studies, |i| {
            vec![case_studies[i].matter.model.clone()]
        });
        let (organisations, mut diagnostics) = organisations::gather(&case_studies);
        let mut latest: Vec<usize> = (0..case_studies.len()).collect();
        latest.sort_by(|&a, &b| {
            case_studies[b]
                .matter
                .date
                .cmp(&case_studies[a].matter.date)
                .then(a.cmp(&b))
        });
        let mut savings = MoneyTotals::default();
        let mut costs = MoneyTotals::default();
        for c in &case_studies {
            savings.add_combined(&c.matter.savings);
            costs.add_combined(&c.matter.costs);
        }
        let site = Site {
            base_path: base_path(&config.base_url),
            config,
            vocab,
            case_studies,
            regions_of,
            pages,
            resources,
            functions,
            regions,
            models,
            organisations,
            latest,
            savings,
            costs,
        };
        diagnostics.extend(links::check(&site));
        // The sources were kept for messages; nothing after this needs them.
        let mut site = site;
        for c in &mut site.case_studies {
            c.source = std::sync::Arc::from("");
        }
        for p in &mut site.pages {
            p.source = std::sync::Arc::from("");
        }
        (site, diagnostics)
    }

    pub fn taxonomy(&self, kind: Kind) -> &[Taxon] {
        match kind {
            Kind::Function => &self.functions,
            Kind::Region => &self.regions,
            Kind::Model => &self.models,
            Kind::OrganisationType => &[],
        }
    }

    /// Every page URL path the site will have (without the base path).
    pub fn page_paths(&self) -> Vec<String> {
        let mut paths = vec![
            "/".to_owned(),
            "/case-studies/".into(),
            "/search/".into(),
            "/data/".into(),
            "/lessons/".into(),
            "/partners/".into(),
        ];
        for kind in [Kind::Function, Kind::Region, Kind::Model] {
            paths.push(format!("/{}/", section_of(kind)));
            paths.extend(self.taxonomy(kind).iter().map(Taxon::url_path));
        }
        paths.extend(
            self.case_studies
                .iter()
                .map(|c| format!("/case-studies/{}/", c.slug)),
        );
        paths.extend(
            self.organisations
                .iter()
                .map(|o| format!("/partners/{}/", o.slug)),
        );
        paths.extend(self.pages.iter().map(|p| format!("/{}/", p.slug)));
        if !self.resources.is_empty() && !self.pages.iter().any(|p| p.slug == "resources") {
            paths.push("/resources/".into());
        }
        paths
    }

    /// A site path (`/functions/waste/`) as a link: with the base path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path.trim_end_matches('/'), path)
    }

    /// A site path (`/functions/waste/`, without the base path) as an
    /// absolute URL, for canonical links, feeds and sitemaps.
    pub fn absolute_url(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.config.base_url,
            path.strip_prefix('/').unwrap_or(path)
        )
    }
}

fn regions_of(matter: &FrontMatter, vocab: &Vocabulary) -> Vec<String> {
    let mut regions: Vec<String> = matter
        .partners
        .iter()
        .filter_map(|p| p.region.clone())
        .collect();
    regions.sort_by_key(|r| vocab.rank(Kind::Region, r));
    regions.dedup();
    regions
}

fn build_taxonomy(
    vocab: &Vocabulary,
    kind: Kind,
    case_studies: &[CaseStudy],
    terms_of: impl Fn(usize) -> Vec<String>,
) -> Vec<Taxon> {
    let mut taxa: Vec<Taxon> = vocab
        .terms(kind)
        .iter()
        .map(|t| Taxon {
            kind,
            slug: t.slug.clone(),
            label: t.label.clone(),
            group: t.group.clone(),
            code: t.code.clone(),
            case_studies: Vec::new(),
            savings: MoneyTotals::default(),
            costs: MoneyTotals::default(),
        })
        .collect();
    let index: std::collections::HashMap<String, usize> = taxa
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    for (i, c) in case_studies.iter().enumerate() {
        for slug in terms_of(i) {
            if let Some(t) = index.get(&slug).map(|&j| &mut taxa[j]) {
                t.case_studies.push(i);
                t.savings.add_combined(&c.matter.savings);
                t.costs.add_combined(&c.matter.costs);
            }
        }
    }
    taxa
}
