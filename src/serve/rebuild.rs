//! Incremental rebuilds for the dev server. A change re-reads only the files
//! that changed (the content cache keeps the rest) and rebuilds the model;
//! then every output that read an input which differs between the old and
//! new model or theme is rendered again, and nothing else (the records and
//! the comparison live in `crate::incremental`). Output is compared byte for
//! byte, so only files that really changed are replaced. The search index is
//! made apart from the pages ([`export_search`]), so that it never holds up a
//! page rebuild. The related case studies come from the index, so they are
//! made with it: until an export lands, pages show the last lists (found by
//! file, so moved ids do not matter), and landing it renders again every
//! case study page whose list changed, which an edit anywhere can do.

use super::watch::Change;
use crate::content;
use crate::diagnostics::{self, Diagnostic};
use crate::incremental::records::{Records, may_change_routes};
use crate::incremental::{self, Input, Reads, changes::changed_inputs};
use crate::model::ids::Moved;
use crate::model::{BodyCache, Route, Site};
use crate::pipeline::Options;
use crate::render::templates::Templates;
use crate::render::theme::Theme;
use crate::render::{self, OutputFile, Renderer};
use crate::search;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// The files of the site being served: path under the site root → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What one rebuild did, reported to the terminal and `/_compendium/status`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Outcome {
    pub ok: bool,
    /// False only for the snapshot published between the two waves of a
    /// rebuild: the changed pages' own pages are in, but the listings,
    /// feeds and data that depend on them are not yet. Without it,
    /// `/_compendium/status` would report a rebuild that is half done as
    /// done, and a client reading a listing then gets the old one.
    pub complete: bool,
    /// Made by patching the model for one case study's edit, rather than from scratch.
    pub quick: bool,
    /// Content files read and parsed (the others came from the cache).
    pub files_parsed: usize,
    /// Bodies rendered (the others came from the model's body cache).
    pub bodies_rendered: usize,
    /// Output files rendered.
    pub rendered: usize,
    /// Output files whose bytes changed, added or removed.
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub milliseconds: u128,
    /// Where the time went: (stage, milliseconds).
    pub stages: Vec<(&'static str, u128)>,
    /// Errors and warnings of the current content.
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Builder {
    opts: Options,
    /// Drafts are left out, previewed or published.
    drafts: content::Drafts,
    cache: content::Cache,
    bodies: BodyCache,
    site: Option<Arc<Site>>,
    theme: Theme,
    templates: Option<Templates>,
    manifest: String,
    /// The related case studies of the current export.
    related: search::related::Related,
    /// Search files of the current export.
    search_files: BTreeSet<String>,
    /// What each output file read when it was last rendered.
    records: Records,
    /// Inputs changed by a rebuild that a newer change cut short: the
    /// outputs that read them are still owed.
    pending: BTreeSet<Input>,
    /// Some output still owed was never rendered, so no record leads to it
    /// (a new term's page, say): only a rebuild that looks at every route
    /// finds it, so the quick path waits.
    pending_unrecorded: bool,
    /// The warnings of the last full load, which a quick edit keeps.
    warnings: Vec<Diagnostic>,
    /// Asks whether a newer change is waiting (see [`Builder::interrupt_when`]).
    interrupt: Option<Box<dyn Fn() -> bool + Send>>,
    /// Outputs owed until the editor pauses (see [`Builder::defer_heavy`]).
    deferred: BTreeSet<Route>,
    /// How long an output must have taken to wait for a pause, and whether
    /// the editor has paused.
    heavy: Option<(u32, Box<dyn Fn() -> bool + Send>)>,
}

/// How many outputs are rendered between two looks for a newer change.
const REST_BATCH: usize = 8;

/// The most case study saves one rebuild patches into the model (saves
/// that came while the last rebuild ran); more load everything again.
const QUICK_EDITS: usize = 16;

/// A finished search export, made by [`export_search`] from one model.
pub struct SearchExport {
    /// The model it was made from, so that a stale export can be dropped.
    site: Arc<Site>,
    export: search::export::Export,
    related: search::related::Related,
    milliseconds: u128,
}

/// Builds the search index and its export for `site` (on any thread).
pub fn export_search(site: Arc<Site>) -> Result<SearchExport, Vec<Diagnostic>> {
    let started = Instant::now();
    let index = search::index::build(&site).map_err(|e| vec![search_error(e)])?;
    let related = search::related::compute(&site, &index).map_err(|e| vec![search_error(e)])?;
    let export = search::export::export(&site, &index).map_err(|e| vec![search_error(e)])?;
    Ok(SearchExport {
        site,
        export,
        related,
        milliseconds: started.elapsed().as_millis(),
    })
}

impl Builder {
    pub fn new(opts: Options) -> Builder {
        Builder {
            drafts: opts.include_drafts.into(),
            opts,
            cache: content::Cache::default(),
            bodies: BodyCache::default(),
            site: None,
            theme: Theme::default(),
            templates: None,
            manifest: String::new(),
            related: search::related::Related::default(),
            search_files: BTreeSet::new(),
            records: Records::default(),
            pending: BTreeSet::new(),
            pending_unrecorded: false,
            warnings: Vec::new(),
            interrupt: None,
            deferred: BTreeSet::new(),
            heavy: None,
        }
    }

    /// When `changes` are case studies saved again (one, or a few saved
    /// while the last rebuild ran) with edits the model can be patched for
    /// (see `crate::model::patch`), with no problem before or after and no
    /// warning that names their files, the patched model and the inputs
    /// that differ. `None` sends the rebuild the long way, which is always
    /// right.
    fn quick_edit(&mut self, changes: Option<&[Change]>) -> Option<(Site, BTreeSet<Input>)> {
        let changes = changes?;
        if changes.is_empty() || changes.len() > QUICK_EDITS {
            return None;
        }
        let old = self.site.clone()?;
        // Owed outputs the records lead to are found again through the
        // pending inputs, which every rebuild adds to what it changed.
        if self.pending_unrecorded {
            return None;
        }
        let mut site: Option<Site> = None;
        let mut moves = Vec::new();
        for change in changes {
            let Change::Content(path) = change else {
                return None;
            };
            let now = site.as_ref().unwrap_or(&old);
            let (patched, moved) = self.patch_one(now, path)?;
            moves.extend(moved);
            site = Some(patched);
        }
        let site = site?;
        let changed = changed_inputs(&old, &site, &self.theme, &self.theme, Some(&moves));
        // A new title that moved a case study renumbered the ones between
        // its two places; their outputs keep what they read, under new routes.
        for moved in moves {
            self.records.follow_move(moved);
        }
        Some((site, changed))
    }

    /// `site` with the case study at `path` read again and patched in.
    fn patch_one(&mut self, site: &Site, path: &Path) -> Option<(Site, Option<Moved>)> {
        let file = path.strip_prefix(&self.opts.root).ok()?.to_path_buf();
        if self.warnings.iter().any(|w| names_file(w, &file)) {
            return None;
        }
        let id = site.case_study_by_file(&file)?;
        let (matter, body) =
            content::reread_case_study(&self.opts.root, path, site.vocabulary(), &mut self.cache)?;
        site.with_case_study(id, matter, body, &mut self.bodies)
    }

    /// Shows drafts (unless they are published anyway), with every problem
    /// of a draft a warning: what `compendium serve` does.
    pub fn preview_drafts(&mut self) {
        if self.drafts != content::Drafts::Publish {
            self.drafts = content::Drafts::Preview;
        }
    }

    /// Is a rebuild owed: one that a newer change cut short, whose outputs
    /// a rebuild with no further change would finish?
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty() || !self.deferred.is_empty()
    }

    /// Are the only outputs owed the ones waiting for the editor to pause?
    pub fn owes_only_deferred(&self) -> bool {
        self.pending.is_empty() && !self.deferred.is_empty()
    }

    /// While the editor keeps saving (`paused` says otherwise), outputs
    /// that took `min_milliseconds` or more to render last time (the
    /// whole-site pages and data files) wait: a save then never waits
    /// behind one of them, and they are rendered once the editor pauses.
    pub fn defer_heavy(
        &mut self,
        min_milliseconds: u32,
        paused: impl Fn() -> bool + Send + 'static,
    ) {
        self.heavy = Some((min_milliseconds, Box::new(paused)));
    }

    /// Lets a rebuild stop after the changed pages themselves when `newer`
    /// says another change is waiting, so that the editor's next save is not
    /// held up by the listings of the one before; the next rebuild renders
    /// what was left.
    pub fn interrupt_when(&mut self, newer: impl Fn() -> bool + Send + 'static) {
        self.interrupt = Some(Box::new(newer));
    }

    /// The current model, after a successful build.
    pub fn site(&self) -> Option<&Arc<Site>> {
        self.site.as_ref()
    }

    /// The name of the theme in use.
    pub fn theme_name(&self) -> String {
        self.site
            .as_ref()
            .map(|s| s.settings().theme.clone())
            .unwrap_or_else(|| "default".into())
    }

    /// Rebuilds the pages for `changes` (everything when `None`), updating
    /// `files`. Pages are rendered in two waves, and `publish` is called
    /// after each with the paths that changed: first the changed case
    /// studies' and pages' own pages (what an editor is looking at), then
    /// everything else that read what changed. On errors `files` is left as
    /// it was and the outcome carries the diagnostics.
    pub fn pages(
        &mut self,
        changes: Option<&[Change]>,
        files: &mut Files,
        publish: &mut dyn FnMut(&Files, &Outcome, &[String]),
    ) -> Outcome {
        let started = Instant::now();
        let mut outcome = Outcome::default();
        let mut lap = Instant::now();
        let mut stage = |name: &'static str, outcome: &mut Outcome| {
            outcome.stages.push((name, lap.elapsed().as_millis()));
            lap = Instant::now();
        };
        let fail = |mut outcome: Outcome,
                    files: &Files,
                    publish: &mut dyn FnMut(&Files, &Outcome, &[String])| {
            outcome.ok = false;
            outcome.complete = true;
            outcome.milliseconds = started.elapsed().as_millis();
            publish(files, &outcome, &[]);
            outcome
        };
        let reread_all = changes.is_none_or(|c| c.iter().any(|c| matches!(c, Change::Settings)));
        let theme_touched = changes.is_none_or(|c| {
            c.iter()
                .any(|c| matches!(c, Change::Template(_) | Change::Asset(_)))
        });
        // The commonest edit, one case study saved again, patches the model
        // where it can; anything else loads and models everything.
        let (site, quick) = match self.quick_edit(changes) {
            Some((site, changed)) => {
                outcome.quick = true;
                outcome.files_parsed = 1;
                outcome.bodies_rendered = changed
                    .iter()
                    .filter(|i| matches!(i, Input::CaseStudyBody(_)))
                    .count();
                outcome.diagnostics = self.warnings.clone();
                stage("load", &mut outcome);
                stage("model", &mut outcome);
                (site, Some(changed))
            }
            None => {
                let changed_paths: Option<HashSet<PathBuf>> = (!reread_all).then(|| {
                    changes
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|c| match c {
                            Change::Content(p) => Some(p.clone()),
                            _ => None,
                        })
                        .collect()
                });
                let (content, mut diags) = content::load_with(
                    &self.opts.root,
                    self.drafts,
                    self.opts.base_url.as_deref(),
                    &mut self.cache,
                    changed_paths.as_ref(),
                );
                outcome.files_parsed = self.cache.files_parsed;
                stage("load", &mut outcome);
                let (site, model_diags) = Site::build_with(content, &mut self.bodies);
                outcome.bodies_rendered = self.bodies.rendered;
                diags.extend(model_diags);
                diagnostics::sort(&mut diags);
                outcome.diagnostics = diags;
                stage("model", &mut outcome);
                if diagnostics::has_errors(&outcome.diagnostics) {
                    return fail(outcome, files, publish);
                }
                self.warnings = outcome.diagnostics.clone();
                (site, None)
            }
        };
        let theme_switched = self
            .site
            .as_ref()
            .is_some_and(|old| old.settings().theme != site.settings().theme);
        // The theme replaced, when it was loaded again (else it is unchanged).
        let mut old_theme = None;
        if theme_touched || theme_switched || self.templates.is_none() {
            match self.reload_theme(&site.settings().theme) {
                Ok(old) => old_theme = Some(old),
                Err(d) => {
                    outcome.diagnostics.extend(d);
                    return fail(outcome, files, publish);
                }
            }
        }
        // A patched model has the same routes and terms as before (up to
        // the renumbering the records have followed).
        let routes_kept = quick.is_some();
        let changed = match (&self.site, quick) {
            (_, Some(changed)) => Some(changed),
            (Some(old), None) if changes.is_some() => Some(changed_inputs(
                old,
                &site,
                old_theme.as_ref().unwrap_or(&self.theme),
                &self.theme,
                None,
            )),
            (_, None) => None,
        };
        let changed = changed.map(|mut c| {
            c.extend(self.pending.iter().cloned());
            c
        });
        // A change that cannot add, remove or move routes finds its outputs
        // through the records alone; any other looks at every route.
        let all_routes = match &changed {
            Some(c) if (routes_kept || !may_change_routes(c)) && !self.records.is_empty() => None,
            _ => Some(render::all_routes(&site, &self.theme)),
        };
        let dirty: Vec<Route> = match (&changed, &all_routes) {
            (Some(changed), None) => self.records.readers_of(changed),
            (changed, Some(all)) => all
                .iter()
                .filter(|r| {
                    changed
                        .as_ref()
                        .is_none_or(|c| self.records.is_dirty(&site.output_file(r), c))
                })
                .cloned()
                .collect(),
            (None, None) => Vec::new(),
        };
        // Outputs left for a pause are owed still, whatever changed since.
        let mut dirty = dirty;
        let owed_heavy = std::mem::take(&mut self.deferred);
        let exists = |r: &Route| all_routes.as_ref().is_none_or(|all| all.contains(r));
        for route in owed_heavy.into_iter().filter(exists) {
            if !dirty.contains(&route) {
                dirty.push(route);
            }
        }
        let Some(templates) = &self.templates else {
            return fail(outcome, files, publish);
        };
        let renderer = Renderer {
            site: &site,
            templates,
            theme: &self.theme,
            search_manifest: &self.manifest,
            related: &self.related,
        };
        let first_wave = changed.is_some();
        let (first, rest): (Vec<Route>, Vec<Route>) = dirty
            .into_iter()
            .partition(|r| first_wave && matches!(r, Route::CaseStudy(_) | Route::Page(_)));
        let rest = match &self.heavy {
            Some((min, paused)) if first_wave && !paused() => {
                let (heavy, light): (Vec<Route>, Vec<Route>) = rest
                    .into_iter()
                    .partition(|r| self.records.cost(&site.output_file(r)) >= *min);
                self.deferred.extend(heavy);
                light
            }
            _ => rest,
        };
        stage("plan", &mut outcome);
        let interruptible = first_wave && self.interrupt.is_some();
        let mut interrupted = false;
        for (wave, routes) in [first, rest].into_iter().enumerate() {
            // The rest goes in small batches when a newer change may cut it
            // short: what is left is owed to the next rebuild.
            let batch = if wave == 1 && interruptible {
                REST_BATCH
            } else {
                routes.len().max(1)
            };
            for (n, chunk) in routes.chunks(batch).enumerate() {
                if wave == 1 && interruptible && self.interrupt.as_ref().is_some_and(|i| i()) {
                    interrupted = true;
                    self.pending_unrecorded = routes[n * batch..]
                        .iter()
                        .any(|r| !self.records.has(&site.output_file(r)));
                    break;
                }
                let rendered = match render_recording(&renderer, chunk) {
                    Ok(r) => r,
                    Err(d) => {
                        outcome.diagnostics.extend(d);
                        return fail(outcome, files, publish);
                    }
                };
                outcome.rendered += rendered.len();
                let mut outputs = Vec::with_capacity(rendered.len());
                for ((file, reads, milliseconds), route) in rendered.into_iter().zip(chunk) {
                    self.records.record(&file.path, route.clone(), reads);
                    self.records.note_cost(&file.path, milliseconds);
                    outputs.push(file);
                }
                let changed = replace_changed(files, outputs);
                outcome.changed.extend(changed.iter().cloned());
                if wave == 0 && first_wave {
                    outcome.ok = true;
                    outcome.milliseconds = started.elapsed().as_millis();
                    publish(files, &outcome, &changed);
                }
            }
            stage(
                if wave == 0 && first_wave {
                    "render own pages"
                } else {
                    "render the rest"
                },
                &mut outcome,
            );
        }
        // Interrupted, the outputs not rendered are owed: everything that
        // changed stays pending until a rebuild runs to the end.
        self.pending = match (interrupted, changed) {
            (true, Some(changed)) => changed,
            _ => BTreeSet::new(),
        };
        if !interrupted {
            self.pending_unrecorded = false;
        }
        outcome.complete = !interrupted && self.deferred.is_empty();
        outcome.ok = true;
        if let Some(all) = &all_routes {
            let routes: HashMap<String, Route> = all
                .iter()
                .map(|r| (site.output_file(r), r.clone()))
                .collect();
            let mut expected: HashSet<String> = routes.keys().cloned().collect();
            expected.extend(self.search_files.iter().cloned());
            outcome.removed = remove_stale(files, &expected);
            self.records.follow(&routes);
        }
        outcome.changed.sort();
        self.site = Some(Arc::new(site));
        outcome.milliseconds = started.elapsed().as_millis();
        let mut all_changed = outcome.changed.clone();
        all_changed.extend(outcome.removed.iter().cloned());
        publish(files, &outcome, &all_changed);
        outcome
    }

    /// Rebuilds the search index and its export from the current model, in
    /// this thread, and applies it (first build, tests).
    pub fn search(&mut self, files: &mut Files) -> Result<Outcome, Vec<Diagnostic>> {
        let Some(site) = self.site.clone() else {
            return Ok(Outcome::default());
        };
        let export = export_search(site)?;
        self.apply_search(export, files)
            .unwrap_or_else(|| Ok(Outcome::default()))
    }

    /// Puts a finished search export in place: only the search files whose
    /// content changed are replaced, and the search page is rendered again.
    /// `None` when the export was made from a model that is no longer
    /// current (a newer one is on its way).
    pub fn apply_search(
        &mut self,
        made: SearchExport,
        files: &mut Files,
    ) -> Option<Result<Outcome, Vec<Diagnostic>>> {
        let site = self.site.as_ref()?;
        if !Arc::ptr_eq(site, &made.site) {
            return None;
        }
        let started = Instant::now();
        let export = made.export;
        let names: BTreeSet<String> = export.files.iter().map(|f| f.path.clone()).collect();
        let mut outcome = Outcome {
            ok: true,
            complete: true,
            rendered: export.files.len() + 1,
            ..Outcome::default()
        };
        let search_files = export.files.len();
        outcome.changed = replace_changed(files, export.files);
        outcome.removed = self.search_files.difference(&names).cloned().collect();
        for path in &outcome.removed {
            files.remove(path);
        }
        self.search_files = names;
        self.manifest = export.manifest_path;
        // The case study pages whose related list changed, by their file
        // (a list made for a file the site no longer has needs no page).
        let differing = self.related.differing(&made.related);
        self.related = made.related;
        let mut routes = vec![Route::Search];
        if !differing.is_empty() {
            let ids: HashMap<&Path, crate::model::CaseStudyId> = site
                .case_study_ids()
                .map(|id| (site.case_study(id).file.as_path(), id))
                .collect();
            routes.extend(
                differing
                    .iter()
                    .filter_map(|f| ids.get(f.as_path()))
                    .map(|&id| Route::CaseStudy(id)),
            );
        }
        outcome.rendered = search_files + routes.len();
        if let Some(templates) = &self.templates {
            let renderer = Renderer {
                site,
                templates,
                theme: &self.theme,
                search_manifest: &self.manifest,
                related: &self.related,
            };
            let rendered = match render_recording(&renderer, &routes) {
                Ok(r) => r,
                Err(d) => return Some(Err(d)),
            };
            for ((file, reads, _), route) in rendered.into_iter().zip(routes) {
                self.records.record(&file.path, route, reads);
                outcome.changed.extend(replace_changed(files, vec![file]));
            }
        }
        outcome.changed.sort();
        outcome.milliseconds = made.milliseconds + started.elapsed().as_millis();
        Some(Ok(outcome))
    }

    /// Loads the theme `name`, compiles it and makes it current; returns the
    /// theme it replaced (to compare with).
    fn reload_theme(&mut self, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme = Theme::load(&self.opts.root, name).map_err(|d| vec![d])?;
        let templates = Templates::compile(&theme)?;
        self.templates = Some(templates);
        Ok(std::mem::replace(&mut self.theme, theme))
    }
}

/// Is `d` about `file`, or does it name it (an organisation spelled
/// another way "in" it)?
fn names_file(d: &Diagnostic, file: &std::path::Path) -> bool {
    matches!(&d.origin, diagnostics::Origin::File { path, .. } if path == file)
        || d.message.contains(&file.display().to_string())
}

/// An output rendered: the file, what it read, and how many milliseconds it took.
type Rendered = (OutputFile, Reads, u32);

/// Renders routes in parallel, each with the inputs it read.
fn render_recording(
    renderer: &Renderer,
    routes: &[Route],
) -> Result<Vec<Rendered>, Vec<Diagnostic>> {
    let results: Vec<(Result<OutputFile, Diagnostic>, Reads, u32)> = routes
        .par_iter()
        .map(|r| {
            let started = Instant::now();
            let (result, reads) = incremental::recording(|| renderer.render(r));
            let milliseconds = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
            (result, reads, milliseconds)
        })
        .collect();
    let mut ok = Vec::with_capacity(results.len());
    let mut errors: Vec<Diagnostic> = Vec::new();
    for (result, reads, milliseconds) in results {
        match result {
            Ok(file) => ok.push((file, reads, milliseconds)),
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(errors)
    }
}

fn search_error(e: tantivy::TantivyError) -> Diagnostic {
    Diagnostic::internal(format!("building the search index failed: {e}"))
}

/// Puts rendered files into `files` where their bytes differ; returns their paths.
fn replace_changed(files: &mut Files, rendered: Vec<OutputFile>) -> Vec<String> {
    let mut changed = Vec::new();
    for f in rendered {
        if files.get(&f.path).is_none_or(|old| **old != *f.bytes) {
            changed.push(f.path.clone());
            files.insert(f.path, f.bytes.into());
        }
    }
    changed.sort();
    changed
}

/// Removes files that the site no longer has (a deleted case study's page...).
fn remove_stale(files: &mut Files, expected: &HashSet<String>) -> Vec<String> {
    let mut stale: Vec<String> = files
        .keys()
        .filter(|p| !expected.contains(*p))
        .cloned()
        .collect();
    stale.sort();
    for p in &stale {
        files.remove(p);
    }
    stale
}

#[cfg(test)]
mod tests {
    use crate::incremental::{Input, recording};
    use crate::model::{CaseStudyId, Route};

    /// A case study's page reads that case study and the site's frame, not
    /// the terms, organisations or pages it links to: linking is not reading.
    #[test]
    fn a_case_study_page_reads_only_its_own_case_study() {
        let opts = crate::pipeline::Options {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            include_drafts: false,
            base_url: None,
        };
        let (site, _) = crate::pipeline::load_site(&opts).expect("the bundled content loads");
        let theme = crate::render::theme::Theme::load(&opts.root, "default").expect("theme");
        let templates = crate::render::templates::Templates::compile(&theme).expect("templates");
        let renderer = super::Renderer {
            site: &site,
            templates: &templates,
            theme: &theme,
            search_manifest: "",
            related: &crate::search::related::Related::default(),
        };
        let id = CaseStudyId::new(3);
        let (page, reads) = recording(|| renderer.render(&Route::CaseStudy(id)));
        assert!(page.is_ok());
        let file = site.all_case_studies()[id.index()].file.clone();
        for input in &reads {
            assert!(
                matches!(
                    input,
                    Input::Config
                        | Input::PageList
                        | Input::Resources
                        | Input::Template(_)
                        | Input::Asset(_)
                ) || *input == Input::CaseStudy(file.clone())
                    || *input == Input::CaseStudyBody(file.clone()),
                "a case study page read {input:?}"
            );
        }
        assert!(reads.contains(&Input::CaseStudy(file)));
        assert!(reads.contains(&Input::Template("case_study.html".into())));
        assert!(reads.contains(&Input::Template("base.html".into())));
    }
}
