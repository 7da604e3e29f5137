//! Builds the tantivy index from the site model: one document per case
//! study, in model order. Each document carries its case study id (`ord`),
//! so tantivy's document ids map back to the model whatever the segments.

use super::schema::{self, ANALYZER, FACETS, SearchSchema};
use super::spelling;
use crate::content::Slug;
use crate::content::vocabulary::Kind;
use crate::model::{BodyTexts, CaseStudyId, Site};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument};

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub schema: SearchSchema,
    /// Case study id of each tantivy document (single segment).
    pub case_study_of: Vec<u32>,
    /// Per document, per facet (in `schema::FACETS` order), the value slugs.
    pub facet_values: Vec<[Vec<Slug>; FACETS.len()]>,
    /// The bundled thesaurus with `site.yaml`'s additions, as index terms.
    pub thesaurus: std::collections::BTreeMap<String, Vec<String>>,
    /// Every word the case studies hold, for spelling suggestions.
    pub spelling: Vec<spelling::Known>,
    /// US-spelled words not widened to their British form
    /// ([`spelling::spelled_as_typed`]), sorted.
    pub spelled_as_typed: Vec<String>,
    /// Per case study, its largest annual saving achieved and projected,
    /// in pence (0: none), for the savings filter.
    pub annual_savings: Vec<[u64; 2]>,
}

/// Each case study's largest annual saving, achieved and projected, in
/// pence (0 when it has none that totals would add).
pub fn annual_savings(site: &Site) -> Vec<[u64; 2]> {
    use crate::content::money::Status;
    use crate::model::money::largest_annual;
    let pence = |m: Option<&crate::content::case_study::Money>| m.map_or(0, |m| m.pence.get());
    site.all_case_studies()
        .iter()
        .map(|c| {
            [
                pence(largest_annual(&c.matter.savings, Status::Achieved)),
                pence(largest_annual(&c.matter.savings, Status::Projected)),
            ]
        })
        .collect()
}

/// The values each case study is filed under, per facet kind.
pub fn facet_values(site: &Site) -> Vec<[Vec<Slug>; FACETS.len()]> {
    site.all_case_studies()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut types: Vec<Slug> = c
                .matter
                .partners
                .iter()
                .map(|p| p.org_type.clone())
                .collect();
            types.sort_by_key(|t| site.vocabulary().rank(Kind::OrganisationType, t));
            types.dedup();
            [
                c.matter.functions.clone(),
                site.regions_of(crate::model::CaseStudyId::new(i)).to_vec(),
                vec![c.matter.model.clone()],
                types,
                // Both from fixed lists that validation holds them to.
                c.matter
                    .status
                    .iter()
                    .filter_map(|s| Slug::new(s.clone()))
                    .collect(),
                Slug::new(c.matter.tier.clone()).into_iter().collect(),
            ]
        })
        .collect()
}

/// The text of each field of one case study, its body's plain text being
/// `body_text`, in `schema::TEXT_FIELDS` order. What each text field holds, in `TEXT_FIELDS` order. Besides what a
/// result shows, the index holds what the page shows and a reader may
/// search for: the register's other names of the partners (former names
/// included) beside their names; tags (by their readable names) and the
/// contacts' names and roles beside the vocabulary's labels; the sources'
/// titles after the body.
pub fn field_texts(site: &Site, id: usize, body_text: &str) -> [String; 6] {
    let case_study = crate::model::CaseStudyId::new(id);
    let c = &site.all_case_studies()[id];
    let m = &c.matter;
    let mut partners: Vec<&str> = m.partners.iter().map(|p| p.name.as_str()).collect();
    let organisations = site.all_organisations();
    for (_, org) in site.partners_of(case_study) {
        if let Some(council) = organisations[org.index()].council {
            partners.extend(council.other_names.iter().map(String::as_str));
        }
    }
    let mut labels: Vec<&str> = m
        .functions
        .iter()
        .map(|f| site.vocabulary().label(Kind::Function, f))
        .collect();
    labels.extend(
        site.regions_of(case_study)
            .iter()
            .map(|r| site.vocabulary().label(Kind::Region, r)),
    );
    labels.push(site.vocabulary().label(Kind::Model, &m.model));
    let tags = site.tags();
    for written in &m.tags {
        let slug = crate::content::vocabulary::slugify(written);
        match site.tag_by_slug(&slug) {
            Some(tag) => labels.push(&tags[tag.index()].label),
            None => labels.push(written),
        }
    }
    for contact in &m.contacts {
        labels.push(&contact.name);
        labels.extend(contact.role.as_deref());
    }
    let mut body = body_text.to_owned();
    for source in &m.sources {
        body.push_str(". ");
        body.push_str(&source.title);
    }
    [
        m.title.clone(),
        partners.join(". "),
        m.summary.clone(),
        labels.join(". "),
        m.lessons.join(" "),
        body,
    ]
}

/// The search index of `site`, which still has its bodies' text (the dev
/// server and the tools keep the site whole).
pub fn build(site: &Site) -> tantivy::Result<SearchIndex> {
    build_with(site, &body_texts(site)?)
}

/// `site`'s bodies' text, or an error if it was moved out.
pub fn body_texts(site: &Site) -> tantivy::Result<BodyTexts<'_>> {
    site.body_texts().ok_or_else(text_moved_out)
}

/// The error of indexing a site whose bodies' text was moved out (a bug).
pub fn text_moved_out() -> tantivy::TantivyError {
    tantivy::TantivyError::InternalError(
        "the case studies' text was moved out of the site for another search index".into(),
    )
}

/// The search index of `site`, its case studies' bodies being `body_texts`.
pub fn build_with(site: &Site, body_texts: &BodyTexts) -> tantivy::Result<SearchIndex> {
    let schema = schema::build();
    let index = Index::create_in_ram(schema.schema.clone());
    index.tokenizers().register(ANALYZER, schema::analyzer());
    let facet_values = facet_values(site);
    // One indexing thread: the other core renders pages meanwhile. A large
    // corpus may be flushed in several segments; the exporter reads them all.
    // A 48 MB arena, not more: it is held while every other page renders,
    // and at 10,000 case studies halving it lowered the peak by about 30 MB
    // for no measurable time.
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 48_000_000)?;
    // Merging segments would only cost time: every reader handles several.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let mut words = spelling::WordCounts::default();
    for (id, values) in facet_values.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        let texts = field_texts(site, id, body_texts.of(CaseStudyId::new(id)));
        words.add_case_study(texts.iter().map(String::as_str));
        for ((field, _), text) in schema.text.iter().zip(texts) {
            doc.add_text(*field, text);
        }
        for (field, field_values) in schema.facets.iter().zip(values) {
            for v in field_values {
                doc.add_text(*field, v);
            }
        }
        doc.add_u64(schema.ord, id as u64);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    reader.reload()?;
    let searcher = reader.searcher();
    let vocabulary = words.vocabulary();
    let mut case_study_of = Vec::with_capacity(site.all_case_studies().len());
    for segment in searcher.segment_readers() {
        let ords = segment.fast_fields().u64("ord")?;
        for doc in 0..segment.max_doc() {
            case_study_of.push(ords.first(doc).unwrap_or(0) as u32);
        }
    }
    Ok(SearchIndex {
        index,
        reader,
        schema,
        case_study_of,
        facet_values,
        thesaurus: schema::thesaurus_terms(&site.settings().thesaurus),
        spelled_as_typed: spelling::spelled_as_typed(&vocabulary),
        spelling: vocabulary,
        annual_savings: annual_savings(site),
    })
}
