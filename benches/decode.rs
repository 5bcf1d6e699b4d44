//! Throughput of `decode` on ~100 MB of each corpus form, and of glibc iconv on the same TCVN3 bytes.
//!
//! Run with `benches/normalize_vs_iconv.sh` or `cargo bench --bench decode`. `BENCH_MB` sets the size
//! per form (default 100); `SEED_DIR` the seed directory (default ../shared/seeds); `BENCH_ONLY=<form>`
//! times one form; `BENCH_FILE=<path>` (and `BENCH_STR=1` for `decode_str`) times one existing file.
//! Inputs are built in memory from the corpus sources repeated, one form at a time; nothing is
//! written but one temporary file for iconv. The machine may be shared, so besides wall time the
//! table shows MB per CPU-second of the decoding thread (the fair "per core" figure).

use std::process::{Command, Stdio};
use std::time::Instant;
use vblint::decode::corpus::{self, Input};
use vblint::decode::{charsets, decode, decode_str};

fn repeat_to(text: &str, mb: usize) -> String {
    let target = mb * 1_000_000;
    let mut s = String::with_capacity(target + text.len());
    while s.len() < target {
        s.push_str(text);
        s.push('\n');
    }
    s
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs.max(1e-9)
}

/// CPU seconds this thread has used (user + system), from /proc; 0 where unavailable.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesized command name; utime and stime are fields 14 and 15.
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let field = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (field(11) + field(12)) / 100.0
}

/// Runs `f`, returning its result, wall seconds and CPU seconds.
fn time_cpu<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let c = cpu_seconds();
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64(), cpu_seconds() - c)
}

/// Times decoding `bytes` (through `decode_str` when `as_str`; the conversion to text is not
/// timed). With `BENCH_REPEAT=n` (n > 1), `bytes` is one file repeated n times and n separate
/// decodes of one copy are timed, as a bulk run over many small files would do them.
fn run_one(bytes: &[u8], as_str: bool) -> (usize, f64, f64) {
    let n = std::env::var("BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 1)
        .unwrap_or(1);
    let one = &bytes[..bytes.len() / n];
    if as_str {
        let text = String::from_utf8_lossy(one).into_owned();
        time_cpu(|| (0..n).map(|_| decode_str(&text).text.len()).sum())
    } else {
        time_cpu(|| {
            (0..n)
                .map(|_| decode(one).map(|d| d.text.len()).unwrap_or(0))
                .sum()
        })
    }
}

/// The name of the TCVN3 form, which is also timed against iconv.
fn tcvn3_form() -> &'static str {
    charsets::tcvn3().test_forms[0].name
}

fn main() {
    if let Ok(path) = std::env::var("BENCH_FILE") {
        // A small file is decoded `BENCH_REPEAT` times per timing (default 1), as a bulk run would.
        let repeat: usize = std::env::var("BENCH_REPEAT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        let one = std::fs::read(&path).unwrap_or_default();
        let bytes = one.repeat(repeat);
        // Best of five: the machine may be shared.
        let (mut n, mut secs, mut cpu) = run_one(&bytes, std::env::var("BENCH_STR").is_ok());
        for _ in 0..4 {
            let r = run_one(&bytes, std::env::var("BENCH_STR").is_ok());
            if r.1 < secs {
                (n, secs, cpu) = r;
            }
        }
        println!(
            "{path}: {:.0} MB in {secs:.2} s wall = {:.0} MB/s; {cpu:.2} CPU s = {:.0} MB/CPU-s (output {n} bytes)",
            bytes.len() as f64 / 1e6,
            mbps(bytes.len(), secs),
            mbps(bytes.len(), cpu)
        );
        return;
    }
    let mb: usize = std::env::var("BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = std::env::var("SEED_DIR").unwrap_or_else(|_| "../shared/seeds".into());
    let sources = corpus::sources(std::path::Path::new(&dir));
    let one: String = sources
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let clean = repeat_to(&one, mb);
    let only = std::env::var("BENCH_ONLY").ok();
    println!(
        "decode throughput, {} MB of UTF-8 source per form (input sizes differ by form)\n",
        clean.len() / 1_000_000
    );
    println!("| form | input MB | wall s | MB/s wall | CPU s | MB/s per CPU-second |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut tcvn_rate = 0.0;
    // Every corpus form: the Unicode ones, each charset's of the table of charsets, damage.
    for form in corpus::forms() {
        let name = form.name;
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (bytes, as_str) = match form.make(&clean) {
            Input::Bytes(b) => (b, false),
            Input::Text(t) => (t.into_bytes(), true),
        };
        let (n, secs, cpu) = run_one(&bytes, as_str);
        std::hint::black_box(n);
        let rate = mbps(bytes.len(), secs);
        let cpu_rate = if cpu > 0.0 {
            mbps(bytes.len(), cpu)
        } else {
            rate
        };
        if name == tcvn3_form() {
            tcvn_rate = rate;
        }
        let via = if as_str { " (decode_str)" } else { "" };
        println!(
            "| {name}{via} | {:.0} | {secs:.2} | {rate:.0} | {cpu:.2} | {cpu_rate:.0} |",
            bytes.len() as f64 / 1e6
        );
    }
    if only.as_deref().is_some_and(|o| o != tcvn3_form()) {
        return;
    }
    // iconv on the very same TCVN3 bytes, from a file in the page cache.
    let tcvn = charsets::tcvn3().test_forms[0].encode(&clean);
    let path = std::env::temp_dir().join(format!("vblint-bench-{}.tcvn3", std::process::id()));
    if std::fs::write(&path, &tcvn).is_err() {
        return;
    }
    let run = || {
        Command::new("iconv")
            .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    };
    let _ = run(); // warm the page cache
    // Best of three for both, alternating, so that both see the same machine load.
    let (mut secs, mut ours) = (f64::MAX, f64::MAX);
    let mut status = run();
    for _ in 0..3 {
        let t = Instant::now();
        status = run();
        secs = secs.min(t.elapsed().as_secs_f64());
        ours = ours.min(run_one(&tcvn, false).1);
    }
    match status {
        Ok(s) if s.success() => {
            let rate = mbps(tcvn.len(), secs);
            let ours_rate = mbps(tcvn.len(), ours);
            println!(
                "\niconv -f TCVN5712-1 -t UTF-8 on the same {:.0} MB, best of three: {secs:.2} s, {rate:.0} MB/s",
                tcvn.len() as f64 / 1e6
            );
            println!(
                "vblint decode (auto-detecting), best of three: {ours:.2} s, {ours_rate:.0} MB/s (table run {tcvn_rate:.0} MB/s); ratio to iconv {:.2}x",
                ours_rate / rate
            );
        }
        _ => println!("\niconv not available or failed; no comparison"),
    }
    let _ = std::fs::remove_file(&path);
}
