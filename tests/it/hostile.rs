//! Hostile and careless use, as a user would try it: outputs onto inputs, in-place rewrites of
//! protected files, symlinks and backups, devices and FIFOs, huge lists and requests, bad option
//! values. Each test states the expected exit code and message and checks that nothing the user
//! did not ask to change was changed. Time and memory of the heavy inputs are measured in
//! `benches/hostile.sh`, not asserted here.

use crate::common::{self, TempDir, vblint_in};

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::{Command, Output};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A plan with findings, in Unicode.
fn plan() -> Vec<u8> {
    std::fs::read("corpus/000_56932b52c8e7ffb0.txt").expect("corpus file")
}

/// A plan typed in VNI and read as Windows-1252 in one word: `normalize` changes it.
const DAMAGED: &str = "    Soá: 21/KH-THPTLT    Lộc Ninh\n";

// ------------------------------------------------------------------ outputs never clobber inputs

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_is_written() {
    let dir = TempDir::new("hostile-o-is-input");
    let original = plan();
    dir.write("plan.txt", &original);
    std::os::unix::fs::symlink("plan.txt", dir.join("link.txt")).expect("symlink");
    std::fs::hard_link(dir.join("plan.txt"), dir.join("hard.txt")).expect("hard link");
    for (cmd, out) in [
        ("check", "plan.txt"),
        ("extract", "plan.txt"),
        ("check", "link.txt"),
        ("check", "hard.txt"),
        ("check", "./plan.txt"),
    ] {
        let run = dir.run(&[cmd, "plan.txt", "-o", out]);
        assert_eq!(run.status.code(), Some(2), "{cmd} -o {out}");
        assert!(
            stderr(&run).contains("cũng là tệp đầu vào"),
            "{cmd} -o {out}: {}",
            stderr(&run)
        );
        assert_eq!(std::fs::read(dir.join("plan.txt")).expect("read"), original);
    }
    let run = dir.run(&["normalize", "plan.txt", "-o", "hard.txt"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("cũng là tệp đầu vào"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read(dir.join("plan.txt")).expect("read"), original);
    assert!(
        std::fs::symlink_metadata(dir.join("link.txt"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        dir.names(),
        ["hard.txt", "link.txt", "plan.txt"],
        "no temp left"
    );
}

#[test]
fn a_report_written_into_the_walked_directory_is_not_checked() {
    let dir = TempDir::new("hostile-o-in-walk");
    dir.write("plans/plan.txt", &plan());
    let first = dir.run(&[
        "check",
        "plans",
        "-o",
        "plans/report.txt",
        "--format",
        "concise",
    ]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let report = std::fs::read_to_string(dir.join("plans/report.txt")).expect("report");
    assert!(report.contains("plans/plan.txt:"), "{report}");
    // The second run finds the first run's report in the directory and leaves it out.
    let second = dir.run(&[
        "check",
        "plans",
        "-o",
        "plans/report.txt",
        "--format",
        "concise",
    ]);
    assert_eq!(second.status.code(), Some(1));
    let again = std::fs::read_to_string(dir.join("plans/report.txt")).expect("report");
    assert_eq!(again, report);
    assert!(!again.contains("report.txt:"), "{again}");
    assert!(stderr(&second).starts_with("1 tệp:"), "{}", stderr(&second));
    // Even with hidden files included, the temporary file is not an input.
    let third = dir.run(&["check", "plans", "--no-ignore", "-o", "plans/r2.txt"]);
    assert!(stderr(&third).starts_with("2 tệp:"), "{}", stderr(&third));
}

#[test]
fn an_existing_output_keeps_its_mode_and_symlinks_are_written_through() {
    let dir = TempDir::new("hostile-o-mode");
    dir.write("plan.txt", &plan());
    let target = dir.write("real.json", b"old");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::symlink("real.json", dir.join("out.json")).expect("symlink");
    let run = dir.run(&["check", "plan.txt", "--format", "json", "-o", "out.json"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let meta = std::fs::symlink_metadata(dir.join("out.json")).expect("link");
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    let written = std::fs::read_to_string(&target).expect("target");
    assert!(written.starts_with('{') && written.contains("\"summary\""));
    let mode = std::fs::metadata(&target).expect("meta").mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(dir.names(), ["out.json", "plan.txt", "real.json"]);
}

#[test]
fn a_device_output_is_written_into_not_replaced() {
    let dir = TempDir::new("hostile-o-dev");
    dir.write("plan.txt", &plan());
    for cmd in ["check", "extract"] {
        let run = dir.run(&[cmd, "plan.txt", "-o", "/dev/null"]);
        assert!(run.status.code().is_some_and(|c| c < 2), "{}", stderr(&run));
        let meta = std::fs::metadata("/dev/null").expect("/dev/null");
        assert!(
            std::os::unix::fs::FileTypeExt::is_char_device(&meta.file_type()),
            "/dev/null stays a device"
        );
    }
    // /dev/stdout is this process's output, whatever it is.
    let run = dir.run(&[
        "check",
        "plan.txt",
        "--format",
        "concise",
        "-o",
        "/dev/stdout",
    ]);
    assert!(stdout(&run).contains("plan.txt:"), "{}", stdout(&run));
}

#[test]
fn a_fifo_output_is_written_into() {
    let dir = TempDir::new("hostile-o-fifo");
    dir.write("plan.txt", &plan());
    let fifo = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    let run = dir.run(&["check", "plan.txt", "--format", "concise", "-o", "pipe"]);
    let got = reader.join().expect("reader");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(got.contains("plan.txt:"), "{got}");
    let meta = std::fs::symlink_metadata(&fifo).expect("fifo");
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));
}

#[test]
fn an_output_in_a_missing_directory_is_a_named_error() {
    let dir = TempDir::new("hostile-o-missing");
    dir.write("plan.txt", &plan());
    let run = dir.run(&["check", "plan.txt", "-o", "no/such/dir/out.txt"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("-o no/such/dir/out.txt: không ghi được"),
        "{}",
        stderr(&run)
    );
}

// ------------------------------------------------------------------------- normalize --in-place

#[test]
fn in_place_keeps_mode_and_never_overwrites_a_backup() {
    let dir = TempDir::new("hostile-inplace");
    let file = dir.write("plan.txt", DAMAGED.as_bytes());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = dir.run(&["normalize", "--in-place", "plan.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let repaired = std::fs::read_to_string(&file).expect("read");
    assert!(repaired.contains("Số: 21/KH-THPTLT"), "{repaired}");
    assert_eq!(
        std::fs::metadata(&file).expect("meta").mode() & 0o777,
        0o640
    );
    assert_eq!(
        std::fs::read(dir.join("plan.txt.bak")).expect("bak"),
        DAMAGED.as_bytes()
    );
    let bak_mode = std::fs::metadata(dir.join("plan.txt.bak"))
        .expect("bak")
        .mode()
        & 0o777;
    assert_eq!(bak_mode, 0o640, "the backup is as private as the file");
    // A second and third run keep every earlier backup.
    for _ in 0..2 {
        let run = dir.run(&["normalize", "--in-place", "plan.txt"]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    assert_eq!(
        std::fs::read(dir.join("plan.txt.bak")).expect("bak"),
        DAMAGED.as_bytes()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.txt.bak.1")).expect("bak.1"),
        repaired
    );
    assert_eq!(
        dir.names(),
        [
            "plan.txt",
            "plan.txt.bak",
            "plan.txt.bak.1",
            "plan.txt.bak.2"
        ]
    );
}

#[test]
fn in_place_writes_through_a_symlink() {
    let dir = TempDir::new("hostile-inplace-link");
    let target = dir.write("real.txt", DAMAGED.as_bytes());
    std::os::unix::fs::symlink("real.txt", dir.join("plan.txt")).expect("symlink");
    let run = dir.run(&["normalize", "--in-place", "plan.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let meta = std::fs::symlink_metadata(dir.join("plan.txt")).expect("link");
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert!(
        std::fs::read_to_string(&target)
            .expect("target")
            .contains("Số: 21")
    );
    assert_eq!(
        std::fs::read(dir.join("plan.txt.bak")).expect("bak"),
        DAMAGED.as_bytes()
    );
}

#[test]
fn in_place_attempts_every_file_and_names_each_failure() {
    let dir = TempDir::new("hostile-inplace-many");
    dir.write("a.txt", DAMAGED.as_bytes());
    // A PDF cannot be rewritten in place (a .docx can: it becomes the same document in Unicode).
    dir.write("b.pdf", b"%PDF-1.4\n%%EOF\n");
    std::fs::create_dir(dir.join("c.txt")).expect("dir");
    dir.write("e.txt", DAMAGED.as_bytes());
    let run = dir.run(&[
        "normalize",
        "--in-place",
        "a.txt",
        "b.pdf",
        "c.txt",
        "d.txt",
        "e.txt",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    for name in [
        "b.pdf: --in-place",
        "c.txt: không đọc được",
        "d.txt: không đọc được",
    ] {
        assert!(err.contains(&format!("vblint: {name}")), "{name}: {err}");
    }
    for name in ["a.txt", "e.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("read");
        assert!(
            text.contains("Số: 21"),
            "{name} repaired although others failed"
        );
    }
    assert_eq!(
        std::fs::read(dir.join("b.pdf")).expect("pdf"),
        b"%PDF-1.4\n%%EOF\n"
    );
    assert_eq!(
        dir.names(),
        ["a.txt", "a.txt.bak", "b.pdf", "c.txt", "e.txt", "e.txt.bak"]
    );
}

#[test]
fn in_place_refuses_standard_input() {
    let dir = TempDir::new("hostile-inplace-stdin");
    let run = vblint_in(
        Some(dir.path()),
        &["normalize", "--in-place", "-"],
        Some(b"x\n"),
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("đầu vào chuẩn"), "{}", stderr(&run));
}

// ---------------------------------------------------------------------------------------- limits

#[test]
fn text_extracted_from_a_docx_is_held_to_the_size_limit() {
    let dir = TempDir::new("hostile-docx-text");
    // 180 KB of text compress to a few KB: the file is small, its text is not.
    let long = "thi đua ".repeat(20_000);
    let docx = common::seed_docx(&format!("{DAMAGED}{long}\n"), common::VARIANTS[0]);
    assert!(docx.len() < 100_000, "{}", docx.len());
    dir.write("big.docx", &docx);
    let run = dir.run(&[
        "check",
        "big.docx",
        "--max-file-size",
        "100K",
        "--format",
        "json",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let out: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let error = out["files"][0]["error"].as_str().expect("error");
    assert!(
        error.contains("văn bản trích ra vượt giới hạn 102400 byte"),
        "{error}"
    );
    let run = dir.run(&["check", "big.docx", "--max-file-size", "1M", "-q"]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "within the limit: {}",
        stderr(&run)
    );
}

#[test]
fn normalize_holds_a_docx_rewrite_to_the_text_limit() {
    let dir = TempDir::new("hostile-docx-rewrite");
    let long = "thi đua ".repeat(20_000);
    let docx = common::seed_docx(&format!("{DAMAGED}{long}\n"), common::VARIANTS[0]);
    dir.write("big.docx", &docx);
    let path = dir.path().join("big.docx");
    for extra in [
        &["--in-place"][..],
        &["-o", "out.docx"],
        &["--docx-out", "outdir"],
    ] {
        let mut args = vec!["normalize", "big.docx", "--max-file-size", "100K"];
        args.extend_from_slice(extra);
        let run = dir.run(&args);
        assert_eq!(run.status.code(), Some(2), "{extra:?}");
        assert!(
            stderr(&run).contains("văn bản trích ra vượt giới hạn 102400 byte"),
            "{extra:?}: {}",
            stderr(&run)
        );
        assert_eq!(std::fs::read(&path).expect("input"), docx, "{extra:?}");
        for absent in ["big.docx.bak", "out.docx", "outdir/big.docx"] {
            assert!(!dir.path().join(absent).exists(), "{extra:?}: {absent}");
        }
    }
    let run = dir.run(&["normalize", "big.docx", "-o", "out.docx"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(dir.path().join("out.docx").exists());
}

/// Bytes from a fixed linear congruential generator, none of them NUL (so not "binary").
fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 12345;
    (0..len)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((state >> 16) % 255) as u8 + 1
        })
        .collect()
}

#[test]
fn random_bytes_are_reported_as_not_text_with_no_findings() {
    let dir = TempDir::new("hostile-noise");
    dir.write("noise.txt", &noise(200_000));
    let run = dir.run(&["check", "noise.txt", "--format", "json"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let out: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let file = &out["files"][0];
    assert_eq!(file["findings"].as_array().map(Vec::len), Some(0));
    let error = file["error"].as_str().expect("error");
    assert!(error.starts_with("không phải văn bản: "), "{error}");
    assert!(error.ends_with(" trong 200000 byte, không bảng mã nào đọc ra tiếng Việt (not text)"));
    let run = dir.run(&["normalize", "noise.txt", "-o", "out.txt"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("không phải văn bản"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("out.txt").exists());
}

#[test]
fn damaged_text_is_still_text() {
    let dir = TempDir::new("hostile-not-noise");
    // UTF-8 with one byte in twenty overwritten, and Western text in Windows-1252: both are
    // read (with replacements), not refused.
    let mut damaged = "Kế hoạch phát động phong trào thi đua năm học 2024-2025\n"
        .repeat(50)
        .into_bytes();
    let marks = noise(damaged.len());
    for i in (0..damaged.len()).step_by(20) {
        damaged[i] = 0x80 | marks[i];
    }
    dir.write("damaged.txt", &damaged);
    dir.write(
        "western.txt",
        &b"Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9.\n".repeat(40),
    );
    for name in ["damaged.txt", "western.txt"] {
        let run = dir.run(&["normalize", name, "-o", "out.txt"]);
        assert_eq!(run.status.code(), Some(0), "{name}: {}", stderr(&run));
    }
}

#[test]
fn text_extracted_from_a_pdf_is_held_to_the_limit() {
    let pdf = std::fs::read("tests/fixtures/pdf/004-unicode-numbered.pdf").expect("fixture");
    let limits = vblint::container::Limits {
        max_text: 100,
        ..Default::default()
    };
    let err = vblint::container::extract(vblint::container::Kind::Pdf, &pdf, &limits)
        .expect_err("over the text limit");
    assert!(
        err.contains("văn bản trích ra vượt giới hạn 100 byte"),
        "{err}"
    );
}

#[test]
fn thread_counts_are_bounded() {
    let dir = TempDir::new("hostile-threads");
    dir.write("plan.txt", &plan());
    for (n, message) in [
        ("0", "từ 1 trở lên"),
        ("100000", "tối đa 256 luồng"),
        ("x", "không phải số"),
    ] {
        let run = dir.run(&["check", "plan.txt", "-j", n]);
        assert_eq!(run.status.code(), Some(2), "-j {n}");
        assert!(stderr(&run).contains(message), "-j {n}: {}", stderr(&run));
    }
    let run = dir.run(&["check", "plan.txt", "-j", "256", "-q"]);
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn sizes_take_units() {
    let dir = TempDir::new("hostile-sizes");
    dir.write("plan.txt", &plan());
    for size in ["10M", "10MB", "10mb", "512K", "1G", "1048576", "10MiB"] {
        let run = dir.run(&["check", "plan.txt", "--max-file-size", size, "-q"]);
        assert_eq!(run.status.code(), Some(1), "{size}: {}", stderr(&run));
    }
    let run = dir.run(&[
        "check",
        "plan.txt",
        "--max-file-size",
        "1K",
        "--format",
        "json",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stdout(&run).contains("vượt giới hạn 1024 byte"),
        "{}",
        stdout(&run)
    );
    for bad in ["10X", "M", "-1", "99999999999G"] {
        let run = dir.run(&["check", "plan.txt", "--max-file-size", bad]);
        assert_eq!(run.status.code(), Some(2), "{bad}");
    }
}

#[test]
fn a_huge_line_in_a_path_list_is_cut_in_messages() {
    let dir = TempDir::new("hostile-files-from");
    let mut list = vec![b'a'; 1_000_000];
    list.extend_from_slice(b"\nplan.txt\n");
    dir.write("list", &list);
    dir.write("plan.txt", &plan());
    let run = dir.run(&["check", "--files-from", "list", "--format", "concise"]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
    assert!(
        err.contains("aaaa…: đường dẫn quá dài (hơn 4096 byte)"),
        "{err}"
    );
    assert!(
        stdout(&run).contains("plan.txt:"),
        "the next entry is still checked"
    );
}

// ----------------------------------------------------------------------------------- stdin-lines

fn serve(requests: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let dir = std::env::current_dir().expect("cwd");
    let mut args = vec!["check", "--stdin-lines", "--exit-zero"];
    args.extend_from_slice(extra);
    let run = vblint_in(Some(&dir), &args, Some(requests.as_bytes()));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    stdout(&run)
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect()
}

#[test]
fn stdin_lines_error_records_keep_their_id() {
    let records = serve(
        "{\"id\":1,\"text\":\"\"}\n\n{\"id\":4,\"text\":123}\n   \n{\"id\":\"x\",\"path\":\"no-such.txt\"}\n",
        &[],
    );
    // Blank lines get no record (documented).
    assert_eq!(records.len(), 3, "{records:?}");
    assert_eq!(records[0]["id"], 1);
    assert!(
        records[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("văn bản rỗng")),
        "{:?}",
        records[0]
    );
    assert!(records[0]["findings"].as_array().is_some_and(Vec::is_empty));
    assert_eq!(records[1]["id"], 4);
    assert!(
        records[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("JSON"))
    );
    assert_eq!(records[2]["id"], "x");
    assert!(records[2]["error"].is_string());
}

#[test]
fn stdin_lines_inline_text_is_held_to_the_size_limit() {
    let text = "Số: 12/KH-THCS\\n".repeat(200);
    let records = serve(
        &format!("{{\"id\":7,\"text\":\"{text}\"}}\n"),
        &["--max-file-size", "1K"],
    );
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], 7);
    let error = records[0]["error"].as_str().expect("error");
    assert!(error.contains("vượt giới hạn 1024 byte"), "{error}");
}

// ------------------------------------------------------------------------------ what a user reads

#[test]
fn per_file_errors_go_to_standard_error_in_text_mode() {
    let dir = TempDir::new("hostile-errors-stderr");
    dir.write("plan.txt", &plan());
    for format in ["text", "concise"] {
        let run = dir.run(&["check", "plan.txt", "missing.txt", "--format", format]);
        assert_eq!(run.status.code(), Some(2));
        assert!(
            !stdout(&run).contains("missing.txt"),
            "{format}: {}",
            stdout(&run)
        );
        assert!(
            stderr(&run).contains("error: missing.txt: không tìm thấy"),
            "{format}: {}",
            stderr(&run)
        );
        assert!(stdout(&run).ends_with('\n'));
    }
}

#[test]
fn a_short_run_reports_no_rate() {
    let dir = TempDir::new("hostile-rate");
    dir.write("plan.txt", &plan());
    let run = dir.run(&["check", "plan.txt"]);
    let summary = stderr(&run);
    assert!(summary.starts_with("1 tệp:"), "{summary}");
    assert!(
        !summary.contains("tệp/s") && !summary.contains("MB/s"),
        "{summary}"
    );
}

#[test]
fn nothing_to_check_is_said_and_exits_2() {
    let dir = TempDir::new("hostile-empty");
    std::fs::create_dir(dir.join("empty")).expect("dir");
    dir.write("other/readme.md", b"# not a plan\n");
    for args in [
        &["check", "empty"][..],
        &["check", "other"],
        &["extract", "empty"],
        &["check", "--files-from", "/dev/null"],
    ] {
        let run = dir.run(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&run).contains("không tìm thấy tệp nào để kiểm tra"),
            "{args:?}: {}",
            stderr(&run)
        );
    }
}

#[test]
fn sarif_says_the_run_failed_when_a_file_was_not_read() {
    let dir = TempDir::new("hostile-sarif");
    dir.write("plan.txt", &plan());
    let sarif = |args: &[&str]| -> serde_json::Value {
        let run = dir.run(args);
        serde_json::from_slice(&run.stdout).expect("sarif")
    };
    let ok = sarif(&["check", "plan.txt", "--format", "sarif"]);
    let invocation = &ok["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let failed = sarif(&["check", "plan.txt", "gone.txt", "--format", "sarif"]);
    let invocation = &failed["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("gone.txt: "))
    );
}

#[test]
fn the_legacy_encoding_excerpt_is_the_original_text() {
    let dir = TempDir::new("hostile-legacy-excerpt");
    dir.write("plan.txt", DAMAGED.as_bytes());
    let run = dir.run(&[
        "check",
        "plan.txt",
        "--select",
        "legacy-encoding",
        "--format",
        "json",
    ]);
    let out: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let f = &out["files"][0]["findings"][0];
    assert_eq!(f["excerpt"], "Soá");
    assert_eq!(f["fix"], "Số");
    assert_eq!((&f["column"], &f["end_column"]), (&5.into(), &8.into()));
}

#[test]
fn empty_items_in_rule_lists_are_ignored() {
    let dir = TempDir::new("hostile-select");
    dir.write("plan.txt", DAMAGED.as_bytes());
    let run = dir.run(&[
        "check",
        "plan.txt",
        "--select",
        "legacy-encoding,",
        "--ignore",
        ",",
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let run = dir.run(&["check", "plan.txt", "--select", "legacy-encodin"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("không có quy tắc: legacy-encodin"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn rule_summaries_are_whole_sentences() {
    let dir = TempDir::new("hostile-rules");
    let run = dir.run(&["rules", "--json"]);
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&run.stdout).expect("json");
    for r in &rules {
        let summary = r["summary"].as_str().expect("summary");
        assert!(
            summary.ends_with(['.', ')', '"', '”', '.', '…']),
            "{}: {summary}",
            r["id"]
        );
    }
}

#[test]
fn normalize_report_lines_end_with_a_newline() {
    let dir = TempDir::new("hostile-norm-report");
    dir.write("plan.txt", DAMAGED.as_bytes());
    let run = dir.run(&["normalize", "--report", "plan.txt"]);
    assert_eq!(run.status.code(), Some(0));
    let err = stderr(&run);
    assert!(
        err.starts_with("plan.txt: ") && err.ends_with('\n'),
        "{err:?}"
    );
}

#[test]
fn normalize_report_says_every_kind_of_repair() {
    let dir = TempDir::new("hostile-norm-report-kinds");
    let plan = "Kế hoạch phát động phong trào thi đua\nnăm học 2024-2025\n".repeat(20);
    dir.write("tcvn3.txt", &vblint::decode::encode::encode_tcvn3(&plan));
    let whole =
        vblint::decode::encode::read_as_cp1252(&vblint::decode::encode::encode_tcvn3(&plan));
    dir.write("whole.txt", whole.as_bytes());
    dir.write("clean.txt", plan.as_bytes());
    let mut lines: Vec<String> = plan.lines().map(str::to_string).collect();
    for i in [0, 4, 8] {
        lines[i] = lines[i].replace("phát động", "phaùt ñoäng");
    }
    dir.write("words.txt", (lines.join("\n") + "\n").as_bytes());
    let report = |name: &str| {
        let run = dir.run(&["normalize", "--report", name, "-o", "out.txt"]);
        assert_eq!(run.status.code(), Some(0), "{name}");
        stderr(&run)
    };
    assert_eq!(
        report("tcvn3.txt"),
        "tcvn3.txt: tcvn3 (độ tin cậy 1.00), cả tệp chuyển từ tcvn3 sang Unicode\n"
    );
    assert_eq!(
        report("whole.txt"),
        "whole.txt: utf-8 (độ tin cậy 1.00), cả tệp hỏng kiểu tcvn3-as-cp1252: đã sửa toàn bộ\n"
    );
    assert_eq!(
        report("words.txt"),
        "words.txt: utf-8 (độ tin cậy 1.00), đã sửa 6 đoạn trên 3 dòng (vni-as-cp1252: 6): dòng 1, 5, 9\n"
    );
    assert_eq!(
        report("clean.txt"),
        "clean.txt: utf-8 (độ tin cậy 1.00), không có đoạn nào cần sửa\n"
    );
}

// ---------------------------------------------------------------- one language, usual conventions

#[test]
fn help_and_usage_errors_are_in_vietnamese() {
    let dir = TempDir::new("hostile-lang");
    for args in [
        &["-h"][..],
        &["--help"],
        &["check", "-h"],
        &["check", "--help"],
    ] {
        let run = dir.run(args);
        assert_eq!(run.status.code(), Some(0), "{args:?}");
        let help = stdout(&run);
        assert!(help.contains("Cách dùng: vblint"), "{args:?}: {help}");
        assert!(help.contains("Tùy chọn:"), "{args:?}: {help}");
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "[default:",
            "[possible values:",
        ] {
            assert!(!help.contains(english), "{args:?}: {english} in {help}");
        }
    }
    for (args, message) in [
        (&["chek"][..], "không có lệnh chek; có phải ý bạn là check?"),
        (
            &["check", "--colr"],
            "không có tùy chọn --colr; có phải ý bạn là --color?",
        ),
        (
            &["check", "--format", "xml"],
            "giá trị 'xml' không hợp lệ cho --format",
        ),
        (
            &["check", "--reference-date", "2024-02-30"],
            "giá trị '2024-02-30' không hợp lệ cho --reference-date <NGÀY>: không phải ngày",
        ),
        (&["normalize"], "thiếu đối số bắt buộc"),
    ] {
        let run = dir.run(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&run).starts_with(&format!("vblint: {message}")),
            "{args:?}: {}",
            stderr(&run)
        );
    }
    dir.write("vblint.toml", b"select = [\"citaton\"]\n");
    dir.write("plan.txt", &plan());
    let run = dir.run(&["check", "plan.txt"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("vblint.toml:1: không có quy tắc \"citaton\""),
        "{}",
        stderr(&run)
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = TempDir::new("hostile-statistics");
    dir.write("plan.txt", DAMAGED.as_bytes());
    dir.write("more.txt", DAMAGED.as_bytes());
    let run = dir.run(&["check", ".", "--statistics", "--select", "legacy-encoding"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(stdout(&run), "     2  legacy-encoding  warning\n");
    let run = dir.run(&[
        "check",
        ".",
        "--statistics",
        "--format",
        "json",
        "--select",
        "legacy",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert_eq!(
        rows,
        serde_json::json!([{"rule": "legacy-encoding", "count": 2, "severity": "warning"}])
    );
}

#[test]
fn color_is_chosen_explicitly() {
    let dir = TempDir::new("hostile-color");
    dir.write("plan.txt", DAMAGED.as_bytes());
    let always = dir.run(&["check", "plan.txt", "--color", "always"]);
    assert!(
        stdout(&always).contains("\x1b[1;33mwarning"),
        "{}",
        stdout(&always)
    );
    for choice in ["never", "auto"] {
        let run = dir.run(&["check", "plan.txt", "--color", choice]);
        assert!(!stdout(&run).contains('\x1b'), "{choice}");
        assert!(
            stdout(&run).contains("warning[legacy-encoding]"),
            "{choice}"
        );
    }
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let dir = TempDir::new("hostile-completions");
    for (shell, marker) in [
        ("bash", "_vblint()"),
        ("zsh", "#compdef vblint"),
        ("fish", "complete -c vblint"),
    ] {
        let run = dir.run(&["completions", shell]);
        assert_eq!(run.status.code(), Some(0), "{shell}");
        let script = stdout(&run);
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("max-file-size") && script.contains("statistics"),
            "{shell}"
        );
    }
    let man = dir.run(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.contains(".TH vblint 1"), "{page}");
    assert!(
        page.contains("Kiểm tra văn bản hành chính tiếng Việt"),
        "{page}"
    );
}
