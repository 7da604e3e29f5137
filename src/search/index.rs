//! Builds the tantivy index from the site model: one document per case
//! study, in model order. Each document carries its case study id (`ord`),
//! so tantivy's document ids map back to the model whatever the segments.

use super::schema::{self, ANALYZER, FACETS, SearchSchema};
use crate::content::Slug;
use crate::content::vocabulary::Kind;
use crate::model::Site;
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument};

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub schema: SearchSchema,
    /// Case study id of each tantivy document (single segment).
    pub case_study_of: Vec<u32>,
    /// Per document, per facet (in `schema::FACETS` order), the value slugs.
    pub facet_values: Vec<[Vec<Slug>; FACETS.len()]>,
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

/// The text of each field of one case study, in `schema::TEXT_FIELDS` order.
pub fn field_texts(site: &Site, id: usize) -> [String; 6] {
    let c = &site.all_case_studies()[id];
    let m = &c.matter;
    let partners: Vec<&str> = m.partners.iter().map(|p| p.name.as_str()).collect();
    let mut labels: Vec<&str> = m
        .functions
        .iter()
        .map(|f| site.vocabulary().label(Kind::Function, f))
        .collect();
    labels.extend(
        site.regions_of(crate::model::CaseStudyId::new(id))
            .iter()
            .map(|r| site.vocabulary().label(Kind::Region, r)),
    );
    labels.push(site.vocabulary().label(Kind::Model, &m.model));
    [
        m.title.clone(),
        partners.join(". "),
        m.summary.clone(),
        labels.join(". "),
        m.lessons.join(" "),
        site.case_study_body(crate::model::CaseStudyId::new(id))
            .text
            .clone(),
    ]
}

pub fn build(site: &Site) -> tantivy::Result<SearchIndex> {
    let schema = schema::build();
    let index = Index::create_in_ram(schema.schema.clone());
    index.tokenizers().register(ANALYZER, schema::analyzer());
    let facet_values = facet_values(site);
    // One indexing thread: the other core renders pages meanwhile. A large
    // corpus may be flushed in several segments; the exporter reads them all.
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 96_000_000)?;
    // Merging segments would only cost time: every reader handles several.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for (id, values) in facet_values.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        for ((field, _), text) in schema.text.iter().zip(field_texts(site, id)) {
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
    })
}
