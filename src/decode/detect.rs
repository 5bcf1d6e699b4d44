//! Stage 1, detect: which reading of the input to decode ([`choose`]).
//!
//! - a BOM or the shape of UTF-16: Unicode;
//! - valid UTF-8: VIQR when it looks so ([`looks_viqr`]); a legacy charset when the text has
//!   characters no Vietnamese text has and a legacy reading scores higher
//!   ([`legacy_in_valid_utf8`]); else UTF-8, which may as a whole be cp1252-read damage
//!   ([`peel_cp1252`], [`legacy_of_cp1252`]);
//! - other bytes: the legacy charset whose reading gives the most Vietnamese syllables
//!   ([`detect_legacy`]), unless they are mostly UTF-8 with a few bad bytes.
//!
//! Every candidate decoder of [`charsets::candidates`] reads a sample of the file (its start,
//! middle and end, cut at line breaks); the decoding whose non-ASCII words are most often
//! Vietnamese syllables wins. This is the Funput idea (count valid syllables), made cheap by
//! sampling: the whole file is decoded once, afterwards, with the winner.

use super::DecodeError;
use super::charsets::{self, Legacy};
use super::codec::{self, cp1252_byte};
use super::syllable::{self, FxBuild, Plausibility};
use super::unicode::{self, BaseText};
use super::viet;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Up to ~36 KiB of `bytes`: start, middle and end, each cut to whole lines.
pub fn sample(bytes: &[u8]) -> Vec<u8> {
    sample_parts(bytes, 12 * 1024)
}

/// `bytes` whole when at most three parts long, else three parts of `part` bytes (start, middle
/// and end), each cut to whole lines.
fn sample_parts(bytes: &[u8], part: usize) -> Vec<u8> {
    if bytes.len() <= 3 * part {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(3 * part + 2);
    for start in [0, bytes.len() / 2, bytes.len() - part] {
        let chunk = &bytes[start..start + part];
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
    // A text repeats its words: each distinct word is scored once (wrong readings are mostly
    // words the syllable model must take apart, the slow path).
    let mut seen: HashMap<&str, i64, FxBuild> = HashMap::default();
    let mut buf = String::new();
    let mut score = 0i64;
    for word in text.split(is_word_break) {
        if word.is_ascii() {
            continue;
        }
        score += *seen
            .entry(word)
            .or_insert_with(|| score_word(word, tcvn3, &mut buf));
    }
    score
}

/// The score of one non-ASCII word of a reading (see [`score_reading`]).
fn score_word(word: &str, tcvn3: bool, buf: &mut String) -> i64 {
    let letters_only = word.chars().all(viet::is_viet_letter);
    if letters_only && capital_after_lowercase(word, tcvn3) {
        // "sƯ": VISCII reads VPS "sự" so; "TỉNH": VPS reads VN1 "TÌNH" so.
        -1
    } else if letters_only {
        match syllable::classify(word, buf) {
            // Capitals are rarer than lowercase: when two charsets differ only in a letter's
            // case (VISCII "SƯ", VPS "Sự"), the reading with the lowercase one wins.
            Plausibility::Common if word.chars().nth(1).is_some_and(|c| viet::to_lower(c) != c) => {
                2
            }
            Plausibility::Common => 3,
            Plausibility::Possible => 1,
            Plausibility::No => -2,
        }
    } else {
        -2
    }
}

/// `text` in NFC (as it is when it already is: the quick check costs one pass, no copy).
fn nfc(text: String) -> String {
    if unicode_normalization::is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
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
    let mut readings: Vec<Legacy> = charsets::candidates().collect();
    // A budget: on a small sample first, only the two leading readings go on to the full one.
    // The verdict needs no more (the confidence compares the first and the second), and the
    // others are the wrong readings that cost most (their words take the syllable model's slow
    // path). Below three small parts the sample is scored as it is.
    let small = sample_parts(&sample, PRE_PART);
    if small.len() >= PRE_PART && small.len() < sample.len() {
        let leading: Vec<&str> = ranked(&small, readings.clone())
            .into_iter()
            .take(2)
            .map(|(enc, _)| enc.name)
            .collect();
        // In candidate order, so that a tie on the full sample resolves as without the budget.
        readings.retain(|enc| leading.contains(&enc.name));
    }
    let scores = ranked(&sample, readings);
    let (best, best_score) = scores[0];
    let second = scores.get(1).map_or(0, |s| s.1).max(0);
    if best_score <= 0 {
        return None;
    }
    let confidence = (best_score - second) as f32 / best_score as f32;
    Some((best, (0.5 + confidence / 2.0).clamp(0.5, 1.0)))
}

/// The bytes of each part of the small sample [`detect_legacy`] ranks the readings on.
const PRE_PART: usize = 1024;

/// The readings of `sample` with their scores, best first (ties in `readings` order): each
/// reading's [`score_reading`], less two for each VNI byte a VNI reading leaves over.
///
/// Scored word by word, not by reading the whole sample five times: the words lie between ASCII
/// spaces and punctuation, which every reader reads as themselves, so the sample is split once
/// and each word's score in each reading is looked up in [`WORD_SCORES`] (computed on first
/// sight). The scores are those of the whole readings (a test compares them).
fn ranked(sample: &[u8], readings: Vec<Legacy>) -> Vec<(Legacy, i64)> {
    let slots: Vec<usize> = readings.iter().map(|&enc| slot(enc)).collect();
    let mut totals = vec![0i64; readings.len()];
    let mut buf = String::new();
    WORD_SCORES.with_borrow_mut(|cache| {
        if cache.len() > WORD_SCORES_MAX {
            cache.clear();
        }
        for_each_word(sample, |range, in_context| {
            if in_context {
                for (total, &enc) in totals.iter_mut().zip(&readings) {
                    *total += word_score(enc, sample, range.clone(), &mut buf);
                }
                return;
            }
            let bytes = &sample[range.clone()];
            let scores = match cache.get_mut(bytes) {
                Some(scores) => scores,
                None => cache.entry(bytes.into()).or_insert([UNSCORED; SLOTS]),
            };
            for ((total, &enc), &slot) in totals.iter_mut().zip(&readings).zip(&slots) {
                if scores[slot] == UNSCORED {
                    scores[slot] = word_score(enc, sample, range.clone(), &mut buf) as i32;
                }
                *total += i64::from(scores[slot]);
            }
        });
    });
    let mut scores: Vec<(Legacy, i64)> = readings.into_iter().zip(totals).collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    scores
}

/// Room per word in [`WORD_SCORES`]: one score per charset of [`charsets::CHARSETS`].
const SLOTS: usize = 8;
/// A reading's score not computed yet.
const UNSCORED: i32 = i32::MIN;
/// The most words [`WORD_SCORES`] holds before it starts again (a few MB).
const WORD_SCORES_MAX: usize = 1 << 16;

/// A charset's place in [`WORD_SCORES`]'s rows.
fn slot(enc: Legacy) -> usize {
    charsets::CHARSETS
        .iter()
        .position(|c| std::ptr::eq(c, enc))
        .map_or(SLOTS - 1, |i| i.min(SLOTS - 1))
}

thread_local! {
    /// A word's bytes → its score in each reading, kept from file to file: an archive repeats its
    /// vocabulary, and the wrong readings of it are the words the syllable model takes longest
    /// over.
    static WORD_SCORES: std::cell::RefCell<HashMap<Box<[u8]>, [i32; SLOTS], FxBuild>> =
        std::cell::RefCell::new(HashMap::default());
}

/// The score of one occurrence of the word `bytes[range]` in reading `enc`: its words'
/// [`score_word`]s, less two for each VNI byte a VNI reading leaves over.
fn word_score(enc: Legacy, bytes: &[u8], range: std::ops::Range<usize>, buf: &mut String) -> i64 {
    let tcvn3 = enc.reader == charsets::Reader::Tcvn3;
    let (text, stray) = enc.read_word_in(bytes, range);
    let text = if enc.needs_nfc() { nfc(text) } else { text };
    let words_score: i64 = text
        .split(is_word_break)
        .filter(|w| !w.is_ascii())
        .map(|w| score_word(w, tcvn3, buf))
        .sum();
    words_score - 2 * stray as i64
}

/// Where [`score_reading`] cuts a text into words.
fn is_word_break(c: char) -> bool {
    c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'')
}

/// What [`for_each_word`] sees in a byte.
mod byte_class {
    /// A byte every legacy reader reads as itself and [`super::is_word_break`] cuts at: ASCII
    /// spaces and punctuation but the apostrophe.
    pub const BREAK: u8 = 0;
    /// Other printable ASCII, which every reader reads as itself.
    pub const PLAIN: u8 = 1;
    /// 0x80–0x9F, which a TCVN3 reading judges with the bytes around it.
    pub const C1: u8 = 2;
    pub const OTHER: u8 = 3;
    pub static BYTE_CLASS: [u8; 256] = {
        let mut t = [OTHER; 256];
        let mut b = 0;
        while b < 256 {
            let x = b as u8;
            t[b] = if matches!(x, b'\t'..=b'\r' | b' ') || (x.is_ascii_punctuation() && x != b'\'')
            {
                BREAK
            } else if x >= 0x20 && x < 0x7f {
                PLAIN
            } else if x >= 0x80 && x <= 0x9f {
                C1
            } else {
                OTHER
            };
            b += 1;
        }
        t
    };
}

/// Calls `f` with each word of `sample` that some legacy reading may make non-ASCII (those holding
/// a byte outside printable ASCII), and whether its reading may depend on the bytes around it: a
/// TCVN3 reading judges a byte in 0x80–0x9F with up to 12 bytes either side (`decode_tcvn3`),
/// which reaches past a word of more than 12 bytes.
fn for_each_word(sample: &[u8], mut f: impl FnMut(std::ops::Range<usize>, bool)) {
    use byte_class::*;
    let (mut start, mut interesting, mut c1) = (0, false, false);
    for (i, &b) in sample.iter().enumerate() {
        match BYTE_CLASS[usize::from(b)] {
            BREAK => {
                if interesting {
                    f(start..i, c1 && i - start > 12);
                }
                (start, interesting, c1) = (i + 1, false, false);
            }
            PLAIN => {}
            C1 => (interesting, c1) = (true, true),
            _ => interesting = true,
        }
    }
    if interesting {
        f(start..sample.len(), c1 && sample.len() - start > 12);
    }
}

/// Whether valid UTF-8 holds characters no Vietnamese text has, the trace of legacy bytes that
/// happen to form valid UTF-8: C0 controls other than whitespace (VN1 and VPS put capitals there),
/// C1 controls, and letters of other scripts (VPS "ườ" is the bytes DC A9, which UTF-8 reads as
/// Syriac). Combining marks stay plausible: they are NFD Vietnamese.
pub fn utf8_has_foreign_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Bytes 0x20..=0xC1 are all fine: only the others are looked up.
    super::swar::any_marked(
        bytes,
        |x| super::swar::below(x, 0x20) | super::swar::at_least(x, 0xC2),
        |i| foreign_at(bytes, i),
    )
}

/// Whether the byte at `i` starts a character no Vietnamese text has ([`utf8_has_foreign_chars`]).
/// A table says per byte whether it is fine (ASCII, continuation bytes, lead bytes of plausible
/// ranges), foreign, or a lead byte whose next byte decides. In Latin Extended-A/B only ă đ ĩ ũ ơ
/// ư and their capitals are Vietnamese.
fn foreign_at(bytes: &[u8], i: usize) -> bool {
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
    let Some(&x) = bytes.get(i) else {
        return false;
    };
    match CLASS[usize::from(x)] {
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
    }
}

/// A legacy encoding for bytes that are valid UTF-8 but read better as a legacy charset: checked
/// only when [`utf8_has_foreign_chars`], and chosen only when its reading scores higher than the
/// UTF-8 one, so a UTF-8 file with one stray symbol stays UTF-8.
pub fn legacy_in_valid_utf8(text: &str) -> Option<(Legacy, f32)> {
    if !utf8_has_foreign_chars(text) {
        return None;
    }
    let sample = sample(text.as_bytes());
    let utf8_score = score(&nfc(String::from_utf8_lossy(&sample).into_owned()));
    detect_legacy(text.as_bytes()).filter(|&(enc, _)| {
        let (decoded, _) = enc.read(&sample);
        score(&nfc(decoded)) > utf8_score
    })
}

/// Whether invalid UTF-8 is still UTF-8 with a few bad bytes (then it is decoded lossily) rather than
/// a legacy encoding: well-formed multi-byte sequences must outnumber errors four to one.
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    // One pass of chunks, each a valid stretch and the invalid sequence after it (legacy bytes
    // make an error every few bytes: a validation call per error cost more than the scan).
    let (mut multi, mut errors) = (0usize, 0usize);
    for chunk in bytes[..bytes.len().min(1 << 16)].utf8_chunks() {
        multi += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        errors += usize::from(!chunk.invalid().is_empty());
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
    let (decoded, _) = codec::decode_viqr(sample);
    let mut buf = String::new();
    let (mut good, mut bad, mut words, mut strong) = (0usize, 0usize, 0usize, 0usize);
    for (orig, dec) in sample.split_whitespace().zip(decoded.split_whitespace()) {
        words += 1;
        if orig == dec {
            continue;
        }
        let core = dec.trim_matches(|c: char| c.is_ascii_punctuation());
        if !core.is_empty() && syllable::classify(core, &mut buf) >= Plausibility::Possible {
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

/// The reading [`choose`] picked.
pub enum Choice<'a> {
    /// UTF-8 with a BOM, UTF-16, or UTF-8 with a few bad bytes: decoded as Unicode, repaired.
    Unicode(BaseText),
    /// VIQR: ASCII letters and marks.
    Viqr(&'a str),
    /// A legacy charset, with a confidence in 0.5..1.
    Legacy(Legacy, f32),
    /// Valid UTF-8: repaired, and maybe cp1252-read damage as a whole ([`peel_cp1252`]).
    Utf8(&'a str),
}

/// Chooses the reading of `bytes` (not empty).
pub fn choose(bytes: &[u8]) -> Result<Choice<'_>, DecodeError> {
    if let Some(choice) = choose_before_utf8(bytes)? {
        return Ok(choice);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(choose_utf8(text)),
        Err(_) => match detect_legacy(bytes).filter(|_| !mostly_utf8(bytes)) {
            Some((enc, confidence)) => Ok(Choice::Legacy(enc, confidence)),
            None => {
                let base = unicode::decode_unicode(bytes)?;
                if is_noise(bytes, base.replaced) {
                    return Err(DecodeError::NotText {
                        invalid: base.replaced as usize,
                        len: bytes.len(),
                    });
                }
                Ok(Choice::Unicode(base))
            }
        },
    }
}

/// [`choose`] for bytes known to be valid UTF-8 (not validated again).
pub fn choose_valid(text: &str) -> Result<Choice<'_>, DecodeError> {
    if let Some(choice) = choose_before_utf8(text.as_bytes())? {
        return Ok(choice);
    }
    Ok(choose_utf8(text))
}

/// What comes before UTF-8 validation: a BOM or the shape of UTF-16 is Unicode, a NUL byte is
/// binary.
fn choose_before_utf8(bytes: &[u8]) -> Result<Option<Choice<'_>>, DecodeError> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || unicode::sniff_utf16(bytes).is_some() {
        return unicode::decode_unicode(bytes).map(|base| Some(Choice::Unicode(base)));
    }
    if let Some(nul_at) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|&b| b == 0))
        .flatten()
    {
        return Err(DecodeError::Binary { nul_at });
    }
    Ok(None)
}

/// Valid UTF-8: VIQR, a legacy charset whose bytes happen to be valid UTF-8, or UTF-8.
fn choose_utf8(text: &str) -> Choice<'_> {
    if looks_viqr(text) {
        return Choice::Viqr(text);
    }
    match legacy_in_valid_utf8(text) {
        Some((enc, confidence)) => Choice::Legacy(enc, confidence),
        None => Choice::Utf8(text),
    }
}

/// Bytes that no reading makes text of: no legacy charset scored, over a tenth of them are not
/// UTF-8 and over one in a hundred is a control character no text file has. A damaged UTF-8
/// text or a Western Windows-1252 one stays far below both (accents are a few percent, controls
/// none), random or compressed data is far above (41% and 11%).
fn is_noise(bytes: &[u8], invalid_sequences: u32) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    bytes.len() >= 64
        && invalid_sequences as usize * 10 > bytes.len()
        && controls * 100 > bytes.len()
}

/// What Unicode text is when turned back into the bytes a Windows-1252 reading made of it.
pub enum Cp1252Layer {
    /// Not such damage as a whole: ASCII, or a character no cp1252 reading produces.
    None,
    /// Valid UTF-8: mojibake, to be peeled again (double encoding).
    Utf8(String),
    /// Other bytes: maybe a legacy charset ([`legacy_of_cp1252`]).
    Bytes(Vec<u8>),
}

/// Turns `text` back into its cp1252 bytes, if every character has one.
pub fn peel_cp1252(text: &str) -> Cp1252Layer {
    if text.is_ascii() {
        return Cp1252Layer::None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match cp1252_byte(c) {
            Some(b) => bytes.push(b),
            None => return Cp1252Layer::None,
        }
    }
    match String::from_utf8(bytes) {
        Ok(inner) => Cp1252Layer::Utf8(inner),
        Err(e) => Cp1252Layer::Bytes(e.into_bytes()),
    }
}

/// A legacy charset that `text`'s cp1252 bytes are in, when detection is sure of one whose
/// cp1252 damage we repair, with its confidence and the score of `text` as it stands (which the
/// decoded text must beat, see [`reads_much_better`]).
pub fn legacy_of_cp1252(text: &str, bytes: &[u8]) -> Option<(Legacy, f32, i64)> {
    let (enc, confidence) = detect_legacy(bytes)?;
    enc.cp1252_damage?;
    let sample = sample(text.as_bytes());
    let as_is = score(&String::from_utf8_lossy(&sample));
    (confidence >= 0.7).then_some((enc, confidence, as_is))
}

/// Whether a decoded text reads much better than the text as it stood (`as_is`, its score).
pub fn reads_much_better(decoded: &str, as_is: i64) -> bool {
    let sample_out = sample(decoded.as_bytes());
    score(&String::from_utf8_lossy(&sample_out)) > as_is.max(0) * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan as first written, every byte looked up: [`utf8_has_foreign_chars`] must agree.
    fn utf8_has_foreign_chars_reference(text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|i| foreign_at(bytes, i))
    }

    proptest! {
        #[test]
        fn foreign_chars_agree_with_the_reference(text in crate::decode::swar::MIXED_TEXT) {
            prop_assert_eq!(utf8_has_foreign_chars(&text), utf8_has_foreign_chars_reference(&text));
        }
    }

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

    /// [`ranked`] as it was first written: each reading decoded whole and scored.
    fn ranked_by_whole_readings(sample: &[u8], readings: Vec<Legacy>) -> Vec<(Legacy, i64)> {
        let mut scores: Vec<(Legacy, i64)> = readings
            .into_iter()
            .map(|enc| {
                let (text, stray) = if enc.reader == charsets::Reader::Vni {
                    (codec::decode_vni(sample).0, codec::vni_stray_bytes(sample))
                } else {
                    (enc.read(sample).0, 0)
                };
                let text = if enc.needs_nfc() { nfc(text) } else { text };
                let tcvn3 = enc.reader == charsets::Reader::Tcvn3;
                (enc, score_reading(&text, tcvn3) - 2 * stray as i64)
            })
            .collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.1));
        scores
    }

    fn names(scores: &[(Legacy, i64)]) -> Vec<(&'static str, i64)> {
        scores.iter().map(|(e, s)| (e.name, *s)).collect()
    }

    #[test]
    fn every_charset_has_a_slot_of_its_own() {
        assert!(charsets::CHARSETS.len() <= SLOTS);
    }

    /// [`mostly_utf8`] as it was first written: a validation call per error.
    fn mostly_utf8_by_errors(bytes: &[u8]) -> bool {
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
                    let skip =
                        e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                    rest = &rest[skip.min(rest.len())..];
                    if rest.is_empty() {
                        break;
                    }
                }
            }
        }
        multi > 0 && multi >= 4 * errors
    }

    proptest! {
        #[test]
        fn mostly_utf8_in_one_pass_agrees(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(0xC3u8), Just(0xA0u8), Just(0xE1u8), Just(0xBBu8), 0x80u8..=0xff],
                0..60,
            )
        ) {
            prop_assert_eq!(mostly_utf8(&bytes), mostly_utf8_by_errors(&bytes));
        }
    }

    #[test]
    fn byte_breaks_are_the_word_breaks_of_ascii() {
        for b in 0..0x80u8 {
            let is_break = byte_class::BYTE_CLASS[usize::from(b)] == byte_class::BREAK;
            assert_eq!(is_break, is_word_break(char::from(b)), "{b:#x}");
        }
    }

    #[test]
    fn word_breaks_read_as_themselves_in_every_legacy_charset() {
        for enc in charsets::candidates() {
            for b in (0x09..=0x0d).chain(0x20..0x7f) {
                let (text, stray) = enc.read_word_in(&[b], 0..1);
                assert_eq!(text, char::from(b).to_string(), "{} {b:#x}", enc.name);
                assert_eq!(stray, 0);
            }
        }
    }

    #[test]
    fn word_by_word_scores_are_the_whole_readings_scores() {
        let forms = [
            crate::decode::encode::encode_tcvn3("Kế hoạch “Dạy tốt – học tốt” năm học 2024–2025"),
            b"K\xea ho\xb9ch \x93D\xb9y t\xe8t\x94 \x93\x93\x93\x93\x93\x93\x93\x93\x93\x93\x93\x93\x93\x93".to_vec(),
            b"Ke\xe1 hoa\xefch na\xeam ho\xefc; \xd0o\xe0n".to_vec(),
            b"Ke\xcc\x81 hoa\xf2ch n\xe3m, \xd0o\xe0n\xa0th\xe1\x85".to_vec(),
        ];
        for bytes in forms {
            let readings: Vec<Legacy> = charsets::candidates().collect();
            assert_eq!(
                names(&ranked(&bytes, readings.clone())),
                names(&ranked_by_whole_readings(&bytes, readings)),
                "{bytes:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn word_by_word_scores_agree_on_any_bytes(
            bytes in proptest::collection::vec(
                prop_oneof![
                    Just(b' '), Just(b'\n'), Just(b'.'), Just(b'\''), Just(b'a'), Just(b'o'), Just(b'n'),
                    Just(b'g'), Just(b'h'), 0x80u8..=0xff, 0x00u8..0x20, 0x80u8..=0x9f
                ],
                0..80,
            )
        ) {
            let readings: Vec<Legacy> = charsets::candidates().collect();
            prop_assert_eq!(
                names(&ranked(&bytes, readings.clone())),
                names(&ranked_by_whole_readings(&bytes, readings))
            );
        }

        #[test]
        fn byte_scan_agrees_with_the_char_definition(
            s in "[a-zA-Z \\n\\t\\x00-\\x1f\\u{80}-\\u{2ff}\\u{300}-\\u{380}\\u{1000}-\\u{1fff}ăđơưĂĐƠƯàảãạ]{0,40}"
        ) {
            prop_assert_eq!(utf8_has_foreign_chars(&s), foreign_by_chars(&s));
        }
    }
}
