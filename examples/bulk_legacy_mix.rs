//! Rewrites a share of a directory's UTF-8 text files in the legacy encodings and damaged forms
//! real archives hold, with the crate's own encoders: the legacy-heavy mix of `benches/bulk.sh`
//! (`MIX=legacy`). Of every 20 files (in path order, spread by a stride so that the mix does not
//! follow the generator's own patterns): 5 TCVN3, 3 VNI, 1 Windows-1258, 1 VNI read as
//! Windows-1252, 1 TCVN3 read as Windows-1252, 1 UTF-8 read as Windows-1252 (mojibake): 60%.
//! Files that are empty or not UTF-8 are left alone.
//!
//! Usage: cargo run --release --example bulk_legacy_mix -- DIR

use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use vblint::decode::encode;

/// The form of the file at `index` in path order, or `None` to keep it in UTF-8.
fn form(index: usize) -> Option<fn(&str) -> Vec<u8>> {
    // 7 is prime to 20: every run of 20 files gets each slot once.
    match (index * 7) % 20 {
        0..=4 => Some(encode::encode_tcvn3),
        5..=7 => Some(encode::encode_vni),
        8 => Some(encode::encode_cp1258),
        9 => Some(|t| encode::read_as_cp1252(&encode::encode_vni(t)).into_bytes()),
        10 => Some(|t| encode::read_as_cp1252(&encode::encode_tcvn3(t)).into_bytes()),
        11 => Some(|t| encode::utf8_mojibake(t, encode::Undefined::Keep).into_bytes()),
        _ => None,
    }
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            text_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bulk_legacy_mix DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    text_files(Path::new(&dir), &mut files)?;
    files.sort();
    let mut rewritten = 0;
    for (index, path) in files.iter().enumerate() {
        let Some(encode) = form(index) else { continue };
        let bytes = std::fs::read(path)?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        // The legacy encoders write precomposed letters: an NFD file is composed first, as the
        // fonts' users typed it.
        let text: String = text.nfc().collect();
        std::fs::write(path, encode(&text))?;
        rewritten += 1;
    }
    eprintln!(
        "{rewritten} of {} files rewritten in legacy forms",
        files.len()
    );
    Ok(())
}
