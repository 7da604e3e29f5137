//! Savings and cost figures: plausible amounts and the ways editors write them.

use crate::rng::Rng;
use crate::text::capitalise;
use crate::words::{ADJECTIVES, NOUNS, NUMBER_WORDS};
use compendium::content::money::Period;

/// A plausible amount in whole pounds, rounded the way reports round.
pub(crate) fn money_amount(rng: &mut Rng, period: Period) -> u64 {
    // Log-uniform-ish: pick a magnitude, then a mantissa.
    let (lo, hi) = match period {
        Period::Annual | Period::OneOff | Period::FirstYear => (4, 6),
        Period::Total => (5, 7),
    };
    let magnitude = 10u64.pow(rng.range(lo, hi) as u32);
    let mantissa = rng.range(10, 99) as u64;
    let raw = magnitude * mantissa / 10;
    match rng.below(3) {
        0 => raw / 1000 * 1000,
        1 => raw / 10_000 * 10_000,
        _ => (raw / 100_000 * 100_000).max(100_000),
    }
}

/// `£1.2m`, `£30.7 million`, `£71k` or `£450,000`, exactly equal to `pounds`.
pub(crate) fn money_text(rng: &mut Rng, pounds: u64) -> String {
    if pounds >= 1_000_000 && pounds.is_multiple_of(100_000) {
        let whole = pounds / 1_000_000;
        let tenth = pounds / 100_000 % 10;
        let number = if tenth == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{tenth}")
        };
        return if rng.chance(50) {
            format!("£{number}m")
        } else {
            format!("£{number} million")
        };
    }
    if pounds.is_multiple_of(1000) && pounds < 1_000_000 && rng.chance(50) {
        return format!("£{}k", pounds / 1000);
    }
    pounds_with_commas(pounds)
}

pub(crate) fn pounds_with_commas(pounds: u64) -> String {
    let digits = pounds.to_string();
    let mut out = String::from("£");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn money_note(rng: &mut Rng, field: &str) -> Option<String> {
    if !rng.chance(55) {
        return None;
    }
    let n = rng.range(2, 11);
    let note = if field == "costs" {
        match rng.below(4) {
            0 => "Redundancy and pension strain costs".to_owned(),
            1 => format!("ICT integration and {}", rng.zipf_pick(NOUNS)),
            2 => "Project management and legal advice".to_owned(),
            _ => format!(
                "Set-up costs for the {} {}",
                rng.zipf_pick(ADJECTIVES),
                rng.zipf_pick(NOUNS)
            ),
        }
    } else {
        match rng.below(4) {
            0 => format!("{} fewer management posts", capitalise(NUMBER_WORDS[n - 2])),
            1 => format!("Lower {} costs", rng.zipf_pick(NOUNS)),
            2 => format!("From {} and {}", rng.zipf_pick(NOUNS), rng.zipf_pick(NOUNS)),
            _ => format!("Reduced spending on {}", rng.zipf_pick(NOUNS)),
        }
    };
    Some(capitalise(&note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_is_exact() {
        let mut rng = Rng::with_state(1);
        for _ in 0..2000 {
            let pounds = money_amount(&mut rng, Period::Total);
            let text = money_text(&mut rng, pounds);
            assert_eq!(
                compendium::content::amount::parse_amount(&text),
                Ok(compendium::content::money::Pence::new(pounds * 100)),
                "{text}"
            );
        }
    }
}
