//! Golden tests: every document under `corpus/` against its expected findings and extraction,
//! insta snapshots in `corpus/expected/` (`DOC.findings.snap`, `DOC.extract.snap`, with `/` in the
//! document's path under `corpus/` written `__`). After an intended change: `cargo insta review`.

use crate::common::assert_text_goldens;
use std::path::{Path, PathBuf};
use vblint::finding::Severity;
use vblint::pipeline::{Options, check_text_bytes};

/// Every text document under `corpus/` (rule fixtures, seeds, shapes, clean documents).
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from("corpus")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus dir is readable") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "expected") {
                    dirs.push(path);
                }
            } else if vblint::input::is_supported(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The golden's name: the document's path under `corpus/`, flattened, and what it holds.
fn golden_name(doc: &Path, kind: &str) -> String {
    let rel = doc.strip_prefix("corpus").expect("under corpus/");
    let flat = rel.to_string_lossy().replace(['/', '\\'], "__");
    format!("{flat}.{kind}")
}

#[test]
fn corpus_matches_golden_files() {
    let options = Options {
        extract: true,
        ..Options::default()
    };
    let files = corpus_files();
    assert!(files.len() >= 5, "the corpus holds at least the five seeds");
    let mut goldens = Vec::new();
    for doc in &files {
        let bytes = std::fs::read(doc).expect("corpus file is readable");
        let path = doc.to_string_lossy().replace('\\', "/");
        let mut report = check_text_bytes(&path, &bytes, &options);
        let document = report.document.take();
        let findings = serde_json::to_string_pretty(&report).expect("serializable") + "\n";
        let extraction = serde_json::to_string_pretty(&document).expect("serializable") + "\n";
        goldens.push((
            golden_name(doc, "findings"),
            format!("findings of {path}"),
            findings,
        ));
        goldens.push((
            golden_name(doc, "extract"),
            format!("extraction of {path}"),
            extraction,
        ));
    }
    assert_text_goldens("corpus/expected", goldens);
}

#[test]
fn clean_documents_have_no_errors_or_warnings() {
    let options = Options::default();
    let clean: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "clean"))
        .collect();
    assert!(!clean.is_empty(), "corpus/clean holds correct documents");
    for doc in clean {
        let bytes = std::fs::read(&doc).expect("readable");
        let report = check_text_bytes(&doc.to_string_lossy(), &bytes, &options);
        let loud: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| {
                format!(
                    "{}:{}:{} {} {}",
                    doc.display(),
                    f.line,
                    f.column,
                    f.rule,
                    f.message
                )
            })
            .collect();
        assert!(
            loud.is_empty(),
            "false alarms on a correct document:\n{}",
            loud.join("\n")
        );
        assert!(report.error.is_none());
    }
}

/// The findings a reviewer expects on the seeds (issue 2's "done when").
#[test]
fn seeds_show_the_known_defects() {
    let options = Options::default();
    let check = |name: &str| {
        let path = format!("corpus/{name}");
        let bytes = std::fs::read(&path).expect("seed is readable");
        check_text_bytes(&path, &bytes, &options)
            .findings
            .into_iter()
            .map(|f| (f.rule, f.line, f.excerpt))
            .collect::<Vec<_>>()
    };
    let seed004 = check("004_c0af4205e287f79a.txt");
    assert!(seed004.contains(&("deadline-before-issue-date".into(), 75, "15/3/2024".into())));
    let seed002 = check("002_697bddf324867dd9.txt");
    assert!(seed002.contains(&("header-missing-number".into(), 3, "Số: /KH-PGDĐT".into())));
    assert!(seed002.contains(&("duplicate-word".into(), 39, "Chỉ thị Chỉ thị".into())));
    let seed003 = check("003_18439de3f2cb832b.txt");
    assert!(seed003.contains(&("numbering-gap".into(), 66, "6.".into())));
}
