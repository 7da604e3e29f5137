//! Money amounts as editors write them: `500000`, `"£500,000"`, `"£1.2m"`,
//! `"£30.7 million"`, `"£71k"`, `"£2bn"`. Parsed exactly into whole pence (no
//! floating point), so `£1.2m` is 120,000,000 pence and never 119,999,999.

/// An amount in pence.
pub type Pence = i64;

pub fn parse_amount(text: &str) -> Result<Pence, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .trim_start_matches("GBP")
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let cleaned = cleaned.trim();
    let split = cleaned
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(cleaned.len());
    let (number, suffix) = cleaned.split_at(split);
    let multiplier: i64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" => 1,
        "k" | "thousand" => 1_000,
        "m" | "mn" | "million" | "millions" => 1_000_000,
        "bn" | "b" | "billion" => 1_000_000_000,
        other => return Err(format!("unknown unit `{other}`")),
    };
    decimal_to_pence(number, multiplier)
}

/// `digits[.digits]` × multiplier, in pence, refusing fractions of a penny.
fn decimal_to_pence(number: &str, multiplier: i64) -> Result<Pence, String> {
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
    let mantissa: i128 = digits.parse().map_err(|_| "number too large".to_string())?;
    let scale = 10i128.pow(fraction.len() as u32);
    let pence = mantissa * i128::from(multiplier) * 100;
    if pence % scale != 0 {
        return Err("the amount is not a whole number of pence".into());
    }
    i64::try_from(pence / scale).map_err(|_| "number too large".to_string())
}

/// A number written as a YAML number (pounds).
pub fn pence_from_number(written: &str) -> Result<Pence, String> {
    if written.starts_with('-') {
        return Err("amounts cannot be negative".into());
    }
    if written.contains(['e', 'E']) {
        let value: f64 = written.parse().map_err(|_| "not a number".to_string())?;
        return Ok((value * 100.0).round() as i64);
    }
    decimal_to_pence(written, 1)
}

/// Pounds as a JSON number: whole when there are no pence.
pub fn pounds_json(pence: Pence) -> serde_json::Value {
    if pence % 100 == 0 {
        serde_json::Value::from(pence / 100)
    } else {
        serde_json::Value::from(pence as f64 / 100.0)
    }
}

/// `£1,234,567` (pence shown only when there are some).
pub fn format_pounds(pence: Pence) -> String {
    let pounds = pence / 100;
    let mut digits = pounds.abs().to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let sign = if pence < 0 { "-" } else { "" };
    let pennies = (pence % 100).abs();
    if pennies == 0 {
        format!("{sign}£{digits}{grouped}")
    } else {
        format!("{sign}£{digits}{grouped}.{pennies:02}")
    }
}

/// Short form for headlines: `£1.2m`, `£71k`, `£950`.
pub fn format_pounds_short(pence: Pence) -> String {
    let pounds = pence as f64 / 100.0;
    if pounds >= 1_000_000_000.0 {
        format!("£{}bn", trim_decimal(pounds / 1_000_000_000.0))
    } else if pounds >= 1_000_000.0 {
        format!("£{}m", trim_decimal(pounds / 1_000_000.0))
    } else if pounds >= 10_000.0 {
        format!("£{}k", trim_decimal(pounds / 1_000.0))
    } else {
        format_pounds(pence)
    }
}

fn trim_decimal(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_editors_write() {
        assert_eq!(parse_amount("£500,000"), Ok(50_000_000));
        assert_eq!(parse_amount("£1.2m"), Ok(120_000_000));
        assert_eq!(parse_amount("£30.7 million"), Ok(3_070_000_000));
        assert_eq!(parse_amount("£71k"), Ok(7_100_000));
        assert_eq!(parse_amount("£2bn"), Ok(200_000_000_000));
        assert_eq!(parse_amount("1234.56"), Ok(123_456));
        assert!(parse_amount("about a million").is_err());
        assert!(parse_amount("£1.2 zillion").is_err());
        assert!(parse_amount("£").is_err());
        assert!(parse_amount("£0.001").is_err());
    }

    #[test]
    fn numbers_are_pounds() {
        assert_eq!(pence_from_number("500000"), Ok(50_000_000));
        assert_eq!(pence_from_number("1.5"), Ok(150));
        assert!(pence_from_number("-3").is_err());
    }

    #[test]
    fn formats_pounds() {
        assert_eq!(format_pounds(123_456_700), "£1,234,567");
        assert_eq!(format_pounds(150), "£1.50");
        assert_eq!(format_pounds(0), "£0");
        assert_eq!(format_pounds_short(120_000_000), "£1.2m");
        assert_eq!(format_pounds_short(7_100_000), "£71k");
        assert_eq!(format_pounds_short(95_000), "£950");
    }
}
