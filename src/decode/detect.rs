//! Which byte encoding a non-UTF-8 file is in, and whether an ASCII file is VIQR.
//!
//! Every candidate decoder reads a sample of the file (its start, middle and end, cut at line breaks);
//! the decoding whose non-ASCII words are most often Vietnamese syllables wins. This is the Funput
//! idea (count valid syllables), made cheap by sampling: the whole file is decoded once, afterwards,
//! with the winner.

use super::legacy;
use super::syllable;
use super::viet;
use unicode_normalization::UnicodeNormalization;

/// The legacy byte encodings we can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
    Viscii,
    Vps,
    Windows1258,
    Windows1252,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "tcvn3",
            Legacy::Vni => "vni-windows",
            Legacy::Viscii => "viscii",
            Legacy::Vps => "vps",
            Legacy::Windows1258 => "windows-1258",
            Legacy::Windows1252 => "windows-1252",
        }
    }

    const CANDIDATES: [Legacy; 5] = [
        Legacy::Tcvn3,
        Legacy::Vni,
        Legacy::Viscii,
        Legacy::Vps,
        Legacy::Windows1258,
    ];

    /// Decodes `bytes` as this encoding (text before NFC, with per-line maps).
    pub fn decode(self, bytes: &[u8]) -> (String, Vec<crate::source::LineMap>) {
        match self {
            Legacy::Tcvn3 => legacy::decode_tcvn3(bytes),
            Legacy::Vni => legacy::decode_vni(bytes),
            Legacy::Viscii => legacy::decode_viscii(bytes),
            Legacy::Vps => legacy::decode_vps(bytes),
            Legacy::Windows1258 => {
                let (t, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
                let lines = super::split_lines(&t).len();
                (
                    t.into_owned(),
                    vec![crate::source::LineMap::identity(); lines],
                )
            }
            Legacy::Windows1252 => {
                let t = legacy::decode_cp1252(bytes);
                let lines = super::split_lines(&t).len();
                (t, vec![crate::source::LineMap::identity(); lines])
            }
        }
    }
}

/// Up to ~36 KiB of `bytes`: start, middle and end, each cut to whole lines.
pub fn sample(bytes: &[u8]) -> Vec<u8> {
    const PART: usize = 12 * 1024;
    if bytes.len() <= 3 * PART {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(3 * PART + 2);
    for start in [0, bytes.len() / 2, bytes.len() - PART] {
        let chunk = &bytes[start..start + PART];
        let from = if start == 0 {
            0
        } else {
            chunk.iter().position(|&b| b == b'\n').map_or(0, |p| p + 1)
        };
        let to = chunk
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap_or(chunk.len());
        if from < to {
            out.extend_from_slice(&chunk[from..to]);
            out.push(b'\n');
        }
    }
    out
}

/// Score of a decoded text: + for each non-ASCII word that is a Vietnamese syllable (more if common),
/// − for each that is not, − for each symbol that no Vietnamese text has (C1 controls, U+FFFD, or
/// Latin-1 symbols wedged between letters). A capital after a lowercase letter inside a word is no
/// word's case; TCVN3 readings are the exception for non-ASCII lowercase ("HOạCH": ABC has no toned
/// capitals), so `tcvn3` tolerates it there.
pub fn score_reading(text: &str, tcvn3: bool) -> i64 {
    let mut score = 0i64;
    let mut buf = String::new();
    for word in text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'')) {
        if word.is_ascii() {
            continue;
        }
        let letters_only = word.chars().all(viet::is_viet_letter);
        score += if letters_only && capital_after_lowercase(word, tcvn3) {
            // "sƯ": VISCII reads VPS "sự" so; "TỉNH": VPS reads VN1 "TÌNH" so.
            -1
        } else if letters_only {
            match syllable::classify(word, &mut buf) {
                // Capitals are rarer than lowercase: when two charsets differ only in a letter's
                // case (VISCII "SƯ", VPS "Sự"), the reading with the lowercase one wins.
                3 if word.chars().nth(1).is_some_and(|c| viet::to_lower(c) != c) => 2,
                3 => 3,
                2 => 1,
                _ => -2,
            }
        } else {
            -2
        };
    }
    score
}

/// [`score_reading`] tolerant of TCVN3's lowercase-coded capitals (any text may hold them).
pub fn score(text: &str) -> i64 {
    score_reading(text, true)
}

/// Whether a capital follows a lowercase letter in `word` (only an ASCII one when `tcvn3`).
fn capital_after_lowercase(word: &str, tcvn3: bool) -> bool {
    let is_lower = |c: char| {
        if tcvn3 {
            c.is_ascii_lowercase()
        } else {
            viet::to_upper(c) != c
        }
    };
    word.chars()
        .skip_while(|&c| !is_lower(c))
        .any(|c| viet::to_lower(c) != c)
}

/// The most likely legacy encoding of `bytes` (which are not UTF-8) and a confidence in 0..1; `None`
/// when no reading gives Vietnamese (then the bytes are broken UTF-8 or some other language).
pub fn detect_legacy(bytes: &[u8]) -> Option<(Legacy, f32)> {
    let sample = sample(bytes);
    let mut scores: Vec<(Legacy, i64)> = Legacy::CANDIDATES
        .iter()
        .map(|&enc| {
            let (text, _) = enc.decode(&sample);
            let text: String = if enc == Legacy::Windows1258 {
                text.nfc().collect()
            } else {
                text
            };
            let stray = if enc == Legacy::Vni {
                legacy::vni_stray_bytes(&sample)
            } else {
                0
            };
            (
                enc,
                score_reading(&text, enc == Legacy::Tcvn3) - 2 * stray as i64,
            )
        })
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, best_score) = scores[0];
    let second = scores.get(1).map_or(0, |s| s.1).max(0);
    if best_score <= 0 {
        return None;
    }
    let confidence = (best_score - second) as f32 / best_score as f32;
    Some((best, (0.5 + confidence / 2.0).clamp(0.5, 1.0)))
}

/// Whether valid UTF-8 holds characters no Vietnamese text has, the trace of legacy bytes that
/// happen to form valid UTF-8: C0 controls other than whitespace (VN1 and VPS put capitals there),
/// C1 controls, and letters of other scripts (VPS "ườ" is the bytes DC A9, which UTF-8 reads as
/// Syriac). Combining marks stay plausible: they are NFD Vietnamese.
pub fn utf8_has_foreign_chars(text: &str) -> bool {
    // A byte scan (this runs on every UTF-8 file): a table says per byte whether it is fine
    // (ASCII, continuation bytes, lead bytes of plausible ranges), foreign, or a lead byte whose
    // next byte decides. In Latin Extended-A/B only ă đ ĩ ũ ơ ư and their capitals are Vietnamese.
    const FINE: u8 = 0;
    const FOREIGN: u8 = 1;
    const LOOK: u8 = 2;
    static CLASS: [u8; 256] = {
        let mut t = [FINE; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = match b as u8 {
                b'\t' | b'\n' | b'\r' | 0x0C => FINE,
                0x00..=0x1F | 0xC7..=0xCB | 0xCE..=0xE0 => FOREIGN,
                0xC2 | 0xC4..=0xC6 | 0xCD | 0xE1 => LOOK,
                _ => FINE,
            };
            b += 1;
        }
        t
    };
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &x)| match CLASS[usize::from(x)] {
            FINE => false,
            FOREIGN => true,
            _ => {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                match x {
                    0xC2 => next <= 0x9F,                                             // C1 controls
                    0xC4 => !matches!(next, 0x82 | 0x83 | 0x90 | 0x91 | 0xA8 | 0xA9), // Ă ă Đ đ Ĩ ĩ
                    0xC5 => !matches!(next, 0xA8 | 0xA9),                             // Ũ ũ
                    0xC6 => !matches!(next, 0xA0 | 0xA1 | 0xAF | 0xB0),               // Ơ ơ Ư ư
                    0xCD => next >= 0xB0, // U+0370 on: Greek
                    _ => next < 0xB8,     // E1: U+1000–U+1DFF
                }
            }
        })
}

/// A legacy encoding for bytes that are valid UTF-8 but read better as a legacy charset: checked
/// only when [`utf8_has_foreign_chars`], and chosen only when its reading scores higher than the
/// UTF-8 one, so a UTF-8 file with one stray symbol stays UTF-8.
pub fn legacy_in_valid_utf8(text: &str) -> Option<(Legacy, f32)> {
    if !utf8_has_foreign_chars(text) {
        return None;
    }
    let sample = sample(text.as_bytes());
    let utf8_score = score(&String::from_utf8_lossy(&sample).nfc().collect::<String>());
    detect_legacy(text.as_bytes()).filter(|&(enc, _)| {
        let (decoded, _) = enc.decode(&sample);
        score(&decoded.nfc().collect::<String>()) > utf8_score
    })
}

/// Whether invalid UTF-8 is still UTF-8 with a few bad bytes (then it is decoded lossily) rather than
/// a legacy encoding: well-formed multi-byte sequences must outnumber errors four to one.
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = &bytes[..bytes.len().min(1 << 16)];
    let (mut multi, mut errors) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multi += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                multi += good.iter().filter(|&&b| b >= 0xC0).count();
                errors += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    multi > 0 && multi >= 4 * errors
}

/// Whether a text is VIQR as a whole: it has no Vietnamese letter of its own, and the VIQR reading
/// of its start has many Vietnamese words (with marks other than a sentence's full stop) and changes
/// few words into non-syllables.
pub fn looks_viqr(text: &str) -> bool {
    let sample = &text[..crate::source::floor_char_boundary(text, 64 * 1024)];
    !sample.chars().any(viet::is_viet_non_ascii)
        && looks_viqr_sample(sample)
        && !text.chars().any(viet::is_viet_non_ascii)
}

fn looks_viqr_sample(sample: &str) -> bool {
    if !sample
        .bytes()
        .any(|b| matches!(b, b'\'' | b'`' | b'?' | b'~' | b'.' | b'^' | b'(' | b'+'))
    {
        return false;
    }
    let (decoded, _) = legacy::decode_viqr(sample);
    let mut buf = String::new();
    let (mut good, mut bad, mut words, mut strong) = (0usize, 0usize, 0usize, 0usize);
    for (orig, dec) in sample.split_whitespace().zip(decoded.split_whitespace()) {
        words += 1;
        if orig == dec {
            continue;
        }
        let core = dec.trim_matches(|c: char| c.is_ascii_punctuation());
        if !core.is_empty() && syllable::classify(core, &mut buf) >= 2 {
            good += 1;
            // A full stop after a vowel also ends plain sentences ("khi."): only the other marks,
            // or a mark inside the word, are evidence of VIQR.
            let body = orig.trim_end_matches(['.', ',', ';', ':', '!', ')', '"']);
            if body.contains(['^', '(', '+', '\'', '`', '~', '?'])
                || body.contains("dd")
                || body.contains("DD")
                || body.contains('.')
            {
                strong += 1;
            }
        } else {
            bad += 1;
        }
    }
    good >= 3 && strong >= 3 && strong * 4 >= good && good * 5 >= words && bad * 10 <= good
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition `utf8_has_foreign_chars` implements with a byte scan.
    fn foreign_by_chars(text: &str) -> bool {
        text.chars().any(|c| match c {
            '\t' | '\n' | '\r' | '\x0c' => false,
            '\0'..='\x1f' | '\u{80}'..='\u{9f}' => true,
            '\u{300}'..='\u{36f}' => false,
            '\u{100}'..='\u{1dff}' => !viet::is_viet_letter(c),
            _ => false,
        })
    }

    #[test]
    fn foreign_chars_in_vietnamese_and_other_scripts() {
        assert!(!utf8_has_foreign_chars(
            "Kế hoạch Đội TNTP Hồ Chí Minh\r\n\tnăm 2024 – “thi đua”"
        ));
        assert!(!utf8_has_foreign_chars("Ke\u{302}\u{301} hoa\u{323}ch"));
        for text in [
            "CỬ \u{5}",
            "tr\u{729}ng",
            "\u{96}",
            "Ω",
            "ǎ",
            "\u{1d00}",
            "ʼ",
        ] {
            assert!(utf8_has_foreign_chars(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn byte_scan_agrees_with_the_char_definition(
            s in "[a-zA-Z \\n\\t\\x00-\\x1f\\u{80}-\\u{2ff}\\u{300}-\\u{380}\\u{1000}-\\u{1fff}ăđơưĂĐƠƯàảãạ]{0,40}"
        ) {
            prop_assert_eq!(utf8_has_foreign_chars(&s), foreign_by_chars(&s));
        }
    }
}
