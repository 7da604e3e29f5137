//! Test hooks: named moments of a build at which a test can stop it, to
//! kill it there (`tests/suite/output_safety.rs`) or to let another build
//! start meanwhile. Nothing happens unless both variables are set:
//!
//! - `COMPENDIUM_TEST_PAUSE_AT=<point>[,<point>…]`: the moments (below);
//! - `COMPENDIUM_TEST_PAUSE_DIR=<folder>`: where the build says it has
//!   stopped, by creating `<point>.reached` (holding its process id), and
//!   where it waits for `<point>.go` to appear before it carries on.
//!
//! The points, in the order a build passes them:
//!
//! | point | the build has just … |
//! |---|---|
//! | `locked` | taken the output's lock |
//! | `recovered` | dealt with what an interrupted build left beside the output |
//! | `staging-created` | made the staging folder (with its marker), or renamed the spare to it (listed on another thread) |
//! | `written-N` | written (or found unchanged) the N-th file in the staging folder |
//! | `pruned-N` | (reusing the spare) removed the N-th file or folder it did not write |
//! | `before-swap` | written every file; the staging folder is complete |
//! | `exchanged` | swapped staging and output in one `renameat2(RENAME_EXCHANGE)` |
//! | `moved-aside` | (two renames) moved the previous site to `.NAME.old` |
//! | `swapped` | (two renames) moved the new site into place |
//! | `removed-N` | (with `--no-spare`) removed the N-th file or folder of the previous site |
//!
//! A test waits for the `.reached` file, a state, never for a fixed time.
//! The build polls for `.go` every few milliseconds; that wait happens
//! only under the hook.

use std::path::PathBuf;
use std::sync::OnceLock;

struct Hook {
    /// The moments' names, counted ones as `written-N`.
    points: Vec<String>,
    dir: PathBuf,
}

static HOOK: OnceLock<Option<Hook>> = OnceLock::new();

fn hook() -> Option<&'static Hook> {
    HOOK.get_or_init(|| {
        let points = std::env::var("COMPENDIUM_TEST_PAUSE_AT").ok()?;
        let dir = std::env::var_os("COMPENDIUM_TEST_PAUSE_DIR")?;
        Some(Hook {
            points: points.split(',').map(str::to_owned).collect(),
            dir: PathBuf::from(dir),
        })
    })
    .as_ref()
}

/// The build has reached the named moment.
pub(crate) fn at(name: &str) {
    if let Some(h) = hook()
        && h.points.iter().any(|p| p == name)
    {
        h.pause(name);
    }
}

/// The n-th (counting from 1) of the counted moments `what`; the name is
/// only made under the hook.
fn counted(what: &str, n: usize) {
    if hook().is_some() {
        at(&format!("{what}-{n}"));
    }
}

/// The n-th file is in the staging folder.
pub(crate) fn written(n: usize) {
    counted("written", n);
}

/// The n-th entry of the previous site is removed.
pub(crate) fn removed(n: usize) {
    counted("removed", n);
}

/// The n-th file or folder that this build did not write is removed from
/// a reused staging folder.
pub(crate) fn pruned(n: usize) {
    counted("pruned", n);
}

impl Hook {
    fn pause(&self, name: &str) {
        // Written under another name, then renamed: the test never reads a
        // half-written file.
        let reached = self.dir.join(format!("{name}.reached"));
        let partial = self.dir.join(format!("{name}.reached.partial"));
        if std::fs::write(&partial, std::process::id().to_string()).is_err()
            || std::fs::rename(&partial, &reached).is_err()
        {
            // The test cannot see the pause; waiting would hang it.
            return;
        }
        let go = self.dir.join(format!("{name}.go"));
        while !go.exists() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}
