//! Writing YAML scalars so that the front matter reads back as written.

/// A YAML double-quoted string.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain when YAML would read it back unchanged as text, quoted otherwise.
pub(crate) fn plain_or_quoted(s: &str) -> String {
    let safe = s.chars().next().is_some_and(|c| c.is_alphabetic())
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | ',' | '.' | '&'))
        && !s.contains(": ")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off"
        );
    if safe { s.to_owned() } else { quoted(s) }
}
