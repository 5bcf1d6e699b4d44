//! The HTML report in a real browser: Debian's `chromium`, headless, with a fresh profile and no
//! network features. The page must load without console messages (script errors, blocked
//! resources), its script must have run (`data-ready="1"`), the totals in the DOM must match the
//! JSON output of the same run, and a screenshot is written to `target/html-report.png`.
//!
//! Without Chromium the test fails in CI (`CI=true`: `.ci/run` installs it, so a missing browser
//! is a broken CI, not a pass) and is skipped with a message elsewhere.

use crate::common::{self, vblint};
use std::path::Path;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs chromium headless with a fresh profile and a time limit; returns (stdout, stderr).
fn run_chromium(browser: &Path, profile: &Path, extra: &[&str], url: &str) -> (String, String) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let stdout = child.stdout.take().expect("stdout");
    let stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish in 120 s");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}

/// The text of the element with this id in a dumped DOM.
fn element_text<'a>(dom: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\">");
    let start = dom
        .find(&marker)
        .unwrap_or_else(|| panic!("#{id} in the DOM"))
        + marker.len();
    let end = dom[start..].find('<').expect("element closes") + start;
    &dom[start..end]
}

#[test]
fn html_report_loads_in_chromium_and_matches_the_json() {
    let Some(browser) = common::chromium() else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "chromium is not installed, and CI=true: .ci/run must install it (apt-get install -y chromium)"
        );
        eprintln!(
            "SKIPPED html_report_loads_in_chromium_and_matches_the_json: chromium is not installed \
             (apt-get install -y chromium; .ci/run does this)"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("vblint-html-{}", std::process::id()));
    let profile = dir.join("profile");
    std::fs::create_dir_all(&profile).expect("temp dir");
    let report = dir.join("report.html");
    let inputs = ["corpus", "tests/fixtures/formats"];
    let html_out = vblint(
        &[
            &[
                "check",
                "--format",
                "html",
                "-o",
                report.to_str().expect("UTF-8"),
            ][..],
            &inputs[..],
        ]
        .concat(),
    );
    assert_eq!(
        html_out.status.code(),
        Some(2),
        "fixtures hold unreadable files"
    );
    let json_out = vblint(&[&["check", "--format", "json"][..], &inputs[..]].concat());
    let json: serde_json::Value = serde_json::from_slice(&json_out.stdout).expect("JSON");
    let summary = &json["summary"];

    let url = format!("file://{}", report.display());
    let (dom, log) = run_chromium(&browser, &profile, &["--dump-dom"], &url);
    let console: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(
        console.is_empty(),
        "console messages:\n{}",
        console.join("\n")
    );
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run:\n{}",
        &dom[..dom.len().min(2000)]
    );
    let rows = format!("data-rows=\"{}\"", summary["files"]);
    assert!(dom.contains(&rows), "one table row per file ({rows})");
    let number = |id: &str| -> u64 {
        element_text(&dom, id)
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("#{id} is a number"))
    };
    assert_eq!(
        number("total-files"),
        summary["files"].as_u64().expect("files")
    );
    assert_eq!(
        number("total-findings"),
        summary["findings"].as_u64().expect("findings")
    );
    assert_eq!(
        number("total-errors"),
        summary["errors"].as_u64().expect("errors")
    );
    for severity in ["error", "warning", "info"] {
        assert_eq!(
            number(&format!("total-{severity}")),
            summary["by_severity"][severity].as_u64().unwrap_or(0),
            "{severity} total"
        );
    }
    assert!(
        !dom.contains("http://") && !dom.contains("https://"),
        "no network resources"
    );

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report.png");
    let _ = std::fs::remove_file(&shot);
    let screenshot_profile = dir.join("profile-shot");
    std::fs::create_dir_all(&screenshot_profile).expect("profile dir");
    run_chromium(
        &browser,
        &screenshot_profile,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
            "--hide-scrollbars",
        ],
        &format!("{url}#open-all"),
    );
    let png = std::fs::read(&shot).expect("a screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
    eprintln!("screenshot: {}", shot.display());
    std::fs::remove_dir_all(&dir).ok();
}
