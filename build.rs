//! Embeds the default theme (templates and static assets) in the binary, so
//! that a bare content folder builds with no theme on disk.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files: Vec<String> = Vec::new();
    collect(theme, theme, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Files of the default theme: (path under themes/default, bytes).\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for f in &files {
        let abs = std::fs::canonicalize(theme.join(f)).expect("theme file");
        println!("cargo:rerun-if-changed={}", abs.display());
        let _ = writeln!(
            code,
            "    ({f:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("default_theme.rs");
    std::fs::write(out, code).expect("write default_theme.rs");
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.split('/').any(|p| p.starts_with('.')) {
                files.push(rel);
            }
        }
    }
}
