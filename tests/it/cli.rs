//! The command line as a user runs it: exit codes, the JSON contract, error records, stdin.

use crate::common::{vblint, vblint_in};
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn check_corpus_exits_1_with_findings_in_the_json_contract() {
    let out = vblint(&["check", "corpus/", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "vblint");
    let files = v["files"].as_array().expect("files array");
    assert!(files.len() >= 6);
    let paths: Vec<&str> = files.iter().filter_map(|f| f["path"].as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files come in path order");
    let f = &files[0];
    for key in ["path", "encoding", "findings", "error"] {
        assert!(f.get(key).is_some(), "file object has {key}");
    }
    let finding = files
        .iter()
        .flat_map(|f| f["findings"].as_array().into_iter().flatten())
        .find(|x| x["rule"] == "deadline-before-issue-date")
        .expect("seed 004's deadline");
    for key in [
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "excerpt",
    ] {
        assert!(finding.get(key).is_some(), "finding has {key}");
    }
    assert_eq!(finding["line"], 75);
    assert_eq!(finding["excerpt"], "15/3/2024");
    let summary = &v["summary"];
    let total: u64 = files
        .iter()
        .map(|f| f["findings"].as_array().map_or(0, |a| a.len() as u64))
        .sum();
    assert_eq!(summary["findings"], total);
    assert_eq!(summary["errors"], 0);
}

#[test]
fn clean_documents_exit_0() {
    let out = vblint(&["check", "corpus/clean"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn fail_on_and_exit_zero_set_the_exit_code() {
    let seed = "corpus/004_c0af4205e287f79a.txt";
    assert_eq!(
        vblint(&["check", seed, "--select", "symbol-spacing"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        vblint(&[
            "check",
            seed,
            "--select",
            "symbol-spacing",
            "--fail-on",
            "info"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        vblint(&["check", seed, "--exit-zero"]).status.code(),
        Some(0)
    );
}

#[test]
fn select_and_ignore_filter_rules() {
    let seed = "corpus/004_c0af4205e287f79a.txt";
    let out = vblint(&[
        "check",
        seed,
        "--format",
        "json",
        "--select",
        "deadline-before-issue-date",
    ]);
    let v = json(&out);
    let rules: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(
        rules,
        ["deadline-before-issue-date", "deadline-before-issue-date"]
    );
    let out = vblint(&[
        "check",
        seed,
        "--format",
        "json",
        "--ignore",
        "deadline-before-issue-date,symbol-spacing,citation-registry-mismatch,mixed-tone-style",
    ]);
    assert_eq!(json(&out)["summary"]["findings"], 0);
    assert_eq!(
        vblint(&["check", seed, "--select", "no-such-rule"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unreadable_and_binary_files_are_per_file_errors_and_the_run_goes_on() {
    let dir = std::env::temp_dir().join(format!("vblint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("a_binary.txt"), b"PK\x03\x04\x00\x00\x00binary").expect("write");
    std::fs::write(dir.join("b_empty.txt"), b"").expect("write");
    std::fs::copy("corpus/002_697bddf324867dd9.txt", dir.join("c_seed.txt")).expect("copy");
    let missing = dir.join("missing.txt");
    let out = vblint(&[
        "check",
        dir.to_str().expect("utf-8 path"),
        missing.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 4);
    assert!(
        files[0]["error"]
            .as_str()
            .expect("binary error")
            .contains("nhị phân")
    );
    assert!(
        files[1]["error"]
            .as_str()
            .expect("empty error")
            .contains("rỗng")
    );
    assert!(files[2]["error"].is_null());
    assert!(
        !files[2]["findings"]
            .as_array()
            .expect("findings")
            .is_empty()
    );
    assert!(
        files[3]["error"]
            .as_str()
            .expect("missing error")
            .contains("không tìm thấy")
    );
    assert_eq!(v["summary"]["errors"], 3);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stdin_is_checked_as_dash() {
    let text = std::fs::read("corpus/002_697bddf324867dd9.txt").expect("seed");
    let out = vblint_in(None, &["check", "-", "--format", "json"], Some(&text));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], "-");
    assert!(v["summary"]["findings"].as_u64().expect("count") >= 2);
}

#[test]
fn text_output_is_rustc_style() {
    let out = vblint(&[
        "check",
        "corpus/002_697bddf324867dd9.txt",
        "--select",
        "duplicate-word",
    ]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("warning[duplicate-word]: \"Chỉ thị\" bị lặp lại liền nhau\n"),
        "{text}"
    );
    assert!(
        text.contains("  --> corpus/002_697bddf324867dd9.txt:39:221\n"),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^^^^^^^^"), "{text}");
    assert!(text.contains("= sửa thành: `Chỉ thị`"), "{text}");
}

#[test]
fn rule_prints_its_documentation() {
    let out = vblint(&["rule", "numbering-gap"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with(
            "numbering-gap (mức mặc định: cảnh báo, warning)\n\nSố thứ tự bị bỏ cách, lặp lại"
        ),
        "{text}"
    );
    for section in ["\n## Vì sao\n", "\n## Ví dụ\n```text\n", "\n## Cách sửa\n"] {
        assert!(text.contains(section), "{section:?} in {text}");
    }
    assert_eq!(vblint(&["rule", "nope"]).status.code(), Some(2));
    let list = String::from_utf8(vblint(&["rules"]).stdout).expect("utf-8");
    assert!(list.lines().count() >= 14);
    assert!(
        list.lines()
            .any(|l| l.starts_with("numbering-gap ") && l.contains(" warning  bật  Số thứ tự")),
        "{list}"
    );
}

#[test]
fn extract_gives_structure_citations_and_dates() {
    let out = vblint(&["extract", "corpus/004_c0af4205e287f79a.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let doc = &v["files"][0]["document"];
    assert_eq!(doc["type"], "Kế hoạch");
    assert_eq!(doc["number"], "43");
    assert_eq!(doc["symbol"], "KH-LAX");
    assert_eq!(doc["issue_date"], "2024-03-25");
    assert_eq!(doc["plan_year"], 2024);
    assert_eq!(doc["signer"], "Mai Thanh Bình");
    assert_eq!(doc["sections"].as_array().expect("sections").len(), 3);
    let citation = doc["citations"]
        .as_array()
        .expect("citations")
        .iter()
        .find(|c| c["symbol"] == "961/KH-SGDĐT")
        .expect("961/KH-SGDĐT is cited");
    assert_eq!(citation["date"], "2024-02-26");
    assert_eq!(
        citation["issuer"],
        "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
    );
    assert!(
        doc["anniversaries"]
            .as_array()
            .expect("anniversaries")
            .len()
            >= 10
    );
}

#[test]
fn normalize_prints_nfc_text() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Phát động phong trào thi đua\n".nfd().collect();
    let out = vblint_in(None, &["normalize", "-"], Some(nfd.as_bytes()));
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        "Phát động phong trào thi đua\n"
    );
}

#[test]
fn config_file_selects_overrides_severity_and_ignores_per_path() {
    let dir = std::env::temp_dir().join(format!("vblint-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("archive")).expect("temp dir");
    let seed = std::fs::read("corpus/003_18439de3f2cb832b.txt").expect("seed");
    std::fs::write(dir.join("plan.txt"), &seed).expect("write");
    std::fs::write(dir.join("archive/old.txt"), &seed).expect("write");
    std::fs::write(
        dir.join("vblint.toml"),
        "ignore = [\"header\"]\n[severity]\nstale-year = \"info\"\n[[per-path]]\nglob = \"archive/**\"\nignore = [\"stale-year\"]\n",
    )
    .expect("write config");
    let path = dir.to_string_lossy().into_owned();
    let out = vblint(&["check", &path, "--format", "json"]);
    let v = json(&out);
    let findings = |i: usize| -> Vec<(String, String)> {
        v["files"][i]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or("").to_string(),
                    f["severity"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let (old, plan) = (findings(0), findings(1));
    assert!(
        plan.contains(&("stale-year".into(), "info".into())),
        "{plan:?}"
    );
    assert!(!old.iter().any(|(r, _)| r == "stale-year"), "{old:?}");
    assert!(!plan.iter().any(|(r, _)| r.starts_with("header-")));
    // A bad config is a usage error naming file and line.
    std::fs::write(
        dir.join("vblint.toml"),
        "\n[severity]\nstale-year = \"loud\"\n",
    )
    .expect("write");
    let out = vblint(&["check", &path]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("vblint.toml:3:"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
