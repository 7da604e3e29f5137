//! English helpers for running text: lists, articles, verb forms, wrapping.

pub(crate) fn english_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut out = s.to_owned();
    capitalise_from(&mut out, 0);
    out
}

/// Upper-cases the ASCII letter at byte `start`, if there is one.
pub(crate) fn capitalise_from(s: &mut String, start: usize) {
    if let Some(c) = s[start..].chars().next().filter(char::is_ascii_lowercase) {
        s.replace_range(start..start + 1, &c.to_ascii_uppercase().to_string());
    }
}

pub(crate) fn article(word: &str) -> &'static str {
    let lower = word.to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o'])
        || (lower.starts_with('u') && !lower.starts_with("uni") && !lower.starts_with("use"));
    if vowel { "an" } else { "a" }
}

pub(crate) fn third_person(verb: &str) -> String {
    let (head, tail) = verb.split_once(' ').map_or((verb, ""), |(h, t)| (h, t));
    let s = if head.ends_with("sh")
        || head.ends_with('s')
        || head.ends_with("ch")
        || head.ends_with('x')
    {
        format!("{head}es")
    } else if head.ends_with('y') && !head.ends_with("ey") && !head.ends_with("ay") {
        format!("{}ies", &head[..head.len() - 1])
    } else {
        format!("{head}s")
    };
    if tail.is_empty() {
        s
    } else {
        format!("{s} {tail}")
    }
}

pub(crate) fn gerund(verb: &str) -> String {
    let (head, tail) = verb.split_once(' ').map_or((verb, ""), |(h, t)| (h, t));
    let g = if head.ends_with('e') && !head.ends_with("ee") {
        format!("{}ing", &head[..head.len() - 1])
    } else if matches!(head, "plan" | "map") {
        format!("{head}{}ing", &head[head.len() - 1..])
    } else {
        format!("{head}ing")
    };
    if tail.is_empty() {
        g
    } else {
        format!("{g} {tail}")
    }
}

/// Puts `marker` before the paragraph's final full stop.
pub(crate) fn insert_before_final_stop(para: &mut String, marker: &str) {
    if para.ends_with('.') {
        let at = para.len() - 1;
        para.insert_str(at, marker);
    } else {
        para.push_str(marker);
    }
}

/// Writes `text` wrapped at 80 columns, as editors' files are.
pub(crate) fn wrap(text: &str, out: &mut String) {
    let mut column = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > 80 {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out.push('\n');
}
