//! Prints the token accuracy of the decode stage on every generated corpus form.
//!
//! Usage: cargo run --release --example decode_accuracy [SEED_DIR]   (default ../shared/seeds)
//! With `DIFF="<form name>"` set, prints every wrong token of that form instead.

use vblint::decode::corpus;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/seeds".to_string());
    let sources = corpus::sources(std::path::Path::new(&dir));
    let words: usize = sources
        .iter()
        .map(|(_, t)| t.split_whitespace().count())
        .sum();
    println!(
        "corpus: {} documents, {} tokens per form\n",
        sources.len(),
        words
    );
    println!("| form | tokens | exact | ignoring case | bad lines |");
    println!("|---|---:|---:|---:|---:|");
    if let Ok(name) = std::env::var("DIFF") {
        for form in corpus::forms().into_iter().filter(|f| f.name == name) {
            for (doc, text) in &sources {
                let (got, _) = corpus::run_form(&form, text);
                let want = form.expected(text);
                for (i, (g, w)) in got.split('\n').zip(want.split('\n')).enumerate() {
                    for (gt, wt) in g.split_whitespace().zip(w.split_whitespace()) {
                        if gt != wt {
                            println!("{doc}:{}: got {gt:?} want {wt:?}", i + 1);
                        }
                    }
                }
            }
        }
        return;
    }
    for (form, acc) in corpus::table(&sources) {
        println!(
            "| {}{} | {} | {:.3}% | {:.3}% | {} |",
            form.name,
            if form.whole_file { "" } else { " (mixed)" },
            acc.tokens,
            acc.percent(),
            acc.percent_ignoring_case(),
            acc.bad_lines
        );
    }
}
