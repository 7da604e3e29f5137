//! Any bytes as a case study file: reading, parsing and validating must
//! never panic, and every diagnostic must point inside the file.
#![no_main]

use compendium::content::vocabulary::Vocabulary;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocab = Vocabulary::default();
    let path = Path::new("content/case-studies/fuzz.md");
    let (_, diagnostics) = compendium::content::read_case_study_text(path, text, &vocab);
    let lines = compendium::diagnostics::editor_lines(text).count().max(1);
    for d in &diagnostics {
        let at = d.position();
        assert!(at.line >= 1 && at.column >= 1, "{d:?}");
        // A problem may be placed just after the last line (a missing `---`).
        assert!(at.line <= lines + 1, "line {} of {lines}: {d:?}", at.line);
    }
});
