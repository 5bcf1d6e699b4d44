//! Writes every form of the corpus to files (one per form, named after it), for profiling or for
//! timing other tools.
//!
//! Usage: cargo run --release --example decode_gen_forms -- SEED_DIR OUT_DIR MB
//! (`ONLY="<form name>"` for one form)

use vblint::decode::corpus::{self, Input};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (seeds, out, mb) = match args.as_slice() {
        [_, s, o, m] => (s.clone(), o.clone(), m.parse::<usize>().unwrap_or(10)),
        _ => {
            eprintln!("usage: decode_gen_forms SEED_DIR OUT_DIR MB");
            return;
        }
    };
    let sources = corpus::sources(std::path::Path::new(&seeds));
    let one: String = sources
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut clean = String::new();
    while clean.len() < mb * 1_000_000 {
        clean.push_str(&one);
        clean.push('\n');
    }
    // Every corpus form (the table of charsets' among them), one file each.
    // `ONLY=<form name>` writes that form alone.
    let only = std::env::var("ONLY").ok();
    let forms: Vec<(String, Vec<u8>)> = corpus::forms()
        .iter()
        .filter(|form| only.as_deref().is_none_or(|o| o == form.name))
        .map(|form| {
            let file: String = form
                .name
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            let bytes = match form.make(&clean) {
                Input::Bytes(b) => b,
                Input::Text(t) => t.into_bytes(),
            };
            (format!("{file}.txt"), bytes)
        })
        .collect();
    for (name, bytes) in forms {
        let path = std::path::Path::new(&out).join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("{}: {e}", path.display());
        }
    }
}
