//! Arbitrary bytes as a `check --stdin-lines` request stream: never a panic, and one record per
//! non-blank line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vblint::report::json::JsonLinesReporter;

fuzz_target!(|bytes: &[u8]| {
    let options = vblint::pipeline::Options::default();
    let mut out = Vec::new();
    let mut reporter = JsonLinesReporter::new(&mut out);
    let mut reader = std::io::Cursor::new(bytes);
    let outcome = vblint::run::serve_lines(&mut reader, &options, 1 << 16, &mut reporter)
        .expect("writing to memory cannot fail");
    let requests = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count() as u64;
    assert_eq!(outcome.summary.files, requests, "one record per request");
});
