//! One case study: the plan drawn first (partners, functions, model, date),
//! then written out as front matter and body.

mod body;
mod front_matter;

#[cfg(test)]
pub(crate) use front_matter::write_partner;

use crate::organisations::{
    ORGANISATIONS, OTHER_PUBLIC_BODIES, Org, PRIVATE_PARTNERS, VOLUNTARY_PARTNERS,
};
use crate::rng::Rng;
use crate::text::{capitalise, english_list};
use crate::vocab::vocab;
use crate::words::TITLE_FORMS;
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
        let model_phrase = match self.model {
            "joint-working" => "working together while each keeps its own staff",
            "lead-authority" => "with one council delivering the service for the others",
            "joint-committee" => "overseen by a joint committee of members from each council",
            "shared-management" => "under a single shared management team",
            "company" => "through a company they jointly own",
            "joint-venture" => "through a joint venture with a private partner",
            _ => "through a jointly procured contract",
        };
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
        let extra = [
            " The arrangement has protected front-line services while reducing costs.",
            " Savings came mainly from fewer management posts and a single ICT system.",
            " The partners expect further savings as more services join.",
            " Resilience and shared expertise mattered as much as savings.",
        ];
        if rng.chance(70) {
            s.push_str(rng.pick_str(&extra));
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
