//! Decoders for the legacy Vietnamese byte encodings: TCVN3/VN1, VNI-Windows, VISCII, VPS, VIQR and
//! Windows-1252 (the lens through which damaged text was read).
//!
//! Each decoder is a table lookup plus, where the charset needs it, a one-byte lookahead state machine
//! (VNI's base + mark pairs, VIQR's letter + ASCII marks). Decoders keep every line break, so the
//! output has exactly the input's lines, and record a [`LineMap`] for each line where one output
//! character came from more or fewer than one input character.

use super::tables::{CP1252, TCVN5712_1, VISCII, VPS};
use super::viet::{self, Tone};
use crate::source::LineMap;

/// Accumulates decoded text and per-line column maps.
pub struct Out {
    pub text: String,
    pub maps: Vec<LineMap>,
    anchors: Vec<(u32, u32)>,
    out_col: u32,
    in_col: u32,
    after_cr: bool,
}

impl Out {
    pub fn with_capacity(n: usize) -> Self {
        Out {
            text: String::with_capacity(n),
            maps: Vec::new(),
            anchors: Vec::new(),
            out_col: 0,
            in_col: 0,
            after_cr: false,
        }
    }

    /// Appends `c`, which stands for `consumed` input characters.
    #[inline]
    pub fn push(&mut self, c: char, consumed: u32) {
        match c {
            '\n' => {
                if !self.after_cr {
                    self.end_line();
                }
                self.after_cr = false;
                self.text.push(c);
                return;
            }
            '\r' => {
                self.end_line();
                self.after_cr = true;
                self.text.push(c);
                return;
            }
            _ => self.after_cr = false,
        }
        if consumed != 1 {
            self.anchors.push((self.out_col, self.in_col));
            self.anchors
                .push((self.out_col + 1, self.in_col + consumed));
        }
        self.out_col += 1;
        self.in_col += consumed;
        self.text.push(c);
    }

    fn end_line(&mut self) {
        let map = if self.anchors.is_empty() {
            LineMap::identity()
        } else {
            let mut a = std::mem::take(&mut self.anchors);
            a.insert(0, (0, 0));
            a.dedup();
            LineMap::from_anchors(a)
        };
        self.maps.push(map);
        self.out_col = 0;
        self.in_col = 0;
    }

    /// The text and one map per line (same count as [`super::split_lines`] gives).
    pub fn finish(mut self) -> (String, Vec<LineMap>) {
        self.end_line();
        (self.text, self.maps)
    }
}

#[inline]
fn ch(u: u16) -> char {
    char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')
}

/// Windows-1252 byte → char.
#[inline]
pub fn cp1252_char(b: u8) -> char {
    ch(CP1252[usize::from(b)])
}

/// Char → Windows-1252 byte, for characters that a cp1252 reading can produce (C1 controls stand for
/// the undefined bytes, kept as is by some tools).
pub fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Whether a cp1252 reading can produce `c` (see [`cp1252_byte`]).
#[inline]
pub fn is_cp1252_char(c: char) -> bool {
    cp1252_byte(c).is_some()
}

/// Decodes Windows-1252 bytes (tests and encoders use it to simulate damage).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

// ---------------------------------------------------------------- TCVN3 / VN1

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
    super::syllable::is_valid_syllable(&as_letters)
}

#[inline]
fn tcvn_word_byte(b: u8) -> bool {
    tcvn_is_letter(b) || (0x80..=0x9F).contains(&b)
}

/// Decodes TCVN3 (ABC) / TCVN 5712 VN1 bytes. Toned capitals from VN1 are decoded; 0x80–0x9F are read
/// as letters only inside a word that is then a syllable, and the combining tones 0xB0–0xB4 only after
/// a vowel. Case is not restored here (see [`restore_tcvn_case`]).
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
/// the same decision as [`case_restoration_needed`], made on the bytes.
pub fn decode_tcvn3_file(bytes: &[u8]) -> TcvnFile {
    struct Tab {
        chars: [char; 256],
        class: [u8; 256],
    }
    static TAB: std::sync::OnceLock<Tab> = std::sync::OnceLock::new();
    let tab = TAB.get_or_init(|| {
        let mut t = Tab {
            chars: ['\0'; 256],
            class: [0; 256],
        };
        for b in 0..=255u8 {
            t.chars[usize::from(b)] = ch(TCVN5712_1[usize::from(b)]);
            // Low three bits: the letter class; bit 3: a vowel without tone.
            t.class[usize::from(b)] = tcvn_class(b) | if tcvn_level_vowel(b) { 8 } else { 0 };
        }
        t
    });
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut file = TcvnFile {
        text: String::new(),
        lines: 1,
        case_lines: Vec::new(),
        vn1: false,
        combining: false,
    };
    let mut prev_vowel = false;
    // Case pre-check state: per word (upper, lower, unreliable), per line (caps, lower words, flags).
    let (mut upper, mut lower, mut unreliable) = (0u32, 0u32, 0u32);
    let (mut caps_words, mut lower_words, mut strong, mut weak) = (0u32, 0u32, false, false);
    let mut caps_syllable_words = 0u32;
    let mut line = 0usize;
    let mut line_start = 0usize;
    let mut i = 0usize;
    let n = bytes.len();
    while i <= n {
        let b = if i < n { bytes[i] } else { b'\n' };
        let bits = tab.class[usize::from(b)];
        let class = bits & 7;
        // Branch-free counting: the classes are as mixed as the letters of a text.
        lower += u32::from(class == 1);
        upper += u32::from(class == 2);
        unreliable += u32::from(class == 3);
        file.vn1 |= class == 4;
        if class == 0 {
            if upper + lower + unreliable > 0 {
                if lower > 0 {
                    lower_words += 1;
                } else if upper >= 2 && unreliable > 0 {
                    caps_words += 1;
                    strong = true;
                } else if unreliable > 0 {
                    weak = true;
                } else if upper >= 2 {
                    // Maybe an all-capital syllable ("KIA"): restore_tcvn_case decides.
                    caps_syllable_words += 1;
                }
                (upper, lower, unreliable) = (0, 0, 0);
            }
            if b == b'\n' || b == b'\r' {
                let caps_line = || {
                    is_caps_line(
                        caps_words as usize,
                        caps_syllable_words as usize,
                        lower_words as usize,
                    )
                };
                if strong || (weak && caps_line()) {
                    file.case_lines.push((line_start, out.len()));
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
        if (0x80..=0xB4).contains(&b) && (b <= 0x9F || b >= 0xB0) {
            match b {
                0x80..=0x9F => {
                    if vn1_capital_here(bytes, i) {
                        file.vn1 = true;
                        out.push(tab.chars[usize::from(b)]);
                    } else {
                        out.push(cp1252_char(b));
                    }
                }
                _ if !prev_vowel => out.push(cp1252_char(b)),
                _ => {
                    file.combining = true;
                    out.push(tab.chars[usize::from(b)]);
                }
            }
        } else {
            out.push(tab.chars[usize::from(b)]);
        }
        if b == b'\n' || b == b'\r' {
            line_start = out.len();
        }
        prev_vowel = bits & 8 != 0;
        i += 1;
    }
    file.lines = line + 1;
    file.text = out;
    file
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

/// Whether TCVN bytes use the VN1 toned capitals (then the text kept its case and needs no
/// restoration): a VN1-only slot, or a 0x80–0x9F byte that reads as a capital inside a word.
pub fn uses_vn1_capitals(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        is_vn1_only_capital(b) || ((0x80..=0x9F).contains(&b) && vn1_capital_here(bytes, i))
    })
}

/// Decodes one word's worth of TCVN3 bytes (no line structure).
pub fn decode_tcvn3_word(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut prev_vowel = false;
    for (i, &b) in bytes.iter().enumerate() {
        out.push(match b {
            0x80..=0x9F if !vn1_capital_here(bytes, i) => cp1252_char(b),
            0xB0..=0xB4 if !prev_vowel => cp1252_char(b),
            _ => ch(TCVN5712_1[usize::from(b)]),
        });
        prev_vowel = tcvn_level_vowel(b);
    }
    out
}

/// Restores the case of letters that TCVN3/ABC could only store in lowercase (toned vowels and, in
/// capital ".VnTimeH" fonts, all non-ASCII letters): a word whose reliable letters (ASCII letters and
/// stored capitals) are all uppercase becomes uppercase, and so does a word with at most one reliable
/// letter on a line whose other words are in capitals.
pub fn restore_tcvn_case(line: &str) -> String {
    restore_tcvn_case_with(line, 0)
}

/// [`restore_tcvn_case`] with `extra_caps` more words of evidence that the line is in capitals (the
/// caller knows of real-case capital words around a repaired span).
pub fn restore_tcvn_case_with(line: &str, extra_caps: usize) -> String {
    let words = word_ranges(line);
    let mut caps_words = extra_caps;
    let mut caps_syllables = 0usize;
    let mut lower_words = 0usize;
    let stats: Vec<(usize, usize, usize)> = words
        .iter()
        .map(|&(s, e)| {
            let w = &line[s..e];
            let upper = w
                .chars()
                .filter(|&c| reliable(c) && c != viet::to_lower(c))
                .count();
            let lower = w.chars().filter(|&c| c.is_ascii_lowercase()).count();
            let unreliable = w
                .chars()
                .filter(|&c| !c.is_ascii() && c == viet::to_lower(c) && c != viet::to_upper(c))
                .count();
            if lower > 0 {
                lower_words += 1;
            } else if upper >= 2 && unreliable > 0 {
                caps_words += 1;
            } else if is_caps_syllable(w, upper, unreliable) {
                caps_syllables += 1;
            }
            (upper, lower, unreliable)
        })
        .collect();
    let line_caps = is_caps_line(caps_words, caps_syllables, lower_words);
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for (&(s, e), &(upper, lower, unreliable)) in words.iter().zip(&stats) {
        out.push_str(&line[last..s]);
        let w = &line[s..e];
        let make_upper = unreliable > 0 && lower == 0 && (upper >= 2 || line_caps);
        if make_upper {
            out.extend(w.chars().map(viet::to_upper));
        } else {
            out.push_str(w);
        }
        last = e;
    }
    out.push_str(&line[last..]);
    out
}

/// Whether [`restore_tcvn_case`] would change anything in `line`: one pass, no allocation (most
/// lines of title-case text, "Kế hoạch", need nothing).
pub fn case_restoration_needed(line: &str) -> bool {
    let (mut caps_syllables, mut lower_words) = (0usize, 0usize);
    let mut weak_candidate = false;
    let (mut upper, mut lower, mut unreliable, mut in_word) = (0usize, 0usize, 0usize, false);
    let mut word_start = 0;
    let mut end_word = |word: &str, upper: usize, lower: usize, unreliable: usize| -> bool {
        if lower > 0 {
            lower_words += 1;
        } else if upper >= 2 && unreliable > 0 {
            return true;
        } else if is_caps_syllable(word, upper, unreliable) {
            caps_syllables += 1;
        } else if unreliable > 0 {
            weak_candidate = true;
        }
        false
    };
    let ends = line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')));
    for (at, c) in ends {
        if viet::is_viet_letter(c) {
            if !in_word {
                word_start = at;
            }
            in_word = true;
            if c.is_ascii_lowercase() {
                lower += 1;
            } else if reliable(c) && viet::to_lower(c) != c {
                upper += 1;
            } else if !c.is_ascii() && viet::to_upper(c) != c {
                unreliable += 1;
            }
        } else if in_word {
            if end_word(&line[word_start..at], upper, lower, unreliable) {
                return true;
            }
            (upper, lower, unreliable, in_word) = (0, 0, 0, false);
        }
    }
    weak_candidate && is_caps_line(0, caps_syllables, lower_words)
}

/// Whether a line is set in capitals: more words like "HOạCH" (stored capitals next to a
/// lowercase-coded letter) than lowercase words, or, on a line without lowercase words, an
/// all-capital common syllable ("MA", "KHĂN"). Other all-capital words are mostly abbreviations
/// (THCS, PGDĐT), which stand in title-case lines too.
fn is_caps_line(caps_words: usize, caps_syllables: usize, lower_words: usize) -> bool {
    (caps_words > lower_words && caps_words > 0) || (lower_words == 0 && caps_syllables > 0)
}

/// An all-capital word of reliable letters that is a common syllable ("KIA", not "UBND").
fn is_caps_syllable(word: &str, upper: usize, unreliable: usize) -> bool {
    upper >= 2
        && unreliable == 0
        && word.chars().all(reliable)
        && super::syllable::classify(word, &mut String::new()) == 3
}

/// ASCII letters and non-ASCII capitals: letters whose case TCVN3 keeps.
fn reliable(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && viet::is_viet_letter(c) && c != viet::to_lower(c))
}

/// Byte ranges of the runs of letters in `line`.
pub fn word_ranges(line: &str) -> Vec<(usize, usize)> {
    words_of(line).collect()
}

/// Byte ranges of the runs of Vietnamese letters in `text`, lazily (no allocation).
pub fn words_of(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        let start = chars.by_ref().find(|&(_, c)| viet::is_viet_letter(c))?.0;
        let end = chars
            .by_ref()
            .find(|&(_, c)| !viet::is_viet_letter(c))
            .map_or(text.len(), |(i, _)| i);
        Some((start, end))
    })
}

// ---------------------------------------------------------------- VNI

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

/// Decodes VNI-Windows bytes: pairs first, then single-byte letters, then Windows-1252.
pub fn decode_vni(bytes: &[u8]) -> (String, Vec<LineMap>) {
    let mut out = Out::with_capacity(bytes.len() + bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x41
            && let Some(&m) = bytes.get(i + 1)
            && m >= 0xC0
            && let Some(c) = vni_pair(b, m)
        {
            out.push(c, 2);
            i += 2;
            continue;
        }
        let c = if b >= 0x80 {
            vni_single(b).unwrap_or_else(|| cp1252_char(b))
        } else {
            char::from(b)
        };
        out.push(c, 1);
        i += 1;
    }
    out.finish()
}

/// How many bytes in 0xC0–0xFF a VNI reading leaves over: neither a mark after its vowel nor one
/// of VNI's own letters. VNI text has none (its decoder shows them as Windows-1252 letters such as
/// "ú"), so they are evidence against VNI when another charset is as plausible.
pub fn vni_stray_bytes(bytes: &[u8]) -> usize {
    let mut stray = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x41
            && let Some(&m) = bytes.get(i + 1)
            && m >= 0xC0
            && vni_pair(b, m).is_some()
        {
            i += 2;
            continue;
        }
        if b >= 0xC0 && vni_single(b).is_none() {
            stray += 1;
        }
        i += 1;
    }
    stray
}

/// Decodes one word's worth of VNI bytes (no line structure, no column map).
pub fn decode_vni_word(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(c) = bytes
            .get(i + 1)
            .filter(|&&m| b >= 0x41 && m >= 0xC0)
            .and_then(|&m| vni_pair(b, m))
        {
            out.push(c);
            i += 2;
            continue;
        }
        out.push(if b >= 0x80 {
            vni_single(b).unwrap_or_else(|| cp1252_char(b))
        } else {
            char::from(b)
        });
        i += 1;
    }
    out
}

// ---------------------------------------------------------------- VISCII, VPS

/// Decodes a one-byte-per-letter table charset.
pub fn decode_table(bytes: &[u8], table: &[u16; 256]) -> (String, Vec<LineMap>) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    text.extend(bytes.iter().map(|&b| ch(table[usize::from(b)])));
    let lines = super::split_lines(&text).len();
    (text, vec![LineMap::identity(); lines])
}

pub fn decode_viscii(bytes: &[u8]) -> (String, Vec<LineMap>) {
    decode_table(bytes, &VISCII)
}

pub fn decode_vps(bytes: &[u8]) -> (String, Vec<LineMap>) {
    decode_table(bytes, &VPS)
}

// ---------------------------------------------------------------- VIQR

fn viqr_tone(c: char) -> Option<Tone> {
    Some(match c {
        '\'' => Tone::Acute,
        '`' => Tone::Grave,
        '?' => Tone::Hook,
        '~' => Tone::Tilde,
        '.' => Tone::Dot,
        _ => return None,
    })
}

/// Decodes VIQR (RFC 1456): a vowel followed by a shape mark (`^` `(` `+`) and/or a tone mark
/// (`'` `` ` `` `?` `~` `.`), `dd` for đ, and `\` to escape a mark that is meant literally.
pub fn decode_viqr(text: &str) -> (String, Vec<LineMap>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Out::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| "^(+'`?~.dD\\".contains(n)) {
            out.push(next.unwrap_or('\\'), 2);
            i += 2;
            continue;
        }
        if (c == 'd' || c == 'D') && (next == Some('d') || next == Some('D')) {
            out.push(if c == 'D' { 'Đ' } else { 'đ' }, 2);
            i += 2;
            continue;
        }
        let Some(v) = viet::vowel(c).filter(|_| c.is_ascii()) else {
            out.push(c, 1);
            i += 1;
            continue;
        };
        let mut family = v.family;
        let mut used = 1;
        let shaped = match (chars.get(i + 1), family) {
            (Some('^'), 0) => Some(2),
            (Some('^'), 3) => Some(4),
            (Some('^'), 6) => Some(7),
            (Some('('), 0) => Some(1),
            (Some('+'), 6) => Some(8),
            (Some('+'), 9) => Some(10),
            _ => None,
        };
        if let Some(f) = shaped {
            family = f;
            used += 1;
        }
        let mut tone = Tone::Level;
        if let Some(t) = chars.get(i + used).copied().and_then(viqr_tone) {
            tone = t;
            used += 1;
        }
        out.push(viet::compose(family, tone, v.upper), used as u32);
        i += used;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vni_pairs_and_singles() {
        let (t, maps) = decode_vni(b"So\xE1: 21\nNg\xF6\xF4\xF8i");
        assert_eq!(t, "Số: 21\nNgười");
        assert_eq!(maps[0].original_column(2), 3);
    }

    #[test]
    fn tcvn_quotes_stay_quotes() {
        let (t, _) = decode_tcvn3(b"\x93D\xB9y t\xE8t\x94 H\x96C");
        assert_eq!(t, "“Dạy tốt” HỌC");
    }

    #[test]
    fn tcvn_case_restoration() {
        assert_eq!(restore_tcvn_case("Kế HOạCH"), "KẾ HOẠCH");
        assert_eq!(restore_tcvn_case("Kế hoạch"), "Kế hoạch");
        assert_eq!(restore_tcvn_case("ĐộC LậP - Tự DO"), "ĐỘC LẬP - TỰ DO");
    }

    #[test]
    fn viqr_basics() {
        assert_eq!(
            decode_viqr("Vie^.t Nam, ngu+o+`i, DDa\\.").0,
            "Việt Nam, người, Đa."
        );
    }
}
