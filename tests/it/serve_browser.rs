//! The reviewer's page of `vblint serve` in a real browser: Debian's `chromium`, headless, driven
//! over the Chrome DevTools protocol (a websocket; `tungstenite`).
//!
//! The server is the real binary on a free loopback port. Through the page's file input the test
//! uploads a seed rendered as a .docx in TCVN3 fonts and another seed as .txt, and asserts that
//! every finding of `vblint check --format json` on the same files is listed (rule, severity, line,
//! column, message) and marked in the text (the marked text is the finding's excerpt), and that
//! the batch table's counts match. It clicks a finding far down the list and asserts the text
//! scrolled to its mark; clicks a mark and asserts its list item is selected; steps with `j`;
//! filters by severity and by rule; downloads the CSV (equal to `check --format csv`) and the
//! repaired text (equal to `vblint normalize`). With a `--token` server, the page asks for the
//! token once, keeps it for the tab and retries the upload.
//! A document whose text and file name carry `<script>` and `"><img onerror=…>` must show them
//! as text and run nothing. No script error, console error or CSP violation may be logged.
//! Screenshots at 1280×800 and 390×844 are written to `target/tmp/serve-page-*.png`.
//!
//! Skipped with a message when no Chromium is installed, except in CI (`CI=true`), where that
//! is a failure (`.ci/run` installs it).

use crate::common;

use base64::Engine as _;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// A child process killed when the test ends, however it ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `vblint serve` on a free loopback port; returns it and its page URL.
fn start_server(dir: &Path, extra: &[&str]) -> (Reaped, String) {
    // Started in the test's directory, so no vblint.toml of the checkout's parents applies.
    let child = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vblint serve starts");
    let mut child = Reaped(child);
    let stdout = child.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the server prints its address");
    let url = line
        .trim()
        .strip_prefix("vblint serve: ")
        .unwrap_or_else(|| panic!("address line, got {line:?}"))
        .to_string();
    (child, url)
}

/// Headless Chromium with remote debugging on a port of its choosing; returns it and the page's
/// websocket URL.
fn start_chromium(browser: &Path, profile: &Path) -> (Reaped, String) {
    let child = Command::new(browser)
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
            "--hide-scrollbars",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--window-size=1280,800",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let mut child = Reaped(child);
    let stderr = child.0.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent && let Some(at) = line.find("ws://") {
                let _ = tx.send(line[at..].trim().to_string());
                sent = true;
            }
        }
    });
    let browser_ws = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("chromium prints its DevTools address");
    // ws://127.0.0.1:PORT/devtools/browser/ID → the page target from /json/list.
    let host = browser_ws
        .trim_start_matches("ws://")
        .split('/')
        .next()
        .expect("host:port")
        .to_string();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let list: Option<Value> = ureq::get(format!("http://{host}/json/list"))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok())
            .and_then(|s| serde_json::from_str(&s).ok());
        let page = list.as_ref().and_then(|l| {
            l.as_array()?
                .iter()
                .find(|t| t["type"] == "page")
                .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
        });
        if let Some(ws) = page {
            return (child, ws);
        }
        assert!(Instant::now() < deadline, "chromium has a page target");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A DevTools protocol session with one page.
struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    events: Vec<Value>,
}

impl Cdp {
    fn connect(url: &str) -> Cdp {
        let (ws, _) = tungstenite::connect(url).expect("DevTools websocket");
        if let MaybeTlsStream::Plain(stream) = ws.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .expect("read timeout");
        }
        Cdp {
            ws,
            next_id: 1,
            events: Vec::new(),
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"id": id, "method": method, "params": params});
        self.ws
            .send(Message::text(request.to_string()))
            .expect("send a DevTools command");
        loop {
            let message = self.ws.read().expect("a DevTools message");
            let Message::Text(text) = message else {
                continue;
            };
            let value: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if value["id"] == id {
                if let Some(error) = value.get("error") {
                    panic!("{method} failed: {error}");
                }
                return value["result"].clone();
            }
            self.events.push(value);
        }
    }

    /// Evaluates a JavaScript expression (awaiting promises) and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(details) = result.get("exceptionDetails") {
            panic!("{expression}\nthrew: {details}");
        }
        result["result"]["value"].clone()
    }

    /// Polls an expression until it is `true`.
    fn wait_for(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.eval(expression) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A real mouse click at the centre of the element the expression yields (scrolled into view).
    fn click(&mut self, element: &str) {
        let rect = self.eval(&format!(
            "(() => {{ const e = {element}; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (x, y) = (rect[0].as_f64().expect("x"), rect[1].as_f64().expect("y"));
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn key(&mut self, key: &str) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "text": key, "code": format!("Key{}", key.to_uppercase())}),
            );
        }
    }

    fn screenshot(&mut self, width: u32, height: u32, mobile: bool, path: &Path) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        // The whole page from its top (at most 2400 px), once layout has settled at the new size.
        let height = self.eval(
            "new Promise(r => { window.scrollTo(0, 0); requestAnimationFrame(() => \
             requestAnimationFrame(() => r(Math.min(document.documentElement.scrollHeight, 2400)))); })",
        );
        let clip = json!({"x": 0, "y": 0, "width": width, "height": height, "scale": 1});
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true, "clip": clip}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "a real screenshot"
        );
        std::fs::write(path, png).expect("write the screenshot");
        eprintln!("screenshot: {}", path.display());
    }

    /// Script errors, console errors and CSP violations seen so far.
    fn problems(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| {
                let method = e["method"].as_str().unwrap_or("");
                method == "Runtime.exceptionThrown"
                    || (method == "Runtime.consoleAPICalled" && e["params"]["type"] == "error")
                    || (method == "Log.entryAdded" && e["params"]["entry"]["level"] == "error")
            })
            .map(Value::to_string)
            .collect()
    }
}

/// What the page shows of the current file: every list item and the text marked for each finding.
const PAGE_FINDINGS: &str = r#"(() => {
  const marked = {};
  for (const m of document.querySelectorAll('#doc mark')) {
    for (const i of m.dataset.f.split(' ')) marked[i] = (marked[i] || '') + m.textContent;
  }
  const items = [...document.querySelectorAll('li.finding')].map(li => ({
    i: Number(li.dataset.finding), rule: li.dataset.rule, severity: li.dataset.severity,
    line: Number(li.dataset.line), column: Number(li.dataset.column), text: li.textContent }));
  items.sort((a, b) => a.i - b.i);
  const row = document.querySelector('#batch-rows tr.current');
  const counts = [...row.querySelectorAll('td.num')].map(td => Number(td.textContent));
  return { items, marked, counts, name: row.querySelector('td.name').textContent };
})()"#;

fn assert_page_matches(cdp: &mut Cdp, index: usize, name: &str, expected: &Value) {
    cdp.click(&format!(
        "document.querySelector('#batch-rows tr[data-index=\"{index}\"] td.name')"
    ));
    cdp.wait_for(
        &format!("document.body.dataset.current === '{index}'"),
        "the file to be shown",
    );
    let page = cdp.eval(PAGE_FINDINGS);
    assert_eq!(page["name"], name);
    let findings = expected["findings"].as_array().expect("findings");
    assert!(!findings.is_empty(), "{name}: the seed has findings");
    let items = page["items"].as_array().expect("items");
    assert_eq!(
        items.len(),
        findings.len(),
        "{name}: one list item per finding"
    );
    let marked = page["marked"].as_object().expect("marked");
    assert_eq!(
        marked.len(),
        findings.len(),
        "{name}: every finding is marked"
    );
    for (k, (item, f)) in items.iter().zip(findings).enumerate() {
        assert_eq!(item["i"], k);
        for member in ["rule", "severity", "line", "column"] {
            assert_eq!(item[member], f[member], "{name} finding {k}: {member}");
        }
        let message = f["message"].as_str().expect("message");
        assert!(
            item["text"].as_str().expect("text").contains(message),
            "{name} finding {k} shows its message"
        );
        // The excerpt quotes the original input; a repaired word is shown (and marked) repaired.
        let shown = if f["rule"] == "legacy-encoding" && f["fix"].is_string() {
            &f["fix"]
        } else {
            &f["excerpt"]
        };
        assert_eq!(
            &marked[&k.to_string()],
            shown,
            "{name} finding {k}: the marked text is the excerpt"
        );
    }
    let count = |sev: &str| findings.iter().filter(|f| f["severity"] == sev).count();
    assert_eq!(
        page["counts"],
        json!([count("error"), count("warning"), count("info")]),
        "{name}: the batch table's counts"
    );
}

#[test]
fn the_page_marks_every_finding_of_check_and_runs_no_document_script() {
    let Some(browser) = common::chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("chromium is required in CI (.ci/run installs Debian's chromium)");
        }
        eprintln!(
            "SKIPPED the_page_marks_every_finding_of_check_and_runs_no_document_script: chromium \
             is not installed (apt-get install -y chromium; .ci/run does this)"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("vblint-serve-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("profile")).expect("temp dir");
    let seeds = common::seeds();
    let (docx_seed, docx_text) = &seeds[0];
    let docx_name = docx_seed.replace(".txt", ".tcvn3.docx");
    let docx = dir.join(&docx_name);
    let variant = common::Variant {
        fonts: common::Fonts::Tcvn3,
        auto_numbering: true,
    };
    std::fs::write(&docx, common::seed_docx(docx_text, variant)).expect("write the .docx");
    let (txt_name, txt_text) = &seeds[4];
    let txt = dir.join(txt_name);
    std::fs::write(&txt, txt_text).expect("write the .txt");

    let checked = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args(["check", "--format", "json"])
        .arg(&docx)
        .arg(&txt)
        .output()
        .expect("vblint check runs");
    let expected: Value = serde_json::from_slice(&checked.stdout).expect("check's JSON");

    let (_server, url) = start_server(&dir, &[]);
    let (_browser, page_ws) = start_chromium(&browser, &dir.join("profile"));
    let mut cdp = Cdp::connect(&page_ws);
    for domain in ["Runtime.enable", "Log.enable", "Page.enable", "DOM.enable"] {
        cdp.call(domain, json!({}));
    }
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
    );
    cdp.call("Page.navigate", json!({"url": url}));
    cdp.wait_for(
        "document.body !== null && document.body.dataset.ready === '1'",
        "the page's script",
    );

    let upload = |cdp: &mut Cdp, files: &[&Path], total: usize| {
        let input = cdp.call(
            "Runtime.evaluate",
            json!({"expression": "document.getElementById('file-input')"}),
        );
        let object_id = input["result"]["objectId"].clone();
        let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        cdp.call(
            "DOM.setFileInputFiles",
            json!({"files": files, "objectId": object_id}),
        );
        cdp.wait_for(
            &format!(
                "document.body.dataset.files === '{total}' && document.body.dataset.busy === '0'"
            ),
            "the uploaded files to be checked",
        );
    };
    upload(&mut cdp, &[&docx, &txt], 2);
    assert_page_matches(&mut cdp, 0, &docx_name, &expected["files"][0]);
    assert_page_matches(&mut cdp, 1, txt_name, &expected["files"][1]);

    // The .txt is shown: click the list item of its last finding in the text; the text scrolls.
    let findings = expected["files"][1]["findings"]
        .as_array()
        .expect("findings");
    let last = (0..findings.len())
        .max_by_key(|&k| findings[k]["line"].as_u64())
        .expect("a finding");
    assert!(
        findings[last]["line"].as_u64() > Some(40),
        "the last finding is far down the text"
    );
    assert_eq!(cdp.eval("document.getElementById('doc').scrollTop"), 0);
    cdp.click(&format!(
        "document.querySelector('li.finding[data-finding=\"{last}\"]')"
    ));
    let mark_in_view = format!(
        "(() => {{ const m = document.querySelector('#doc mark.current-finding'); \
         if (!m || !m.dataset.f.split(' ').includes('{last}')) return false; \
         const d = document.getElementById('doc').getBoundingClientRect(); \
         const r = m.getBoundingClientRect(); \
         return document.getElementById('doc').scrollTop > 0 && r.top >= d.top && r.bottom <= d.bottom \
           && r.top >= 0 && r.bottom <= window.innerHeight; }})()"
    );
    cdp.wait_for(&mark_in_view, "the text to scroll to the finding's mark");
    let rule = findings[last]["rule"].as_str().expect("rule");
    cdp.wait_for(
        &format!("document.getElementById('rule-doc').textContent.startsWith('{rule} (')"),
        "the rule's documentation",
    );

    // A click on a mark selects its list item; `j` steps to the next finding in the text.
    let first = (0..findings.len())
        .min_by_key(|&k| (findings[k]["line"].as_u64(), findings[k]["column"].as_u64()))
        .expect("a finding");
    cdp.click(&format!(
        "document.querySelector('#doc mark[data-f~=\"{first}\"]')"
    ));
    cdp.wait_for(
        &format!(
            "document.querySelector('li.finding[data-finding=\"{first}\"]').classList.contains('current-finding')"
        ),
        "the mark's list item to be selected",
    );
    cdp.key("j");
    cdp.wait_for(
        &format!(
            "document.body.dataset.selected !== '{first}' && \
             document.querySelector('li.current-finding') !== null"
        ),
        "j to select the next finding",
    );

    // Filters: without info, no info finding is listed or marked; one rule alone.
    let total = findings.len();
    let not_info = findings.iter().filter(|f| f["severity"] != "info").count();
    cdp.click("document.getElementById('f-info')");
    cdp.wait_for(
        &format!(
            "document.getElementById('shown-count').textContent.startsWith('{not_info}/{total} ') && \
             document.querySelectorAll('li.finding[data-severity=\"info\"]:not([hidden])').length === 0 && \
             document.querySelectorAll('#doc mark.m-info').length === 0"
        ),
        "the info filter",
    );
    cdp.click("document.getElementById('f-info')");
    let rule = findings[0]["rule"].as_str().expect("rule");
    let of_rule = findings.iter().filter(|f| f["rule"] == rule).count();
    cdp.eval(&format!(
        "(() => {{ const s = document.getElementById('f-rule'); s.value = '{rule}'; \
         s.dispatchEvent(new Event('change')); return true; }})()"
    ));
    let shown_of_rule = cdp.eval(
        "[...document.querySelectorAll('li.finding:not([hidden])')].map(li => li.dataset.rule)",
    );
    assert_eq!(
        shown_of_rule,
        json!(vec![rule; of_rule]),
        "only {rule} is listed"
    );
    cdp.eval(
        "(() => { const s = document.getElementById('f-rule'); s.value = ''; \
         s.dispatchEvent(new Event('change')); return true; })()",
    );

    // Downloads: the batch's CSV is `check --format csv` on the same files; the repaired text of
    // the current file is `vblint normalize`.
    let downloads = dir.join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads dir");
    cdp.call(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": downloads.display().to_string()}),
    );
    let cli_in_dir = |args: &[&str]| -> Vec<u8> {
        Command::new(env!("CARGO_BIN_EXE_vblint"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("vblint runs")
            .stdout
    };
    let downloaded = |name: &str| -> Vec<u8> {
        let path = downloads.join(name);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !path.is_file() {
            assert!(Instant::now() < deadline, "{name} was downloaded");
            std::thread::sleep(Duration::from_millis(50));
        }
        // Chromium writes a .crdownload and renames it when complete.
        std::fs::read(&path).expect("read the download")
    };
    cdp.click("document.getElementById('dl-csv')");
    assert_eq!(
        downloaded("vblint.csv"),
        cli_in_dir(&["check", "--format", "csv", &docx_name, txt_name]),
        "the CSV download"
    );
    cdp.click("document.getElementById('dl-text')");
    let repaired_name = txt_name.replace(".txt", ".sua.txt");
    assert_eq!(
        downloaded(&repaired_name),
        cli_in_dir(&["normalize", txt_name]),
        "the repaired text download"
    );

    // The filters cleared the selection; select a finding again for the screenshots.
    cdp.key("j");
    cdp.wait_for(
        "document.querySelector('#doc mark.current-finding') !== null",
        "a finding selected for the screenshots",
    );
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"));
    cdp.screenshot(1280, 800, false, &shots.join("serve-page-1280.png"));
    cdp.screenshot(390, 844, true, &shots.join("serve-page-390.png"));
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
    );

    // A hostile document: markup in its text and in its file name is shown, never run.
    let hostile_name = "\"><img src=x onerror=window.__xss=1>.txt";
    let hostile = dir.join(hostile_name);
    std::fs::write(
        &hostile,
        "Số: 12/KH-THCS\n<script>window.__xss = 2</script>\n\"><img src=x onerror=\"window.__xss=3\">\n\
         Căn cứ Chỉ thị Chỉ thị số 05-CT/TW ngày 16/5/2016 <b onmouseover=\"window.__xss=4\">x</b>\n",
    )
    .expect("write the hostile document");
    upload(&mut cdp, &[&hostile], 3);
    cdp.wait_for("document.body.dataset.current === '2'", "the hostile file");
    let shown = cdp.eval(
        "({ xss: window.__xss === undefined, \
            elements: document.querySelectorAll('img, script:not([src]), #doc :not(mark), #batch-rows b').length, \
            text: document.getElementById('doc').textContent, \
            name: document.querySelector('#batch-rows tr[data-index=\"2\"] td.name').textContent, \
            marks: document.querySelectorAll('#doc mark').length })",
    );
    assert_eq!(shown["xss"], true, "no document script ran");
    assert_eq!(shown["elements"], 0, "no element came from the document");
    let text = shown["text"].as_str().expect("text");
    assert!(text.contains("<script>window.__xss = 2</script>"), "{text}");
    assert!(text.contains("\"><img src=x onerror=\"window.__xss=3\">"));
    // Browsers send `"` in a multipart file name as %22 (HTML's form encoding).
    assert_eq!(shown["name"], hostile_name.replace('"', "%22"));
    assert!(
        shown["marks"].as_u64() > Some(0),
        "the duplicated word is marked"
    );

    let problems = cdp.problems();
    assert!(
        problems.is_empty(),
        "script errors, console errors or CSP violations:\n{}",
        problems.join("\n")
    );
    cdp.events.clear();

    // A server with a token: the page asks for it once, keeps it for the tab, and retries.
    let (_guarded, guarded_url) = start_server(&dir, &["--token", "tok-3f9a"]);
    cdp.call("Page.navigate", json!({"url": guarded_url}));
    cdp.wait_for(
        "document.body !== null && document.body.dataset.ready === '1'",
        "the page's script",
    );
    let input = cdp.call(
        "Runtime.evaluate",
        json!({"expression": "document.getElementById('file-input')"}),
    );
    cdp.call(
        "DOM.setFileInputFiles",
        json!({"files": [txt.display().to_string()], "objectId": input["result"]["objectId"]}),
    );
    cdp.wait_for(
        "!document.getElementById('token-form').hidden",
        "the page to ask for the token",
    );
    assert_eq!(cdp.eval("document.body.dataset.files"), "0");
    cdp.eval("document.getElementById('token-input').value = 'tok-3f9a'; true");
    cdp.click("document.querySelector('#token-form button')");
    cdp.wait_for(
        "document.body.dataset.files === '1' && document.body.dataset.busy === '0'",
        "the upload to be retried with the token",
    );
    assert_eq!(
        cdp.eval("sessionStorage.getItem('vblint-token')"),
        "tok-3f9a"
    );
    upload(&mut cdp, &[&txt], 2);
    assert_eq!(
        cdp.eval("document.getElementById('token-form').hidden"),
        true
    );

    // The only message allowed here is the browser's note of the first, refused request.
    let problems: Vec<String> = cdp
        .problems()
        .into_iter()
        .filter(|p| !(p.contains("\"network\"") && p.contains("401")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    std::fs::remove_dir_all(&dir).ok();
}
