//! UTF-8 read through Windows-1252, undone on one word's bytes: also doubly encoded, also with
//! cp1252's five undefined bytes kept as C1 controls, dropped, or replaced by U+FFFD.

use crate::decode::codec::cp1252_byte;

/// The five bytes Windows-1252 leaves undefined; in mojibake they went missing or were replaced.
const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Undoes UTF-8-read-as-cp1252 on one word's bytes: fills replaced (`slots`) or dropped continuation
/// bytes with the undefined bytes, choosing the reading `score` (the syllable model, 0 for none)
/// likes best, and repeats for double encoding.
pub fn undo(
    bytes: &[u8],
    slots: &[usize],
    mut score: impl FnMut(&str, &mut String) -> u8,
) -> Option<String> {
    let mut bytes = bytes.to_vec();
    let mut slots = slots.to_vec();
    // Dropped bytes: a lead byte with too few continuation bytes after it gets empty slots.
    let mut i = 0;
    while i < bytes.len() {
        let need = match bytes[i] {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 {
            let mut have = 0;
            while have < need
                && i + 1 + have < bytes.len()
                && (is_cont(bytes[i + 1 + have]) || slots.contains(&(i + 1 + have)))
            {
                have += 1;
            }
            for k in have..need {
                let at = i + 1 + k;
                bytes.insert(at, 0);
                for s in slots.iter_mut() {
                    if *s >= at {
                        *s += 1;
                    }
                }
                slots.push(at);
            }
            i += need + 1;
        } else {
            i += 1;
        }
    }
    if slots.len() > 3 || !bytes.iter().any(|&b| b >= 0xC2) {
        return None;
    }
    let mut best: Option<(u8, String)> = None;
    let mut buf = String::new();
    let combos = 5usize.pow(slots.len() as u32);
    for n in 0..combos {
        let mut k = n;
        for &s in &slots {
            bytes[s] = UNDEFINED[k % 5];
            k /= 5;
        }
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let text = undo_double(text);
        let score = if slots.is_empty() {
            2
        } else {
            score(&text, &mut buf)
        };
        if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, text));
        }
    }
    best.map(|(_, t)| t)
}

#[inline]
fn is_cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Repeats the mojibake reversal while the text still reads as cp1252-read UTF-8 (double encoding).
fn undo_double(text: &str) -> String {
    let mut cur = text.to_string();
    for _ in 0..3 {
        let bytes: Option<Vec<u8>> = cur.chars().map(cp1252_byte).collect();
        let Some(bytes) = bytes else { break };
        if bytes.is_ascii() {
            break;
        }
        match std::str::from_utf8(&bytes) {
            Ok(t) if t != cur => cur = t.to_string(),
            _ => break,
        }
    }
    cur
}
