//! Arbitrary bytes as a PDF: never a panic that escapes (the reader's own guard turns third-party
//! panics into errors), a clear error or text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vblint::container::{Kind, Limits, extract};

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits {
        max_uncompressed: 4_000_000,
        max_text: 1_000_000,
        ..Limits::default()
    };
    let _ = extract(Kind::Pdf, bytes, &limits);
});
