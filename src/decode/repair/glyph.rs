//! Letters a PDF's text layer changed: the text a document viewer extracts from some PDFs maps a
//! few glyphs of the font to the wrong letters, always the same way:
//!
//! - ô becomes ơ, tone and case kept: "phổ thơng", "ngồi cơng lập", "SƠNG CƠNG";
//! - ò becomes ị: "Phịng Giáo dục" (not looked for before "a": "địa" is a word, "hịa" is left);
//! - "uyê" becomes "u": "tun dương" for "tuyên dương", "thường xun" for "thường xuyên";
//! - ư becomes U+01A3 "ƣ" (Latin oi), capital U+01A2 "Ƣ": "phƣơng hƣớng".
//!
//! "ƣ" is no Vietnamese letter, so a word with it is repaired on its own evidence
//! ([`oi_reading`]).
//! The word alone rarely decides: "thơng" is as well the "thương" of a TCVN3 conversion that lost
//! its ư ([`super::residue`]), and "tun" is a possible syllable. So these words are repaired only
//! with the evidence of the whole document ([`document_has_glyph_loss`]): several such words, and
//! the ư of "ươ" kept elsewhere (a conversion that loses ư loses it in every "ươ").
//!
//! A word is repaired only when as written it is no listed syllable and the repaired one is; a
//! word with ô → ơ only when as written it is no syllable at all ("ơng", "ơc" are no rhymes), so
//! "ơn", "mới", "lớp" are never touched.

use crate::decode::syllable::{self, Plausibility};
use crate::decode::viet;

/// The ô-family letter with the tone and case of an ơ-family one ("ờ" → "ồ").
pub fn circumflex_for(c: char) -> char {
    const HORN: &str = "ơờớởỡợƠỜỚỞỠỢ";
    const HAT: &str = "ôồốổỗộÔỒỐỔỖỘ";
    HORN.chars()
        .position(|h| h == c)
        .and_then(|i| HAT.chars().nth(i))
        .unwrap_or(c)
}

/// The letters some PDF fonts give for ư and Ư.
pub fn is_oi(c: char) -> bool {
    matches!(c, 'ƣ' | 'Ƣ')
}

/// A letter of the ơ family (ơ with any tone, any case): the vowel after which a lost ư of "ươ"
/// leaves its trace, and which a PDF's text layer gives for ô.
pub fn is_o_horn(c: char) -> bool {
    viet::vowel(c).is_some_and(|v| v.family == 8)
}

/// Whether a line may hold a word of this damage; a byte scan, the whole cost for most lines.
/// Looks for "ƣ"/"Ƣ"; ị/Ị before "ng", "n" or "i" ("Phịng", "cịn", "địi"); an ơ-family letter before
/// "ng", "nh", "c" or "u", which no syllable has ("thơng", "cơng"; "lớn", "hơn" are words), and
/// not after ư ("trường"); and "un"/"UN" ending a word.
pub fn may_hold(line: &str) -> bool {
    let b = line.as_bytes();
    word_ends_in_un(b) || memchr::memchr2_iter(0xC6, 0xE1, b).any(|i| letter_at(b, i))
}

/// Whether a word ends in "un" or "UN" after a letter (memchr's vector search for the two bytes:
/// most lines have none).
pub fn word_ends_in_un(b: &[u8]) -> bool {
    static FINDERS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        [
            memchr::memmem::Finder::new(b"un"),
            memchr::memmem::Finder::new(b"UN"),
        ]
    });
    finders
        .iter()
        .any(|f| f.find_iter(b).any(|i| un_ends_word_at(b, i + 1)))
}

/// Whether the "n" or "N" at byte `i` ends a word "…un" or "…UN" after a letter ("tun", "XUN").
#[inline]
pub fn un_ends_word_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    i >= 2
        && matches!((b[i - 1], b[i]), (b'u', b'n') | (b'U', b'N'))
        && b[i - 2].is_ascii_alphabetic()
        && !at(i + 1).is_ascii_alphabetic()
}

/// Whether the char starting at byte `i` follows an ư or Ư: the "ươ" of "trường", "được"
/// (intact, and the commonest ơ by far).
#[inline]
pub fn after_u(b: &[u8], i: usize) -> bool {
    i >= 2 && b[i - 2] == 0xC6 && matches!(b[i - 1], 0xAF | 0xB0)
}

/// Whether the bytes from `k` on, after an ơ, are "ng", "nh", "c" or "u" in either case: a rhyme
/// no syllable has.
#[inline]
pub fn no_rhyme_at(b: &[u8], k: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match at(k) | 0x20 {
        b'n' => matches!(at(k + 1) | 0x20, b'g' | b'h'),
        b'c' | b'u' => true,
        _ => false,
    }
}

/// Whether the bytes from `k` on, after an ị, are the "ng", "n" or "i" of "Phịng", "cịn", "địi" —
/// not the "nh" of "định", nor the "a" of "địa" (a "hịa" for "hòa" is left: "ịa" is too common a
/// rhyme to look at).
#[inline]
pub fn ong_on_oi_at(b: &[u8], k: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match at(k) | 0x20 {
        b'n' => at(k + 1) | 0x20 == b'g' || !at(k + 1).is_ascii_alphabetic(),
        b'i' => true,
        _ => false,
    }
}

/// Whether the char starting at byte `i` (lead byte 0xC6 or 0xE1, which are never continuation
/// bytes) is a letter of [`may_hold`] in a place where it may be this damage.
#[inline]
pub fn letter_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let no_rhyme = |k: usize| no_rhyme_at(b, k);
    let ong_on_oi = |k: usize| ong_on_oi_at(b, k);
    let after_u = after_u(b, i);
    let (y, z) = (at(i + 1), at(i + 2));
    match b[i] {
        // ƣ Ƣ (U+01A2, U+01A3); ơ Ơ (U+01A0, U+01A1).
        0xC6 => {
            matches!(y, 0xA2 | 0xA3) || (matches!(y, 0xA0 | 0xA1) && !after_u && no_rhyme(i + 2))
        }
        // ị Ị (U+1ECA, U+1ECB); ờ ớ ở ỡ ợ and capitals (U+1EDA..U+1EE3).
        0xE1 => {
            y == 0xBB
                && ((matches!(z, 0x8A | 0x8B) && ong_on_oi(i + 3))
                    || (matches!(z, 0x9A..=0xA3) && !after_u && no_rhyme(i + 3)))
        }
        _ => false,
    }
}

/// Whether a word has a letter this damage leaves, or ends in "un": the words [`reading`] may
/// read otherwise.
fn may_be_changed(w: &[char]) -> bool {
    w.iter()
        .any(|&c| is_o_horn(c) || is_oi(c) || matches!(c, 'ị' | 'Ị'))
        || matches!(w, [.., 'u', 'n'] | [.., 'U', 'N'])
}

/// The word with the char at `at` replaced by `c`.
fn with_char(w: &[char], at: usize, c: char) -> String {
    w.iter()
        .enumerate()
        .map(|(i, &x)| if i == at { c } else { x })
        .collect()
}

/// The reading of a word with "ƣ" for ư, when that is a syllable.
pub fn oi_reading(w: &[char], buf: &mut String) -> Option<String> {
    if !w.iter().any(|&c| is_oi(c)) {
        return None;
    }
    let cand: String = w
        .iter()
        .map(|&c| match c {
            'ƣ' => 'ư',
            'Ƣ' => 'Ư',
            c => c,
        })
        .collect();
    (syllable::classify(&cand, buf) >= Plausibility::Possible).then_some(cand)
}

/// The glyph-loss reading of a word, if it has one: the word it was before the text layer
/// changed it.
pub fn reading(w: &[char], buf: &mut String) -> Option<String> {
    if let Some(cand) = oi_reading(w, buf) {
        return Some(cand);
    }
    let word: String = w.iter().collect();
    let found = syllable::classify(&word, buf);
    if found == Plausibility::Common {
        return None;
    }
    // ô read as ơ: only a word that is no syllable, with no ư before the ơ ("ươ" is intact).
    if let Some(at) = w.iter().position(|&c| is_o_horn(c)) {
        let after_u = at > 0 && matches!(w[at - 1], 'ư' | 'Ư');
        if found == Plausibility::No && !after_u {
            let cand = with_char(w, at, circumflex_for(w[at]));
            return syllable::is_listed(&cand).then_some(cand);
        }
        return None;
    }
    // ò read as ị, before "ng", "n" or "i" ("Phịng", "cịn", "địi"; see [`letter_at`] for "ịa").
    if let Some(at) = w.iter().position(|&c| matches!(c, 'ị' | 'Ị'))
        && match w.get(at + 1).map(char::to_ascii_lowercase) {
            Some('n') => w.get(at + 2).is_none_or(|c| c.eq_ignore_ascii_case(&'g')),
            Some('i') => true,
            _ => false,
        }
    {
        let cand = with_char(w, at, if w[at] == 'ị' { 'ò' } else { 'Ò' });
        return syllable::is_listed(&cand).then_some(cand);
    }
    uyen_reading(w)
}

/// "uyê" read as "u": a word of ASCII letters that ends in "un" after an onset ("tun", "XUN").
fn uyen_reading(w: &[char]) -> Option<String> {
    let n = w.len();
    if !(3..=4).contains(&n) || !w.iter().all(char::is_ascii_alphabetic) {
        return None;
    }
    let (u, last) = (w[n - 2], w[n - 1]);
    if !matches!((u, last), ('u', 'n') | ('U', 'N')) {
        return None;
    }
    let onset = &w[..n - 2];
    if onset.iter().any(|c| "aeiouyAEIOUY".contains(*c)) {
        return None;
    }
    let upper = u == 'U';
    let mut cand: String = onset.iter().collect();
    cand.push_str(if upper { "UYÊN" } else { "uyên" });
    syllable::is_listed(&cand).then_some(cand)
}

/// How many words of a line have a glyph-loss reading, and how many of those no other damage
/// explains (ị, "uyê" as "u", "ƣ"; an ơ for ô could as well be a lost ư).
pub fn count(line: &str) -> GlyphWords {
    if may_hold(line) {
        count_words(line)
    } else {
        GlyphWords::default()
    }
}

/// [`count`] for a line [`may_hold`] (or a scan that includes it) has let through.
pub fn count_words(line: &str) -> GlyphWords {
    let mut found = GlyphWords::default();
    let mut buf = String::with_capacity(32);
    let chars: Vec<char> = line.chars().collect();
    for (s, e) in words(&chars) {
        let w = &chars[s..e];
        if may_be_changed(w) && reading(w, &mut buf).is_some() {
            found.all += 1;
            if !w.iter().any(|&c| is_o_horn(c)) || w.iter().any(|&c| is_oi(c)) {
                found.sure += 1;
            }
        }
    }
    found
}

/// Words with a glyph-loss reading ([`count`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GlyphWords {
    pub all: u32,
    pub sure: u32,
}

impl std::ops::Add for GlyphWords {
    type Output = GlyphWords;
    fn add(self, o: GlyphWords) -> GlyphWords {
        GlyphWords {
            all: self.all + o.all,
            sure: self.sure + o.sure,
        }
    }
}

/// The char ranges of the words of a line: Vietnamese letters and the letters this damage leaves.
pub fn words(chars: &[char]) -> Vec<(usize, usize)> {
    runs_of(chars, |c| viet::is_viet_letter(c) || is_oi(c))
}

/// The char ranges of the maximal runs of chars that are `part` of a word.
pub fn runs_of(chars: &[char], part: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate() {
        match (part(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, chars.len()));
    }
    out
}

/// How many words of a line keep the ư of "ươ" ("trường", "ĐƯỢC"): what a conversion that lost
/// its ư could not have left.
pub fn intact_uo(line: &str) -> u32 {
    let mut n = 0;
    let mut prev = ' ';
    for c in line.chars() {
        if matches!(prev, 'ư' | 'Ư') && is_o_horn(c) {
            n += 1;
        }
        prev = c;
    }
    n
}

/// Whether a document's text lost glyphs this way: at least two words with such a reading, one
/// of them one that no lost ư explains, and more words that keep the ư of "ươ" than words that
/// surely lost it (a TCVN3 conversion that lost ư keeps none).
pub fn document_has_glyph_loss(glyph: GlyphWords, intact_uo: u32, lost_u_words: u32) -> bool {
    glyph.all >= 2 && glyph.sure >= 1 && intact_uo >= 2 && intact_uo > lost_u_words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(w: &str) -> Option<String> {
        let chars: Vec<char> = w.chars().collect();
        reading(&chars, &mut String::new())
    }

    #[test]
    fn readings_of_changed_glyphs() {
        assert_eq!(read("thơng").as_deref(), Some("thông"));
        assert_eq!(read("cơng").as_deref(), Some("công"));
        assert_eq!(read("SƠNG").as_deref(), Some("SÔNG"));
        assert_eq!(read("Phịng").as_deref(), Some("Phòng"));
        assert_eq!(read("PHỊNG").as_deref(), Some("PHÒNG"));
        assert_eq!(read("tun").as_deref(), Some("tuyên"));
        assert_eq!(read("xun").as_deref(), Some("xuyên"));
        assert_eq!(read("chun").as_deref(), Some("chuyên"));
        assert_eq!(read("TUN").as_deref(), Some("TUYÊN"));
        assert_eq!(read("phƣơng").as_deref(), Some("phương"));
        assert_eq!(read("TRƢỜNG").as_deref(), Some("TRƯỜNG"));
        assert_eq!(read("Ƣu").as_deref(), Some("Ưu"));
    }

    #[test]
    fn correct_words_have_no_reading() {
        for w in [
            "ơn",
            "mới",
            "lớp",
            "thương",
            "trường",
            "phòng",
            "công",
            "thông",
            "bún",
            "hun",
            "un",
            "Sun",
            "run",
            "định",
            "ngồi",
            "huấn",
        ] {
            assert_eq!(read(w), None, "{w}");
        }
    }

    #[test]
    fn pre_check_sees_every_word_with_a_reading() {
        for line in [
            "phổ thơng",
            "PHỊNG GD",
            "Lễ tun dương.",
            "thường xun, và",
            "SƠNG CƠNG",
            "phƣơng hƣớng",
        ] {
            assert!(may_hold(line), "{line}");
            assert!(count(line).all >= 1, "{line}");
        }
        for line in ["Trường Tiểu học", "ơn nghĩa, mới", "phòng họp"] {
            assert!(!may_hold(line) || count(line).all == 0, "{line}");
        }
    }

    #[test]
    fn evidence_needs_kept_u_and_several_words() {
        let words = |all, sure| GlyphWords { all, sure };
        assert!(document_has_glyph_loss(words(2, 1), 5, 0));
        assert!(!document_has_glyph_loss(words(1, 1), 5, 0));
        // Only ơ-for-ô words: as well lost ư.
        assert!(!document_has_glyph_loss(words(4, 0), 5, 0));
        // A TCVN3 conversion that lost its ư keeps no "ươ".
        assert!(!document_has_glyph_loss(words(6, 2), 0, 3));
        assert!(!document_has_glyph_loss(words(6, 2), 2, 4));
    }

    proptest::proptest! {
        /// The pre-check never hides a word that has a reading.
        #[test]
        fn pre_check_is_conservative(
            line in "([a-zA-Z]{0,3}[ơờớởỡợƠỜịỊuUưƯôòƣƢ]{0,2}[nNcCguUhaAiI]{0,2}[ ,.”]{0,2}){0,8}"
        ) {
            if !may_hold(&line) {
                proptest::prop_assert_eq!(count(&line), GlyphWords::default());
            }
        }
    }
}
