//! Arbitrary bytes as a .docx (ZIP + XML), under small limits so that every path is reached
//! quickly: never a panic, a clear error or text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vblint::container::{Kind, Limits, extract};

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits {
        max_uncompressed: 4_000_000,
        max_text: 1_000_000,
        ..Limits::default()
    };
    let _ = extract(Kind::Docx, bytes, &limits);
});
