//! VNI-Windows: a vowel byte followed by a mark byte (tone, circumflex, breve), a few one-byte
//! letters (đ ơ ư and the i/y family), the rest Windows-1252.

use super::{Out, cp1252_char};
use crate::decode::viet::{self, Tone};
use crate::source::LineMap;

/// What a VNI mark byte does: `(shape, tone)` with shape 0 = tone only, 1 = circumflex, 2 = breve.
fn vni_mark(b: u8) -> Option<(u8, Tone)> {
    let lower = if (0xC0..=0xDF).contains(&b) {
        b + 0x20
    } else {
        b
    };
    Some(match lower {
        0xF9 => (0, Tone::Acute),
        0xF8 => (0, Tone::Grave),
        0xFB => (0, Tone::Hook),
        0xF5 => (0, Tone::Tilde),
        0xEF => (0, Tone::Dot),
        0xE2 => (1, Tone::Level),
        0xE1 => (1, Tone::Acute),
        0xE0 => (1, Tone::Grave),
        0xE5 => (1, Tone::Hook),
        0xE3 => (1, Tone::Tilde),
        0xE4 => (1, Tone::Dot),
        0xEA => (2, Tone::Level),
        0xE9 => (2, Tone::Acute),
        0xE8 => (2, Tone::Grave),
        0xFA => (2, Tone::Hook),
        0xFC => (2, Tone::Tilde),
        0xEB => (2, Tone::Dot),
        _ => return None,
    })
}

/// A VNI base byte: `(family, upper)` for a e i o u y, ơ (F4/D4) and ư (F6/D6).
fn vni_base(b: u8) -> Option<(u8, bool)> {
    let upper = b.is_ascii_uppercase() || b == 0xD4 || b == 0xD6;
    let fam = match b.to_ascii_lowercase() {
        b'a' => 0,
        b'e' => 3,
        b'i' => 5,
        b'o' => 6,
        b'u' => 9,
        b'y' => 11,
        _ => match b {
            0xF4 | 0xD4 => 8,
            0xF6 | 0xD6 => 10,
            _ => return None,
        },
    };
    Some((fam, upper))
}

/// VNI single-byte letters.
fn vni_single(b: u8) -> Option<char> {
    Some(match b {
        0xF1 => 'đ',
        0xD1 => 'Đ',
        0xF4 => 'ơ',
        0xD4 => 'Ơ',
        0xF6 => 'ư',
        0xD6 => 'Ư',
        0xED => 'í',
        0xCD => 'Í',
        0xEC => 'ì',
        0xCC => 'Ì',
        0xE6 => 'ỉ',
        0xC6 => 'Ỉ',
        0xF3 => 'ĩ',
        0xD3 => 'Ĩ',
        0xF2 => 'ị',
        0xD2 => 'Ị',
        0xEE => 'ỵ',
        0xCE => 'Ỵ',
        _ => return None,
    })
}

/// The letter a VNI base + mark pair spells, if the mark fits the base.
fn vni_pair(base: u8, mark: u8) -> Option<char> {
    let (fam, upper) = vni_base(base)?;
    let (shape, tone) = vni_mark(mark)?;
    let family = match (shape, fam) {
        (0, f) => f,
        (1, 0) => 2,
        (1, 3) => 4,
        (1, 6) => 7,
        (2, 0) => 1,
        _ => return None,
    };
    Some(viet::compose(family, tone, upper))
}

/// One character of a VNI reading: the character, how many bytes it took, and whether it is a
/// stray byte (see [`vni_stray_bytes`]).
#[derive(Clone, Copy)]
struct VniChar {
    c: char,
    consumed: u32,
    stray: bool,
}

/// The VNI reading of `bytes`, character by character: pairs first, then single-byte letters,
/// then Windows-1252. The one loop every VNI decoder and the stray-byte count share.
#[inline]
fn vni_chars(bytes: &[u8]) -> impl Iterator<Item = VniChar> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let &b = bytes.get(i)?;
        if b >= 0x41
            && let Some(&m) = bytes.get(i + 1)
            && m >= 0xC0
            && let Some(c) = vni_pair(b, m)
        {
            i += 2;
            return Some(VniChar {
                c,
                consumed: 2,
                stray: false,
            });
        }
        i += 1;
        let single = if b >= 0x80 { vni_single(b) } else { None };
        let c = match single {
            Some(c) => c,
            None if b >= 0x80 => cp1252_char(b),
            None => char::from(b),
        };
        Some(VniChar {
            c,
            consumed: 1,
            stray: b >= 0xC0 && single.is_none(),
        })
    })
}

/// Decodes VNI-Windows bytes, with per-line column maps (a pair is one character).
pub fn decode_vni(bytes: &[u8]) -> (String, Vec<LineMap>) {
    let mut out = Out::with_capacity(bytes.len() + bytes.len() / 2);
    for v in vni_chars(bytes) {
        out.push(v.c, v.consumed);
    }
    out.finish()
}

/// How many bytes in 0xC0–0xFF a VNI reading leaves over: neither a mark after its vowel nor one
/// of VNI's own letters. VNI text has none (its decoder shows them as Windows-1252 letters such as
/// "ú"), so they are evidence against VNI when another charset is as plausible.
pub fn vni_stray_bytes(bytes: &[u8]) -> usize {
    vni_chars(bytes).filter(|v| v.stray).count()
}

/// [`decode_vni_word`] and [`vni_stray_bytes`] in one scan (detection scores words so).
pub fn decode_vni_word_counting_strays(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut stray = 0;
    for v in vni_chars(bytes) {
        text.push(v.c);
        stray += usize::from(v.stray);
    }
    (text, stray)
}

/// Decodes one word's worth of VNI bytes (no line structure, no column map).
pub fn decode_vni_word(bytes: &[u8]) -> String {
    decode_vni_word_counting_strays(bytes).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vni_pairs_and_singles() {
        let (t, maps) = decode_vni(b"So\xE1: 21\nNg\xF6\xF4\xF8i");
        assert_eq!(t, "Số: 21\nNgười");
        assert_eq!(maps[0].original_column(2), 3);
        assert_eq!(decode_vni_word(b"Ng\xF6\xF4\xF8i"), "Người");
        assert_eq!(vni_stray_bytes(b"Ng\xF6\xF4\xF8i \xFA"), 1);
    }
}
