//! TCVN3 (ABC) and TCVN 5712:1993 VN1: one table, VN1's toned capitals in 0x80–0x9F read as letters
//! only inside a word that then is a syllable, combining tones 0xB0–0xB4 only after a vowel. Case
//! restoration, which ABC needs, is [`crate::decode::case`].

use super::{ch, cp1252_char};
use crate::decode::case::is_caps_line;
use crate::decode::tables::TCVN5712_1;
use crate::source::LineMap;

/// Whether a VN1/TCVN3 byte decodes to a letter (ASCII letters included).
#[inline]
fn tcvn_is_letter(b: u8) -> bool {
    b.is_ascii_alphabetic()
        || (b >= 0xA1 && !(0xB0..=0xB4).contains(&b))
        || (b < 0x20 && TCVN5712_1[usize::from(b)] > 0x7F)
}

/// The VN1 row 0x80–0x9F holds toned capitals, but TCVN3/ABC documents use those bytes as Windows-1252
/// punctuation (“ ” – …). A byte there is a capital when reading it so makes the word around it a
/// Vietnamese syllable and reading it as punctuation does not.
fn vn1_capital_here(bytes: &[u8], i: usize) -> bool {
    // A syllable is short: look at most 12 bytes either way (this also keeps the cost bounded on
    // long runs of such bytes).
    const REACH: usize = 12;
    let lo = i.saturating_sub(REACH);
    let start = match bytes[lo..i].iter().rposition(|&b| !tcvn_word_byte(b)) {
        Some(p) => lo + p + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let hi = (i + 1 + REACH).min(bytes.len());
    let end = match bytes[i..hi].iter().position(|&b| !tcvn_word_byte(b)) {
        Some(p) => i + p,
        None if hi == bytes.len() => hi,
        None => return false,
    };
    let before = &bytes[start..i];
    let after = &bytes[i + 1..end];
    // A lone byte (a quote or dash between spaces) is punctuation: it takes a letter beside it.
    if !before.iter().chain(after).any(|&b| tcvn_is_letter(b)) {
        return false;
    }
    // A capital cannot precede a title-case word ("“An") or follow lowercase letters ("tốt”").
    let lower = |s: &[u8]| {
        s.iter()
            .any(|&b| b.is_ascii_lowercase() || (b >= 0xA8 && tcvn_is_letter(b)))
    };
    let upper_first = after
        .first()
        .is_some_and(|b| b.is_ascii_uppercase() || (0xA1..=0xA7).contains(b));
    if (before.is_empty() && upper_first && lower(after)) || (after.is_empty() && lower(before)) {
        return false;
    }
    let as_letters: String = bytes[start..end]
        .iter()
        .map(|&b| ch(TCVN5712_1[usize::from(b)]))
        .collect();
    crate::decode::syllable::is_valid_syllable(&as_letters)
}

#[inline]
fn tcvn_word_byte(b: u8) -> bool {
    tcvn_is_letter(b) || (0x80..=0x9F).contains(&b)
}

/// Decodes TCVN3 (ABC) / TCVN 5712 VN1 bytes. Toned capitals from VN1 are decoded; 0x80–0x9F are read
/// as letters only inside a word that is then a syllable, and the combining tones 0xB0–0xB4 only after
/// a vowel. Case is not restored here (see [`crate::decode::case`]).
pub fn decode_tcvn3(bytes: &[u8]) -> (String, Vec<LineMap>) {
    // One byte is always one character here (combining tones compose later, in NFC), so the
    // column maps are all identity and the loop is a plain table lookup.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut prev_vowel = false;
    let mut lines = 1usize;
    let mut prev_cr = false;
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            0x80..=0x9F => {
                if vn1_capital_here(bytes, i) {
                    ch(TCVN5712_1[usize::from(b)])
                } else {
                    cp1252_char(b)
                }
            }
            0xB0..=0xB4 if !prev_vowel => cp1252_char(b),
            b'\n' => {
                lines += usize::from(!prev_cr);
                '\n'
            }
            b'\r' => {
                lines += 1;
                '\r'
            }
            _ => ch(TCVN5712_1[usize::from(b)]),
        };
        prev_cr = b == b'\r';
        prev_vowel = tcvn_level_vowel(b);
        text.push(c);
    }
    (text, vec![LineMap::identity(); lines])
}

/// A whole TCVN3/VN1 file decoded, with what the later stages need to know.
pub struct TcvnFile {
    pub text: String,
    pub lines: usize,
    /// Byte ranges (in `text`) of the lines where TCVN3 case restoration would change something.
    pub case_lines: Vec<(usize, usize)>,
    /// The file uses VN1's own toned capitals (then it kept its case and needs no restoration).
    pub vn1: bool,
    /// Combining tone bytes were decoded (then the text needs NFC).
    pub combining: bool,
}

/// Byte classes for the case-restoration pre-check: 1 lowercase ASCII, 2 stored capital, 3 letter
/// stored in lowercase only, 4 VN1-only capital, 0 no letter.
fn tcvn_class(b: u8) -> u8 {
    if b.is_ascii_lowercase() {
        1
    } else if b.is_ascii_uppercase() || (0xA1..=0xA7).contains(&b) {
        2
    } else if is_vn1_only_capital(b) {
        4
    } else if b >= 0xA8 && tcvn_is_letter(b) {
        3
    } else {
        0
    }
}

/// Decodes a whole TCVN3/VN1 file in one pass: table lookups into UTF-8, line counting, and per line
/// the same decision as [`crate::decode::case::restore_tcvn_case`] (whether it would change a line), made on the bytes.
pub fn decode_tcvn3_file(bytes: &[u8]) -> TcvnFile {
    if bytes.len() < SPLIT_AT {
        return decode_tcvn3_part(bytes);
    }
    // Two halves at once, cut after a line break: there the decoder holds no state (the words
    // and the line are over, and a VN1 capital is judged within its word).
    let mid = bytes.len() / 2;
    let Some(cut) = bytes[mid..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|p| mid + p + 1)
        .filter(|&cut| cut < bytes.len())
    else {
        return decode_tcvn3_part(bytes);
    };
    let (mut first, second) = rayon::join(
        || decode_tcvn3_part(&bytes[..cut]),
        || decode_tcvn3_part(&bytes[cut..]),
    );
    let shift = first.text.len();
    first.text.push_str(&second.text);
    first.case_lines.extend(
        second
            .case_lines
            .iter()
            .map(|&(s, e)| (s + shift, e + shift)),
    );
    TcvnFile {
        text: first.text,
        // Each part counts its line breaks plus one.
        lines: first.lines + second.lines - 1,
        case_lines: first.case_lines,
        vn1: first.vn1 || second.vn1,
        combining: first.combining || second.combining,
    }
}

/// Files from this size on are decoded in two halves at once by [`decode_tcvn3_file`].
const SPLIT_AT: usize = 8 << 20;

/// [`decode_tcvn3_file`] of one part of a file, which starts at the file's start or after a line
/// break.
fn decode_tcvn3_part(bytes: &[u8]) -> TcvnFile {
    // Per byte, flags instead of a class, so that a word's state is two registers updated by two
    // instructions (this loop is most of `normalize` on a TCVN3 file).
    const LOWER: u8 = 1; // lowercase ASCII (class 1)
    const UPPER: u8 = 2; // stored capital (class 2)
    const UNRELIABLE: u8 = 4; // letter stored in lowercase only (class 3)
    const VN1: u8 = 8; // VN1-only capital (class 4)
    const VOWEL: u8 = 16; // a vowel without tone
    const LETTER: u8 = 32; // any class but 0: not a word break
    struct Tab {
        chars: [char; 256],
        flags: [u8; 256],
    }
    static TAB: std::sync::OnceLock<Tab> = std::sync::OnceLock::new();
    let tab = TAB.get_or_init(|| {
        let mut t = Tab {
            chars: ['\0'; 256],
            flags: [0; 256],
        };
        for b in 0..=255u8 {
            t.chars[usize::from(b)] = ch(TCVN5712_1[usize::from(b)]);
            let class = match tcvn_class(b) {
                0 => 0,
                1 => LOWER | LETTER,
                2 => UPPER | LETTER,
                3 => UNRELIABLE | LETTER,
                _ => VN1 | LETTER,
            };
            t.flags[usize::from(b)] = class | if tcvn_level_vowel(b) { VOWEL } else { 0 };
        }
        t
    });
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut case_lines = Vec::new();
    let mut combining = false;
    let mut vn1_capital = false;
    let mut all_flags = 0u8;
    let mut prev_vowel = false;
    // Case pre-check state: per word the flags seen and whether a capital came twice; per line the
    // words counted by kind and two flags.
    let (mut word, mut upper_twice) = (0u8, 0u8);
    let (mut caps_words, mut lower_words, mut strong, mut weak) = (0u32, 0u32, false, false);
    let mut caps_syllable_words = 0u32;
    let mut line = 0usize;
    let mut line_start = 0usize;
    let mut i = 0usize;
    let n = bytes.len();
    while i <= n {
        let b = if i < n { bytes[i] } else { b'\n' };
        let f = tab.flags[usize::from(b)];
        all_flags |= f;
        if f & LETTER != 0 {
            upper_twice |= word & f & UPPER;
            word |= f;
        } else {
            if word & (LOWER | UPPER | UNRELIABLE) != 0 {
                if word & LOWER != 0 {
                    lower_words += 1;
                } else if upper_twice != 0 && word & UNRELIABLE != 0 {
                    caps_words += 1;
                    strong = true;
                } else if word & UNRELIABLE != 0 {
                    weak = true;
                } else if upper_twice != 0 {
                    // Maybe an all-capital syllable ("KIA"): restore_tcvn_case decides.
                    caps_syllable_words += 1;
                }
            }
            (word, upper_twice) = (0, 0);
            if b == b'\n' || b == b'\r' {
                let caps_line = || {
                    is_caps_line(
                        caps_words as usize,
                        caps_syllable_words as usize,
                        lower_words as usize,
                    )
                };
                if strong || (weak && caps_line()) {
                    case_lines.push((line_start, out.len()));
                }
                (caps_words, lower_words, strong, weak) = (0, 0, false, false);
                caps_syllable_words = 0;
                if i == n {
                    break;
                }
                if !(b == b'\n' && i > 0 && bytes[i - 1] == b'\r') {
                    line += 1;
                }
            }
        }
        if (0x20..0x80).contains(&b) {
            // Printable ASCII reads as itself (the C0 row holds VN1 capitals).
            out.push(char::from(b));
        } else if (0x80..=0xB4).contains(&b) && (b <= 0x9F || b >= 0xB0) {
            match b {
                0x80..=0x9F => {
                    if vn1_capital_here(bytes, i) {
                        vn1_capital = true;
                        out.push(tab.chars[usize::from(b)]);
                    } else {
                        out.push(cp1252_char(b));
                    }
                }
                _ if !prev_vowel => out.push(cp1252_char(b)),
                _ => {
                    combining = true;
                    out.push(tab.chars[usize::from(b)]);
                }
            }
        } else {
            out.push(tab.chars[usize::from(b)]);
        }
        if b == b'\n' || b == b'\r' {
            line_start = out.len();
        }
        prev_vowel = f & VOWEL != 0;
        i += 1;
    }
    TcvnFile {
        text: out,
        lines: line + 1,
        case_lines,
        vn1: vn1_capital || all_flags & VN1 != 0,
        combining,
    }
}

/// Whether a TCVN byte is a vowel without tone (a combining tone may follow it).
#[inline]
fn tcvn_level_vowel(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    ) || (0xA1..=0xAD).contains(&b) && b != 0xA7
}

/// Whether a byte is a toned capital that only the full VN1 set has (C0 row and a few G1 slots; the
/// 0x80–0x9F row is left out because TCVN3 documents use it for cp1252 punctuation).
pub fn is_vn1_only_capital(b: u8) -> bool {
    matches!(b, 0x01 | 0x02 | 0x04..=0x06 | 0x11..=0x17 | 0xAF | 0xBA | 0xBF | 0xC0..=0xC5 | 0xCD | 0xD9..=0xDB | 0xE0 | 0xF0 | 0xFF)
}

/// Decodes one word's worth of TCVN3 bytes (no line structure).
pub fn decode_tcvn3_word(bytes: &[u8]) -> String {
    decode_tcvn3_in(bytes, 0..bytes.len())
}

/// What [`decode_tcvn3`] makes of the word `bytes[range]` (which starts after a byte that is no
/// vowel, or at the start): a VN1 capital is judged with the bytes around it, as there.
pub fn decode_tcvn3_in(bytes: &[u8], range: std::ops::Range<usize>) -> String {
    let mut out = String::with_capacity(range.len() * 2);
    let mut prev_vowel = false;
    for (i, &b) in bytes.iter().enumerate().take(range.end).skip(range.start) {
        out.push(match b {
            0x80..=0x9F if !vn1_capital_here(bytes, i) => cp1252_char(b),
            0xB0..=0xB4 if !prev_vowel => cp1252_char(b),
            _ => ch(TCVN5712_1[usize::from(b)]),
        });
        prev_vowel = tcvn_level_vowel(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_file_decodes_in_halves_as_in_one_part() {
        let lines: [&[u8]; 5] = [
            b"K\xea ho\xb9ch n\xa8m h\xe4c 2024\r\n",
            b"C\xe9NG HO\xb5 X\xb7 H\xe9I CH\xf1 NGH\xdcA\n",
            b"\x93D\xb9y t\xe8t\x94 \x8f\x90 A\xb3 a\xb3\r",
            b"\n",
            b"S\xe8: 12/KH-THCS ng\xb5y 5 th\xb8ng 9\n",
        ];
        let mut bytes = Vec::new();
        let mut k = 0;
        while bytes.len() < SPLIT_AT + 4096 {
            bytes.extend_from_slice(lines[k % lines.len()]);
            k += 7;
        }
        for cut in [bytes.len(), bytes.len() - 1] {
            let whole = decode_tcvn3_part(&bytes[..cut]);
            let halves = decode_tcvn3_file(&bytes[..cut]);
            assert!(!whole.case_lines.is_empty() && whole.combining);
            assert_eq!(halves.text, whole.text);
            assert_eq!(halves.lines, whole.lines);
            assert_eq!(halves.case_lines, whole.case_lines);
            assert_eq!((halves.vn1, halves.combining), (whole.vn1, whole.combining));
        }
    }

    #[test]
    fn tcvn_quotes_stay_quotes() {
        let (t, _) = decode_tcvn3(b"\x93D\xB9y t\xE8t\x94 H\x96C");
        assert_eq!(t, "“Dạy tốt” HỌC");
    }
}
