//! Small helpers shared by the SVG drawn at build time (map and charts).

/// XML-escaped text, for SVG text and attribute values.
pub use super::feeds::xml_escape as esc;

/// A coordinate with at most two decimals and no trailing zeros, so the
/// output is compact and the same on every platform.
pub fn num(x: f64) -> String {
    let v = (x * 100.0).round() / 100.0;
    let v = if v == 0.0 { 0.0 } else { v };
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.234), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(10.5), "10.5");
    }
}
