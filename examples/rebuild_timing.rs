use compendium::pipeline::Options;
use compendium::serve::rebuild::{Builder, Files};
use compendium::serve::watch;
use std::path::PathBuf;
fn main() {
    let root = std::fs::canonicalize(std::env::args().nth(1).unwrap()).unwrap();
    let mut b = Builder::new(Options {
        root: root.clone(),
        include_drafts: false,
        base_url: Some("http://127.0.0.1:8000/".into()),
    });
    let mut files = Files::new();
    let t = std::time::Instant::now();
    let o = b.pages(None, &mut files, &mut |_, _, _| {});
    eprintln!("first {} ms {:?}", t.elapsed().as_millis(), o.stages);
    let dir = root.join("content/case-studies");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(6);
    for i in 0..n {
        let p = &names[(i * 7919) % names.len()];
        let text = std::fs::read_to_string(p).unwrap();
        let edited = if i % 2 < 2 {
            text.replacen("\n\n", "\n\nEdited paragraph.\n\n", 1)
        } else {
            text.replacen("title: \"", "title: \"Edited ", 1)
        };
        std::fs::write(p, &edited).unwrap();
        let changes = watch::classify_all(&root, "default", &[p.clone()]);
        let t = std::time::Instant::now();
        let mut first = 0;
        let o = b.pages(Some(&changes), &mut files, &mut |_, _, ch| {
            if first == 0 && !ch.is_empty() {
                first = t.elapsed().as_millis();
            }
        });
        eprintln!(
            "edit {i}: own page at {first} ms, all {} ms, rendered {} {:?}",
            t.elapsed().as_millis(),
            o.rendered,
            o.stages
        );
        std::fs::write(p, &text).unwrap();
        let o = b.pages(Some(&changes), &mut files, &mut |_, _, _| {});
        eprintln!("  restore: {} ms", o.milliseconds);
    }
}
