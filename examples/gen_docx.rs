//! Writes the seeds as .docx files (the test generator's variants) for PDF fixtures and benchmarks.
//!
//! `cargo run --example gen_docx -- OUT_DIR [VARIANT…]` with variants unicode, tcvn3, vni,
//! unicode-numbered, tcvn3-numbered (default: all).

#[path = "../tests/it/common/fixtures.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: gen_docx OUT_DIR [VARIANT…]");
        std::process::exit(2);
    };
    let wanted: Vec<String> = args.collect();
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gen_docx: {out}: {e}");
        std::process::exit(2);
    }
    for (name, text) in common::seeds() {
        for v in common::VARIANTS {
            if !wanted.is_empty() && !wanted.contains(&v.name()) {
                continue;
            }
            let path = format!("{out}/{}.{}.docx", name.trim_end_matches(".txt"), v.name());
            if let Err(e) = std::fs::write(&path, common::seed_docx(&text, v)) {
                eprintln!("gen_docx: {path}: {e}");
                std::process::exit(2);
            }
        }
    }
}
