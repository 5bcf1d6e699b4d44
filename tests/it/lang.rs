//! `--lang en`: English for everything a person reads, Vietnamese by default. Every rule's
//! findings on the corpus (its rule fixtures and seeds) are English once the document's own words
//! (quoted) are set aside; so are the help of every command, the rule list, configuration errors and
//! the report formats' own words. The language comes from `--lang`, else `VBLINT_LANG`, else the
//! configuration's `lang`.

use crate::common::{TempDir, assert_text_golden, vblint};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use vblint::checks::RULES;
use vblint::lang::{Lang, has_vietnamese_outside_quotes};
use vblint::pipeline::{Options, check_text_bytes};

const GOLDEN_DIR: &str = "tests/golden";

/// The corpus document of the English goldens: a plan with findings of a dozen rules.
const GOLDEN_DOC: &str = "corpus/004_c0af4205e287f79a.txt";

/// A header whose issue day lacks its leading zero: the one rule no corpus document triggers.
const HEADER_DATE_FORMAT: &str = "UBND HUYỆN AN PHÚ\nTRƯỜNG THCS AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-THCS\nAn Phú, ngày 5 tháng 9 năm 2024\nKẾ HOẠCH\nPhát động phong trào thi đua năm học 2024-2025\n";

/// The inputs of the rule test: each corpus document's bytes, and the header snippet.
fn rule_inputs() -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> = crate::corpus::corpus_files()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("corpus file is readable");
            (p.to_string_lossy().into_owned(), bytes)
        })
        .collect();
    inputs.push((
        "header_date_format.txt".to_string(),
        HEADER_DATE_FORMAT.as_bytes().to_vec(),
    ));
    inputs
}

#[test]
fn every_rule_reports_in_english() {
    let vi = Options::default();
    let en = Options {
        lang: Lang::En,
        ..Options::default()
    };
    let mut fired = BTreeSet::new();
    let mut checked = 0;
    for (path, bytes) in rule_inputs() {
        let in_vi = check_text_bytes(&path, &bytes, &vi);
        let in_en = check_text_bytes(&path, &bytes, &en);
        // The language changes the words, never what is found.
        let what = |r: &vblint::finding::FileReport| {
            r.findings
                .iter()
                .map(|f| (f.rule.clone(), f.line, f.column, f.fix.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(what(&in_vi), what(&in_en), "{path}");
        for (v, e) in in_vi.findings.iter().zip(&in_en.findings) {
            fired.insert(e.rule.to_string());
            checked += 1;
            assert_ne!(v.message, e.message, "{path}: {} not translated", e.rule);
            assert!(
                !has_vietnamese_outside_quotes(&e.message),
                "{path}: {} message not English: {}",
                e.rule,
                e.message
            );
            if let Some(help) = &e.help {
                assert_ne!(v.help.as_ref(), Some(help), "{path}: {} help", e.rule);
                assert!(
                    !has_vietnamese_outside_quotes(help),
                    "{path}: {} help not English: {help}",
                    e.rule
                );
            }
        }
    }
    let all: BTreeSet<String> = RULES.iter().map(|r| r.id.to_string()).collect();
    let silent: Vec<_> = all.difference(&fired).collect();
    assert!(
        silent.is_empty(),
        "rules that found nothing, so their English is not seen: {silent:?}"
    );
    assert!(checked > 50, "{checked} findings");
}

/// Runs vblint with `args` and the environment variable `VBLINT_LANG` set to `env` (or unset).
fn vblint_with_lang_env(args: &[&str], env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vblint"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("VBLINT_LANG")
        .stdin(Stdio::null());
    if let Some(v) = env {
        cmd.env("VBLINT_LANG", v);
    }
    cmd.output().expect("vblint runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_help_of_every_command_is_english() {
    let command = vblint::cli::command();
    let mut commands: Vec<Vec<&str>> = vec![vec![]];
    commands.extend(command.get_subcommands().map(|c| vec![c.get_name()]));
    assert!(commands.len() >= 9, "{commands:?}");
    for sub in commands {
        for flag in ["--help", "-h"] {
            let mut args = vec!["--lang", "en"];
            args.extend(&sub);
            args.push(flag);
            let out = vblint(&args);
            let help = text(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {help}");
            assert!(help.contains("Usage: vblint"), "{args:?}: {help}");
            let vietnamese: Vec<&str> = help
                .lines()
                .filter(|l| has_vietnamese_outside_quotes(l))
                .collect();
            assert!(vietnamese.is_empty(), "{args:?}: {vietnamese:?}");
        }
    }
    // The default stays Vietnamese.
    let out = vblint(&["check", "--help"]);
    assert!(text(&out.stdout).contains("Cách dùng: vblint check"));
}

#[test]
fn the_rule_list_and_a_rule_are_english() {
    let out = vblint(&["rules", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    assert_eq!(list.lines().count(), RULES.len(), "{list}");
    for line in list.lines() {
        assert!(!has_vietnamese_outside_quotes(line), "{line}");
    }
    let out = vblint(&["rules", "--json", "--lang", "en"]);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = rules.as_array().expect("a list");
    assert_eq!(rules.len(), RULES.len());
    for r in rules {
        let summary = r["summary"].as_str().expect("a summary");
        assert!(!has_vietnamese_outside_quotes(summary), "{summary}");
    }
    let out = vblint(&["rule", "invalid-date", "--lang", "en"]);
    let doc = text(&out.stdout);
    assert!(
        doc.starts_with("invalid-date (default severity: error)\n\nA date that does not exist"),
        "{doc}"
    );
    assert!(doc.contains(vblint::report::sarif::EN_DOC_NOTE), "{doc}");
    // The Vietnamese documentation follows, as it is.
    assert!(doc.contains("## Vì sao"), "{doc}");
}

#[test]
fn a_configuration_error_is_english() {
    let dir = TempDir::new("lang-config");
    let config = dir.write("vblint.toml", b"select = [\"citaton\"]\n");
    let doc = dir.write("a.txt", "Kế hoạch\n".as_bytes());
    let config = config.to_string_lossy().into_owned();
    let doc = doc.to_string_lossy().into_owned();
    let out = vblint(&["check", "--lang", "en", "--config", &config, &doc]);
    assert_eq!(out.status.code(), Some(2));
    let error = text(&out.stderr);
    assert!(
        error.contains("vblint.toml:1: no rule \"citaton\""),
        "{error}"
    );
    assert!(!has_vietnamese_outside_quotes(&error), "{error}");
    // Vietnamese by default.
    let out = vblint(&["check", "--config", &config, &doc]);
    assert!(text(&out.stderr).contains("không có quy tắc"));
}

#[test]
fn an_unknown_language_is_refused_in_both_languages() {
    for args in [
        vec!["--lang", "xx", "rules"],
        vec!["rules", "--lang=xx"],
        vec!["check", "--lang", "fr", "."],
    ] {
        let out = vblint_with_lang_env(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let error = text(&out.stderr);
        assert!(
            error.contains("ngôn ngữ không hỗ trợ") && error.contains("unsupported language"),
            "{args:?}: {error}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = vblint_with_lang_env(&["rules"], Some("klingon"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("VBLINT_LANG \"klingon\""));
}

#[test]
fn the_environment_chooses_and_the_flag_wins() {
    let first = |out: &Output| text(&out.stdout).lines().next().unwrap_or("").to_string();
    let english = "A deadline that falls before the issue date";
    let vietnamese = "Thời hạn rơi vào trước ngày ban hành";
    let env_en = vblint_with_lang_env(&["rules"], Some("en"));
    assert!(first(&env_en).contains(english), "{}", first(&env_en));
    let flag_vi = vblint_with_lang_env(&["rules", "--lang", "vi"], Some("en"));
    assert!(first(&flag_vi).contains(vietnamese), "{}", first(&flag_vi));
    let flag_en = vblint_with_lang_env(&["--lang", "en", "rules"], Some("vi"));
    assert!(first(&flag_en).contains(english), "{}", first(&flag_en));
    let neither = vblint_with_lang_env(&["rules"], None);
    assert!(first(&neither).contains(vietnamese), "{}", first(&neither));
}

#[test]
fn the_configuration_chooses_when_nothing_else_does() {
    let dir = TempDir::new("lang-config-key");
    dir.write("vblint.toml", b"lang = \"en\"\n");
    let doc = dir.write("a.txt", "ngày 31/6/2021\n".as_bytes());
    let doc = doc.to_string_lossy().into_owned();
    let out = vblint_with_lang_env(&["check", "--format", "concise", &doc], None);
    let found = text(&out.stdout);
    assert!(
        found.contains("the date \"31/6/2021\" does not exist"),
        "{found}"
    );
    assert!(
        text(&out.stderr)
            .contains("1 file: 1 error, 0 warnings, 1 info; 0 files could not be checked"),
        "{}",
        text(&out.stderr)
    );
    let out = vblint_with_lang_env(&["check", "--format", "concise", &doc], Some("vi"));
    assert!(text(&out.stdout).contains("không tồn tại"));
    let bad = dir.write("bad.toml", b"lang = \"xx\"\n");
    let bad = bad.to_string_lossy().into_owned();
    let out = vblint_with_lang_env(&["check", "--config", &bad, &doc], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.toml:1: lang \"xx\""),
        "{}",
        text(&out.stderr)
    );
}

/// The JSON output with its run-dependent figures replaced by 0.
fn mask_timing(out: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(out).expect("JSON output");
    for key in vblint::report::TIMING_MEMBERS {
        v["summary"][key] = serde_json::json!(0);
    }
    serde_json::to_string_pretty(&v).expect("serializes") + "\n"
}

#[test]
fn a_corpus_document_in_english_text_and_json() {
    let out = vblint(&["check", "--lang", "en", "--format", "text", GOLDEN_DOC]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_text_golden(
        GOLDEN_DIR,
        "lang_en.text",
        &format!("vblint check --lang en --format text {GOLDEN_DOC}"),
        &text(&out.stdout),
    );
    assert!(
        text(&out.stderr).starts_with("1 file: "),
        "{}",
        text(&out.stderr)
    );
    let out = vblint(&["check", "--lang", "en", "--format", "json", GOLDEN_DOC]);
    assert_eq!(out.status.code(), Some(1));
    assert_text_golden(
        GOLDEN_DIR,
        "lang_en.json",
        &format!("vblint check --lang en --format json {GOLDEN_DOC} (timing masked)"),
        &mask_timing(&text(&out.stdout)),
    );
}

#[test]
fn the_report_formats_speak_english() {
    let html = text(&vblint(&["check", "--lang", "en", "--format", "html", GOLDEN_DOC]).stdout);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("<th data-key=\"findings\" data-type=\"num\">Findings</th>"));
    assert!(html.contains(" files\";"), "the script's word");
    let vi = text(&vblint(&["check", "--format", "html", GOLDEN_DOC]).stdout);
    assert!(vi.contains("<html lang=\"vi\">"));
    let sarif = vblint(&["check", "--lang", "en", "--format", "sarif", GOLDEN_DOC]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), RULES.len());
    for r in rules {
        for d in ["shortDescription", "fullDescription"] {
            let t = r[d]["text"].as_str().expect("a description");
            assert!(!has_vietnamese_outside_quotes(t), "{d}: {t}");
        }
    }
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let m = r["message"]["text"].as_str().expect("a message");
        assert!(!has_vietnamese_outside_quotes(m), "{m}");
        if let Some(fix) = r["fixes"][0]["description"]["text"].as_str() {
            assert!(fix.starts_with("replace \""), "{fix}");
        }
    }
    let github = text(&vblint(&["check", "--lang", "en", "--format", "github", GOLDEN_DOC]).stdout);
    assert!(github.contains(" (fix: "), "{github}");
    assert!(!github.contains("sửa thành"), "{github}");
}

#[test]
fn normalize_reports_in_english() {
    let dir = TempDir::new("lang-normalize");
    let doc = dir.write("a.txt", "Kế hoạch thi đua\n".as_bytes());
    let doc = doc.to_string_lossy().into_owned();
    let out = vblint(&["normalize", "--lang", "en", "--report", &doc]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out.stderr);
    assert!(report.contains("(confidence "), "{report}");
    assert!(report.contains("nothing needed repair"), "{report}");
    assert!(
        !has_vietnamese_outside_quotes(&report.replace(&doc, "")),
        "{report}"
    );
}

#[test]
fn per_file_errors_and_the_summary_are_english() {
    let missing = Path::new("does-not-exist-lang.txt")
        .to_string_lossy()
        .into_owned();
    let out = vblint(&["check", "--lang", "en", &missing]);
    assert_eq!(out.status.code(), Some(2));
    let error = text(&out.stderr);
    assert!(error.contains("no such file or directory"), "{error}");
    assert!(error.contains("1 file could not be checked"), "{error}");
    assert!(!has_vietnamese_outside_quotes(&error), "{error}");
}

#[test]
fn the_readers_errors_are_english() {
    let dir = TempDir::new("lang-readers");
    let broken_xml =
        crate::common::zip_parts(&[("word/document.xml", b"<w:document><w:body>".to_vec())]);
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "noise.docx",
            b"not a zip at all".to_vec(),
            "not a .docx file (no ZIP structure)",
        ),
        (
            "cut.docx",
            b"PK\x03\x04garbage".to_vec(),
            "damaged .docx file",
        ),
        (
            "broken.docx",
            broken_xml,
            "word/document.xml: truncated XML",
        ),
        (
            "noise.pdf",
            b"plain words".to_vec(),
            "not a PDF file (no %PDF- header)",
        ),
        ("noise.doc", b"plain words".to_vec(), "not a Word 97"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.write(name, &bytes).to_string_lossy().into_owned();
        let out = vblint(&["check", "--lang", "en", &path]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let error = text(&out.stderr);
        let line = error.lines().next().unwrap_or("");
        assert!(line.contains(expected), "{name}: {line}");
        assert!(!has_vietnamese_outside_quotes(line), "{name}: {line}");
        let vi = text(&vblint(&["check", &path]).stderr);
        assert_ne!(
            vi.lines().next(),
            Some(line),
            "{name} in Vietnamese by default"
        );
    }
}

#[test]
fn a_word_documents_locations_are_paragraphs_in_english() {
    let (name, text) = crate::common::seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("000"))
        .expect("seed 000");
    let docx = crate::common::seed_docx(&text, crate::common::VARIANTS[1]);
    let options = Options {
        lang: Lang::En,
        ..Options::default()
    };
    let report = vblint::container::check_container_bytes(
        &format!("{name}.docx"),
        vblint::container::Kind::Docx,
        &docx,
        &options,
    );
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        assert_eq!(
            f.location.as_deref(),
            Some(&*format!("paragraph {}", f.line)),
            "{}",
            f.rule
        );
    }
}

#[test]
fn a_rule_data_error_is_english() {
    let dir = TempDir::new("lang-rule-data");
    dir.write(
        "function-words.toml",
        "words = [\"các\", \"thi đua\"]\n".as_bytes(),
    );
    dir.write("notes.toml", b"x = 1\n");
    let doc = dir.write("a.txt", "Kế hoạch\n".as_bytes());
    let doc = doc.to_string_lossy().into_owned();
    let rules = dir.str().to_string();
    let out = vblint(&["check", "--lang", "en", "--rules", &rules, &doc]);
    assert_eq!(out.status.code(), Some(2));
    let error = text(&out.stderr);
    assert!(
        error.contains("function-words.toml:1: \"thi đua\" is not one syllable"),
        "{error}"
    );
    assert!(
        !has_vietnamese_outside_quotes(&error.replace(&rules, "")),
        "{error}"
    );
    let out = vblint(&["check", "--rules", &rules, &doc]);
    assert!(text(&out.stderr).contains("không phải một âm tiết"));
}
