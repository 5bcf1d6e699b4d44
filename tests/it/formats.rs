//! Output formats. The golden of every `--format` is built from a fixed set of reports written
//! in this test (every field of the contract, unicode, text to escape, a per-file error, a guess
//! reported one level lower), so that no rule's wording is in them; one end-to-end golden runs
//! `vblint check --format json` on `tests/fixtures/formats/` (a plan with eight findings, an empty
//! file, a PNG named .txt). SARIF is validated against the official SARIF 2.1.0 schema; the
//! escaping rules of the GitHub and CSV formats are checked on the command line's output.
//!
//! Goldens: `tests/golden/*.snap` (see `common::golden`). Timing members of the end-to-end run
//! (`elapsed_ms`, `mb_per_s`, `files_per_s`) are masked; the fixed reports have a fixed run time.

use crate::common::{assert_bytes_golden, assert_text_golden, vblint};
use std::process::Output;
use std::time::Duration;
use vblint::finding::{FileReport, Finding, Severity};
use vblint::report::csv::CsvReporter;
use vblint::report::github::GithubReporter;
use vblint::report::html::HtmlReporter;
use vblint::report::json::{JsonLinesReporter, JsonReporter};
use vblint::report::sarif::SarifReporter;
use vblint::report::text::{Style, TextReporter};
use vblint::report::{Reporter, Summary};
use vblint::source::Span;

const GOLDEN_DIR: &str = "tests/golden";

const FIXTURES: &str = "tests/fixtures/formats";

fn check(format: &str) -> Output {
    vblint(&["check", FIXTURES, "--format", format, "--threads", "1"])
}

/// The JSON output with its run-dependent figures replaced by 0.
fn mask_timing(out: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(out).expect("JSON output");
    for key in vblint::report::TIMING_MEMBERS {
        v["summary"][key] = serde_json::json!(0);
    }
    serde_json::to_string_pretty(&v).expect("serializes") + "\n"
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

// ------------------------------------------------------------------- goldens of a fixed report set

/// The analysed text of the first fixed file: Vietnamese text, a tab, markup characters to escape.
const PLAN_TEXT: &str = "UBND HUYỆN LỘC NINH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
Số: 43 /KH-THCS\n\
1. Thực hiện tốt Chỉ thị Chỉ thị của cấp trên, \"nói đi đôi với làm\" & <b>đạt 50%</b>.\n\
2. Hạn nộp: ngày 31/02/2024, trước\n\
ngày 10/4/2024 đến ngày 01/4/2024.\n";

/// A finding over `excerpt`, the `nth` occurrence (from 0) in `text`, lines and character
/// columns computed from the text as the pipeline does (1-based, end exclusive).
fn finding_at(text: &str, excerpt: &str, rule: &str, severity: Severity, message: &str) -> Finding {
    let start = text.find(excerpt).expect("excerpt in text");
    let end = start + excerpt.len();
    let position = |offset: usize| {
        let before = &text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, text[line_start..offset].chars().count() as u32 + 1)
    };
    let (line, column) = position(start);
    let (end_line, end_column) = position(end);
    Finding {
        rule: rule.to_string().into(),
        severity,
        message: message.to_string(),
        line,
        column,
        end_line,
        end_column,
        excerpt: excerpt.to_string(),
        fix: None,
        help: None,
        location: None,
        text_span: Span::new(start, end),
    }
}

/// Reports that cover every field of the contract, written by this test rather than by the rules,
/// so that a rule's wording never changes a format golden: a file with findings of each severity
/// (fixes, a help, a location, a guess reported one level lower, a span over two lines, text to
/// escape in every format), a streaming id and a repaired encoding; a clean legacy-encoded file;
/// a file that could not be checked.
fn fixed_reports() -> Vec<(FileReport, Option<&'static str>)> {
    let plan = "kế hoạch/thi đua 2024.txt";
    let mut spacing = finding_at(
        PLAN_TEXT,
        "43 /KH-THCS",
        "symbol-spacing",
        Severity::Info,
        "ký hiệu \"43 /KH-THCS\" thừa khoảng trắng",
    );
    spacing.fix = Some("43/KH-THCS".to_string());
    let mut duplicate = finding_at(
        PLAN_TEXT,
        "Chỉ thị Chỉ thị",
        "duplicate-word",
        Severity::Warning,
        "\"Chỉ thị\" lặp, ngay sau nhau",
    );
    duplicate.fix = Some("Chỉ thị".to_string());
    duplicate.location = Some("đoạn 3".to_string());
    let mut date = finding_at(
        PLAN_TEXT,
        "31/02/2024",
        "invalid-date",
        Severity::Error,
        "ngày 31/02/2024 không có: tháng 2/2024 có 29 ngày",
    );
    date.help = Some("kiểm tra ngày, tháng; 50% & <b> giữ nguyên".into());
    let mut range = finding_at(
        PLAN_TEXT,
        "trước\nngày 10/4/2024 đến ngày 01/4/2024",
        "range-end-before-start",
        Severity::Error.lowered(),
        "kết thúc (01/4/2024) trước bắt đầu (10/4/2024), đoán từ \"đến\"",
    );
    range.help = Some("dựa trên phỏng đoán nên hạ một mức\ndòng thứ hai: a,b;c".into());
    let encoding = serde_json::from_value(serde_json::json!({
        "name": "utf-8",
        "confidence": 0.75,
        "bom": true,
        "normalized_lines": 1,
        "replaced": 2,
        "repairs": [{
            "line": 1,
            "column": 6,
            "end_column": 12,
            "original": "HUYÖN",
            "repaired": "HUYỆN",
            "encoding": "tcvn3-as-cp1252",
        }],
        "repaired_lines": [1],
    }))
    .expect("an encoding report");
    let with_findings = FileReport {
        path: plan.to_string(),
        id: Some(serde_json::json!("yêu-cầu-1")),
        encoding: Some(encoding),
        findings: vec![spacing, duplicate, date, range],
        error: None,
        document: None,
        text: None,
        bytes: PLAN_TEXT.len() as u64,
    };
    let clean_encoding = serde_json::from_value(serde_json::json!({
        "name": "tcvn3",
        "confidence": 1.0,
        "bom": false,
        "normalized_lines": 0,
        "replaced": 0,
        "repairs": [],
    }))
    .expect("an encoding report");
    let clean = FileReport {
        path: "cũ/quyết định.txt".to_string(),
        id: None,
        encoding: Some(clean_encoding),
        findings: Vec::new(),
        error: None,
        document: None,
        text: None,
        bytes: 1000,
    };
    let mut unreadable = FileReport::error(
        "ảnh, \"scan\" #1.txt",
        "tệp nhị phân (PNG), không phải văn bản: bỏ qua",
    );
    unreadable.bytes = 24;
    vec![
        (with_findings, Some(PLAN_TEXT)),
        (clean, Some("QUYẾT ĐỊNH\n")),
        (unreadable, None),
    ]
}

/// The fixed reports through the reporter of `format`, as `vblint check --format FORMAT` writes them
/// (per-file errors of the text formats included, which the command line sends to standard error).
fn render_fixed(format: &str) -> Vec<u8> {
    let reports = fixed_reports();
    let mut summary = Summary::default();
    for (report, _) in &reports {
        summary.add(report);
    }
    summary.elapsed = Duration::from_millis(1500);
    let mut out = Vec::new();
    {
        let mut reporter: Box<dyn Reporter + '_> = match format {
            "text" | "concise" => Box::new(TextReporter::new(
                &mut out,
                Style { color: false },
                format == "concise",
            )),
            "json" => Box::new(JsonReporter::new(&mut out)),
            "jsonl" => Box::new(JsonLinesReporter::new(&mut out)),
            "sarif" => Box::new(SarifReporter::new(&mut out)),
            "github" => Box::new(GithubReporter::new(&mut out)),
            "csv" => Box::new(CsvReporter::new(&mut out)),
            "html" => Box::new(HtmlReporter::new(&mut out)),
            other => panic!("no format {other}"),
        };
        reporter.begin().expect("begin");
        for (report, text) in &reports {
            let text = if reporter.wants_text() { *text } else { None };
            reporter.file(report, text).expect("file");
        }
        reporter.end(&summary).expect("end");
    }
    out
}

/// SARIF names every rule with its documentation: checked here against the registry, then left
/// out of the golden with the rule indices, so that neither a rule's docs nor a new rule change it.
fn sarif_without_rule_docs(sarif: &[u8]) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(sarif).expect("SARIF is JSON");
    let rules = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .clone();
    assert_eq!(rules.len(), vblint::checks::RULES.len());
    for (descriptor, rule) in rules.iter().zip(vblint::checks::RULES.iter()) {
        assert_eq!(descriptor["id"], rule.id);
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary());
        assert_eq!(descriptor["fullDescription"]["text"], rule.doc());
        assert_eq!(descriptor["help"]["text"], rule.doc());
    }
    for result in v["runs"][0]["results"].as_array_mut().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        result["ruleIndex"] = serde_json::json!("‹index of ruleId in tool.driver.rules›");
    }
    v["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!(
        "‹one descriptor per rule of vblint::checks::RULES, checked by the test›"
    );
    serde_json::to_string_pretty(&v).expect("serializes") + "\n"
}

fn assert_fixed_golden(format: &str) {
    let out = render_fixed(format);
    let description = format!("--format {format} of the fixed reports of tests/it/formats.rs");
    if format == "csv" {
        assert_bytes_golden(GOLDEN_DIR, "formats-csv.csv", &description, &out);
        return;
    }
    let text = String::from_utf8(out).expect("UTF-8 output");
    // Insta trims a text snapshot's end: the exact ending is asserted here.
    let ending = match format {
        "text" => "\n\n",
        "concise" | "json" | "jsonl" | "github" | "html" => "\n",
        _ => "",
    };
    if !ending.is_empty() {
        assert!(
            text.ends_with(ending) && !text.ends_with(&format!("{ending}\n")),
            "{format}: the output ends with exactly {ending:?}"
        );
    }
    assert!(!text.contains('\r'), "{format}: LF line ends");
    let text = if format == "sarif" {
        sarif_without_rule_docs(text.as_bytes())
    } else {
        text
    };
    assert_text_golden(
        GOLDEN_DIR,
        &format!("formats.{format}"),
        &description,
        &text,
    );
}

#[test]
fn golden_text() {
    assert_fixed_golden("text");
}

#[test]
fn golden_concise() {
    assert_fixed_golden("concise");
}

#[test]
fn golden_json() {
    assert_fixed_golden("json");
}

#[test]
fn golden_jsonl() {
    assert_fixed_golden("jsonl");
}

#[test]
fn golden_sarif() {
    assert_fixed_golden("sarif");
}

#[test]
fn golden_github() {
    assert_fixed_golden("github");
}

#[test]
fn golden_csv() {
    assert_fixed_golden("csv");
}

#[test]
fn golden_html() {
    assert_fixed_golden("html");
}

#[test]
fn sarif_of_the_fixed_reports_is_valid() {
    let sarif: serde_json::Value =
        serde_json::from_slice(&render_fixed("sarif")).expect("SARIF is JSON");
    validate_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "k%E1%BA%BF%20ho%E1%BA%A1ch/thi%20%C4%91ua%202024.txt"
    );
}

#[test]
fn csv_of_the_fixed_reports_quotes_and_keeps_crlf() {
    let out = render_fixed("csv");
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 5, "4 findings and 1 file not checked");
    assert_eq!(&rows[4][0], "ảnh, \"scan\" #1.txt");
    assert_eq!(
        &rows[3][10],
        "dựa trên phỏng đoán nên hạ một mức\ndòng thứ hai: a,b;c"
    );
}

/// One end-to-end golden: `vblint check --format json` on `tests/fixtures/formats/` (a plan with
/// eight findings, an empty file, a PNG named .txt), through the command line, exit code and walk.
#[test]
fn end_to_end_json() {
    let out = check("json");
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty and a binary file make exit code 2; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual = mask_timing(&String::from_utf8(out.stdout).expect("UTF-8 output"));
    assert_text_golden(
        GOLDEN_DIR,
        "end_to_end.json",
        "vblint check tests/fixtures/formats --format json --threads 1 (timing masked)",
        &actual,
    );
}
