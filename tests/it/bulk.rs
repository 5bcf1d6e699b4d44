//! Bulk runs: every file accounted for, deterministic output whatever the thread count, walking as
//! ripgrep does, `--files-from`, the `--stdin-lines` streaming mode, and the whole pipeline on
//! arbitrary bytes without a panic.

use crate::common::{TempDir, vblint, vblint_in};
use proptest::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn seeds() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("corpus")
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

/// An archive of `n` files over more than two batches: seeds, NFD copies, CRLF copies, broken files.
fn archive(name: &str, n: usize) -> TempDir {
    let dir = TempDir::new(name);
    let seeds = seeds();
    for i in 0..n {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).expect("subdir");
        let path = sub.join(format!("f{i:04}.txt"));
        let bytes: Vec<u8> = match i % 50 {
            7 => Vec::new(),
            13 => b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            21 => b"text\0with a NUL".to_vec(),
            _ => {
                let seed = &seeds[i % seeds.len()];
                if i % 3 == 1 {
                    String::from_utf8_lossy(seed)
                        .replace('\n', "\r\n")
                        .into_bytes()
                } else {
                    seed.clone()
                }
            }
        };
        std::fs::write(&path, bytes).expect("write");
    }
    dir
}

fn without_timing(format: &str, out: &[u8]) -> Vec<u8> {
    if format != "json" && format != "html" {
        return out.to_vec();
    }
    let text = String::from_utf8_lossy(out);
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.starts_with("],\"summary\":") || line.contains("class=\"timing\"") {
            let mut cut = line.to_string();
            if let Some(i) = cut.find("\"elapsed_ms\"") {
                cut.truncate(i);
            }
            if let Some(i) = cut.find("<span class=\"timing\">") {
                cut.truncate(i);
            }
            lines.push(cut);
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n").into_bytes()
}

#[test]
fn output_is_identical_with_1_and_2_threads_in_every_format() {
    let dir = archive("determinism", 600);
    for format in [
        "text", "concise", "json", "jsonl", "sarif", "github", "csv", "html",
    ] {
        let one = vblint(&["check", dir.str(), "--format", format, "--threads", "1"]);
        let two = vblint(&["check", dir.str(), "--format", format, "--threads", "2"]);
        assert_eq!(one.status.code(), Some(2), "{format}: broken files exit 2");
        assert_eq!(two.status.code(), Some(2));
        assert!(
            without_timing(format, &one.stdout) == without_timing(format, &two.stdout),
            "{format}: output differs between --threads 1 and --threads 2"
        );
    }
}

#[test]
fn every_file_is_accounted_for_in_path_order() {
    let dir = archive("accounting", 600);
    let out = vblint(&["check", dir.str(), "--format", "jsonl", "--threads", "2"]);
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 600);
    let paths: Vec<&str> = records.iter().filter_map(|r| r["path"].as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "path order");
    let errors = records.iter().filter(|r| !r["error"].is_null()).count();
    assert_eq!(errors, 36, "12 empty, 12 PNG, 12 NUL files");
    assert!(
        records
            .iter()
            .filter(|r| !r["error"].is_null())
            .all(|r| r["findings"].as_array().is_some_and(|f| f.is_empty())
                && r["encoding"].is_null())
    );
}

#[test]
fn broken_inputs_are_error_records_and_the_run_goes_on() {
    let dir = TempDir::new("bulk-broken");
    let p = dir.path();
    std::fs::write(p.join("a_empty.txt"), b"").expect("write");
    std::fs::write(p.join("b_jpeg.txt"), b"\xff\xd8\xff\xe0\0\x10JFIF").expect("write");
    std::fs::write(p.join("c_gif.txt"), b"GIF89a\x01\0\x01\0").expect("write");
    std::fs::write(p.join("d_pdf.txt"), b"%PDF-1.7\n%\xe2\xe3").expect("write");
    std::fs::write(p.join("e_big.txt"), "Kế hoạch ".repeat(20_000)).expect("write");
    std::fs::create_dir_all(p.join("f_dir.txt")).expect("dir named .txt");
    std::fs::copy("corpus/002_697bddf324867dd9.txt", p.join("g_ok.txt")).expect("copy");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"h_k\xe9_latin1.txt");
        std::fs::copy("corpus/002_697bddf324867dd9.txt", p.join(name)).expect("non-UTF-8 name");
    }
    let out = vblint(&[
        "check",
        dir.str(),
        "--format",
        "jsonl",
        "--max-file-size",
        "100000",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let error_of = |suffix: &str| -> String {
        records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .unwrap_or_else(|| panic!("a record for {suffix}"))["error"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert!(error_of("a_empty.txt").contains("rỗng"));
    assert!(error_of("b_jpeg.txt").contains("JPEG"));
    assert!(error_of("c_gif.txt").contains("GIF"));
    assert!(error_of("d_pdf.txt").contains("PDF"));
    assert!(error_of("e_big.txt").contains("--max-file-size"));
    assert!(error_of("g_ok.txt").is_empty(), "the good file is checked");
    #[cfg(unix)]
    {
        let latin1 = records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.contains("h_k")))
            .expect("the non-UTF-8 file name is reported (lossily)");
        assert!(latin1["error"].is_null(), "and opened by its real name");
        assert!(latin1["path"].as_str().expect("path").contains('\u{FFFD}'));
    }
    // A directory named like a file is not walked as a file; the walk goes on.
    assert!(
        !records
            .iter()
            .any(|r| r["path"].as_str().is_some_and(|p| p.ends_with("f_dir.txt")))
    );
    let vanished = vblint(&[
        "check",
        &format!("{}/gone.txt", dir.str()),
        "--format",
        "jsonl",
    ]);
    assert_eq!(vanished.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&vanished.stdout).expect("record");
    assert!(v["error"].is_string());
}

#[test]
fn a_file_vanishing_mid_run_is_an_error_record() {
    let missing = vblint::run::Collected::Ok(vblint::input::Input::File(PathBuf::from(
        "/nonexistent/vblint/vanished.txt",
    )));
    let Ok(input) = missing else { unreachable!() };
    let report = vblint::input::check_input(&input, &vblint::pipeline::Options::default(), 1000);
    assert!(
        report
            .error
            .as_deref()
            .is_some_and(|e| e.contains("không mở được"))
    );
}

#[test]
fn walking_honours_ignore_files_hidden_files_globs_and_survives_symlink_loops() {
    let dir = TempDir::new("bulk-walk");
    let p = dir.path();
    let seed = std::fs::read("corpus/002_697bddf324867dd9.txt").expect("seed");
    for name in ["a.txt", "skip.txt", ".hidden.txt", "sub/b.txt", "sub/c.md"] {
        let path = p.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, &seed).expect("write");
    }
    std::fs::write(p.join(".ignore"), "skip.txt\n").expect("write .ignore");
    #[cfg(unix)]
    std::os::unix::fs::symlink(p, p.join("sub/loop")).expect("symlink loop");
    let paths = |args: &[&str]| -> Vec<String> {
        let out = vblint(&[&["check", dir.str(), "--format", "jsonl"][..], args].concat());
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
                let path = v["path"].as_str().expect("path").to_string();
                path.strip_prefix(dir.str())
                    .unwrap_or(&path)
                    .trim_start_matches('/')
                    .to_string()
            })
            .collect()
    };
    assert_eq!(paths(&[]), ["a.txt", "sub/b.txt"]);
    assert_eq!(
        paths(&["--no-ignore"]),
        [".hidden.txt", "a.txt", "skip.txt", "sub/b.txt"]
    );
    assert_eq!(paths(&["--glob", "sub/**"]), ["sub/b.txt", "sub/c.md"]);
    assert_eq!(paths(&["--glob", "!a.txt"]), ["sub/b.txt"]);
}

#[test]
fn files_from_reads_newline_and_nul_separated_lists() {
    let list = "corpus/002_697bddf324867dd9.txt\n\ncorpus/004_c0af4205e287f79a.txt\r\n";
    let out = vblint_in(
        None,
        &["check", "--files-from", "-", "--format", "jsonl"],
        Some(list.as_bytes()),
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let paths: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["path"].to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "\"corpus/002_697bddf324867dd9.txt\"",
            "\"corpus/004_c0af4205e287f79a.txt\""
        ]
    );
    let dir = TempDir::new("bulk-files-from");
    let listing = dir.path().join("list");
    std::fs::write(
        &listing,
        b"corpus/002_697bddf324867dd9.txt\0corpus/missing.txt\0",
    )
    .expect("write list");
    let out = vblint(&[
        "check",
        "--files-from",
        listing.to_str().expect("UTF-8"),
        "-0",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(2), "a listed file is missing");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn stdin_lines_answers_each_request_with_its_id() {
    let text = std::fs::read_to_string("corpus/002_697bddf324867dd9.txt").expect("seed");
    let requests = [
        "corpus/004_c0af4205e287f79a.txt".to_string(),
        serde_json::json!({"id": 7, "path": "corpus/002_697bddf324867dd9.txt"}).to_string(),
        serde_json::json!({"id": "doc-3", "text": text}).to_string(),
        serde_json::json!({"id": 9, "path": "corpus/nope.txt"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": 11}).to_string(),
    ]
    .join("\n");
    let out = vblint_in(None, &["check", "--stdin-lines"], Some(requests.as_bytes()));
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings, and errors are records"
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 6, "one line per request");
    assert!(records[0].get("id").is_none());
    assert_eq!(records[1]["id"], 7);
    assert_eq!(records[2]["id"], "doc-3");
    assert_eq!(records[2]["path"], "doc-3");
    assert_eq!(records[1]["findings"], records[2]["findings"]);
    assert_eq!(records[3]["id"], 9);
    assert!(records[3]["error"].is_string());
    assert!(records[4]["error"].is_string());
    assert_eq!(records[5]["id"], 11);
    assert!(records[5]["error"].is_string());
    let quiet = vblint_in(
        None,
        &["check", "--stdin-lines", "--exit-zero"],
        Some(requests.as_bytes()),
    );
    assert_eq!(quiet.status.code(), Some(0));
    let wrong = vblint_in(
        None,
        &["check", "--stdin-lines", "--format", "json"],
        Some(b""),
    );
    assert_eq!(wrong.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains(
            "--stdin-lines chỉ ghi kết quả dạng JSON Lines: bỏ --format hoặc dùng --format jsonl"
        ),
        "{said}"
    );
}

#[test]
fn stdin_lines_answers_before_the_input_ends() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(["check", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vblint starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    for id in 0..3 {
        writeln!(
            stdin,
            "{{\"id\":{id},\"path\":\"corpus/002_697bddf324867dd9.txt\"}}"
        )
        .expect("request");
        stdin.flush().expect("flush");
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("an answer while stdin is open");
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(v["id"], id);
    }
    drop(stdin);
    assert!(child.wait().expect("exit").code().is_some());
}

/// Every reporter over one report (source windows, escaping, fingerprints): no panic, no error.
fn write_every_format(report: &vblint::finding::FileReport) {
    use vblint::report::{Reporter, Summary};
    let mut summary = Summary::default();
    summary.add(report);
    let text = report.text.clone();
    let mut sinks: Vec<Box<dyn Reporter>> = vec![
        Box::new(vblint::report::json::JsonReporter::new(Vec::new())),
        Box::new(vblint::report::json::JsonLinesReporter::new(Vec::new())),
        Box::new(vblint::report::sarif::SarifReporter::new(Vec::new())),
        Box::new(vblint::report::github::GithubReporter::new(Vec::new())),
        Box::new(vblint::report::csv::CsvReporter::new(Vec::new())),
        Box::new(vblint::report::html::HtmlReporter::new(Vec::new())),
        Box::new(vblint::report::text::TextReporter::new(
            Vec::new(),
            vblint::report::text::Style { color: false },
            false,
        )),
    ];
    for sink in &mut sinks {
        sink.begin().expect("begin");
        sink.file(report, text.as_deref()).expect("file");
        sink.end(&summary).expect("end");
    }
}

fn mutated_seed() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    (
        0..seeds.len(),
        proptest::collection::vec((any::<usize>(), any::<u8>()), 0..40),
    )
        .prop_map(move |(i, edits)| {
            let mut bytes = seeds[i].clone();
            for (pos, byte) in edits {
                if bytes.is_empty() {
                    break;
                }
                let at = pos % bytes.len();
                match byte % 4 {
                    0 => bytes[at] = byte,
                    1 => {
                        bytes.remove(at);
                    }
                    2 => bytes.insert(at, byte),
                    _ => bytes.truncate(at.max(1)),
                }
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_pipeline_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let options = vblint::pipeline::Options::default();
        let report = vblint::input::check_text_unless_binary("fuzz.txt", &bytes, &options);
        prop_assert!(report.error.is_some() || report.encoding.is_some());
    }

    #[test]
    fn the_pipeline_never_panics_on_mutated_plans(bytes in mutated_seed()) {
        let options = vblint::pipeline::Options {
            extract: true,
            include_text: true,
            ..Default::default()
        };
        let report = vblint::input::check_text_unless_binary("fuzz.txt", &bytes, &options);
        for f in &report.findings {
            prop_assert!(f.line >= 1 && f.column >= 1);
        }
        write_every_format(&report);
    }
}
