//! The text of every content file, for a diagnostic raised after the model
//! is built. `compendium build` drops the texts once the model's own checks
//! have run (at 10,000 case studies they would stay in memory through every
//! later stage for nothing) and reads a file again when one is asked for;
//! the dev server keeps them, since its caches hold them anyway.

use super::{Site, incremental};
use crate::content::load;
use crate::incremental::Input;
use std::path::Path;
use std::sync::Arc;

impl Site {
    /// The whole text of a case study's or page's file (by its display
    /// path), to show the line a diagnostic is about; `None` when the file
    /// is not in the model or can no longer be read.
    pub fn source_text(&self, file: &Path) -> Option<Arc<str>> {
        let body = if let Some(c) = self.case_studies.iter().find(|c| c.file == file) {
            incremental::read(|| Input::CaseStudy(c.file.clone()));
            &c.body
        } else {
            let p = self.pages.iter().find(|p| p.file == file)?;
            incremental::read(|| Input::Page(p.file.clone()));
            &p.body
        };
        if !body.source.is_empty() {
            return Some(body.source.clone());
        }
        load::read_source(&self.root, &self.root.join(file))
            .ok()
            .map(|f| f.text)
    }

    /// Drops the text of every file (see the module's comment).
    pub(super) fn drop_sources(&mut self) {
        let empty: Arc<str> = Arc::from("");
        for body in self
            .case_studies
            .iter_mut()
            .map(|c| &mut Arc::make_mut(c).body)
            .chain(self.pages.iter_mut().map(|p| &mut p.body))
        {
            body.source = empty.clone();
            body.offset = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::content;
    use crate::model::{BodyCache, Site};
    use std::path::PathBuf;
    use std::sync::Arc;

    #[test]
    fn a_dropped_source_is_read_again() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let (c, _) = content::load(&root, false, None);
        let file = c.case_studies[0].file.clone();
        let (site, _) = Site::build(c);
        let on_disk = std::fs::read_to_string(root.join(&file)).ok();
        assert_eq!(site.source_text(&file).as_deref(), on_disk.as_deref());
        assert!(
            site.source_text(std::path::Path::new("nowhere.md"))
                .is_none()
        );

        let (c, _) = content::load(&root, false, None);
        let kept = c.case_studies[0].body.source.clone();
        let (site, _) = Site::build_with(c, &mut BodyCache::default());
        let text = site.source_text(&file);
        assert!(text.is_some_and(|t| Arc::ptr_eq(&t, &kept)));
    }
}
