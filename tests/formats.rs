//! Golden output of every `--format` on a small fixed input (`tests/fixtures/formats/`: a plan with
//! eight findings, an empty file, a PNG named .txt), the SARIF output validated against the official
//! SARIF 2.1.0 schema, and the escaping rules of the GitHub and CSV formats.
//!
//! Timing members (`elapsed_ms`, `mb_per_s`, `files_per_s`; the HTML `timing` spans) are masked.
//! After an intended change: `VBLINT_BLESS=1 cargo test --release --test formats`, review the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = "tests/fixtures/formats";

fn vblint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("vblint runs")
}

fn check(format: &str) -> Output {
    vblint(&["check", FIXTURES, "--format", format, "--threads", "1"])
}

/// Replaces run-dependent figures with fixed placeholders.
fn mask_timing(format: &str, out: &str) -> String {
    match format {
        "json" => {
            let mut v: serde_json::Value = serde_json::from_str(out).expect("JSON output");
            for key in vblint::report::TIMING_MEMBERS {
                v["summary"][key] = serde_json::json!(0);
            }
            serde_json::to_string_pretty(&v).expect("serializes") + "\n"
        }
        "sarif" => {
            let v: serde_json::Value = serde_json::from_str(out).expect("SARIF output");
            serde_json::to_string_pretty(&v).expect("serializes") + "\n"
        }
        "html" => {
            let mut s = String::new();
            let mut rest = out;
            while let Some(i) = rest.find("<span class=\"timing\">") {
                let open = i + "<span class=\"timing\">".len();
                s.push_str(&rest[..open]);
                s.push('…');
                match rest[open..].find("</span>") {
                    Some(j) => rest = &rest[open + j..],
                    None => rest = "",
                }
            }
            s.push_str(rest);
            s
        }
        _ => out.to_string(),
    }
}

fn golden_path(format: &str) -> PathBuf {
    let ext = match format {
        "text" | "concise" | "github" => "txt",
        "jsonl" => "jsonl",
        "sarif" => "sarif.json",
        other => other,
    };
    Path::new("tests/golden").join(format!("formats.{format}.{ext}"))
}

fn assert_golden(format: &str) {
    let out = check(format);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{format}: an empty and a binary file make exit code 2; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual = mask_timing(
        format,
        &String::from_utf8(out.stdout).expect("UTF-8 output"),
    );
    let path = golden_path(format);
    if std::env::var_os("VBLINT_BLESS").is_some() {
        std::fs::create_dir_all("tests/golden").expect("golden dir");
        std::fs::write(&path, &actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing (run with VBLINT_BLESS=1)", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{format}: output differs from {} at line {}:\n  expected: {}\n  actual:   {}\n(VBLINT_BLESS=1 to accept)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

#[test]
fn golden_text() {
    assert_golden("text");
}

#[test]
fn golden_concise() {
    assert_golden("concise");
}

#[test]
fn golden_json() {
    assert_golden("json");
}

#[test]
fn golden_jsonl() {
    assert_golden("jsonl");
}

#[test]
fn golden_sarif() {
    assert_golden("sarif");
}

#[test]
fn golden_github() {
    assert_golden("github");
}

#[test]
fn golden_csv() {
    assert_golden("csv");
}

#[test]
fn golden_html() {
    assert_golden("html");
}

fn sarif_schema() -> serde_json::Value {
    let candidates = [
        "../shared/schemas/sarif-schema-2.1.0.json",
        "../../shared/schemas/sarif-schema-2.1.0.json",
        "/work/shared/schemas/sarif-schema-2.1.0.json",
        "tests/schemas/sarif-schema-2.1.0.json",
    ];
    let text = candidates
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .expect("the SARIF 2.1.0 schema (tests/schemas/ or shared/schemas/)");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn validate_sarif(sarif: &serde_json::Value) {
    let schema = sarif_schema();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let out = check("sarif");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    validate_sarif(&sarif);
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), vblint::checks::RULES.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 8);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "tests/fixtures/formats/plan.txt"
        );
        assert!(loc["region"]["startLine"].as_u64().expect("startLine") >= 1);
        assert!(r["partialFingerprints"]["vblintFinding/v1"].is_string());
    }
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-word")
        .expect("duplicate-word result");
    assert_eq!(
        dup["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "Chỉ thị"
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 2, "the empty and the binary file");
}

#[test]
fn sarif_of_the_corpus_and_of_odd_paths_is_valid() {
    let dir = std::env::temp_dir().join(format!("vblint-sarif-{}", std::process::id()));
    let odd = dir.join("thư mục có dấu cách, và #%");
    std::fs::create_dir_all(&odd).expect("temp dir");
    std::fs::copy(
        "corpus/004_c0af4205e287f79a.txt",
        odd.join("kế hoạch 1.txt"),
    )
    .expect("copy");
    std::fs::write(odd.join("rỗng.txt"), b"").expect("write");
    let out = vblint(&[
        "check",
        "corpus",
        dir.to_str().expect("UTF-8 temp path"),
        "--format",
        "sarif",
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    validate_sarif(&sarif);
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str())
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.starts_with("file:///") && u.contains("k%E1%BA%BF"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_is_rfc4180() {
    let out = check("csv");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with(
        "path,line,column,end_line,end_column,severity,rule,message,excerpt,fix,help,error\r\n"
    ));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 10, "8 findings and 2 files not checked");
    assert!(rows.iter().all(|r| r.len() == 12));
    let spacing = rows
        .iter()
        .find(|r| &r[6] == "symbol-spacing")
        .expect("symbol-spacing row");
    assert_eq!(
        &spacing[7],
        "số, ký hiệu \"43 /KH-THCS\" có khoảng trắng thừa; mong đợi \"43/KH-THCS\""
    );
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let out = check("github");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for line in text.lines() {
        assert!(line.starts_with("::"), "{line}");
        assert!(!line.contains('\r'));
    }
    assert!(text.contains(
        "::error file=tests/fixtures/formats/plan.txt,line=14,col=54,endLine=14,endColumn=63,title=invalid-date::"
    ));
    assert!(text.contains("::error file=tests/fixtures/formats/empty.txt,title=vblint::"));
    assert!(text.contains("%0A"), "multi-line messages are escaped");
}

#[test]
fn the_schema_check_rejects_invalid_sarif() {
    let out = check("sarif");
    let mut sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    sarif["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    let result = std::panic::catch_unwind(|| validate_sarif(&sarif));
    assert!(result.is_err(), "an invalid level must fail validation");
}
