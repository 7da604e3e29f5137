//! Money amounts as editors write them: `500000`, `"£500,000"`, `"£1.2m"`,
//! `"£30.7 million"`, `"£71k"`, `"£2bn"`. Parsed exactly into whole pence (no
//! floating point), so `£1.2m` is 120,000,000 pence and never 119,999,999,
//! and refused above [`Pence::CEILING`] (£1 trillion).

pub use crate::content::money::Pence;

/// Why an amount cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number of pounds in any form we read; says why.
    Unreadable(String),
    /// Above [`Pence::CEILING`].
    AboveCeiling,
}

impl From<&str> for AmountError {
    fn from(why: &str) -> Self {
        AmountError::Unreadable(why.to_owned())
    }
}

pub fn parse_amount(text: &str) -> Result<Pence, AmountError> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .trim_start_matches("GBP")
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.starts_with('-') {
        return Err("amounts cannot be negative".into());
    }
    // An exponent (`1e30`; YAML leaves one too large for a float as text)
    // is a number of pounds, and likely above the ceiling.
    if cleaned.contains(['e', 'E'])
        && cleaned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && cleaned.parse::<f64>().is_ok()
    {
        return pence_from_number(cleaned);
    }
    let split = cleaned
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(cleaned.len());
    let (number, suffix) = cleaned.split_at(split);
    let multiplier: i64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" => 1,
        "k" | "thousand" => 1_000,
        "m" | "mn" | "million" | "millions" => 1_000_000,
        "bn" | "b" | "billion" => 1_000_000_000,
        other => return Err(AmountError::Unreadable(format!("unknown unit `{other}`"))),
    };
    decimal_to_pence(number, multiplier)
}

/// `digits[.digits]` × multiplier, in pence, refusing fractions of a penny
/// and amounts above the ceiling.
fn decimal_to_pence(number: &str, multiplier: i64) -> Result<Pence, AmountError> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err("no number found".into());
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err("not a number".into());
    }
    if fraction.len() > 12 {
        return Err("too many decimal places".into());
    }
    let digits = format!("{whole}{fraction}");
    // Too many digits for i128 is far above the ceiling too; the products
    // below are checked for the same reason.
    let mantissa: i128 = digits.parse().map_err(|_| AmountError::AboveCeiling)?;
    let scale = 10i128.pow(fraction.len() as u32);
    let pence = mantissa
        .checked_mul(i128::from(multiplier) * 100)
        .ok_or(AmountError::AboveCeiling)?;
    if pence % scale != 0 {
        return Err("the amount is not a whole number of pence".into());
    }
    within_ceiling(pence / scale)
}

fn within_ceiling(pence: i128) -> Result<Pence, AmountError> {
    match u64::try_from(pence) {
        Ok(p) if p <= Pence::CEILING.get() => Ok(Pence::new(p)),
        _ => Err(AmountError::AboveCeiling),
    }
}

/// A number written as a YAML number (pounds).
pub fn pence_from_number(written: &str) -> Result<Pence, AmountError> {
    if written.starts_with('-') {
        return Err("amounts cannot be negative".into());
    }
    if written.contains(['e', 'E']) {
        let value: f64 = written
            .parse()
            .map_err(|_| AmountError::from("not a number"))?;
        let pence = (value * 100.0).round();
        // Compared as floats first: `as` would clamp 1e30 to the largest
        // integer rather than fail.
        if !pence.is_finite() || pence > Pence::CEILING.get() as f64 {
            return Err(AmountError::AboveCeiling);
        }
        return within_ceiling(pence as i128);
    }
    decimal_to_pence(written, 1)
}

/// Pounds as a JSON number: whole when there are no pence.
pub fn pounds_json(pence: Pence) -> serde_json::Value {
    if pence.pennies() == 0 {
        serde_json::Value::from(pence.pounds())
    } else {
        serde_json::Value::from(pence.as_f64_pounds())
    }
}

/// `£1,234,567` (pence shown only when there are some).
pub fn format_pounds(pence: Pence) -> String {
    format_pence_wide(u128::from(pence.get()))
}

/// [`format_pounds`] for a sum of many figures, which may pass `u64`.
pub fn format_pence_wide(pence: u128) -> String {
    let mut digits = (pence / 100).to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let pennies = pence % 100;
    if pennies == 0 {
        format!("£{digits}{grouped}")
    } else {
        format!("£{digits}{grouped}.{pennies:02}")
    }
}

/// Short form for headlines: `£1.2m`, `£71k`, `£950`.
pub fn format_pounds_short(pence: Pence) -> String {
    format_pence_wide_short(u128::from(pence.get()))
}

/// [`format_pounds_short`] for a sum of many figures.
pub fn format_pence_wide_short(pence: u128) -> String {
    let pounds = pence as f64 / 100.0;
    if pounds >= 1_000_000_000.0 {
        format!("£{}bn", trim_decimal(pounds / 1_000_000_000.0))
    } else if pounds >= 1_000_000.0 {
        format!("£{}m", trim_decimal(pounds / 1_000_000.0))
    } else if pounds >= 10_000.0 {
        format!("£{}k", trim_decimal(pounds / 1_000.0))
    } else {
        format_pence_wide(pence)
    }
}

fn trim_decimal(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(pence: u64) -> Result<Pence, AmountError> {
        Ok(Pence::new(pence))
    }

    #[test]
    fn parses_the_forms_editors_write() {
        assert_eq!(parse_amount("£500,000"), ok(50_000_000));
        assert_eq!(parse_amount("£1.2m"), ok(120_000_000));
        assert_eq!(parse_amount("£30.7 million"), ok(3_070_000_000));
        assert_eq!(parse_amount("£71k"), ok(7_100_000));
        assert_eq!(parse_amount("£2bn"), ok(200_000_000_000));
        assert_eq!(parse_amount("1234.56"), ok(123_456));
        assert!(parse_amount("about a million").is_err());
        assert!(parse_amount("£1.2 zillion").is_err());
        assert!(parse_amount("£").is_err());
        assert!(parse_amount("£0.001").is_err());
    }

    #[test]
    fn numbers_are_pounds() {
        assert_eq!(pence_from_number("500000"), ok(50_000_000));
        assert_eq!(pence_from_number("1.5"), ok(150));
        assert_eq!(pence_from_number("1.5e6"), ok(150_000_000));
        assert!(pence_from_number("-3").is_err());
        assert_eq!(parse_amount("1e400"), Err(AmountError::AboveCeiling));
        assert_eq!(parse_amount("£1.5e6"), ok(150_000_000));
    }

    #[test]
    fn the_ceiling_is_one_trillion_pounds() {
        assert_eq!(parse_amount("£1,000,000,000,000"), Ok(Pence::CEILING));
        assert_eq!(parse_amount("£1000bn"), Ok(Pence::CEILING));
        assert_eq!(pence_from_number("1000000000000"), Ok(Pence::CEILING));
        assert_eq!(pence_from_number("1e12"), Ok(Pence::CEILING));
        for above in ["1000000000000.01", "1e30", "1e400", "50000000000000000"] {
            assert_eq!(
                pence_from_number(above),
                Err(AmountError::AboveCeiling),
                "{above}"
            );
        }
        for above in [
            "£1,000,000,000,001",
            "£1001bn",
            "£99999999999999999999999999999999999999999",
        ] {
            assert_eq!(
                parse_amount(above),
                Err(AmountError::AboveCeiling),
                "{above}"
            );
        }
    }

    #[test]
    fn formats_pounds() {
        assert_eq!(format_pounds(Pence::new(123_456_700)), "£1,234,567");
        assert_eq!(format_pounds(Pence::new(150)), "£1.50");
        assert_eq!(format_pounds(Pence::ZERO), "£0");
        assert_eq!(format_pounds(Pence::CEILING), "£1,000,000,000,000");
        assert_eq!(format_pounds_short(Pence::new(120_000_000)), "£1.2m");
        assert_eq!(format_pounds_short(Pence::new(7_100_000)), "£71k");
        assert_eq!(format_pounds_short(Pence::new(95_000)), "£950");
    }
}
