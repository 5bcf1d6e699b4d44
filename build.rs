//! Collects each rule's documentation from the `//!` comment at the top of its module in
//! `src/checks/`, so that `vblint rule ID` and SARIF descriptions print the doc comment itself.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/checks");
    println!("cargo:rerun-if-changed=src/checks");
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src/checks exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        // `mod.rs` (the registry) and `support.rs` (helpers the rules share) are not rules.
        .filter(|p| p.file_stem().is_some_and(|s| s != "mod" && s != "support"))
        .collect();
    entries.sort();
    let mut out = String::from(
        "/// (module name, documentation) for every rule module.\npub const RULE_DOCS: &[(&str, &str)] = &[\n",
    );
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path).expect("rule source is readable");
        let doc: Vec<&str> = source
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.strip_prefix("//! ")
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        writeln!(out, "    ({stem:?}, {:?}),", doc.join("\n")).expect("write to string");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set")).join("rule_docs.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
