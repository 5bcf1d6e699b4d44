//! Helpers shared by every test module, each once: running the binary ([`run`]), the golden
//! harness ([`golden`]), the .docx builders, test-only legacy encoders, seeds and the Chromium finder
//! ([`fixtures`]), and what a .txt and its .docx or .doc must agree on ([`triples`]).

mod fixtures;
mod golden;
mod run;

pub use fixtures::*;
pub use golden::{assert_bytes_golden, assert_text_golden, assert_text_goldens};
pub use run::{TempDir, soffice, temp_dir, vblint, vblint_in};

/// What must agree between a .txt and its .docx or .doc: rule, excerpt, message (lines differ by
/// design), sorted.
pub fn triples(report: &vblint::finding::FileReport) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.excerpt.clone(), f.message.clone()))
        .collect();
    v.sort();
    v
}
