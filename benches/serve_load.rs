//! Load on `vblint serve`, loopback only, bounded in time and count:
//!
//!     cargo bench --bench serve_load            # 16 clients, 30 s
//!     SERVE_LOAD_CLIENTS=4 SERVE_LOAD_SECS=10 SERVE_LOAD_JOBS=2 cargo bench --bench serve_load
//!
//! Starts the release binary (`vblint serve --addr 127.0.0.1:0`, `--jobs` = SERVE_LOAD_JOBS or one
//! per core) and has SERVE_LOAD_CLIENTS clients (default 16) upload the corpus — every .txt under
//! `corpus/` and the five seeds as TCVN3 .docx — one file per request, each client starting at a
//! different file, until SERVE_LOAD_SECS (default 30, at most 30) have passed or 200,000 requests
//! were sent. Every answer is checked: status 200, one file object, and that object equal to what
//! the library gives for the same bytes (`input::check_input`), so a dropped, truncated or mixed-up
//! result counts as a failure. Prints requests/s, upload MB/s, p50/p99/max latency and the
//! server's peak RSS (VmHWM); exits 1 if any answer was wrong.

#[path = "../tests/it/common/fixtures.rs"]
mod common;

use serde_json::Value;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use vblint::input::{Input, check_input};
use vblint::pipeline::Options;

const MAX_SECS: u64 = 30;
const MAX_REQUESTS: u64 = 200_000;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The corpus: (name, bytes, expected file object).
fn corpus() -> Vec<(String, Vec<u8>, Value)> {
    let mut files = Vec::new();
    for dir in ["corpus", "corpus/clean", "corpus/rules"] {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .expect("corpus directory")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, std::fs::read(&path).expect("read corpus file")));
        }
    }
    let variant = common::Variant {
        fonts: common::Fonts::Tcvn3,
        auto_numbering: true,
    };
    for (name, text) in common::seeds() {
        files.push((
            name.replace(".txt", ".tcvn3.docx"),
            common::seed_docx(&text, variant),
        ));
    }
    let options = Options::default();
    files
        .into_iter()
        .map(|(name, bytes)| {
            let input = Input::Bytes {
                name: name.clone(),
                bytes: bytes.clone(),
            };
            let report = check_input(&input, &options, vblint::serve::DEFAULT_MAX_UPLOAD as u64);
            let expected = serde_json::to_value(&report).expect("file object");
            (name, bytes, expected)
        })
        .collect()
}

fn multipart(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(bytes.len() + 256);
    body.extend_from_slice(
        format!(
            "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--b0undary--\r\n");
    body
}

/// The answer is right: 200, one file, the object the library gives for these bytes.
fn verify(status: u16, body: &str, name: &str, expected: &Value) -> Result<(), String> {
    if status != 200 {
        return Err(format!("{name}: status {status}: {body}"));
    }
    let json: Value = serde_json::from_str(body).map_err(|e| format!("{name}: not JSON: {e}"))?;
    let files = json["files"].as_array().ok_or("no files member")?;
    if files.len() != 1 || json["summary"]["files"] != 1 {
        return Err(format!("{name}: {} files in the answer", files.len()));
    }
    if &files[0] != expected {
        return Err(format!("{name}: a different file object: {}", files[0]));
    }
    Ok(())
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    // `cargo bench` passes --bench; nothing else is taken from the command line.
    let clients = env_number("SERVE_LOAD_CLIENTS", 16).max(1);
    let secs = env_number("SERVE_LOAD_SECS", MAX_SECS).clamp(1, MAX_SECS);
    let jobs = env_number("SERVE_LOAD_JOBS", vblint::serve::default_jobs() as u64).max(1);
    let corpus = Arc::new(corpus());
    let corpus_bytes: usize = corpus.iter().map(|(_, b, _)| b.len()).sum();

    let workdir = std::env::temp_dir().join(format!("vblint-serve-load-{}", std::process::id()));
    std::fs::create_dir_all(&workdir).expect("work dir");
    let mut server = Command::new(env!("CARGO_BIN_EXE_vblint"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--jobs",
            &jobs.to_string(),
        ])
        .current_dir(&workdir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("vblint serve starts");
    let pid = server.id();
    let mut line = String::new();
    let read = server
        .stdout
        .take()
        .map(|out| std::io::BufReader::new(out).read_line(&mut line));
    let Some(url) = line.trim().strip_prefix("vblint serve: ").map(String::from) else {
        let _ = server.kill();
        let _ = server.wait();
        panic!("the server printed no address ({read:?}): {line:?}");
    };
    let idle_rss = peak_rss_kib(pid);

    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let corpus = corpus.clone();
            let sent = sent.clone();
            let url = format!("{url}api/check");
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .into();
                let mut latencies = Vec::new();
                let mut failures = Vec::new();
                let mut uploaded = 0u64;
                let mut k = client as usize * 7;
                while Instant::now() < deadline
                    && sent.fetch_add(1, Ordering::Relaxed) < MAX_REQUESTS
                {
                    let (name, bytes, expected) = &corpus[k % corpus.len()];
                    k += 1;
                    let body = multipart(name, bytes);
                    let t = Instant::now();
                    let result = agent
                        .post(&url)
                        .header("Content-Type", "multipart/form-data; boundary=b0undary")
                        .send(&body[..]);
                    let outcome = match result {
                        Ok(mut response) => {
                            let status = response.status().as_u16();
                            match response
                                .body_mut()
                                .with_config()
                                .limit(1 << 26)
                                .read_to_string()
                            {
                                Ok(text) => verify(status, &text, name, expected),
                                Err(e) => Err(format!("{name}: body: {e}")),
                            }
                        }
                        Err(e) => Err(format!("{name}: {e}")),
                    };
                    latencies.push(t.elapsed());
                    uploaded += body.len() as u64;
                    if let Err(e) = outcome {
                        failures.push(e);
                    }
                }
                (latencies, failures, uploaded)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failures = Vec::new();
    let mut uploaded = 0;
    for worker in workers {
        let (l, f, u) = worker.join().expect("client thread");
        latencies.extend(l);
        failures.extend(f);
        uploaded += u;
    }
    let elapsed = started.elapsed();
    let peak = peak_rss_kib(pid);
    let _ = server.kill();
    let _ = server.wait();
    std::fs::remove_dir_all(&workdir).ok();

    latencies.sort();
    let n = latencies.len();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "serve_load: {clients} clients, --jobs {jobs}, {} files in the corpus ({:.1} KB), {:.1} s",
        corpus.len(),
        corpus_bytes as f64 / 1e3,
        elapsed.as_secs_f64()
    );
    println!(
        "  requests: {n} ({} correct, {} wrong), {:.1} requests/s, {:.2} MB/s uploaded",
        n - failures.len(),
        failures.len(),
        n as f64 / elapsed.as_secs_f64(),
        uploaded as f64 / 1e6 / elapsed.as_secs_f64()
    );
    println!(
        "  latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!(
        "  server peak RSS: {} MB (idle {} MB)",
        peak.map_or("?".to_string(), |k| format!("{:.1}", k as f64 / 1024.0)),
        idle_rss.map_or("?".to_string(), |k| format!("{:.1}", k as f64 / 1024.0))
    );
    for failure in failures.iter().take(10) {
        println!("  WRONG: {}", failure.chars().take(300).collect::<String>());
    }
    if !failures.is_empty() || n == 0 {
        std::process::exit(1);
    }
}
