//! Damage that survives a conversion to Unicode: letters a converter lost or left in the legacy
//! charset, inside words that are otherwise correct Unicode.
//!
//! - **TCVN3 ư as a soft hyphen**: TCVN3's plain ư is byte 0xAD, which Windows-1252 reads as U+00AD,
//!   an invisible soft hyphen ("Tr\u{AD}ờng" for "Trường", "s\u{AD}" for "sư");
//! - **TCVN3 ư lost**: the soft hyphen then dropped, leaving "Hớng", "trờng", "đợc", or a space
//!   where it was ("TR ỜNG");
//! - **VNI residue**: a converter that joined VNI's base + mark pairs but kept VNI's one-byte
//!   letters as Latin-1: "đònh" (ị), "chæ" (ỉ), "nghóa" (ĩ), and their capitals.
//!
//! The principle is that a correct word is never changed: a word is repaired only when as written
//! it is no Vietnamese syllable and the repaired word is one ([`crate::decode::syllable`]). The one
//! exception is a lost ư that leaves a possible but unlisted syllable ("Ngời" for "Người"): it is
//! repaired into a listed syllable only when the document has other words that lost their ư
//! (`lost_u_context`).

use super::glyph::{self, circumflex_for, is_o_horn};
use super::{Damage, LineRepair, SpanRepair};
use crate::decode::swar;
use crate::decode::syllable::{self, Plausibility};
use crate::decode::viet;
use crate::source::LineMap;

/// The soft hyphen TCVN3's ư becomes through Windows-1252.
const SOFT_HYPHEN: char = '\u{AD}';

/// VNI's one-byte letters as Latin-1 shows them, and the letters they are.
fn vni_residue(c: char) -> Option<char> {
    Some(match c {
        'ò' => 'ị',
        'Ò' => 'Ị',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// Whether a line can hold any of this module's damage; the whole cost for most lines.
pub fn needs_look(line: &str) -> bool {
    scan(line).0
}

/// One pass over a line's bytes: whether it can hold this module's own damage, and whether it can
/// hold a PDF text layer's ([`glyph::may_hold`], checked here at the same bytes), eight bytes at a
/// time ([`swar`]).
#[inline]
pub fn scan(line: &str) -> (bool, bool) {
    let b = line.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // After an ơ, "n", "c" or "u": a lost ư of "ươ" leaves "ơng", "ơc" or "ơu", which no
    // syllable has.
    let lost_u_rhyme = |k: usize| matches!(at(k), b'n' | b'N' | b'c' | b'C' | b'u' | b'U');
    let (mut residue, mut pdf) = (false, false);
    // Only lead bytes from 0xC2 matter (continuation bytes are below 0xC0); the scan stops once
    // both are found.
    swar::any_marked(
        b,
        |x| swar::at_least(x, 0xC2),
        |i| {
            let y = at(i + 1);
            match b[i] {
                // U+00AD soft hyphen.
                0xC2 => residue |= y == 0xAD,
                // ò Ò æ Æ ó Ó î Î.
                0xC3 => {
                    residue |= matches!(y, 0xB2 | 0x92 | 0xA6 | 0x86 | 0xB3 | 0x93 | 0xAE | 0x8E)
                }
                0xC6 => match y {
                    // ƣ Ƣ, a PDF font's ư (see [`glyph`]).
                    0xA2 | 0xA3 => (residue, pdf) = (true, true),
                    // ơ Ơ, not after ư: "trường", "được" lost nothing (and are most of the ơ of
                    // any text).
                    0xA0 | 0xA1 if !glyph::after_u(b, i) => {
                        residue |= lost_u_rhyme(i + 2);
                        pdf |= glyph::no_rhyme_at(b, i + 2);
                    }
                    _ => {}
                },
                0xE1 if y == 0xBB => match at(i + 2) {
                    // ị Ị.
                    0x8A | 0x8B => pdf |= glyph::ong_on_oi_at(b, i + 3),
                    // ờ ớ ở ỡ ợ and capitals (U+1EDA..U+1EE3), not after ư.
                    0x9A..=0xA3 if !glyph::after_u(b, i) => {
                        residue |= lost_u_rhyme(i + 3);
                        pdf |= glyph::no_rhyme_at(b, i + 3);
                    }
                    _ => {}
                },
                _ => {}
            }
            residue && pdf
        },
    );
    // The ASCII "…un" of a PDF's "uyê" by a vector search, not byte by byte.
    (residue, pdf || glyph::word_ends_in_un(b))
}

/// Whether, without evidence from the rest of the document, any word of `line` may be repaired:
/// one with a soft hyphen; one with ơ or a VNI residue letter that is no listed syllable (a
/// listed one is left alone by [`lost_u_word`] and, without evidence, [`vni_word`]); or a word
/// without a vowel followed by one space and a word that starts with ơ ("TR ỜNG"). Only the words
/// around such letters are looked at (found by a byte scan), with one lookup each: most lines of
/// clean text ("còn", "lớn", "có") stop here.
fn any_word_may_change(line: &str) -> bool {
    let b = line.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // Words already looked at end before this byte.
    let mut done = 0;
    // Only lead bytes from 0xC2 matter (continuation bytes are below 0xC0).
    swar::any_marked(
        b,
        |x| swar::at_least(x, 0xC2),
        |i| {
            let y = at(i + 1);
            let marked = match b[i] {
                0xC2 if y == 0xAD => return true,
                0xC6 if matches!(y, 0xA2 | 0xA3) => return true,
                // ò Ò æ Æ ó Ó î Î.
                0xC3 => matches!(y, 0xB2 | 0x92 | 0xA6 | 0x86 | 0xB3 | 0x93 | 0xAE | 0x8E),
                // ơ Ơ.
                0xC6 => matches!(y, 0xA0 | 0xA1),
                // ờ ớ ở ỡ ợ and capitals (U+1EDA..U+1EE3).
                0xE1 => y == 0xBB && matches!(at(i + 2), 0x9A..=0xA3),
                _ => false,
            };
            if marked && i >= done {
                let (start, end) = word_around(line, i);
                if !syllable::is_listed_cached(&line[start..end]) || onset_before(line, start) {
                    return true;
                }
                done = end;
            }
            false
        },
    )
}

/// A character of a word in the sense of [`words`].
fn is_word_part(c: char) -> bool {
    c == SOFT_HYPHEN || viet::is_viet_letter(c) || vni_residue(c).is_some() || glyph::is_oi(c)
}

/// The byte range of the word (see [`words`]) around byte `at`, which starts a word character.
fn word_around(line: &str, at: usize) -> (usize, usize) {
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_part(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = line[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_part(c))
        .map_or(line.len(), |(i, _)| at + i);
    (start, end)
}

/// Whether the word starting at `start` begins with ơ and follows one space after a word without a
/// vowel ("TR ỜNG"): the pattern of a lost ư between an onset and the rest.
fn onset_before(line: &str, start: usize) -> bool {
    // Most words looked at here ("có", "lớn") start with no ơ: nothing more to look at.
    if !line[start..].chars().next().is_some_and(is_o_horn) {
        return false;
    }
    let Some(before) = line[..start].strip_suffix(' ') else {
        return false;
    };
    let mut onset = before.chars().rev().take_while(|&c| is_word_part(c));
    let mut letters = 0;
    onset.all(|c| {
        letters += 1;
        viet::vowel(c).is_none()
    }) && letters > 0
}

/// What the look at a line found: the words repaired on the evidence of the word alone, which
/// are the evidence for the words that need it (see [`Evidence`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct ResidueStats {
    /// Words repaired as lost ư (no syllable as written, one with ư).
    pub lost_u_confident: u32,
    /// Words repaired as VNI letters left (no syllable as written, one repaired).
    pub vni_confident: u32,
    /// Words with a reading as a PDF's changed glyphs ([`glyph`]), repaired only on the evidence
    /// of the whole document.
    pub glyph_words: glyph::GlyphWords,
}

/// What the rest of the document says: whether it has words that surely lost their ư, or surely
/// have VNI letters left.
#[derive(Debug, Default, Clone, Copy)]
pub struct Evidence {
    pub lost_u: bool,
    pub vni: bool,
    /// The document's text layer changed glyphs ([`glyph::document_has_glyph_loss`]).
    pub glyph: bool,
}

/// A word of the line: char range (letters and soft hyphens).
fn words(chars: &[char]) -> Vec<(usize, usize)> {
    glyph::runs_of(chars, is_word_part)
}

fn is_upper(c: char) -> bool {
    viet::to_lower(c) != c
}

/// The ư to put at `at` of `word`, in the case its neighbours have.
fn u_for(word: &[char], at: usize, replacing: bool) -> char {
    let next = word.get(at + usize::from(replacing)).copied();
    let before = &word[..at];
    let upper = match next {
        Some(n) if n != SOFT_HYPHEN => is_upper(n),
        // Last letter ("TH\u{AD}"): capital only after two capitals.
        _ => before.len() >= 2 && before.iter().all(|&c| is_upper(c)),
    };
    if upper { 'Ư' } else { 'ư' }
}

/// Every char of a word is a letter (no soft hyphen left, nothing else).
fn score(word: &str, buf: &mut String) -> Plausibility {
    syllable::classify(word, buf)
}

/// One proposed edit: char range of the line, replacement, damage.
pub(super) type Edit = (usize, usize, String, Damage);

/// Repairs a word with soft hyphens for ư, if the result is a syllable.
fn soft_hyphen_word(w: &[char], buf: &mut String) -> Option<String> {
    if !w.contains(&SOFT_HYPHEN) || w.iter().all(|&c| c == SOFT_HYPHEN) {
        return None;
    }
    let fixed: String = w
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == SOFT_HYPHEN {
                u_for(w, i, true)
            } else {
                c
            }
        })
        .collect();
    (score(&fixed, buf) >= Plausibility::Possible).then_some(fixed)
}

/// A lost ư before the ơ of "ươ": the repaired word and whether the evidence is the word alone.
fn lost_u_word(w: &[char], buf: &mut String) -> Option<(String, bool)> {
    let at = w.iter().position(|&c| is_o_horn(c))?;
    // "ươ" intact, "uơ" (thuở), or no onset before it: nothing lost.
    if at == 0 || viet::vowel(w[at - 1]).is_some() {
        return None;
    }
    let word: String = w.iter().collect();
    let found = score(&word, buf);
    if found == Plausibility::Common {
        return None;
    }
    let mut fixed: String = w[..at].iter().collect();
    fixed.push(u_for(w, at, false));
    fixed.extend(&w[at..]);
    // A lossy font conversion turns ô into ơ ("phổ thơng", "cơng lập"): where ô makes a syllable
    // too, the word alone cannot tell a lost ư from a lost circumflex.
    let with_o: String = w
        .iter()
        .enumerate()
        .map(|(i, &c)| if i == at { circumflex_for(c) } else { c })
        .collect();
    let ambiguous = score(&with_o, buf) == Plausibility::Common;
    match (found, score(&fixed, buf)) {
        (Plausibility::No, s) if s >= Plausibility::Possible => Some((fixed, !ambiguous)),
        (Plausibility::Possible, Plausibility::Common) => Some((fixed, false)),
        _ => None,
    }
}

/// A lost ư in a short word without ơ ("t" for "tư", "nh" for "như", "Lu" for "Lưu"): only
/// ever repaired with other lost-ư words in view, into a listed syllable, never in capitals
/// (abbreviations such as "TH").
fn lost_u_short(w: &[char], buf: &mut String) -> Option<String> {
    if w.len() > 4
        || !w.iter().all(|c| c.is_ascii_alphabetic())
        || (w.len() >= 2 && w.iter().all(|c| c.is_ascii_uppercase()))
    {
        return None;
    }
    let word: String = w.iter().collect();
    if score(&word, buf) == Plausibility::Common {
        return None;
    }
    let mut best: Option<(u32, String)> = None;
    for at in 0..=w.len() {
        let upper = w.len() >= 2 && w[..at].iter().all(|c| c.is_ascii_uppercase()) && at >= 2;
        let mut cand: String = w[..at].iter().collect();
        cand.push(if upper { 'Ư' } else { 'ư' });
        cand.extend(&w[at..]);
        if let Some(rank) = syllable::lexicon_rank(&cand)
            && best.as_ref().is_none_or(|(r, _)| rank < *r)
        {
            best = Some((rank, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// VNI's one-byte letters left as Latin-1: the repaired word and whether the evidence is the word
/// alone (as written no syllable, repaired one). With other such words in view (`context`), a
/// word that is a syllable as written is repaired too when the repaired one is a more common
/// listed syllable ("vò" → "vị", "trò" → "trị"); "phòng", "còn" have no such reading.
fn vni_word(w: &[char], context: bool, buf: &mut String) -> Option<(String, bool)> {
    if !w.iter().any(|&c| vni_residue(c).is_some()) {
        return None;
    }
    let word: String = w.iter().collect();
    let found = score(&word, buf);
    if found != Plausibility::No {
        if !context {
            return None;
        }
        let rank_found = syllable::lexicon_rank(&word).unwrap_or(u32::MAX);
        let cand: String = w.iter().map(|&c| vni_residue(c).unwrap_or(c)).collect();
        return syllable::lexicon_rank(&cand)
            .is_some_and(|r| r < rank_found)
            .then_some((cand, false));
    }
    // Each residue letter alone first (a word has one tone), then all of them.
    let positions: Vec<usize> = (0..w.len())
        .filter(|&i| vni_residue(w[i]).is_some())
        .collect();
    let mut best: Option<(Plausibility, String)> = None;
    for &p in &positions {
        let cand: String = w
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if i == p {
                    vni_residue(c).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        let s = score(&cand, buf);
        if s >= Plausibility::Possible && best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, cand));
        }
    }
    best.map(|(_, c)| (c, true))
}

/// Repairs one line (the output of [`super::repair_line`], or the NFC line). Returns the
/// repair, if anything changed, and what was found.
pub fn repair_line(line: &str, evidence: Evidence) -> (Option<LineRepair>, ResidueStats) {
    let mut stats = ResidueStats::default();
    let (residue_look, pdf_look) = scan(line);
    if !evidence.glyph && pdf_look {
        stats.glyph_words = glyph::count_words(line);
    }
    // With lost-ư evidence, short words without any mark ("nh" for "như") are looked at too.
    let look = if evidence.lost_u || evidence.vni {
        !line.is_ascii() || (evidence.lost_u && line.bytes().any(|b| b.is_ascii_alphabetic()))
    } else {
        residue_look
    };
    let glyph_look = evidence.glyph && pdf_look;
    let with_evidence = evidence.lost_u || evidence.vni || evidence.glyph;
    if !glyph_look && (!look || (!with_evidence && !any_word_may_change(line))) {
        return (None, stats);
    }
    let chars: Vec<char> = line.chars().collect();
    let ws = words(&chars);
    let mut buf = String::with_capacity(32);
    let mut edits: Vec<Edit> = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let (s, e) = ws[k];
        let w = &chars[s..e];
        if let Some(fixed) = soft_hyphen_word(w, &mut buf) {
            edits.push((s, e, fixed, Damage::SoftHyphenU));
            k += 1;
            continue;
        }
        // "TR ỜNG": a space left where ư was, between an onset and the rest.
        if let Some(&(s2, e2)) = ws.get(k + 1)
            && s2 == e + 1
            && chars[e] == ' '
            && is_o_horn(chars[s2])
            && w.iter().all(|&c| viet::vowel(c).is_none())
        {
            let right: String = chars[s2..e2].iter().collect();
            let mut joined: Vec<char> = w.to_vec();
            joined.push(u_for(&chars[s2..e2], 0, false));
            joined.extend(&chars[s2..e2]);
            let joined: String = joined.iter().collect();
            let left: String = w.iter().collect();
            if score(&left, &mut buf) == Plausibility::No
                && score(&right, &mut buf) == Plausibility::No
                && score(&joined, &mut buf) >= Plausibility::Possible
            {
                stats.lost_u_confident += 1;
                edits.push((s, e2, joined, Damage::LostU));
                k += 2;
                continue;
            }
        }
        if let Some(fixed) = glyph::oi_reading(w, &mut buf) {
            edits.push((s, e, fixed, Damage::GlyphLoss));
        } else if evidence.glyph
            && let Some(fixed) = glyph::reading(w, &mut buf)
        {
            edits.push((s, e, fixed, Damage::GlyphLoss));
        } else if let Some((fixed, confident)) = lost_u_word(w, &mut buf) {
            if confident {
                stats.lost_u_confident += 1;
            }
            if confident || evidence.lost_u {
                edits.push((s, e, fixed, Damage::LostU));
            }
        } else if let Some((fixed, confident)) = vni_word(w, evidence.vni, &mut buf) {
            if confident {
                stats.vni_confident += 1;
            }
            edits.push((s, e, fixed, Damage::VniResidue));
        } else if evidence.lost_u
            && let Some(fixed) = lost_u_short(w, &mut buf)
        {
            edits.push((s, e, fixed, Damage::LostU));
        }
        k += 1;
    }
    if edits.is_empty() {
        return (None, stats);
    }
    (Some(apply(&chars, &edits)), stats)
}

/// Builds the repaired line, its column map and span records from char-range edits.
pub(super) fn apply(chars: &[char], edits: &[Edit]) -> LineRepair {
    let mut text = String::with_capacity(chars.len() * 3);
    let mut anchors = vec![(0u32, 0u32)];
    let mut spans = Vec::with_capacity(edits.len());
    let mut last = 0usize;
    let mut out_col = 0u32;
    for (s, e, rep, d) in edits {
        text.extend(&chars[last..*s]);
        out_col += (*s - last) as u32;
        anchors.push((out_col, *s as u32));
        text.push_str(rep);
        out_col += rep.chars().count() as u32;
        anchors.push((out_col, *e as u32));
        spans.push(SpanRepair {
            start: *s as u32,
            end: *e as u32,
            original: chars[*s..*e].iter().collect(),
            repaired: rep.clone(),
            damage: *d,
        });
        last = *e;
    }
    text.extend(&chars[last..]);
    anchors.dedup();
    LineRepair {
        text,
        map: LineMap::from_anchors(anchors),
        spans,
    }
}

/// Runs this module's repair after the cp1252 repair of a line: `first` is that repair (of `given`,
/// if any).
pub fn after(
    given: &str,
    first: Option<LineRepair>,
    evidence: Evidence,
) -> (Option<LineRepair>, ResidueStats) {
    let base = first.as_ref().map_or(given, |f| f.text.as_str());
    let (second, stats) = repair_line(base, evidence);
    (super::then(first, second), stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str, ctx: bool) -> String {
        let evidence = Evidence {
            lost_u: ctx,
            vni: ctx,
            glyph: false,
        };
        repair_line(line, evidence)
            .0
            .map_or_else(|| line.to_string(), |r| r.text)
    }

    #[test]
    fn soft_hyphen_is_u() {
        assert_eq!(fix("Tr\u{AD}ờng Tiểu học", false), "Trường Tiểu học");
        assert_eq!(fix("giáo s\u{AD} Lê", false), "giáo sư Lê");
        assert_eq!(fix("L\u{AD}u: VT", false), "Lưu: VT");
        assert_eq!(fix("TR\u{AD}ỜNG THCS", false), "TRƯỜNG THCS");
    }

    #[test]
    fn lost_u_is_restored() {
        // No syllable with ô either: the word alone decides.
        assert_eq!(fix("khen thởng", false), "khen thưởng");
        // "trờng" could be "trồng", "đợc" "độc", "phổ thơng" a lost circumflex: repaired only with
        // other lost-ư words in view.
        assert_eq!(fix("phổ thơng", false), "phổ thơng");
        assert_eq!(fix("Hớng dẫn", true), "Hướng dẫn");
        assert_eq!(fix("nhà trờng đợc", true), "nhà trường được");
        assert_eq!(fix("tấm gơng", true), "tấm gương");
        assert_eq!(fix("TRỜNG THCS", true), "TRƯỜNG THCS");
        assert_eq!(fix("TR ỜNG THCS", false), "TRƯỜNG THCS");
        // "Ngời" is a possible syllable: repaired only with other lost-ư words in view.
        assert_eq!(fix("Ngời ký", false), "Ngời ký");
        assert_eq!(fix("Ngời ký", true), "Người ký");
        assert_eq!(
            fix("giáo s\u{AD} và t vấn, nh sau, Lu: VT", true),
            "giáo sư và tư vấn, như sau, Lưu: VT"
        );
        assert_eq!(fix("t vấn, TH, THCS", false), "t vấn, TH, THCS");
        assert_eq!(fix("trường TH, THCS", true), "trường TH, THCS");
    }

    #[test]
    fn vni_residue_letters() {
        assert_eq!(fix("quyết đònh", false), "quyết định");
        assert_eq!(fix("qui đònh", false), "qui định");
        assert_eq!(fix("ĐÒNH", false), "ĐỊNH");
        assert_eq!(fix("chæ đạo", false), "chỉ đạo");
        assert_eq!(fix("ý nghóa", false), "ý nghĩa");
        // "vò", "trò" are words: with other VNI letters in view they are the commoner "vị", "trị".
        assert_eq!(fix("đơn vò, chính trò", false), "đơn vò, chính trò");
        assert_eq!(
            fix("đơn vò, chính trò, phòng, còn", true),
            "đơn vị, chính trị, phòng, còn"
        );
    }

    #[test]
    fn correct_words_stay() {
        for l in [
            "thuở ấy, mời họp, bởi vì",
            "có hóa khó phòng còn hòa",
            "café naïve Cæsar",
            "ở đó, ơn nghĩa, vợ chồng",
        ] {
            assert_eq!(fix(l, false), l);
        }
        assert_eq!(fix("sáng ngời", false), "sáng ngời");
    }

    proptest::proptest! {
        /// The pre-check never skips a line that the full look would repair.
        #[test]
        fn pre_check_is_conservative(
            line in "([a-zA-Z]{0,3}[ơờớởỡợƠỜòóæîÒÓÆÎôồàáƣƢ\u{AD}]{0,2}[nNcCguUh]{0,2}[ ,.]{0,2}){0,8}"
        ) {
            if !any_word_may_change(&line) {
                proptest::prop_assert!(repair_line(&line, Evidence::default()).0.is_none());
            }
        }
    }

    /// The scan as it was first written, every lead byte alike: [`scan`] must agree with it.
    fn scan_reference(line: &str) -> (bool, bool) {
        let b = line.as_bytes();
        let (mut residue, mut pdf) = (false, false);
        let mut i = 0;
        while i < b.len() && !(residue && pdf) {
            let x = b[i];
            if x < 0x80 {
                i += 1;
                continue;
            }
            if !pdf && matches!(x, 0xC6 | 0xE1) {
                pdf = glyph::letter_at(b, i);
            }
            let y = b.get(i + 1).copied().unwrap_or(0);
            let (hit, len) = match x {
                // U+00AD soft hyphen.
                0xC2 => (y == 0xAD, 2),
                // ƣ Ƣ, a PDF font's ư (see [`glyph`]).
                0xC6 if matches!(y, 0xA2 | 0xA3) => (true, 2),
                // ò Ò æ Æ ó Ó î Î.
                0xC3 => (
                    matches!(y, 0xB2 | 0x92 | 0xA6 | 0x86 | 0xB3 | 0x93 | 0xAE | 0x8E),
                    2,
                ),
                // ơ Ơ; ờ ớ ở ỡ ợ and capitals (U+1EDA..U+1EE3): a lost ư of "ươ" leaves "ơng",
                // "ơc" or "ơu", which no syllable has. Not after ư: "trường", "được" lost nothing
                // (and are most of the ơ of any text).
                0xC6 | 0xE1 => {
                    let after_u = glyph::after_u(b, i);
                    let horn = !after_u
                        && ((x == 0xC6 && matches!(y, 0xA0 | 0xA1))
                            || (x == 0xE1
                                && y == 0xBB
                                && matches!(b.get(i + 2), Some(0x9A..=0xA3))));
                    let len = if x == 0xC6 { 2 } else { 3 };
                    let next = b.get(i + len).copied().unwrap_or(0);
                    (
                        horn && matches!(next, b'n' | b'N' | b'c' | b'C' | b'u' | b'U'),
                        len,
                    )
                }
                0xC0..=0xDF => (false, 2),
                0xE0..=0xEF => (false, 3),
                _ => (false, 4),
            };
            residue |= hit;
            i += len;
        }
        // The ASCII "…un" of a PDF's "uyê" by a vector search, not byte by byte.
        (residue, pdf || glyph::word_ends_in_un(b))
    }

    /// The pre-check as first written, stepping through the characters: [`any_word_may_change`]
    /// must agree.
    fn any_word_may_change_reference(line: &str) -> bool {
        let b = line.as_bytes();
        let mut i = 0;
        // Words already looked at end before this byte.
        let mut done = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                i += 1;
                continue;
            }
            let y = b.get(i + 1).copied().unwrap_or(0);
            let (marked, len) = match x {
                0xC2 if y == 0xAD => return true,
                0xC6 if matches!(y, 0xA2 | 0xA3) => return true,
                // ò Ò æ Æ ó Ó î Î.
                0xC3 => (
                    matches!(y, 0xB2 | 0x92 | 0xA6 | 0x86 | 0xB3 | 0x93 | 0xAE | 0x8E),
                    2,
                ),
                // ơ Ơ.
                0xC6 => (matches!(y, 0xA0 | 0xA1), 2),
                // ờ ớ ở ỡ ợ and capitals (U+1EDA..U+1EE3).
                0xE1 => (y == 0xBB && matches!(b.get(i + 2), Some(0x9A..=0xA3)), 3),
                0xC0..=0xDF => (false, 2),
                0xE0..=0xEF => (false, 3),
                _ => (false, 4),
            };
            if marked && i >= done {
                let (start, end) = word_around(line, i);
                if !syllable::is_listed(&line[start..end]) || onset_before(line, start) {
                    return true;
                }
                done = end;
            }
            i += len;
        }
        false
    }

    proptest::proptest! {
        /// The pre-check by masks finds what the reference finds.
        #[test]
        fn pre_check_agrees_with_the_reference(
            line in "([a-zA-Z]{0,3}[ơờớởỡợƠỜòóæîÒÓÆÎôồàáƣƢ\u{AD}]{0,2}[nNcCguUh]{0,2}[ ,.]{0,2}){0,8}"
        ) {
            proptest::prop_assert_eq!(any_word_may_change(&line), any_word_may_change_reference(&line));
        }

        #[test]
        fn pre_check_agrees_with_the_reference_on_mixed_text(line in crate::decode::swar::MIXED_TEXT) {
            proptest::prop_assert_eq!(any_word_may_change(&line), any_word_may_change_reference(&line));
        }

        #[test]
        fn scan_agrees_with_the_reference_on_mixed_text(line in crate::decode::swar::MIXED_TEXT) {
            proptest::prop_assert_eq!(scan(&line), scan_reference(&line));
        }
    }

    proptest::proptest! {
        /// The byte-class scan finds what the reference scan finds.
        #[test]
        fn scan_agrees_with_the_reference(
            line in "([a-zA-Z]{0,3}[ơờớởỡợƠỜịỊuUưƯôòóæîÒÓÆÎƣƢ\u{AD}àáạ]{0,2}[nNcCguUhaAiI]{0,2}[ ,.”]{0,2}){0,8}"
        ) {
            proptest::prop_assert_eq!(scan(&line), scan_reference(&line));
        }
    }

    proptest::proptest! {
        /// The one-pass scan sees the PDF text layer's letters exactly as [`glyph::may_hold`].
        #[test]
        fn scan_agrees_with_the_glyph_pre_check(
            line in "([a-zA-Z]{0,3}[ơờớởỡợƠỜịỊuUưƯôòƣƢ\u{AD}]{0,2}[nNcCguUhaAiI]{0,2}[ ,.”]{0,2}){0,8}"
        ) {
            proptest::prop_assert_eq!(scan(&line).1, glyph::may_hold(&line));
        }
    }

    #[test]
    fn pre_check_finds_the_damaged_words() {
        for line in ["Tr\u{AD}ờng", "khen thởng", "quyết đònh", "TR ỜNG THCS"] {
            assert!(any_word_may_change(line), "{line:?}");
        }
        for line in ["còn lớn có phòng", "Trường Tiểu học", "ơn nghĩa"] {
            assert!(!any_word_may_change(line), "{line:?}");
        }
    }

    #[test]
    fn spans_in_given_columns() {
        let evidence = Evidence {
            lost_u: true,
            vni: false,
            glyph: false,
        };
        let (r, _) = repair_line("a Hớng", evidence);
        let r = r.unwrap();
        assert_eq!(r.spans[0].start, 2);
        assert_eq!(r.spans[0].end, 6);
        assert_eq!(r.map.original_column(7), 6);
    }
}
