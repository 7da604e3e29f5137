//! The Markdown body of a case study: the three usual sections, with lists,
//! a table, a footnote and links now and then. Most sentences are domain
//! sentences; about one in five carries the long tail of the vocabulary and
//! the case study's own names, and now and then a domain noun has a
//! long-tail word before it, so rare words turn up all through the text.

use super::Plan;
use crate::file_name;
use crate::lexicon::lexicon;
use crate::money::{money_amount, money_text, pounds_with_commas};
use crate::rng::Rng;
use crate::text::{
    article, capitalise, capitalise_from, gerund, insert_before_final_stop, third_person, wrap,
};
use crate::vocab::vocab;
use crate::words::*;
use compendium::content::money::Period;
use std::fmt::Write as _;

impl Plan {
    pub(crate) fn body(&self, rng: &mut Rng, out: &mut String) {
        out.push('\n');
        let footnote = rng.chance(5);
        out.push_str("## What was the approach?\n\n");
        let words = rng.range(300, 380);
        self.section(
            rng,
            out,
            (APPROACH, APPROACH_TAIL),
            words,
            Extra::List(LIST_INTROS),
            30,
            footnote,
        );
        out.push_str("## What's been achieved?\n\n");
        let words = rng.range(210, 290);
        self.section(
            rng,
            out,
            (ACHIEVED, ACHIEVED_TAIL),
            words,
            Extra::Table,
            35,
            false,
        );
        out.push_str("## What's been learned?\n\n");
        let words = rng.range(180, 250);
        self.section(
            rng,
            out,
            (LEARNED, LEARNED_TAIL),
            words,
            Extra::List(LEARNED_LIST_INTROS),
            40,
            false,
        );
        if footnote {
            out.push_str(
                "[^1]: Figures reported by the partner councils; not independently audited.\n",
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn section(
        &self,
        rng: &mut Rng,
        out: &mut String,
        (templates, tail_templates): (&[&str], &[&str]),
        words: usize,
        extra: Extra,
        extra_chance: usize,
        footnote: bool,
    ) {
        let mut written = 0;
        let mut paragraphs = 0;
        let extra_after = rng.chance(extra_chance).then(|| rng.range(0, 2));
        let mut footnote = footnote;
        let mut link = rng.chance(12);
        while written < words || paragraphs < 2 {
            let mut para = String::new();
            for i in 0..rng.range(3, 6) {
                if i > 0 {
                    para.push(' ');
                }
                let start = para.len();
                let template = if rng.chance(TAIL_SENTENCES) {
                    *rng.pick(tail_templates)
                } else {
                    *rng.pick(templates)
                };
                if rng.chance(15) {
                    para.push_str(rng.pick_str(CONNECTORS));
                    para.push(' ');
                    // "However, the ..." rather than "However, The ...".
                    // Templates start with a placeholder or an ordinary word, never a name.
                    let first = para.len();
                    self.sentence(rng, template, &mut para, true);
                    if template.starts_with(|c: char| c.is_ascii_uppercase()) {
                        para[first..first + 1].make_ascii_lowercase();
                    }
                } else {
                    self.sentence(rng, template, &mut para, true);
                }
                capitalise_from(&mut para, start);
            }
            if footnote {
                insert_before_final_stop(&mut para, "[^1]");
                footnote = false;
            }
            if link {
                self.add_link(rng, &mut para);
                link = false;
            }
            written += para.split_whitespace().count();
            wrap(&para, out);
            out.push('\n');
            if extra_after == Some(paragraphs) {
                written += match extra {
                    Extra::List(intros) => self.list(rng, out, intros, templates),
                    Extra::Table => self.table(rng, out),
                };
            }
            paragraphs += 1;
        }
    }

    fn add_link(&self, rng: &mut Rng, para: &mut String) {
        if self.count > 1 && rng.chance(60) {
            let mut other = rng.below(self.count - 1);
            if other >= self.index {
                other += 1;
            }
            let _ = write!(
                para,
                " A [similar arrangement]({}) took a different route.",
                file_name(other)
            );
        } else {
            let f = &vocab().functions[self.functions[0]];
            let _ = write!(
                para,
                " See other examples of [shared {}](/functions/{}/).",
                f.prose, f.slug
            );
        }
    }

    /// A bullet (or numbered) list; returns its word count.
    fn list(&self, rng: &mut Rng, out: &mut String, intros: &[&str], templates: &[&str]) -> usize {
        let mut words = 0;
        let intro = rng.pick(intros);
        out.push_str(intro);
        out.push_str("\n\n");
        words += intro.split_whitespace().count();
        let numbered = rng.chance(25);
        for i in 0..rng.range(3, 5) {
            let mut item = String::new();
            if rng.chance(40) {
                let _ = write!(item, "**{}**: ", capitalise(rng.zipf_pick(NOUNS)));
            }
            let start = item.len();
            let template = *rng.pick(templates);
            self.sentence(rng, template, &mut item, true);
            capitalise_from(&mut item, start);
            words += item.split_whitespace().count();
            if numbered {
                let _ = writeln!(out, "{}. {item}", i + 1);
            } else {
                let _ = writeln!(out, "- {item}");
            }
        }
        out.push('\n');
        words
    }

    /// A small table of savings by year; returns its word count.
    fn table(&self, rng: &mut Rng, out: &mut String) -> usize {
        let first = rng.range(2005, 2009);
        let rows = rng.range(2, 4);
        out.push_str("| Year | Saving | Posts removed |\n|---|---:|---:|\n");
        let mut saving = rng.range(5, 60) * 10_000;
        for y in first..first + rows {
            let _ = writeln!(
                out,
                "| {y}/{:02} | {} | {} |",
                (y + 1) % 100,
                pounds_with_commas(saving as u64),
                rng.range(0, 12)
            );
            saving += rng.range(1, 40) * 10_000;
        }
        out.push('\n');
        3 + rows * 3
    }

    /// Expands one template into `out`; with `modifiers`, a domain noun now
    /// and then has a long-tail word before it ("the lantern helpdesk").
    pub(super) fn sentence(
        &self,
        rng: &mut Rng,
        template: &str,
        out: &mut String,
        modifiers: bool,
    ) {
        let councils = self.councils();
        let p1 = rng.below(councils.len());
        let p2 = if councils.len() > 1 {
            (p1 + 1 + rng.below(councils.len() - 1)) % councils.len()
        } else {
            p1
        };
        let mut used: Vec<&'static str> = Vec::new();
        let cast = &self.cast;
        let place = rng.below(cast.places.len());
        let place2 = if cast.places.len() > 1 {
            (place + 1 + rng.below(cast.places.len() - 1)) % cast.places.len()
        } else {
            place
        };
        // `{role}` is the role of the person `{person}` last named.
        let mut person = &cast.people[0];
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed placeholder");
            let key = &rest[open + 1..close];
            rest = &rest[close + 1..];
            match key {
                "noun" => {
                    if modifiers && rng.chance(NOUN_MODIFIERS) {
                        out.push_str(lexicon().fresh_word(rng, &mut used));
                        out.push(' ');
                    }
                    out.push_str(rng.fresh_pick(NOUNS, &mut used));
                }
                "w" => out.push_str(lexicon().fresh_word(rng, &mut used)),
                "ws" => {
                    let n = *rng.weighted(&[(2, 30), (3, 40), (4, 20), (5, 10)]);
                    for i in 0..n {
                        if i + 1 == n {
                            out.push_str(" and ");
                        } else if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(lexicon().fresh_word(rng, &mut used));
                    }
                }
                "place" => out.push_str(&cast.places[place]),
                "place2" => out.push_str(&cast.places[place2]),
                "project" => out.push_str(rng.pick(&cast.projects).as_str()),
                "group" => out.push_str(rng.pick(&cast.groups).as_str()),
                "person" => {
                    person = rng.pick(&cast.people);
                    out.push_str(&person.name());
                }
                "role" => {
                    let _ = write!(out, "{} at {}", person.role, councils[person.org].short());
                }
                "adj" => out.push_str(rng.fresh_pick(ADJECTIVES, &mut used)),
                "a_adj" => {
                    let adj = rng.fresh_pick(ADJECTIVES, &mut used);
                    out.push_str(article(adj));
                    out.push(' ');
                    out.push_str(adj);
                }
                "actor" => out.push_str(rng.zipf_pick(ACTORS)),
                "vpast" => out.push_str(rng.zipf_pick(VERBS_PAST)),
                "vbase" => out.push_str(rng.zipf_pick(VERBS_BASE)),
                "vpresent" => {
                    let v = rng.zipf_pick(VERBS_BASE);
                    out.push_str(&third_person(v));
                }
                "vgerund" => {
                    let v = rng.zipf_pick(VERBS_BASE);
                    out.push_str(&gerund(v));
                }
                "outcome" => out.push_str(rng.fresh_pick(OUTCOMES, &mut used)),
                "time" => out.push_str(rng.zipf_pick(TIMES)),
                "adv" => out.push_str(rng.zipf_pick(ADVERBS)),
                "freq" => out.push_str(rng.zipf_pick(FREQUENCIES)),
                "nword" => out.push_str(rng.pick_str(&NUMBER_WORDS[..4])),
                "partner" => out.push_str(councils[p1].short()),
                "partner2" => out.push_str(councils[p2].short()),
                "function" => out.push_str(self.function_text(rng.below(self.functions.len()))),
                "year" => {
                    let _ = write!(out, "{}", rng.range(2005, 2011));
                }
                "money" => {
                    let pounds = money_amount(rng, Period::Annual);
                    out.push_str(&money_text(rng, pounds));
                }
                "highpct" => {
                    let _ = write!(out, "{}%", rng.range(62, 96));
                }
                "pct" => {
                    let _ = write!(out, "{}%", rng.range(2, 35));
                }
                "bigdays" => {
                    let _ = write!(out, "{}", rng.range(15, 45));
                }
                "smalldays" => {
                    let _ = write!(out, "{}", rng.range(3, 14));
                }
                "nposts" => {
                    let n = rng.range(2, 40);
                    if n <= 10 {
                        out.push_str(NUMBER_WORDS[n - 2]);
                    } else {
                        let _ = write!(out, "{n}");
                    }
                }
                "thousands" => out.push_str(
                    &pounds_with_commas(rng.range(5, 400) as u64 * 1000).replace('£', ""),
                ),
                other => unreachable!("unknown placeholder {other}"),
            }
        }
        out.push_str(rest);
    }
}

/// The share of sentences, in percent, that carry the long tail.
const TAIL_SENTENCES: usize = 22;

/// The share of domain nouns, in percent, with a long-tail word before them.
const NOUN_MODIFIERS: usize = 6;

#[derive(Clone, Copy)]
enum Extra {
    List(&'static [&'static str]),
    Table,
}
