//! One case study: the plan drawn first (partners, functions, model, date,
//! and the cast of names it mentions), then written out as front matter and
//! body.

mod body;
mod front_matter;

#[cfg(test)]
pub(crate) use front_matter::write_partner;

use crate::names::{Person, group, person, place, project};
use crate::organisations::{
    ORGANISATIONS, OTHER_PUBLIC_BODIES, Org, PRIVATE_PARTNERS, VOLUNTARY_PARTNERS,
};
use crate::rng::Rng;
use crate::text::{capitalise, english_list};
use crate::vocab::vocab;
use crate::words::{MODEL_PHRASES, SUMMARY_ENDINGS, TITLE_FORMS};
use compendium::model::organisations::is_council_type;

pub(crate) struct Plan {
    index: usize,
    count: usize,
    partners: Vec<Org>,
    lead: Option<usize>,
    functions: Vec<usize>,
    model: &'static str,
    region_label: &'static str,
    year: usize,
    month: usize,
    day: usize,
    cast: Cast,
}

/// The names a case study has of its own, each mentioned again and again in
/// it, as a real one keeps naming its towns, its project and its people.
pub(crate) struct Cast {
    /// Two to four invented towns and villages in the partners' area.
    places: Vec<String>,
    /// One or two named projects, with their article: "the Kelbury Hub".
    projects: Vec<String>,
    /// One or two local groups, with their article.
    groups: Vec<String>,
    /// Two to four people at the partner councils; the contacts are the first.
    people: Vec<Person>,
}

impl Cast {
    fn new(rng: &mut Rng, welsh: bool, councils: usize) -> Cast {
        let mut places: Vec<String> = Vec::new();
        for _ in 0..rng.range(2, 4) {
            let p = place(rng, welsh);
            if !places.contains(&p) {
                places.push(p);
            }
        }
        let the = |name: String| {
            if name.starts_with("Project ") {
                name
            } else {
                format!("the {name}")
            }
        };
        let projects = (0..rng.range(1, 2))
            .map(|_| the(project(rng, &places)))
            .collect();
        let groups = (0..rng.range(1, 2))
            .map(|_| format!("the {}", group(rng, &places)))
            .collect();
        let people = (0..rng.range(2, 4))
            .map(|_| person(rng, councils))
            .collect();
        Cast {
            places,
            projects,
            groups,
            people,
        }
    }
}

impl Plan {
    pub(crate) fn new(rng: &mut Rng, index: usize, count: usize) -> Plan {
        let model = *rng.weighted(&vocab().models);
        let (region, region_label) = *rng.pick(&vocab().regions);
        let local: Vec<&(&str, &str, &str)> =
            ORGANISATIONS.iter().filter(|o| o.2 == region).collect();
        let mut wanted = [2, 2, 2, 3, 3, 3, 4, 5][rng.below(8)];
        let mut partners: Vec<Org> = Vec::new();
        let add = |partners: &mut Vec<Org>, org: Org| {
            if !partners.iter().any(|p| p.name == org.name) {
                partners.push(org);
            }
        };
        if matches!(model, "joint-venture" | "outsourced-partnership") || rng.chance(4) {
            let private = rng.chance(85);
            let name = if private {
                rng.pick(PRIVATE_PARTNERS)
            } else {
                rng.pick(VOLUNTARY_PARTNERS)
            };
            add(
                &mut partners,
                Org {
                    name,
                    org_type: if private { "private" } else { "voluntary" },
                    region: None,
                },
            );
            wanted = wanted.max(3);
        }
        if rng.chance(6) {
            let others: Vec<&(&str, &str, &str)> = OTHER_PUBLIC_BODIES
                .iter()
                .filter(|o| o.2 == region)
                .collect();
            if let Some(o) = others.get(rng.below(others.len().max(1))) {
                add(
                    &mut partners,
                    Org {
                        name: o.0,
                        org_type: o.1,
                        region: Some(o.2),
                    },
                );
            }
        }
        while partners.len() < wanted {
            let o = if rng.chance(7) {
                rng.pick(ORGANISATIONS)
            } else {
                *rng.pick(&local)
            };
            add(
                &mut partners,
                Org {
                    name: o.0,
                    org_type: o.1,
                    region: Some(o.2),
                },
            );
        }
        // Councils first, the way editors list them.
        partners.sort_by_key(|p| !is_council_type(p.org_type));
        let lead = (model == "lead-authority" || rng.chance(25)).then_some(0);
        // 1 to 4 functions, fewer more often.
        let nfunctions = rng.range(1, 4).min(rng.range(1, 4));
        let functions = rng.distinct_zipf(vocab().functions.len(), nfunctions);
        let year = rng.range(2005, 2011);
        let month = rng.range(1, 12);
        let day = rng.range(1, days_in_month(year, month));
        // As many as `councils()` will give (all partners if none is public).
        let councils = match partners.iter().filter(|p| p.region.is_some()).count() {
            0 => partners.len(),
            n => n,
        };
        let cast = Cast::new(rng, region == "wales", councils);
        Plan {
            index,
            count,
            partners,
            lead,
            functions,
            model,
            region_label,
            year,
            month,
            day,
            cast,
        }
    }

    fn function_text(&self, i: usize) -> &'static str {
        vocab().functions[self.functions[i]].prose
    }

    fn councils(&self) -> Vec<&Org> {
        let councils: Vec<&Org> = self
            .partners
            .iter()
            .filter(|p| p.region.is_some())
            .collect();
        if councils.is_empty() {
            self.partners.iter().collect()
        } else {
            councils
        }
    }

    fn partner_list(&self, max: usize) -> String {
        let names: Vec<&str> = self
            .councils()
            .iter()
            .take(max)
            .map(|p| p.short())
            .collect();
        english_list(&names)
    }

    fn title(&self, rng: &mut Rng) -> String {
        let form = if self.councils().len() > 3 {
            TITLE_FORMS[rng.range(4, 5)]
        } else {
            *rng.pick(TITLE_FORMS)
        };
        let lead = self.councils()[0].short();
        let title = form
            .replace("{partners}", &self.partner_list(3))
            .replace("{function}", self.function_text(0))
            .replace("{region}", self.region_label)
            .replace("{lead}", lead);
        capitalise(&title)
    }

    fn summary(&self, rng: &mut Rng) -> String {
        let partners = self.partner_list(5);
        let model_phrase = MODEL_PHRASES
            .iter()
            .find(|(slug, _)| *slug == self.model || slug.is_empty())
            .map_or("", |(_, phrase)| *phrase);
        let functions: Vec<&str> = (0..self.functions.len())
            .map(|i| self.function_text(i))
            .collect();
        let verb = if self.councils().len() > 1 {
            "share"
        } else {
            "shares"
        };
        let mut s = format!(
            "{partners} {verb} {}, {model_phrase}.",
            english_list(&functions)
        );
        if rng.chance(70) {
            s.push_str(rng.pick_str(SUMMARY_ENDINGS));
        }
        if s.chars().count() > 300 {
            s = format!(
                "{} councils in the {} share {}.",
                self.councils().len(),
                self.region_label,
                english_list(&functions)
            );
        }
        capitalise(&s)
    }
}

/// Days in a month, from the content format's own date rules.
fn days_in_month(year: usize, month: usize) -> usize {
    usize::from(compendium::content::date::days_in_month(
        year as u16,
        month as u8,
    ))
}
