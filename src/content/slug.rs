//! A slug: the URL-safe name a case study, page, term or organisation is
//! published under. Made only from text that passed [`is_slug`], so every
//! path built from one is a single safe folder name.

use super::vocabulary::is_slug;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// Lower-case ASCII letters, digits and single hyphens, never empty.
/// Shared, not copied, when cloned: the model and the related case studies
/// hold the same few slugs hundreds of thousands of times over.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(Arc<str>);

impl Serialize for Slug {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Slug {
    /// `text` as a slug, if it is one.
    pub fn new(text: impl Into<String>) -> Option<Slug> {
        let text = text.into();
        is_slug(&text).then(|| Slug(Arc::from(text)))
    }

    /// A slug written in the code (`resources`), checked by the tests.
    pub fn known(text: &'static str) -> Slug {
        debug_assert!(is_slug(text), "{text:?} is not a slug");
        Slug(Arc::from(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Slug {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Slug {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Slug {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Slug {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<Slug> for &str {
    fn eq(&self, other: &Slug) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Slug> for str {
    fn eq(&self, other: &Slug) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Slug> for String {
    fn eq(&self, other: &Slug) -> bool {
        self.as_str() == &*other.0
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_url_safe_text_is_a_slug() {
        assert_eq!(
            Slug::new("south-east").map(String::from),
            Some("south-east".into())
        );
        for bad in ["", "South", "a--b", "-a", "a-", "a/b", "..", "a b", "é"] {
            assert!(Slug::new(bad).is_none(), "{bad:?}");
        }
    }
}
