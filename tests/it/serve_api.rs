//! The HTTP API of `vblint serve`, over real loopback connections: every endpoint, every error
//! status (400, 401, 404, 405, 413, 429, 503), the token, malformed uploads, and a document full of
//! markup. The answers must be the same file objects as `vblint check --format json` (and the same
//! CSV, extract and normalize output as the command line).

use crate::common;

use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::Duration;
use vblint::pipeline::Options;
use vblint::report::TIMING_MEMBERS;
use vblint::serve::{AppState, Limits, router};

/// Serves `state` on a free loopback port in a background runtime; returns the base URL.
fn serve(state: AppState) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.set_nonblocking(true).expect("non-blocking");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router(state)).await.expect("serve");
        });
    });
    format!("http://{addr}")
}

fn default_server() -> String {
    serve(AppState::new(
        Options::default(),
        None,
        Limits::new(1 << 24, 2),
    ))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Status, headers we look at, and body of an answer.
struct Answer {
    status: u16,
    content_type: String,
    header: std::collections::HashMap<String, String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("JSON answer ({e}): {}", self.body))
    }

    /// An error answer: the status, and a JSON body naming it with a message.
    fn assert_error(&self, status: u16, message_part: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.content_type.starts_with("application/json"));
        let json = self.json();
        assert_eq!(json["status"], status);
        let message = json["error"].as_str().expect("error message");
        assert!(
            message.contains(message_part),
            "{message:?} mentions {message_part:?}"
        );
    }
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let header = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
        .collect::<std::collections::HashMap<_, _>>();
    Answer {
        status: response.status().as_u16(),
        content_type: header.get("content-type").cloned().unwrap_or_default(),
        body: response
            .body_mut()
            .with_config()
            .limit(1 << 26)
            .read_to_string()
            .expect("body"),
        header,
    }
}

fn get(url: &str, token: Option<&str>) -> Answer {
    let mut request = agent().get(url);
    if let Some(t) = token {
        request = request.header("Authorization", format!("Bearer {t}"));
    }
    answer(request.call().expect("GET"))
}

fn post(url: &str, content_type: &str, body: &[u8], token: Option<&str>) -> Answer {
    let mut request = agent().post(url).header("Content-Type", content_type);
    if let Some(t) = token {
        request = request.header("Authorization", format!("Bearer {t}"));
    }
    answer(request.send(body).expect("POST"))
}

/// A multipart/form-data body: (field, file name, bytes) parts.
fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "vblint-test-boundary-7d1f0a";
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(name) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post_files(url: &str, files: &[(&str, &[u8])], token: Option<&str>) -> Answer {
    let parts: Vec<(&str, Option<&str>, &[u8])> = files
        .iter()
        .map(|(name, bytes)| ("file", Some(*name), *bytes))
        .collect();
    let (content_type, body) = multipart(&parts);
    post(url, &content_type, &body, token)
}

/// The command line on files written to a fresh directory, run there so paths are bare names.
fn cli_on(files: &[(&str, &[u8])], args: &[&str]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!(
        "vblint-serve-api-{}-{}",
        std::process::id(),
        args.join("_").replace(['/', ' '], "")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write input");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(args)
        .args(files.iter().map(|(name, _)| *name))
        .current_dir(&dir)
        .stderr(Stdio::null())
        .output()
        .expect("vblint runs");
    std::fs::remove_dir_all(&dir).ok();
    output.stdout
}

fn without_timing(mut document: Value) -> Value {
    if let Some(summary) = document["summary"].as_object_mut() {
        for member in TIMING_MEMBERS {
            summary.remove(*member);
        }
    }
    document
}

fn seed(index: usize) -> (String, Vec<u8>) {
    let (name, text) = common::seeds().swap_remove(index);
    (name, text.into_bytes())
}

fn seed_docx(index: usize) -> (String, Vec<u8>) {
    let (name, text) = common::seeds().swap_remove(index);
    let variant = common::Variant {
        fonts: common::Fonts::Tcvn3,
        auto_numbering: true,
    };
    (
        name.replace(".txt", ".docx"),
        common::seed_docx(&text, variant),
    )
}

/// Bytes that are no format at all (a fixed pseudo-random sequence).
fn random_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn healthz_answers_ok_without_a_token() {
    let url = serve(AppState::new(
        Options::default(),
        Some("s3cret".into()),
        Limits::new(1 << 20, 1),
    ));
    let a = get(&format!("{url}/healthz"), None);
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["status"], "ok");
    assert_eq!(a.json()["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn check_answers_the_same_document_as_the_command_line_and_goes_on_after_bad_files() {
    let url = default_server();
    let (txt_name, txt) = seed(2);
    let (docx_name, docx) = seed_docx(0);
    let truncated = docx[..docx.len() / 2].to_vec();
    let noise = random_bytes(4096);
    // 20 MB of one byte deflate about 1000:1, over the readers' ratio limit.
    let bomb = common::zip_parts(&[("word/document.xml", vec![b'a'; 20_000_000])]);
    let files: Vec<(&str, &[u8])> = vec![
        (&txt_name, &txt),
        (&docx_name, &docx),
        ("truncated.docx", &truncated),
        ("bomb.docx", &bomb),
        ("noise.docx", &noise),
        ("noise.pdf", &noise),
        ("noise.txt", &noise),
    ];
    let a = post_files(&format!("{url}/api/check"), &files, None);
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.content_type.starts_with("application/json"));
    let served = without_timing(a.json());
    let cli: Value = serde_json::from_slice(&cli_on(&files, &["check", "--format", "json"]))
        .expect("check's JSON");
    assert_eq!(served, without_timing(cli), "same document as check");

    let reports = served["files"].as_array().expect("files");
    assert!(
        reports[0]["findings"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    assert!(reports[1]["error"].is_null() && reports[1]["encoding"].is_object());
    for (k, report) in reports.iter().enumerate().skip(2) {
        let error = report["error"].as_str().unwrap_or("");
        assert!(!error.is_empty(), "file {k} has an error entry: {report}");
        assert!(report["findings"].as_array().is_some_and(Vec::is_empty));
    }
    assert!(
        reports[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("zip bomb"))
    );
    assert_eq!(served["summary"]["errors"], 5);

    // The server goes on: the same request again gives the same answer.
    let again = post_files(&format!("{url}/api/check"), &files, None);
    assert_eq!(without_timing(again.json()), served);
}

#[test]
fn a_word_97_doc_is_checked_as_the_command_line_checks_it() {
    let url = default_server();
    let name = "004_c0af4205e287f79a.vni.doc";
    let doc = std::fs::read(format!("tests/fixtures/doc/{name}")).expect(".doc fixture");
    let files: Vec<(&str, &[u8])> = vec![(name, &doc)];
    let a = post_files(&format!("{url}/api/check"), &files, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let served = without_timing(a.json());
    let cli: Value = serde_json::from_slice(&cli_on(&files, &["check", "--format", "json"]))
        .expect("check's JSON");
    assert_eq!(served, without_timing(cli), "same document as check");
    let report = &served["files"][0];
    assert!(report["error"].is_null(), "{report}");
    assert!(report["findings"].as_array().is_some_and(|f| !f.is_empty()));
}

#[test]
fn a_raw_body_named_by_query_is_checked_like_an_upload() {
    let url = default_server();
    let (name, txt) = seed(1);
    let raw = post(
        &format!("{url}/api/check?name={name}"),
        "text/plain",
        &txt,
        None,
    );
    assert_eq!(raw.status, 200, "{}", raw.body);
    let upload = post_files(&format!("{url}/api/check"), &[(&name, &txt)], None);
    assert_eq!(without_timing(raw.json()), without_timing(upload.json()));
    let (docx_name, docx) = seed_docx(3);
    let raw_docx = post(
        &format!("{url}/api/check?name=dir/{docx_name}"),
        "application/octet-stream",
        &docx,
        None,
    );
    let json = raw_docx.json();
    assert_eq!(
        json["files"][0]["path"],
        docx_name.as_str(),
        "directories dropped"
    );
    assert!(json["files"][0]["error"].is_null());
    assert!(json["files"][0]["findings"][0]["location"].is_string());
}

#[test]
fn include_text_adds_marks_that_locate_every_excerpt() {
    let url = default_server();
    let (docx_name, docx) = seed_docx(0);
    let (txt_name, txt) = seed(4);
    let a = post_files(
        &format!("{url}/api/check?include=text,document"),
        &[(&docx_name, &docx), (&txt_name, &txt)],
        None,
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let json = a.json();
    for file in json["files"].as_array().expect("files") {
        let text: Vec<u16> = file["text"]
            .as_str()
            .expect("text")
            .encode_utf16()
            .collect();
        let findings = file["findings"].as_array().expect("findings");
        let marks = file["marks"].as_array().expect("marks");
        assert!(!findings.is_empty());
        assert_eq!(marks.len(), findings.len(), "one mark per finding");
        for (f, m) in findings.iter().zip(marks) {
            let (start, end) = (
                m[0].as_u64().expect("start") as usize,
                m[1].as_u64().expect("end") as usize,
            );
            let marked = String::from_utf16(&text[start..end]).expect("UTF-16");
            // The excerpt quotes the original input; a repaired word shows as its repair.
            let shown = if f["rule"] == "legacy-encoding" {
                f["fix"].as_str().or(f["excerpt"].as_str())
            } else {
                f["excerpt"].as_str()
            };
            assert_eq!(Some(marked.as_str()), shown, "{f}");
        }
        let document = &file["document"];
        assert!(
            document["citations"]
                .as_array()
                .is_some_and(|c| !c.is_empty())
        );
        assert!(document["issue_date"].is_string(), "{document}");
    }
    // The TCVN3 .docx: the encoding object says what was repaired.
    assert!(json["files"][0]["encoding"]["repairs"].is_array());
}

#[test]
fn csv_and_html_reports_are_those_of_the_command_line() {
    let url = default_server();
    let (name, txt) = seed(4);
    let files: Vec<(&str, &[u8])> = vec![(&name, &txt), ("noise.txt", b"\x89PNG\r\n\x1a\nxx")];
    let csv = post_files(&format!("{url}/api/check?format=csv"), &files, None);
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(
        csv.header.get("content-disposition").map(String::as_str),
        Some("attachment; filename=\"vblint.csv\"")
    );
    let cli = cli_on(&files, &["check", "--format", "csv"]);
    assert_eq!(csv.body.as_bytes(), &cli[..]);

    let html = post_files(&format!("{url}/api/check?format=html"), &files, None);
    assert_eq!(html.status, 200);
    assert!(html.content_type.starts_with("text/html"));
    // The same report up to the totals (which carry the run's timing).
    let cli_html =
        String::from_utf8(cli_on(&files, &["check", "--format", "html"])).expect("UTF-8");
    let rows_end = |h: &str| h.find("<section class=\"totals\"").expect("totals section");
    assert_eq!(
        &html.body[..rows_end(&html.body)],
        &cli_html[..rows_end(&cli_html)]
    );
    assert!(html.body.contains(&name));

    post_files(&format!("{url}/api/check?format=pdf"), &files, None)
        .assert_error(400, "format=pdf");
}

#[test]
fn extract_answers_the_document_of_vblint_extract() {
    let url = default_server();
    let (name, txt) = seed(3);
    let (docx_name, docx) = seed_docx(1);
    let files: Vec<(&str, &[u8])> = vec![(&name, &txt), (&docx_name, &docx)];
    let a = post_files(&format!("{url}/api/extract"), &files, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let cli: Value = serde_json::from_slice(&cli_on(&files, &["extract"])).expect("extract's JSON");
    assert_eq!(without_timing(a.json()), without_timing(cli));
    assert!(a.json()["files"][0]["document"]["title"].is_string());
    let with_text = post_files(&format!("{url}/api/extract?include=text"), &files, None);
    let cli_text: Value =
        serde_json::from_slice(&cli_on(&files, &["extract", "--text"])).expect("JSON");
    assert_eq!(without_timing(with_text.json()), without_timing(cli_text));
}

#[test]
fn normalize_answers_the_text_of_vblint_normalize() {
    let url = default_server();
    let (docx_name, docx) = seed_docx(0);
    let (name, txt) = seed(2);
    let tcvn3: Vec<u8> = common::seeds()[1]
        .1
        .chars()
        .map(|c| common::tcvn3_char(c).map_or(b'?', |k| k as u32 as u8))
        .collect();
    let files: Vec<(&str, &[u8])> = vec![
        (&docx_name, &docx),
        (&name, &txt),
        ("tcvn3.txt", &tcvn3),
        ("image.txt", b"\x89PNG\r\n\x1a\n"),
    ];
    let a = post_files(&format!("{url}/api/normalize"), &files, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let json = a.json();
    let out = json["files"].as_array().expect("files");
    assert_eq!(out.len(), 4);
    for (k, (file_name, bytes)) in files.iter().enumerate().take(3) {
        let cli = cli_on(&[(file_name, bytes)], &["normalize"]);
        assert_eq!(out[k]["path"], *file_name);
        assert_eq!(
            out[k]["text"].as_str().expect("text").as_bytes(),
            &cli[..],
            "{file_name}"
        );
        assert!(out[k]["error"].is_null());
    }
    assert_eq!(out[2]["encoding"]["name"], "tcvn3");
    assert!(out[3]["error"].as_str().is_some_and(|e| e.contains("PNG")));
    assert!(out[3]["text"].is_null());

    let one = post_files(
        &format!("{url}/api/normalize?format=text"),
        &files[..1],
        None,
    );
    assert_eq!(one.status, 200);
    assert!(one.content_type.starts_with("text/plain"));
    assert_eq!(one.body, out[0]["text"].as_str().expect("text"));
    post_files(
        &format!("{url}/api/normalize?format=text"),
        &files[..2],
        None,
    )
    .assert_error(400, "một tệp");
    post_files(
        &format!("{url}/api/normalize?format=text"),
        &files[3..],
        None,
    )
    .assert_error(422, "PNG");
}

#[test]
fn rules_list_every_rule_and_document_each() {
    let url = default_server();
    let a = get(&format!("{url}/api/rules"), None);
    assert_eq!(a.status, 200);
    let list = a.json();
    let list = list.as_array().expect("list");
    assert_eq!(list.len(), vblint::checks::RULES.len());
    for rule in vblint::checks::RULES {
        let entry = list.iter().find(|r| r["id"] == rule.id).expect("listed");
        assert_eq!(entry["summary"], rule.summary());
        assert_eq!(entry["enabled"], true);
        let one = get(&format!("{url}/api/rules/{}", rule.id), None);
        assert_eq!(one.status, 200);
        assert_eq!(one.json()["doc"], rule.doc());
    }
    get(&format!("{url}/api/rules/no-such-rule"), None).assert_error(404, "no-such-rule");
}

#[test]
fn bad_requests_are_400_with_a_reason() {
    let url = default_server();
    post(&format!("{url}/api/check"), "text/plain", b"abc", None).assert_error(400, "?name=");
    let (content_type, empty) = multipart(&[]);
    post(&format!("{url}/api/check"), &content_type, &empty, None)
        .assert_error(400, "không có tệp");
    let (content_type, body) = multipart(&[("secret", None, b"x")]);
    post(&format!("{url}/api/check"), &content_type, &body, None).assert_error(400, "secret");
    post(
        &format!("{url}/api/check?name=a.txt&colour=red"),
        "text/plain",
        b"abc",
        None,
    )
    .assert_error(400, "tham số");
    post(
        &format!("{url}/api/check?name=a.txt&include=password"),
        "text/plain",
        b"abc",
        None,
    )
    .assert_error(400, "include=password");
    post(
        &format!("{url}/api/check"),
        "multipart/form-data; boundary=zz",
        b"--zz\r\ngarbage",
        None,
    )
    .assert_error(400, "không đọc được");
    post(
        &format!("{url}/api/extract?format=csv"),
        "text/plain",
        b"x",
        None,
    )
    .assert_error(400, "json");
}

#[test]
fn pasted_text_is_checked_under_its_name() {
    let url = default_server();
    let (content_type, body) = multipart(&[
        ("name", None, "kế-hoạch.txt".as_bytes()),
        (
            "text",
            None,
            "Số: 12/KH-THCS\nCăn cứ Chỉ thị Chỉ thị số 05-CT/TW\n".as_bytes(),
        ),
    ]);
    let a = post(&format!("{url}/api/check"), &content_type, &body, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let json = a.json();
    assert_eq!(json["files"][0]["path"], "kế-hoạch.txt");
    let rules: Vec<&str> = json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"duplicate-word"), "{rules:?}");
}

#[test]
fn the_token_guards_every_api_request_and_only_those() {
    let url = serve(AppState::new(
        Options::default(),
        Some("s3cret-tok".into()),
        Limits::new(1 << 20, 1),
    ));
    let (name, txt) = seed(2);
    for path in ["/api/rules", "/api/rules/invalid-date"] {
        let a = get(&format!("{url}{path}"), None);
        a.assert_error(401, "Bearer");
        assert_eq!(
            a.header.get("www-authenticate").map(String::as_str),
            Some("Bearer")
        );
        get(&format!("{url}{path}"), Some("wrong")).assert_error(401, "--token");
        get(&format!("{url}{path}"), Some("s3cret-to")).assert_error(401, "--token");
        assert_eq!(get(&format!("{url}{path}"), Some("s3cret-tok")).status, 200);
    }
    for path in ["/api/check", "/api/extract", "/api/normalize"] {
        post_files(&format!("{url}{path}"), &[(&name, &txt)], None).assert_error(401, "Bearer");
        let ok = post_files(
            &format!("{url}{path}"),
            &[(&name, &txt)],
            Some("s3cret-tok"),
        );
        assert_eq!(ok.status, 200, "{path}: {}", ok.body);
    }
    // The page and its assets hold no data; they load without a token, so the page can ask for it.
    for path in ["/", "/app.js", "/style.css", "/healthz"] {
        assert_eq!(get(&format!("{url}{path}"), None).status, 200, "{path}");
    }
}

#[test]
fn unknown_paths_are_404_and_wrong_methods_405() {
    let url = default_server();
    get(&format!("{url}/api/nothing"), None).assert_error(404, "không có");
    get(&format!("{url}/nothing.html"), None).assert_error(404, "không có");
    get(&format!("{url}/api/check"), None).assert_error(405, "phương thức");
    post(&format!("{url}/api/rules"), "text/plain", b"", None).assert_error(405, "phương thức");
}

#[test]
fn bodies_over_max_upload_are_413() {
    let url = serve(AppState::new(
        Options::default(),
        None,
        Limits::new(2000, 1),
    ));
    let big = vec![b'a'; 8000];
    post(
        &format!("{url}/api/check?name=big.txt"),
        "text/plain",
        &big,
        None,
    )
    .assert_error(413, "--max-upload");
    post_files(&format!("{url}/api/check"), &[("big.txt", &big)], None)
        .assert_error(413, "--max-upload");
    // Under the limit, the same server answers.
    let small = post(
        &format!("{url}/api/check?name=small.txt"),
        "text/plain",
        "Số: 12/KH-THCS\n".as_bytes(),
        None,
    );
    assert_eq!(small.status, 200);
}

#[test]
fn a_full_queue_is_429_and_a_long_wait_503_then_the_server_recovers() {
    let (name, txt) = seed(2);
    let url_check = |url: &str| format!("{url}/api/check?name={name}");

    let mut limits = Limits::new(1 << 20, 1);
    limits.max_queued = 0;
    let state = AppState::new(Options::default(), None, limits);
    let slots = state.job_slots();
    let url = serve(state);
    let held = slots.clone().try_acquire_owned().expect("the only slot");
    let a = post(&url_check(&url), "text/plain", &txt, None);
    a.assert_error(429, "quá nhiều yêu cầu");
    assert_eq!(a.header.get("retry-after").map(String::as_str), Some("1"));
    drop(held);
    assert_eq!(post(&url_check(&url), "text/plain", &txt, None).status, 200);

    let mut limits = Limits::new(1 << 20, 2);
    limits.queue_wait = Duration::from_millis(200);
    let state = AppState::new(Options::default(), None, limits);
    let slots = state.job_slots();
    let url = serve(state);
    let held = slots.clone().try_acquire_many_owned(2).expect("both slots");
    let a = post(&url_check(&url), "text/plain", &txt, None);
    a.assert_error(503, "bận");
    assert_eq!(a.header.get("retry-after").map(String::as_str), Some("1"));
    // A request waiting when a slot frees is served.
    let waiting = {
        let url = url_check(&url);
        let txt = txt.clone();
        std::thread::spawn(move || post(&url, "text/plain", &txt, None).status)
    };
    std::thread::sleep(Duration::from_millis(50));
    drop(held);
    assert_eq!(waiting.join().expect("request thread"), 200);
}

#[test]
fn a_document_full_of_markup_is_plain_json_and_the_page_forbids_inline_script() {
    let url = default_server();
    let hostile = "Số: 12/KH-THCS\n<script>alert(1)</script> Chỉ thị Chỉ thị\n\"><img src=x onerror=alert(2)>\n";
    let a = post(
        &format!(
            "{url}/api/check?name=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E.txt&include=text"
        ),
        "text/plain",
        hostile.as_bytes(),
        None,
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(a.content_type.starts_with("application/json"));
    assert_eq!(
        a.header.get("x-content-type-options").map(String::as_str),
        Some("nosniff")
    );
    let json = a.json();
    let file = &json["files"][0];
    assert_eq!(file["path"], "\"><img src=x onerror=alert(3)>.txt");
    assert_eq!(file["text"], hostile);
    assert!(
        file["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["rule"] == "duplicate-word"))
    );

    let page = get(&format!("{url}/"), None);
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert_eq!(
        page.header
            .get("content-security-policy")
            .map(String::as_str),
        Some(vblint::serve::CONTENT_SECURITY_POLICY)
    );
    assert!(vblint::serve::CONTENT_SECURITY_POLICY.contains("script-src 'self';"));
    assert!(!vblint::serve::CONTENT_SECURITY_POLICY.contains("unsafe"));
    // The page itself has nothing the policy would have to allow: no inline script, style or
    // handler.
    let html = page.body.to_lowercase();
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script src=\"/app.js\" defer></script>"));
    assert!(!html.contains(" style=") && !html.contains("<style") && !html.contains(" onclick="));
    let script = get(&format!("{url}/app.js"), None).body;
    assert!(!script.contains("innerHTML") && !script.contains("insertAdjacentHTML"));
    assert!(!script.contains("eval(") && !script.contains("document.write"));
}

#[test]
fn the_serve_command_prints_its_address_and_warns_off_loopback() {
    let child = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(["serve", "--addr", "0.0.0.0:0", "--jobs", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vblint serve starts");
    struct Reaped(std::process::Child);
    impl Drop for Reaped {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Reaped(child);
    let stdout = child.0.stdout.take().expect("stdout");
    let stderr = child.0.stderr.take().expect("stderr");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).expect("line");
    let url = line
        .trim()
        .strip_prefix("vblint serve: ")
        .expect("the address line")
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(get(&format!("{url}healthz"), None).status, 200);
    let mut warning = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stderr), &mut warning)
        .expect("stderr line");
    assert!(
        warning.contains("cảnh báo") && warning.contains("0.0.0.0") && warning.contains("--token"),
        "{warning}"
    );

    // An address in use is a clear error with exit code 2.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(["serve", "--addr", &addr])
        .stdin(Stdio::null())
        .output()
        .expect("vblint serve runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("không nghe được") && stderr.contains(&addr),
        "{stderr}"
    );
}

#[test]
fn lang_asks_for_english_as_the_command_line_gives_it() {
    let url = default_server();
    let (name, txt) = seed(2);
    let files: Vec<(&str, &[u8])> = vec![(&name, &txt)];
    // In the query: the same document as `vblint check --lang en`.
    let a = post_files(&format!("{url}/api/check?lang=en"), &files, None);
    assert_eq!(a.status, 200, "{}", a.body);
    let served = without_timing(a.json());
    let cli: Value = serde_json::from_slice(&cli_on(
        &files,
        &["check", "--format", "json", "--lang", "en"],
    ))
    .expect("check's JSON");
    assert_eq!(
        served,
        without_timing(cli),
        "same document as check --lang en"
    );
    let findings = served["files"][0]["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let message = f["message"].as_str().expect("message");
        assert!(
            !vblint::lang::has_vietnamese_outside_quotes(message),
            "{message}"
        );
    }
    // The default is the server's: Vietnamese.
    let vi = without_timing(post_files(&format!("{url}/api/check"), &files, None).json());
    assert_ne!(vi, served);
    // In a form field before the files.
    let (content_type, body) =
        multipart(&[("lang", None, b"en"), ("file", Some(name.as_str()), &txt)]);
    let form = post(&format!("{url}/api/check"), &content_type, &body, None);
    assert_eq!(without_timing(form.json()), served);
    // The rules' summaries.
    let rules = get(&format!("{url}/api/rules?lang=en"), None).json();
    let first = rules[0]["summary"].as_str().expect("summary");
    assert!(first.starts_with("A deadline"), "{first}");
    let one = get(&format!("{url}/api/rules/invalid-date?lang=en"), None).json();
    assert!(
        one["summary"]
            .as_str()
            .is_some_and(|s| s.starts_with("A date"))
    );
    // An unknown language is a bad request, said in both languages.
    post_files(&format!("{url}/api/check?lang=xx"), &files, None)
        .assert_error(400, "unsupported language");
    get(&format!("{url}/api/rules?lang=xx"), None).assert_error(400, "ngôn ngữ không hỗ trợ");
    // A bad request is said in the language asked for.
    post_files(
        &format!("{url}/api/check?lang=en&include=secrets"),
        &files,
        None,
    )
    .assert_error(400, "invalid include=secrets: only text, document");
    post_files(&format!("{url}/api/check?include=secrets"), &files, None)
        .assert_error(400, "include=secrets không hợp lệ");
    get(&format!("{url}/api/rules/no-such-rule?lang=en"), None)
        .assert_error(404, "no rule \"no-such-rule\"");
}
