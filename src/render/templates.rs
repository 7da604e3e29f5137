//! Compiles the theme's templates once with tera and renders views with them.

use super::theme::Theme;
use crate::diagnostics::{Code, Diagnostic, Origin, Position};
use tera::{Context, Tera};

pub struct Templates {
    tera: Tera,
    /// Each template with the templates it pulls in, for recording reads.
    closures: std::collections::BTreeMap<String, Vec<String>>,
}

impl Templates {
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let pairs: Vec<(&str, &str)> = theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        tera.add_raw_templates(pairs)
            .map_err(|e| vec![template_error(theme, &e)])?;
        let closures = theme
            .templates
            .keys()
            .map(|name| {
                let names = crate::incremental::templates::closure(&theme.templates, name);
                (name.clone(), names.into_iter().collect())
            })
            .collect();
        Ok(Templates { tera, closures })
    }

    /// Renders a template, noting it and every template it pulls in as read.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, tera::Error> {
        for used in self.closures.get(name).into_iter().flatten() {
            crate::incremental::read(|| crate::incremental::Input::Template(used.clone()));
        }
        self.tera.render(name, context)
    }
}

/// A tera error as a diagnostic, naming the template file: the one tera
/// points at (` --> name:line:col`), with that place, else the first the
/// message names.
pub fn template_error(theme: &Theme, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let (name, at) = pointed_at(theme, &message).unwrap_or_else(|| {
        let named = theme
            .templates
            .keys()
            .find(|n| message.contains(n.as_str()));
        (named.cloned().unwrap_or_default(), Position::START)
    });
    Diagnostic::error(Code::Template, Origin::file(theme.template_origin(&name), at), format!("template error: {message}"))
        .with_help("fix the template; the default theme's templates in themes/default/templates show the variables each page gets")
}

/// The template and place of tera's ` --> name:line:col`, when it gives one.
fn pointed_at(theme: &Theme, message: &str) -> Option<(String, Position)> {
    theme.templates.keys().find_map(|name| {
        let marker = format!("--> {name}:");
        let rest = &message[message.find(&marker)? + marker.len()..];
        let mut numbers = rest.split(|c: char| !c.is_ascii_digit());
        let line = numbers.next()?.parse().ok()?;
        let column = numbers.next()?.parse().ok()?;
        Some((name.clone(), Position::new(line, column)))
    })
}
