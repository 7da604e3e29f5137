//! In-process dev-server rebuild timings, without the watcher or the
//! network: builds a site with the dev server's builder, then edits case
//! studies one at a time and prints where each rebuild's time went. Four
//! kinds of edit: a body; a title corrected where it stays in the title
//! order ("title"); a saving's amount ("figure"); a title that moves the
//! case study elsewhere in the order ("retitle", which renumbers every
//! case study after it and so rebuilds the model).
//!
//!     cargo bench --bench rebuild -- target/bench/corpus-10000 [edits] [kinds]
//!
//! (`kinds`: some of `body,title,figure,retitle`; all four by default)
//!
//! (make the corpus with `cargo run --release -p compendium-synth -- --count
//! 10000 --seed 1 --out target/bench/corpus-10000`). Every file edited is
//! put back as it was.

use compendium::pipeline::Options;
use compendium::serve::rebuild::{Builder, Files};
use compendium::serve::watch;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(root) = args.first().and_then(|r| std::fs::canonicalize(r).ok()) else {
        eprintln!("usage: cargo bench --bench rebuild -- <site folder> [edits] [kinds]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut builder = Builder::new(Options {
        root: root.clone(),
        include_drafts: false,
        base_url: Some("http://127.0.0.1:8000/".into()),
    });
    let mut files = Files::new();
    let first = builder.pages(None, &mut files, &mut |_, _, _| {});
    println!(
        "first build: {} ms, {} files",
        first.milliseconds,
        files.len()
    );
    let dir = root.join("content/case-studies");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let kinds: Vec<&str> = args
        .get(2)
        .map_or("body,title,figure,retitle", String::as_str)
        .split(',')
        .collect();
    for kind in kinds {
        let mut own = Vec::new();
        for i in 0..edits.min(names.len()) {
            let path = &names[(i * 7919) % names.len()];
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let edited = match kind {
                "body" => text.replacen("\n---\n", "\n---\n\nAn edited paragraph.\n", 1),
                "title" => text.replacen("\"\n", " !\"\n", 1),
                "figure" => raise_first_amount(&text),
                _ => text.replacen("title: \"", "title: \"Edited ", 1),
            };
            let _ = std::fs::write(path, &edited);
            let changes = watch::classify_all(&root, "default", std::slice::from_ref(path));
            let started = std::time::Instant::now();
            let mut own_page = None;
            let outcome = builder.pages(Some(&changes), &mut files, &mut |_, _, changed| {
                if own_page.is_none() && !changed.is_empty() {
                    own_page = Some(started.elapsed().as_millis());
                }
            });
            let own_ms = own_page.unwrap_or(outcome.milliseconds);
            own.push(own_ms);
            println!(
                "{kind} edit {}: own page after {own_ms} ms, all {} ms, {} outputs rendered; {:?}",
                i + 1,
                outcome.milliseconds,
                outcome.rendered,
                outcome.stages
            );
            let _ = std::fs::write(path, &text);
            builder.pages(Some(&changes), &mut files, &mut |_, _, _| {});
        }
        own.sort();
        if let Some(median) = own.get(own.len() / 2) {
            println!("{kind} edits: median {median} ms to the edited page (no watcher debounce)");
        }
    }
}

/// The text with its first unquoted `amount:` made ten times larger (a
/// leading `1`), or unchanged when it has none.
fn raise_first_amount(text: &str) -> String {
    let key = "amount: ";
    let at = text
        .match_indices(key)
        .map(|(i, _)| i + key.len())
        .find(|&i| text[i..].starts_with(|c: char| c.is_ascii_digit()));
    match at {
        Some(i) => format!("{}1{}", &text[..i], &text[i..]),
        None => text.to_owned(),
    }
}
