//! What each output read when it was last rendered, indexed both ways: from
//! an output to its inputs, and from an input to the outputs that read it,
//! so that a change which cannot add or remove outputs finds the outputs to
//! render again without looking at every route of the site.

use super::{Input, Reads};
use crate::model::Route;
use crate::model::ids::Moved;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

#[derive(Default)]
pub struct Records {
    /// Output file → the route that makes it and what it read.
    outputs: HashMap<Arc<str>, (Route, Reads)>,
    /// Input → the output files that read it.
    readers: HashMap<Input, HashSet<Arc<str>>>,
    /// How long each output took to render last time, in milliseconds.
    costs: HashMap<Arc<str>, u32>,
}

/// Can these changes add or remove outputs, or move the ids in routes?
/// Only changes to the lists of things (or to the settings and assets,
/// which every page reads anyway) can; a change to one case study's body,
/// one page's body or one template cannot.
pub fn may_change_routes(changed: &BTreeSet<Input>) -> bool {
    changed.iter().any(|i| {
        matches!(
            i,
            Input::Config
                | Input::CaseStudyList
                | Input::OrganisationList
                | Input::PageList
                | Input::Resources
                | Input::Asset(_)
        )
    })
}

impl Records {
    /// Notes what the output `file` (made by `route`) read this time.
    pub fn record(&mut self, file: &str, route: Route, reads: Reads) {
        let key: Arc<str> = Arc::from(file);
        if let Some((_, old)) = self.outputs.remove(&key) {
            self.unindex(&key, &old);
        }
        for input in reads.iter() {
            self.readers
                .entry(input.clone())
                .or_default()
                .insert(key.clone());
        }
        self.outputs.insert(key, (route, reads));
    }

    /// Does `file` need rendering after `changed`: never rendered, or it read
    /// something that changed?
    pub fn is_dirty(&self, file: &str, changed: &BTreeSet<Input>) -> bool {
        self.outputs
            .get(file)
            .is_none_or(|(_, reads)| reads.iter().any(|i| changed.contains(i)))
    }

    /// The routes of every output that read one of `changed`, in a fixed
    /// order. Valid only when the changes cannot add, remove or move routes
    /// (see [`may_change_routes`]).
    pub fn readers_of(&self, changed: &BTreeSet<Input>) -> Vec<Route> {
        let files: BTreeSet<&Arc<str>> = changed
            .iter()
            .filter_map(|i| self.readers.get(i))
            .flatten()
            .collect();
        files
            .into_iter()
            .filter_map(|f| self.outputs.get(f).map(|(route, _)| route.clone()))
            .collect()
    }

    /// Takes the site's routes by output file, after a change that may
    /// have moved them: an output that was not rendered again keeps its
    /// reads but takes its new route (a case study's id moves when a title
    /// before it changes, its file does not), and outputs the site no
    /// longer has are forgotten.
    pub fn follow(&mut self, routes: &HashMap<String, Route>) {
        let mut gone: Vec<Arc<str>> = Vec::new();
        for (file, (route, _)) in self.outputs.iter_mut() {
            match routes.get(&**file) {
                Some(now) => *route = now.clone(),
                None => gone.push(file.clone()),
            }
        }
        for file in gone {
            if let Some((_, reads)) = self.outputs.remove(&file) {
                self.unindex(&file, &reads);
            }
        }
    }

    /// Renumbers the case studies' routes after one moved in the title
    /// order (see [`Moved`]): the files and what they read stay put.
    pub fn follow_move(&mut self, moved: Moved) {
        for (route, _) in self.outputs.values_mut() {
            if let Route::CaseStudy(id) = route {
                *id = moved.apply(*id);
            }
        }
    }

    /// Notes how long `file` took to render.
    pub fn note_cost(&mut self, file: &str, milliseconds: u32) {
        self.costs.insert(Arc::from(file), milliseconds);
    }

    /// How long `file` took to render last time (0 if never rendered).
    pub fn cost(&self, file: &str) -> u32 {
        self.costs.get(file).copied().unwrap_or(0)
    }

    /// Was `file` rendered (and so is it found by [`Records::readers_of`])?
    pub fn has(&self, file: &str) -> bool {
        self.outputs.contains_key(file)
    }

    /// Has anything been recorded yet?
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    fn unindex(&mut self, file: &Arc<str>, reads: &Reads) {
        for input in reads.iter() {
            if let Some(set) = self.readers.get_mut(input) {
                set.remove(file);
                if set.is_empty() {
                    self.readers.remove(input);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_readers_and_forgets_old_reads() {
        let mut r = Records::default();
        r.record(
            "a.html",
            Route::Home,
            vec![Input::Config].into_boxed_slice(),
        );
        r.record(
            "b.html",
            Route::LessonTags,
            vec![Input::Resources].into_boxed_slice(),
        );
        let config: BTreeSet<Input> = [Input::Config].into();
        assert_eq!(r.readers_of(&config), vec![Route::Home]);
        r.record(
            "a.html",
            Route::Home,
            vec![Input::PageList].into_boxed_slice(),
        );
        assert!(r.readers_of(&config).is_empty());
        assert!(!r.is_dirty("a.html", &config));
        assert!(r.is_dirty("new.html", &config));
        r.follow(&[("b.html".to_owned(), Route::LessonTags)].into());
        let pages: BTreeSet<Input> = [Input::PageList].into();
        assert!(r.readers_of(&pages).is_empty());
    }

    /// A page not rendered again after its case study's id moved must be
    /// found under its new route, or the next edit renders the wrong page.
    #[test]
    fn an_output_follows_its_route_when_ids_move() {
        use crate::model::CaseStudyId;
        let mut r = Records::default();
        let file = std::path::PathBuf::from("content/case-studies/a.md");
        r.record(
            "case-studies/a/index.html",
            Route::CaseStudy(CaseStudyId::new(1)),
            vec![Input::CaseStudy(file.clone())].into_boxed_slice(),
        );
        let moved = Route::CaseStudy(CaseStudyId::new(2));
        r.follow(&[("case-studies/a/index.html".to_owned(), moved.clone())].into());
        let changed: BTreeSet<Input> = [Input::CaseStudy(file)].into();
        assert_eq!(r.readers_of(&changed), vec![moved]);
    }

    #[test]
    fn only_list_changes_move_routes() {
        let body: BTreeSet<Input> = [Input::CaseStudyBody("a.md".into())].into();
        assert!(!may_change_routes(&body));
        let list: BTreeSet<Input> = [Input::CaseStudyList].into();
        assert!(may_change_routes(&list));
    }
}
