//! Encoders into every legacy form, and the damage simulators (cp1252 misreading, UTF-8 mojibake).
//!
//! They exist for the test corpus, the property tests and the benchmark: each is the exact inverse of
//! the matching decoder's table, so `decode(encode(x)) == x` is a meaningful check of both.

use super::codec::{cp1252_byte, cp1252_char};
use super::tables::TCVN5712_1;
use super::viet::{self, Tone};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Reverse of a byte table (first byte wins), as a map char → byte.
fn reverse(table: &'static [u16; 256]) -> HashMap<char, u8> {
    let mut m = HashMap::new();
    for (b, &u) in table.iter().enumerate() {
        if let Some(c) = char::from_u32(u32::from(u)) {
            m.entry(c).or_insert(b as u8);
        }
    }
    m
}

fn rev_tcvn() -> &'static HashMap<char, u8> {
    static R: OnceLock<HashMap<char, u8>> = OnceLock::new();
    R.get_or_init(|| reverse(&TCVN5712_1))
}

/// The reverse of a one-byte table, built once per table.
fn rev_of(table: &'static [u16; 256]) -> &'static HashMap<char, u8> {
    type Cache = Mutex<Vec<(usize, &'static HashMap<char, u8>)>>;
    static R: OnceLock<Cache> = OnceLock::new();
    let key = table.as_ptr() as usize;
    let mut cache = R
        .get_or_init(|| Mutex::new(Vec::new()))
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&(_, rev)) = cache.iter().find(|(k, _)| *k == key) {
        return rev;
    }
    // One small map per table of the crate, kept for the life of the test process.
    let rev: &'static HashMap<char, u8> = Box::leak(Box::new(reverse(table)));
    cache.push((key, rev));
    rev
}

/// Bytes of TCVN3 (ABC): seven untoned capitals have codes; toned capitals are written with the
/// lowercase code, as the ".VnTimeH" capital fonts expect. Windows-1252 punctuation stays cp1252.
pub fn encode_tcvn3(text: &str) -> Vec<u8> {
    let rev = rev_tcvn();
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let abc = |b: u8| {
            b.is_ascii() && !(0x01..0x18).contains(&b)
                || (0xA1..=0xFE).contains(&b) && !is_vn1_only(b)
        };
        match rev.get(&c) {
            Some(&b) if abc(b) || b == b'\n' || b == b'\r' || b == b'\t' => out.push(b),
            _ => {
                let lower = viet::to_lower(c);
                match rev.get(&lower) {
                    Some(&b) if lower != c && abc(b) => out.push(b),
                    _ => out.push(cp1252_byte(c).unwrap_or(b'?')),
                }
            }
        }
    }
    out
}

/// VN1 slots that TCVN3/ABC does not have (toned capitals in the G1 half).
fn is_vn1_only(b: u8) -> bool {
    matches!(b, 0xAF | 0xB0..=0xB4 | 0xBA | 0xBF | 0xC0..=0xC5 | 0xCD | 0xD9..=0xDB | 0xE0 | 0xF0 | 0xFF)
}

/// Bytes of TCVN 5712:1993 VN1 (toned capitals in their own slots).
pub fn encode_tcvn5712(text: &str) -> Vec<u8> {
    let rev = rev_tcvn();
    text.chars()
        .map(|c| match rev.get(&c) {
            Some(&b) if !(0xB0..=0xB4).contains(&b) => b,
            _ => cp1252_byte(c).unwrap_or(b'?'),
        })
        .collect()
}

/// Bytes of a one-byte table charset (VISCII, VPS): the inverse of its table; '?' for what it
/// cannot carry.
pub fn encode_table(text: &str, table: &'static [u16; 256]) -> Vec<u8> {
    let rev = rev_of(table);
    text.chars()
        .map(|c| match rev.get(&c) {
            Some(&b) => b,
            None => match cp1252_byte(c) {
                Some(b) if u32::from(table[usize::from(b)]) == c as u32 => b,
                _ => b'?',
            },
        })
        .collect()
}

/// Bytes of VNI-Windows: base letter + mark byte, capitals with the mark byte − 0x20.
pub fn encode_vni(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let single = match c {
            'đ' => Some(0xF1),
            'Đ' => Some(0xD1),
            'ơ' => Some(0xF4),
            'Ơ' => Some(0xD4),
            'ư' => Some(0xF6),
            'Ư' => Some(0xD6),
            'í' => Some(0xED),
            'Í' => Some(0xCD),
            'ì' => Some(0xEC),
            'Ì' => Some(0xCC),
            'ỉ' => Some(0xE6),
            'Ỉ' => Some(0xC6),
            'ĩ' => Some(0xF3),
            'Ĩ' => Some(0xD3),
            'ị' => Some(0xF2),
            'Ị' => Some(0xD2),
            'ỵ' => Some(0xEE),
            'Ỵ' => Some(0xCE),
            _ => None,
        };
        if let Some(b) = single {
            out.push(b);
            continue;
        }
        let Some(v) = viet::vowel(c) else {
            out.push(cp1252_byte(c).unwrap_or(b'?'));
            continue;
        };
        let shift = if v.upper { 0x20 } else { 0 };
        let (base, mark): (u8, Option<u8>) = match v.family {
            0 | 3 | 5 | 6 | 9 | 11 => (
                viet::FAMILIES[usize::from(v.family)] as u8,
                tone_mark(v.tone),
            ),
            8 => (0xF4, tone_mark(v.tone)),
            10 => (0xF6, tone_mark(v.tone)),
            2 | 4 | 7 => {
                let base = match v.family {
                    2 => b'a',
                    4 => b'e',
                    _ => b'o',
                };
                let m = [0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4][v.tone as usize];
                (base, Some(m))
            }
            _ => (
                b'a',
                Some([0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB][v.tone as usize]),
            ),
        };
        let base = if v.upper {
            match base {
                0xF4 => 0xD4,
                0xF6 => 0xD6,
                b => b.to_ascii_uppercase(),
            }
        } else {
            base
        };
        out.push(base);
        if let Some(m) = mark {
            out.push(m - shift);
        }
    }
    out
}

fn tone_mark(t: Tone) -> Option<u8> {
    match t {
        Tone::Level => None,
        Tone::Acute => Some(0xF9),
        Tone::Grave => Some(0xF8),
        Tone::Hook => Some(0xFB),
        Tone::Tilde => Some(0xF5),
        Tone::Dot => Some(0xEF),
    }
}

/// VIQR (RFC 1456): vowel + `^`/`(`/`+` + tone mark, `dd` for đ; a mark character that follows a vowel
/// (or a `d` that follows a `d`) in the original text is escaped with `\`.
pub fn encode_viqr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev_vowel_or_d = ' ';
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let escape = match c {
            '^' | '(' | '+' | '\'' | '`' | '?' | '~' | '.' => {
                viet::vowel(prev_vowel_or_d).is_some()
            }
            // A literal d before d/đ would pair with it.
            'd' | 'D' => matches!(next, 'd' | 'D' | 'đ' | 'Đ'),
            '\\' => true,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        prev_vowel_or_d = c;
        if c == 'đ' || c == 'Đ' {
            out.push_str(if c == 'đ' { "dd" } else { "DD" });
            prev_vowel_or_d = ' ';
            continue;
        }
        match viet::vowel(c) {
            Some(v) if !c.is_ascii() || v.tone != Tone::Level => {
                let (base, shape) = match v.family {
                    1 => ('a', Some('(')),
                    2 => ('a', Some('^')),
                    4 => ('e', Some('^')),
                    7 => ('o', Some('^')),
                    8 => ('o', Some('+')),
                    10 => ('u', Some('+')),
                    f => (viet::FAMILIES[usize::from(f)], None),
                };
                out.push(if v.upper {
                    base.to_ascii_uppercase()
                } else {
                    base
                });
                out.extend(shape);
                out.extend(match v.tone {
                    Tone::Level => None,
                    Tone::Acute => Some('\''),
                    Tone::Grave => Some('`'),
                    Tone::Hook => Some('?'),
                    Tone::Tilde => Some('~'),
                    Tone::Dot => Some('.'),
                });
                prev_vowel_or_d = if v.upper { 'A' } else { 'a' };
            }
            _ => out.push(c),
        }
    }
    out
}

/// Bytes of Windows-1258: shaped base letters (ă â ê ô ơ ư đ) plus a combining tone mark, the way
/// Microsoft's converters write Vietnamese.
pub fn encode_cp1258(text: &str) -> Vec<u8> {
    let decomposed = decompose_tones(text);
    let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    bytes.into_owned()
}

/// UniKey's "Unicode tổ hợp": precomposed shape letters, tones as combining marks.
pub fn decompose_tones(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match viet::vowel(c) {
            Some(v) if v.tone != Tone::Level && !c.is_ascii() => {
                out.push(viet::compose(v.family, Tone::Level, v.upper));
                out.push(match v.tone {
                    Tone::Acute => '\u{301}',
                    Tone::Grave => '\u{300}',
                    Tone::Hook => '\u{309}',
                    Tone::Tilde => '\u{303}',
                    _ => '\u{323}',
                });
            }
            _ => out.push(c),
        }
    }
    out
}

/// Bytes read as Windows-1252 (the damage "legacy text opened as a Western document").
pub fn read_as_cp1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

/// What a tool did with the five bytes Windows-1252 leaves undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undefined {
    /// Kept as C1 control characters (WHATWG, Python's `errors="surrogateescape"`-like tools).
    Keep,
    /// Dropped.
    Drop,
    /// Replaced by U+FFFD.
    Replace,
}

/// UTF-8 text read as Windows-1252 ("Số" → "Sá»‘").
pub fn utf8_mojibake(text: &str, undefined: Undefined) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for &b in text.as_bytes() {
        let c = cp1252_char(b);
        if ('\u{80}'..='\u{9F}').contains(&c) {
            match undefined {
                Undefined::Keep => out.push(c),
                Undefined::Drop => {}
                Undefined::Replace => out.push('\u{FFFD}'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoders_match_domain_examples() {
        assert_eq!(
            read_as_cp1252(&encode_tcvn3("Cộng hoà xã hội")),
            "Céng hoµ x· héi"
        );
        assert_eq!(
            read_as_cp1252(&encode_vni("Cộng hoà xã hội")),
            "Coäng hoaø xaõ hoäi"
        );
        assert_eq!(utf8_mojibake("Số", Undefined::Keep), "Sá»‘");
        assert_eq!(encode_viqr("Việt Nam."), "Vie^.t Nam.");
        assert_eq!(encode_viqr("ba."), "ba\\.");
    }
}
