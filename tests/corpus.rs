//! Golden tests: every document under `corpus/` against its expected findings and extraction in
//! `corpus/expected/`. Run with `VBLINT_BLESS=1` to rewrite the expected files after an intended
//! change, and review the diff.

use std::path::{Path, PathBuf};
use vblint::finding::Severity;
use vblint::pipeline::{Options, check_bytes};

fn corpus_files() -> Vec<PathBuf> {
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

fn expected_path(doc: &Path, kind: &str) -> PathBuf {
    let rel = doc.strip_prefix("corpus").expect("under corpus/");
    let flat = rel.to_string_lossy().replace(['/', '\\'], "__");
    Path::new("corpus/expected").join(format!("{flat}.{kind}.json"))
}

fn compare_or_bless(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("VBLINT_BLESS").is_some() {
        std::fs::write(path, actual).expect("write expected file");
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let first_diff = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{}: differs from line {}:\n  expected: {}\n  actual:   {}",
                path.display(),
                first_diff + 1,
                expected.lines().nth(first_diff).unwrap_or("<end>"),
                actual.lines().nth(first_diff).unwrap_or("<end>")
            ));
        }
        Err(_) => failures.push(format!(
            "{}: missing (run with VBLINT_BLESS=1)",
            path.display()
        )),
    }
}

#[test]
fn corpus_matches_golden_files() {
    let options = Options {
        extract: true,
        ..Options::default()
    };
    let files = corpus_files();
    assert!(files.len() >= 5, "the corpus holds at least the five seeds");
    let mut failures = Vec::new();
    for doc in &files {
        let bytes = std::fs::read(doc).expect("corpus file is readable");
        let path = doc.to_string_lossy().replace('\\', "/");
        let mut report = check_bytes(&path, &bytes, &options);
        let document = report.document.take();
        let findings = serde_json::to_string_pretty(&report).expect("serializable") + "\n";
        let extraction = serde_json::to_string_pretty(&document).expect("serializable") + "\n";
        compare_or_bless(&expected_path(doc, "findings"), &findings, &mut failures);
        compare_or_bless(&expected_path(doc, "extract"), &extraction, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
        let report = check_bytes(&doc.to_string_lossy(), &bytes, &options);
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
        check_bytes(&path, &bytes, &options)
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
