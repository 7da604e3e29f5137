//! The front matter of a case study, in the content format.

use super::Plan;
use crate::money::{money_amount, money_note, money_text};
use crate::names::Person;
use crate::organisations::Org;
use crate::rng::Rng;
use crate::text::capitalise_from;
use crate::vocab::vocab;
use crate::words::{LEARNED, MONTHS, TAGS};
use crate::yaml::{plain_or_quoted, quoted};
use compendium::content::money::{Period, Status};
use std::fmt::Write as _;

impl Plan {
    pub(crate) fn front_matter(&self, rng: &mut Rng, out: &mut String) {
        out.push_str("---\n");
        let _ = writeln!(out, "title: {}", quoted(&self.title(rng)));
        let _ = writeln!(out, "summary: {}", quoted(&self.summary(rng)));
        let _ = writeln!(
            out,
            "date: {:04}-{:02}-{:02}",
            self.year, self.month, self.day
        );
        let status = *rng.weighted(&[
            (Some("operating"), 50),
            (Some("in-progress"), 15),
            (Some("planned"), 10),
            (Some("ended"), 8),
            (None, 17),
        ]);
        if rng.chance(75) {
            let year = rng.range(2005, self.year);
            if rng.chance(60) {
                let max_month = if year == self.year { self.month } else { 12 };
                let _ = writeln!(out, "started: {year}-{:02}", rng.range(1, max_month));
            } else {
                let _ = writeln!(out, "started: {year}");
            }
        }
        if let Some(status) = status {
            let _ = writeln!(out, "status: {status}");
        }
        let _ = writeln!(out, "model: {}", self.model);
        let functions: Vec<&str> = self
            .functions
            .iter()
            .map(|&i| vocab().functions[i].slug)
            .collect();
        let _ = writeln!(out, "functions: [{}]", functions.join(", "));
        out.push_str("partners:\n");
        for (i, p) in self.partners.iter().enumerate() {
            write_partner(out, p, self.lead == Some(i));
        }
        let projected = status == Some("planned");
        let savings = rng.weighted(&[(0, 20), (1, 35), (2, 25), (3, 12), (4, 8)]);
        self.money_list(rng, out, "savings", *savings, projected);
        let costs = rng.weighted(&[(0, 55), (1, 30), (2, 15)]);
        self.money_list(rng, out, "costs", *costs, projected);
        out.push_str("lessons:\n");
        for _ in 0..rng.range(2, 5) {
            let mut s = String::new();
            let template = *rng.pick(LEARNED);
            self.sentence(rng, template, &mut s, false);
            capitalise_from(&mut s, 0);
            let _ = writeln!(out, "  - {}", quoted(&s));
        }
        if rng.chance(85) {
            out.push_str("contacts:\n");
            for person in &self.cast.people[..if rng.chance(15) { 2 } else { 1 }] {
                self.contact(rng, out, person);
            }
        }
        out.push_str("sources:\n");
        self.source(rng, out);
        if rng.chance(30) {
            self.source(rng, out);
        }
        let ntags = rng.weighted(&[(0, 20), (1, 35), (2, 30), (3, 15)]);
        if *ntags > 0 {
            let tags: Vec<&str> = rng
                .distinct_zipf(TAGS.len(), *ntags)
                .into_iter()
                .map(|i| TAGS[i])
                .collect();
            let _ = writeln!(out, "tags: [{}]", tags.join(", "));
        }
        out.push_str("---\n");
    }

    fn money_list(&self, rng: &mut Rng, out: &mut String, field: &str, n: usize, projected: bool) {
        if n == 0 {
            return;
        }
        let _ = writeln!(out, "{field}:");
        let mut written = 0;
        while written < n {
            let period = *rng.weighted(&[
                (Period::Annual, 55),
                (Period::OneOff, 25),
                (Period::Total, 20),
            ]);
            let period = if field == "costs" && period == Period::Annual && rng.chance(60) {
                Period::OneOff
            } else {
                period
            };
            let pounds = money_amount(rng, period);
            let status = if projected || rng.chance(30) {
                Status::Projected
            } else {
                Status::Achieved
            };
            let years = (period == Period::Total).then(|| rng.range(3, 10));
            let note = money_note(rng, field);
            // Now and then a combined figure followed by each partner's share.
            if n - written >= 3 && self.partners.len() >= 2 && rng.chance(40) {
                write_money(
                    out,
                    rng,
                    pounds,
                    period,
                    years,
                    status,
                    None,
                    note.as_deref(),
                );
                let a = pounds * rng.range(30, 70) as u64 / 100 / 1000 * 1000;
                write_money(
                    out,
                    rng,
                    a,
                    period,
                    years,
                    status,
                    Some(self.partners[0].name),
                    None,
                );
                write_money(
                    out,
                    rng,
                    pounds - a,
                    period,
                    years,
                    status,
                    Some(self.partners[1].name),
                    None,
                );
                written += 3;
            } else {
                let partner = rng.chance(15).then(|| rng.pick(&self.partners).name);
                write_money(
                    out,
                    rng,
                    pounds,
                    period,
                    years,
                    status,
                    partner,
                    note.as_deref(),
                );
                written += 1;
            }
        }
    }

    fn contact(&self, rng: &mut Rng, out: &mut String, person: &Person) {
        let org = self.councils()[person.org];
        let (first, last) = (person.first, person.last.as_str());
        let _ = writeln!(out, "  - name: {}", plain_or_quoted(&person.name()));
        let _ = writeln!(
            out,
            "    role: {}",
            plain_or_quoted(&format!("{}, {}", person.role, org.name))
        );
        if rng.chance(70) {
            let local: String = last
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase();
            let domain: String = org
                .short()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let initial = first.chars().next().unwrap_or('x').to_ascii_lowercase();
            let tld = if org.region.is_some() {
                "gov.uk"
            } else {
                "co.uk"
            };
            let _ = writeln!(out, "    email: {initial}.{local}@{domain}.{tld}");
        }
        if rng.chance(30) {
            let _ = writeln!(
                out,
                "    phone: \"01{:03} {:06}\"",
                rng.below(1000),
                rng.below(1_000_000)
            );
        }
    }

    fn source(&self, rng: &mut Rng, out: &mut String) {
        match rng.below(4) {
            0 | 1 => {
                out.push_str("  - title: \"Shared services and management: a guide for councils (Local Government Group, 2011)\"\n");
                if rng.chance(50) {
                    out.push_str("    section: \"Case studies of shared services activity\"\n");
                }
            }
            2 => {
                let org = self.councils()[0];
                let _ = writeln!(
                    out,
                    "  - title: {}",
                    quoted(&format!(
                        "{}, cabinet report on {}, {} {}",
                        org.name,
                        self.function_text(0),
                        rng.pick(MONTHS),
                        self.year
                    ))
                );
                let domain: String = org
                    .short()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                let _ = writeln!(out, "    url: https://www.{domain}.gov.uk/");
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  - title: {}",
                    quoted(&format!(
                        "Audit Commission inspection report, {}",
                        self.year
                    ))
                );
                out.push_str("    url: http://www.audit-commission.gov.uk/\n");
            }
        }
    }
}

pub(crate) fn write_partner(out: &mut String, p: &Org, lead: bool) {
    let _ = writeln!(out, "  - name: {}", plain_or_quoted(p.name));
    let _ = writeln!(out, "    type: {}", p.org_type);
    if let Some(region) = p.region {
        let _ = writeln!(out, "    region: {region}");
    }
    if lead {
        out.push_str("    lead: true\n");
    }
}

#[allow(clippy::too_many_arguments)]
fn write_money(
    out: &mut String,
    rng: &mut Rng,
    pounds: u64,
    period: Period,
    years: Option<usize>,
    status: Status,
    partner: Option<&str>,
    note: Option<&str>,
) {
    let amount = if rng.chance(40) {
        pounds.to_string()
    } else {
        quoted(&money_text(rng, pounds))
    };
    let _ = writeln!(out, "  - amount: {amount}");
    let _ = writeln!(out, "    period: {period}");
    if let Some(y) = years {
        let _ = writeln!(out, "    years: {y}");
    }
    // `achieved` is the default, so it is written only half the time.
    if status != Status::Achieved || rng.chance(50) {
        let _ = writeln!(out, "    status: {status}");
    }
    if let Some(p) = partner {
        let _ = writeln!(out, "    partner: {}", plain_or_quoted(p));
    }
    if let Some(n) = note {
        let _ = writeln!(out, "    note: {}", quoted(n));
    }
}
