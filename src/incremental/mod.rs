//! Incremental rebuilds as data. Rendering an output records every input it
//! read (a case study, an organisation, a term, the site settings, a
//! template, an asset...). After a change, [`changes::changed_inputs`]
//! compares the old and new model and theme and lists the inputs that
//! differ; exactly the outputs that read one of them are rendered again.
//! Inputs are named by what stays put when ids shift (a case study by its
//! file, an organisation or a term by its slug), so a record made against the
//! old model still means the same thing against the new one.
//!
//! Recording is per thread: a route is rendered start to finish on one
//! thread (rendering never fans out inside a route), so the recorder that
//! [`recording`] installs sees that route's reads and no other's. Outside a
//! recording, [`read`] is a thread-local check and nothing more.

pub mod changes;
pub mod records;
pub mod templates;

use crate::content::Slug;
use crate::content::vocabulary::Kind;
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;

/// One thing an output can read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// `site.yaml`: settings, vocabularies, base URL, theme name.
    Config,
    /// One case study's front matter and slug, by file.
    CaseStudy(PathBuf),
    /// One case study's rendered body, by file: only its own page shows it,
    /// so editing a body (the commonest edit) re-renders no listing.
    CaseStudyBody(PathBuf),
    /// Which case studies exist, their order, and anything in the front
    /// matter of any of them: read by every page that lists or counts them.
    CaseStudyList,
    /// One content page, by file.
    Page(PathBuf),
    /// Which content pages exist, with their titles and slugs (the footer).
    PageList,
    /// One organisation (its details and which case studies name it), by slug.
    Organisation(Slug),
    /// Which organisations exist and anything about any of them.
    OrganisationList,
    /// One taxonomy term (label, members, totals), by slug.
    Term(Kind, Slug),
    /// `resources.yaml`.
    Resources,
    /// A template of the theme, by name.
    Template(String),
    /// A static file of the theme, by path (`static/style.css`).
    Asset(String),
    /// The search export's manifest (its hashed name is on the search page).
    SearchManifest,
}

/// What one output has read so far.
#[derive(Default)]
struct Recorder {
    reads: HashSet<Input>,
    /// Set once [`Input::CaseStudyList`] is read: it changes whenever any
    /// case study does, so single case studies need not be noted after it
    /// (a listing of 10,000 would otherwise note 10,000 inputs).
    every_case_study: bool,
}

thread_local! {
    static RECORDER: RefCell<Option<Recorder>> = const { RefCell::new(None) };
}

/// What an output read, in no particular order, each input once.
pub type Reads = Box<[Input]>;

/// Notes that the output being rendered on this thread read `input`.
/// `make` runs only while recording, so a full build pays nothing for it.
pub fn read(make: impl FnOnce() -> Input) {
    RECORDER.with(|r| {
        if let Some(rec) = r.borrow_mut().as_mut() {
            let input = make();
            if input == Input::CaseStudyList {
                rec.every_case_study = true;
            }
            rec.reads.insert(input);
        }
    });
}

/// Notes that the output read one case study (its file).
pub fn read_case_study(file: &std::path::Path) {
    RECORDER.with(|r| {
        if let Some(rec) = r.borrow_mut().as_mut()
            && !rec.every_case_study
        {
            rec.reads.insert(Input::CaseStudy(file.to_path_buf()));
        }
    });
}

/// Runs `f` and returns its result with every input it read.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Reads) {
    let outer = RECORDER.with(|r| r.borrow_mut().replace(Recorder::default()));
    let result = f();
    let rec = RECORDER.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    let mut reads: Vec<Input> = rec
        .map(|r| r.reads.into_iter().collect())
        .unwrap_or_default();
    if reads.contains(&Input::CaseStudyList) {
        reads.retain(|i| !matches!(i, Input::CaseStudy(_)));
    }
    (result, reads.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_list_stands_for_each_case_study() {
        let ((), reads) = recording(|| {
            read_case_study(std::path::Path::new("a.md"));
            read(|| Input::CaseStudyList);
            read_case_study(std::path::Path::new("b.md"));
        });
        assert_eq!(reads.to_vec(), vec![Input::CaseStudyList]);
        let ((), reads) = recording(|| read_case_study(std::path::Path::new("a.md")));
        assert_eq!(reads.to_vec(), vec![Input::CaseStudy("a.md".into())]);
    }

    #[test]
    fn records_only_inside_a_recording() {
        read(|| Input::Config);
        let ((), reads) = recording(|| {
            read(|| Input::Resources);
            read(|| Input::Resources);
        });
        assert_eq!(
            reads.into_iter().collect::<Vec<_>>(),
            vec![Input::Resources]
        );
        let ((), after) = recording(|| {});
        assert!(after.is_empty());
    }
}
