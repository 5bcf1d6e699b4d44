//! Word and line repair inside one Unicode line: words that are legacy bytes read through
//! Windows-1252 (TCVN3, VNI, Windows-1258) or UTF-8 read through Windows-1252 (mojibake, [`super::mojibake`]).
//!
//! Only a word whose every character is one a cp1252 reading can produce can be damaged that way, so
//! real Vietnamese words ("Việt", "Số") are never looked at twice. A candidate word is turned back into
//! bytes and re-read as each damage; the repair is taken only when the syllable model says the word
//! as found is not a common Vietnamese syllable and the re-read one is ([`crate::decode::syllable`]).
//! Lines where most words are damaged the same way are then re-read as a whole, so that damaged
//! words that happen to look like Vietnamese ("Nôi" = VNI "Nơi") are repaired too.

use super::mojibake;
use super::{Damage, LineRepair, LineStats, SpanRepair};
use crate::decode::case;
use crate::decode::codec::{self, cp1252_byte};
use crate::decode::swar;
use crate::decode::syllable;
use crate::decode::viet;
use crate::source::LineMap;

/// Whether a line has anything a cp1252 reading could have produced beyond ASCII; lines without such
/// characters are left alone without tokenizing. This is the whole cost of repair for most text.
#[inline]
pub fn needs_look(line: &str) -> bool {
    if line.is_ascii() {
        return false;
    }
    line.chars()
        .any(|c| !c.is_ascii() && (c == '\u{FFFD}' || codec::is_cp1252_char(c)))
}

/// A word of a line: its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: usize,
    end: usize,
}

/// Splits a line into words and keeps the candidates: words with a non-ASCII character, all of whose
/// characters a cp1252 reading can produce. Words are runs of ASCII letters and non-ASCII non-space
/// characters (cp1252 damage turns letters into symbols such as "§µ¸¹", so those belong to the
/// word); a no-break space right after a UTF-8 lead byte's cp1252 reading ("Ã" of "à" = C3 A0) or
/// amid continuation bytes stays inside the word too. Also tells whether every character of the
/// line is one a cp1252 reading can produce. One pass, no allocation unless there are candidates.
fn candidate_tokens<const FAST: bool>(line: &str) -> (Vec<Token>, bool) {
    if FAST {
        return sparse_candidate_tokens(line);
    }
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut line_cp1252 = true;
    let mut cur: Option<(Token, bool, bool)> = None; // token, has non-ASCII, all cp1252
    let mut prev = ' ';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: most of any line; letters extend a word, anything else ends it.
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                match cur.as_mut() {
                    Some((t, _, _)) => t.end = i + 1,
                    None => {
                        cur = Some((
                            Token {
                                start: i,
                                end: i + 1,
                            },
                            false,
                            true,
                        ))
                    }
                }
            } else if let Some((t, non_ascii, all_cp)) = cur.take()
                && non_ascii
                && all_cp
            {
                out.push(t);
            }
            prev = char::from(b);
            i += 1;
            continue;
        }
        // Fast path for the letters of real Vietnamese (U+0100..U+017F except Œœ Šš Ÿ Žž, ơ ư and
        // the rest of U+0180..U+01BF except ƒ, U+1EA0..U+1EFF): no cp1252 reading makes them, and
        // none is a space, so they only mark their word as no candidate.
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        if is_viet_only(b, next) {
            let len = if b == 0xE1 { 3 } else { 2 };
            let end = (i + len).min(bytes.len());
            line_cp1252 = false;
            match cur.as_mut() {
                Some((t, non_ascii, all_cp)) => {
                    t.end = end;
                    *non_ascii = true;
                    *all_cp = false;
                }
                None => cur = Some((Token { start: i, end }, true, false)),
            }
            prev = 'ư';
            i = end;
            continue;
        }
        let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let cp = c == '\u{FFFD}' || codec::is_cp1252_char(c);
        line_cp1252 &= cp;
        let word = if c == '\u{A0}' {
            cur.is_some()
                && (('\u{C2}'..='\u{F4}').contains(&prev)
                    || cp1252_byte(prev).is_some_and(|b| (0x80..=0xBF).contains(&b)))
        } else {
            !c.is_whitespace()
        };
        let end = i + c.len_utf8();
        if word {
            match cur.as_mut() {
                Some((t, non_ascii, all_cp)) => {
                    t.end = end;
                    *non_ascii = true;
                    *all_cp &= cp;
                }
                None => cur = Some((Token { start: i, end }, true, cp)),
            }
        } else if let Some((t, non_ascii, all_cp)) = cur.take()
            && non_ascii
            && all_cp
        {
            out.push(t);
        }
        prev = c;
        i = end;
    }
    if let Some((t, true, true)) = cur {
        out.push(t);
    }
    (out, line_cp1252)
}

/// Whether the character with lead byte `b` and second byte `next` is a letter of real
/// Vietnamese that no cp1252 reading makes and that is no space: U+0100..U+017F except Œœ Šš Ÿ Žž,
/// ơ ư and the rest of U+0180..U+01BF except ƒ, U+1EA0..U+1EFF.
#[inline]
fn is_viet_only(b: u8, next: u8) -> bool {
    match b {
        0xC4 => true,
        0xC5 => !matches!(next, 0x92 | 0x93 | 0xA0 | 0xA1 | 0xB8 | 0xBD | 0xBE),
        0xC6 => next != 0x92,
        0xE1 => matches!(next, 0xBA | 0xBB),
        _ => false,
    }
}

/// [`candidate_tokens`] looking only at the non-ASCII characters (found eight bytes at a time)
/// and the ASCII letters next to them: a word of ASCII letters alone is never a candidate, so
/// most bytes of a line are not looked at one by one.
fn sparse_candidate_tokens(line: &str) -> (Vec<Token>, bool) {
    let bytes = line.as_bytes();
    let letter = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphabetic);
    let mut out = Vec::new();
    let mut line_cp1252 = true;
    // The open word: its range, its end already past the ASCII letters after it, and whether
    // all its characters are cp1252 ones. It has a non-ASCII character by construction.
    let mut cur: Option<(Token, bool)> = None;
    // The end of the last non-ASCII word character and that character as the no-break-space
    // rule sees it (a Vietnamese-only letter as 'ư', which the rule never joins).
    let mut last: Option<(usize, char)> = None;
    swar::any_marked(
        bytes,
        |x| swar::at_least(x, 0xC2),
        |i| {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            // Length, the character for the no-break-space rule, word or space, cp1252 or not.
            let (len, c, word, cp) = if is_viet_only(b, next) {
                (if b == 0xE1 { 3 } else { 2 }, 'ư', true, false)
            } else if b == 0xC3 && (0x80..=0xBF).contains(&next) {
                // À..ÿ: cp1252 letters, no space.
                (2, char::from(0xC0 + (next - 0x80)), true, true)
            } else {
                let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
                    return true;
                };
                let cp = c == '\u{FFFD}' || codec::is_cp1252_char(c);
                let word = if c == '\u{A0}' {
                    last.is_some_and(|(end, p)| {
                        end == i
                            && (('\u{C2}'..='\u{F4}').contains(&p)
                                || cp1252_byte(p).is_some_and(|b| (0x80..=0xBF).contains(&b)))
                    })
                } else {
                    !c.is_whitespace()
                };
                (c.len_utf8(), c, word, cp)
            };
            line_cp1252 &= cp;
            let end = i + len;
            if !word {
                if let Some((t, true)) = cur.take() {
                    out.push(t);
                }
                last = None;
                return false;
            }
            let t = match cur.as_mut() {
                // Joined to the open word directly or through ASCII letters.
                Some((t, all_cp)) if t.end == i => {
                    *all_cp &= cp;
                    t
                }
                _ => {
                    if let Some((t, true)) = cur.take() {
                        out.push(t);
                    }
                    let mut start = i;
                    while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
                        start -= 1;
                    }
                    &mut cur.insert((Token { start, end }, cp)).0
                }
            };
            t.end = end;
            while letter(t.end) {
                t.end += 1;
            }
            last = Some((end, c));
            false
        },
    );
    if let Some((t, true)) = cur {
        out.push(t);
    }
    (out, line_cp1252)
}

/// Characters that may wrap a correct word (quotes, dashes) and that a cp1252 reading can produce.
/// Guillemets are left out: "»" (0xBB) is the middle byte of most mojibake ("bá»" = "bỏ").
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '„' | '‚' | '–' | '—' | '…' | '•' | '\u{A0}'
    )
}

/// The cores of a token to try: the whole token, then without a leading and/or trailing quote.
fn cores(word: &str) -> Cores {
    let mut v = Cores {
        items: [(0, word.len()); 4],
        len: 1,
    };
    let first = word.chars().next();
    let last = word.chars().next_back();
    let lead = first
        .filter(|&c| is_edge_punct(c))
        .map_or(0, char::len_utf8);
    let trail = last.filter(|&c| is_edge_punct(c)).map_or(0, char::len_utf8);
    if lead > 0 && lead < word.len() {
        v.push((lead, word.len()));
    }
    if trail > 0 && trail < word.len() {
        v.push((0, word.len() - trail));
    }
    if lead > 0 && trail > 0 && lead + trail < word.len() {
        v.push((lead, word.len() - trail));
    }
    v
}

/// Up to four byte ranges of a token (no allocation per word).
struct Cores {
    items: [(usize, usize); 4],
    len: usize,
}

impl Cores {
    fn push(&mut self, r: (usize, usize)) {
        if self.len < 4 {
            self.items[self.len] = r;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[(usize, usize)] {
        &self.items[..self.len]
    }
}

/// How plausible a word is as Vietnamese on the scale of candidate scores ([`candidate_score`]):
/// 3 common syllable, 2 possible syllable, 0 neither (1 is left for mojibake letters that are no
/// syllable).
fn plausibility(word: &str, buf: &mut String) -> u8 {
    syllable::classify(word, buf).weight()
}

/// Re-reads a cp1252-read word as each damage.
fn reread(word: &str, damage: Damage) -> Option<String> {
    let mut bytes = Vec::with_capacity(word.len());
    let mut slots = Vec::new();
    for c in word.chars() {
        match cp1252_byte(c) {
            Some(b) => bytes.push(b),
            None if c == '\u{FFFD}' => {
                slots.push(bytes.len());
                bytes.push(0);
            }
            None => return None,
        }
    }
    match damage {
        // Case is restored later, with the whole line in view.
        Damage::Tcvn3 if slots.is_empty() => Some(codec::decode_tcvn3_word(&bytes)),
        Damage::Vni if slots.is_empty() => Some(codec::decode_vni_word(&bytes)),
        Damage::Cp1258 if slots.is_empty() => Some(decode_cp1258_word(&bytes)),
        Damage::Utf8 => mojibake::undo(&bytes, &slots, |text, buf| {
            candidate_score(text, Damage::Utf8, buf).unwrap_or(0)
        }),
        _ => None,
    }
}

/// A word of Windows-1258 bytes, its combining tones composed (NFC).
fn decode_cp1258_word(bytes: &[u8]) -> String {
    use unicode_normalization::UnicodeNormalization;
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
    text.nfc().collect()
}

/// Whether a character is the Windows-1252 reading of one of Windows-1258's combining tone bytes
/// (0xCC grave, 0xEC acute, 0xD2 hook above, 0xDE tilde, 0xF2 dot below).
pub fn is_cp1258_tone(c: char) -> bool {
    matches!(c, 'Ì' | 'ì' | 'Ò' | 'Þ' | 'ò')
}

/// Whether a word (as found) has a Windows-1258 tone byte's reading right after a vowel letter:
/// the shape of Windows-1258 read through Windows-1252 ("BoÌ", "Thiò", "Ðãòc"). A word without
/// one is never re-read as Windows-1258 on its own evidence (only in line mode): "ÐÃ", "xã",
/// "còn" stay as they are.
pub fn has_cp1258_tone_after_vowel(word: &str) -> bool {
    // Every such tone is C3 8C, C3 AC, C3 92, C3 9E or C3 B2 in UTF-8: most words have none.
    if !word
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xC3 && matches!(w[1], 0x8C | 0xAC | 0x92 | 0x9E | 0xB2))
    {
        return false;
    }
    let mut prev_vowel = false;
    for c in word.chars() {
        if is_cp1258_tone(c) && prev_vowel {
            return true;
        }
        prev_vowel = matches!(
            c.to_ascii_lowercase(),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'â' | 'ê' | 'ô' | 'ã' | 'õ' | 'ý'
        ) || matches!(c, 'Â' | 'Ê' | 'Ô' | 'Ã' | 'Õ' | 'Ý');
    }
    false
}

/// Punctuation a repaired word may carry around its letters.
fn is_common_punct(c: char) -> bool {
    is_edge_punct(c) || matches!(c, '°' | '§' | '©' | '®' | '€' | '±' | '×' | '·')
}

/// How plausible a re-reading is (see [`plausibility`]), judged on its letters without the
/// punctuation around them; `None` if it has characters no Vietnamese text has. A mojibake
/// re-reading that is punctuation only ("â€“" → "–") counts as plausible: valid UTF-8 from cp1252
/// characters does not happen by chance.
pub(super) fn candidate_score(cand: &str, damage: Damage, buf: &mut String) -> Option<u8> {
    if !cand
        .chars()
        .all(|c| c.is_ascii() || viet::is_viet_letter(c) || is_common_punct(c))
    {
        return None;
    }
    let core = cand.trim_matches(|c: char| is_common_punct(c) || c.is_ascii_punctuation());
    if core.is_empty() {
        return (damage == Damage::Utf8 && !cand.is_empty()).then_some(2);
    }
    let score = plausibility(core, buf);
    // Mojibake keeps the case of the original letters; a capital after a lowercase letter
    // ("đỐi") means a wrong guess for a missing byte.
    if damage == Damage::Utf8 && !natural_case(core) {
        return Some(score.min(1));
    }
    // Mojibake that decodes to letters is repaired even when they are no syllable (abbreviations
    // such as "QĐ", "GDĐT"): valid UTF-8 out of cp1252 characters does not happen by chance.
    if score == 0
        && damage == Damage::Utf8
        && core
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || viet::is_viet_letter(c))
    {
        return Some(1);
    }
    Some(score)
}

/// All lowercase, all capitals, or a capital followed by lowercase ("LỐi" and "đỐi" are not).
fn natural_case(word: &str) -> bool {
    let is_upper = |c: char| viet::to_lower(c) != c;
    let is_lower = |c: char| viet::to_upper(c) != c;
    let rest_upper = word.chars().skip(1).any(is_upper);
    let any_lower = word.chars().any(is_lower);
    !(rest_upper && any_lower)
}

/// Syllables this common are worth re-reading a possible-but-unlisted word into (rank in the list).
const VERY_COMMON: u32 = 150;

/// Evidence strong enough to repair a word that is itself a possible syllable: mojibake (valid
/// UTF-8 out of cp1252 characters is no accident); a VNI base + mark pair ("Soá" → "Số": the word
/// gets shorter); or a TCVN3 re-reading into one of the most common syllables ("Sè" → "Số").
fn strong_evidence(found: &str, cand: &str, damage: Damage, buf: &mut String) -> bool {
    match damage {
        Damage::Utf8 => true,
        // A base letter + mark pair became one letter ("Soá" → "Số", "BoÌ" → "Bò").
        Damage::Vni | Damage::Cp1258 => cand.chars().count() < found.chars().count(),
        Damage::Tcvn3 => syllable::lexicon_rank_with(cand, buf).is_some_and(|r| r < VERY_COMMON),
        Damage::SoftHyphenU
        | Damage::LostU
        | Damage::VniResidue
        | Damage::GlyphLoss
        | Damage::TonesDisplaced => false,
    }
}

/// What the first look decided for one word.
#[derive(Debug, Clone)]
struct Verdict {
    token: Token,
    /// Byte range of the core within the token's text that a repair replaces.
    core: (usize, usize),
    repair: Option<(String, Damage)>,
    /// The word as found is no Vietnamese syllable but this damage's re-reading is (per
    /// [`Damage::LEGACY`]).
    confident: [bool; 3],
    /// The word as found is a common syllable.
    clean: bool,
    /// The best mojibake re-reading even when another damage won (used on lines that are
    /// mojibake elsewhere).
    utf8: Option<(String, (usize, usize))>,
    /// The repair is a Windows-1258 re-reading of a word that as found is a possible syllable
    /// with its tone misplaced ("boì", "baì"): taken only where another word of the line surely
    /// is Windows-1258 damage.
    cp1258_weak: bool,
}

fn legacy_index(d: Damage) -> usize {
    match d {
        Damage::Vni => 1,
        Damage::Cp1258 => 2,
        _ => 0,
    }
}

/// Looks at one candidate word.
fn judge(line: &str, token: Token, buf: &mut String) -> Option<Verdict> {
    let word = &line[token.start..token.end];
    // Lone punctuation (a dash, a closing quote after a number) is no damaged word.
    if word.chars().all(is_edge_punct) {
        return None;
    }
    let mut verdict = Verdict {
        token,
        core: (0, word.len()),
        repair: None,
        confident: [false; 3],
        clean: false,
        utf8: None,
        cp1258_weak: false,
    };
    // A Windows-1258 tone byte after a vowel ("vaÌ") is no way of writing Vietnamese, even where
    // the syllable model, which moves tones, reads the word as a syllable ("vài").
    let cp1258_tone = has_cp1258_tone_after_vowel(word);
    // Fast path: a plain word that is a common syllable (most words of clean text).
    if !cp1258_tone && syllable::is_listed(word) {
        verdict.clean = true;
        return Some(verdict);
    }
    let cores = cores(word);
    for &(s, e) in cores.as_slice().iter().skip(1) {
        let core = &word[s..e];
        if !cp1258_tone && core.chars().all(viet::is_viet_letter) && plausibility(core, buf) == 3 {
            verdict.clean = true;
            verdict.core = (s, e);
            return Some(verdict);
        }
    }
    // A common syllable behind several quotes or dots ("……tháng").
    let (ls, le) = letters_of(word);
    if !cp1258_tone
        && (ls, le) != (0, word.len())
        && ls < le
        && word[ls..le].chars().all(viet::is_viet_letter)
        && plausibility(&word[ls..le], buf) == 3
    {
        verdict.clean = true;
        verdict.core = (ls, le);
        return Some(verdict);
    }
    // (score, rank, candidate, damage, core)
    type Best = (u8, u32, String, Damage, (usize, usize));
    let mut best: Option<Best> = None;
    for &(s, e) in cores.as_slice() {
        let core = &word[s..e];
        // Clean text is cased naturally; TCVN3 capitals come out as "PHã" (= "PHÓ"), never with
        // an ASCII lowercase letter ("NHóm" is a word typed with a stray capital).
        let found = if natural_case(core) || core.chars().any(|c| c.is_ascii_lowercase()) {
            plausibility(core, buf)
        } else {
            0
        };
        // A legacy re-reading keeps the quotes and dots around the letters ("ân”" → "õn”"): the
        // word as found is judged on its letters.
        let (ls, le) = letters_of(core);
        let letters = &core[ls..le];
        let found_letters = if ls < le
            && letters.len() < core.len()
            && letters.chars().all(viet::is_viet_letter)
            && (natural_case(letters) || letters.chars().any(|c| c.is_ascii_lowercase()))
        {
            found.max(plausibility(letters, buf))
        } else {
            found
        };
        for damage in [Damage::Utf8, Damage::Tcvn3, Damage::Vni, Damage::Cp1258] {
            // A Windows-1258 re-reading on the word's own evidence needs a tone byte after a
            // vowel: without one, "Vãn" (cứu vãn) and "Nõi" may be words as they stand; line
            // mode re-reads them where the rest of the line is Windows-1258.
            if damage == Damage::Cp1258 && !cp1258_tone {
                continue;
            }
            let found = if damage == Damage::Utf8 {
                found
            } else {
                found_letters
            };
            // A Windows-1258 tone byte after a vowel is judged as the word it makes: found as a
            // syllable only by moving the tone ("boì" as "bói") it is no word as written.
            let cp1258_weak = damage == Damage::Cp1258 && found > 0;
            let found = if damage == Damage::Cp1258 { 0 } else { found };
            // A lone character (a symbol such as "×" between spaces) is too little evidence for
            // a legacy re-reading on its own; line mode still repairs one-letter words.
            if damage != Damage::Utf8 && core.chars().nth(1).is_none() {
                continue;
            }
            // TCVN3 (ABC) fonts have no VN1-only capitals: a word that would need them ("cà" → "cỔ")
            // is no TCVN3 damage.
            if damage == Damage::Tcvn3
                && core
                    .chars()
                    .any(|c| cp1252_byte(c).is_some_and(codec::is_vn1_only_capital))
            {
                continue;
            }
            let Some(cand) = reread(core, damage) else {
                continue;
            };
            if cand == core {
                continue;
            }
            let Some(score) = candidate_score(&cand, damage, buf) else {
                continue;
            };
            // On its own evidence a Windows-1258 reading must join a base letter and its tone
            // and give a listed syllable (Italian "può" is no "pụ").
            if damage == Damage::Cp1258
                && (score < 3 || cand.chars().count() >= core.chars().count())
            {
                continue;
            }
            let accept = match found {
                0 => score >= 2 || (score == 1 && damage == Damage::Utf8),
                // The word as found is a possible syllable, just not a listed one: it may well be
                // a real word ("dù", "bông"), so only strong evidence counts.
                _ => {
                    score == 3
                        && strong_evidence(core, &cand, damage, buf)
                        && !(damage == Damage::Tcvn3 && unicode_capitals_around(line, core))
                }
            };
            if !accept {
                continue;
            }
            if found == 0 && !cp1258_weak && damage != Damage::Utf8 && score >= 2 {
                verdict.confident[legacy_index(damage)] = true;
            }
            if damage == Damage::Utf8 && verdict.utf8.is_none() {
                verdict.utf8 = Some((cand.clone(), (s, e)));
            }
            let rank = syllable::lexicon_rank_with(&cand, buf).unwrap_or(u32::MAX);
            // Higher plausibility first, then the longer core (a quote-like trailing char is more
            // likely a continuation byte than punctuation), then a Windows-1258 reading that joined
            // a tone to its vowel (TCVN3 and VNI read the same bytes as letters: "BoÌ" is "Bò",
            // not "Boè"), then the more common syllable.
            let better = match &best {
                None => true,
                Some((bs, br, _, bd, (bs_s, bs_e))) => {
                    (
                        score,
                        e - s,
                        damage == Damage::Cp1258,
                        std::cmp::Reverse(rank),
                    ) > (
                        *bs,
                        bs_e - bs_s,
                        *bd == Damage::Cp1258,
                        std::cmp::Reverse(*br),
                    )
                }
            };
            if better {
                verdict.cp1258_weak = cp1258_weak;
                best = Some((score, rank, cand, damage, (s, e)));
            }
        }
    }
    if let Some((_, _, cand, damage, core)) = best {
        verdict.repair = Some((cand, damage));
        verdict.core = core;
    }
    Some(verdict)
}

/// The byte range of a word's letters inside the quotes, dashes and dots around them.
fn letters_of(word: &str) -> (usize, usize) {
    let start = word.len() - word.trim_start_matches(is_edge_punct).len();
    let end = word.trim_end_matches(is_edge_punct).len();
    (start, end.max(start))
}

/// Whether `word` is in capitals on a line that has a toned capital no cp1252 reading produces
/// ("LẤP VÒ"): the line was typed with Unicode capitals, which TCVN3 (ABC) does not have, so a
/// capital word that is a syllable as it stands ("VÒ") is no TCVN3 damage ("VỀ").
fn unicode_capitals_around(line: &str, word: &str) -> bool {
    let is_upper = |c: char| viet::to_lower(c) != c;
    word.chars().filter(|c| c.is_alphabetic()).all(is_upper)
        && line.chars().any(|c| {
            is_upper(c) && !c.is_ascii() && !codec::is_cp1252_char(c) && viet::is_viet_letter(c)
        })
}

/// In a line re-read as one legacy damage: the re-reading of a word, if it is Vietnamese (or the word
/// as found plainly is not, having symbols where letters belong).
fn line_mode_repair(
    word: &str,
    damage: Damage,
    buf: &mut String,
) -> Option<(String, (usize, usize))> {
    for &(s, e) in cores(word).as_slice() {
        let core = &word[s..e];
        let Some(cand) = reread(core, damage) else {
            continue;
        };
        if cand == core {
            return None;
        }
        let Some(score) = candidate_score(&cand, damage, buf) else {
            continue;
        };
        let found = plausibility(core, buf);
        let symbols = core.chars().any(|c| !viet::is_viet_letter(c))
            && cand.chars().all(viet::is_viet_letter);
        if score == 3 || (score == 2 && found < 3) || symbols {
            return Some((cand, (s, e)));
        }
    }
    None
}

/// Per candidate word, its line-mode re-reading as each of [`Damage::LEGACY`] (see
/// [`line_mode_repair`]).
type LineCands = Vec<[Option<(String, (usize, usize))>; 3]>;

/// Whether most candidate words of a line are damaged the same legacy way (and which way): the
/// damage with the most confident words, ties broken by how Vietnamese the whole re-read line is.
fn line_mode(verdicts: &[Verdict], cands: &LineCands, buf: &mut String) -> Option<Damage> {
    let n = verdicts.len();
    let mut best: Option<(usize, u32, Damage)> = None;
    for d in Damage::LEGACY {
        let k = legacy_index(d);
        let conf = verdicts.iter().filter(|v| v.confident[k]).count();
        if !((conf >= 2 && conf * 2 >= n) || (conf >= 1 && conf == n)) {
            continue;
        }
        let total: u32 = cands
            .iter()
            .map(|c| {
                c[k].as_ref()
                    .map_or(0, |(cand, _)| u32::from(plausibility(cand, buf)))
            })
            .sum();
        if best.is_none_or(|(bc, bt, _)| (conf, total) > (bc, bt)) {
            best = Some((conf, total, d));
        }
    }
    best.map(|(_, _, d)| d)
}

/// The number of tokens [`judge`] gives a verdict, when each of them is one its fast path finds
/// clean (a listed syllable as written, without a Windows-1258 tone byte after a vowel); `None`
/// when some word needs the full look.
fn count_if_all_plainly_clean(line: &str, toks: &[Token]) -> Option<u32> {
    let mut n = 0;
    for t in toks {
        let word = line.get(t.start..t.end)?;
        if word.chars().all(is_edge_punct) {
            continue;
        }
        if !plainly_clean(word) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Whether [`judge`]'s fast path finds a word clean: a listed syllable as written, without a
/// Windows-1258 tone byte after a vowel.
fn plainly_clean(word: &str) -> bool {
    !has_cp1258_tone_after_vowel(word) && syllable::is_listed_cached(word)
}

/// Repairs one line (NFC, no line break). `forced` re-reads the line as that legacy damage (the
/// document-level decision). Returns the repair, if anything changed, and the line's statistics.
pub fn repair_line(line: &str, forced: Option<Damage>) -> (Option<LineRepair>, LineStats) {
    repair_line_with::<true>(line, forced)
}

/// [`repair_line`] without its fast paths (Latin-1 letters, plainly clean lines), for the
/// property test that they change nothing.
#[cfg(any(test, feature = "testkit"))]
pub fn repair_line_without_fast_paths(
    line: &str,
    forced: Option<Damage>,
) -> (Option<LineRepair>, LineStats) {
    repair_line_with::<false>(line, forced)
}

/// [`repair_line`], with its fast paths when `FAST`.
fn repair_line_with<const FAST: bool>(
    line: &str,
    forced: Option<Damage>,
) -> (Option<LineRepair>, LineStats) {
    let mut stats = LineStats::default();
    if line.is_ascii() {
        return (None, stats);
    }
    let (toks, line_cp1252) = candidate_tokens::<FAST>(line);
    if toks.is_empty() {
        return (None, stats);
    }
    stats.all_cp1252 = line_cp1252;
    // Most lines of clean text: every candidate is lone punctuation or a listed syllable as
    // written, so [`judge`] would find them all clean; no verdict is built.
    if FAST
        && forced.is_none()
        && let Some(n) = count_if_all_plainly_clean(line, &toks)
    {
        stats.candidates = n;
        return (None, stats);
    }
    let mut buf = String::with_capacity(32);
    let verdicts: Vec<Verdict> = toks
        .iter()
        .filter_map(|&t| judge(line, t, &mut buf))
        .collect();
    stats.candidates = verdicts.len() as u32;
    if verdicts.is_empty() || (forced.is_none() && verdicts.iter().all(|v| v.clean)) {
        return (None, stats);
    }
    // Line mode is only possible where every character could come from a cp1252 reading.
    let cands: LineCands = if stats.all_cp1252 {
        verdicts
            .iter()
            .map(|v| {
                let word = &line[v.token.start..v.token.end];
                Damage::LEGACY.map(|d| line_mode_repair(word, d, &mut buf))
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut mode = forced.filter(|_| stats.all_cp1252);
    if mode.is_none() && stats.all_cp1252 {
        mode = line_mode(&verdicts, &cands, &mut buf);
    }
    stats.mode = mode;
    let cp1258_line = verdicts
        .iter()
        .any(|v| v.confident[legacy_index(Damage::Cp1258)]);
    // A line with mojibake words takes the mojibake reading wherever there is one.
    let mojibake_line = mode.is_none()
        && verdicts
            .iter()
            .any(|v| matches!(v.repair, Some((_, Damage::Utf8))));
    // (byte start, byte end, replacement, damage) in line order.
    let mut edits: Vec<(usize, usize, String, Damage)> = Vec::new();
    for (i, v) in verdicts.iter().enumerate() {
        if let (true, Some((text, core))) = (mojibake_line, &v.utf8) {
            edits.push((
                v.token.start + core.0,
                v.token.start + core.1,
                text.clone(),
                Damage::Utf8,
            ));
            continue;
        }
        let choice = match mode {
            Some(d) => match &v.repair {
                Some((text, Damage::Utf8)) => Some((text.clone(), v.core, Damage::Utf8)),
                _ => cands
                    .get(i)
                    .and_then(|c| c[legacy_index(d)].clone())
                    .map(|(t, c)| (t, c, d)),
            },
            // A weak Windows-1258 word needs a sure one on its line (else it stays as found).
            None if v.cp1258_weak && !cp1258_line => None,
            None => v.repair.clone().map(|(t, d)| (t, v.core, d)),
        };
        if let Some((text, (s, e), d)) = choice {
            edits.push((v.token.start + s, v.token.start + e, text, d));
        }
    }
    if edits.is_empty() {
        return (None, stats);
    }
    (Some(apply_edits(line, &edits)), stats)
}

/// Builds the repaired line, its column map and span records from word edits.
fn apply_edits(line: &str, edits: &[(usize, usize, String, Damage)]) -> LineRepair {
    let mut text = String::with_capacity(line.len() + 16);
    let mut anchors = vec![(0u32, 0u32)];
    let mut spans = Vec::with_capacity(edits.len());
    let mut last = 0usize;
    let (mut in_col, mut out_col) = (0u32, 0u32);
    let mut tcvn_ranges = Vec::new();
    for (s, e, rep, d) in edits {
        let between = &line[last..*s];
        let n = between.chars().count() as u32;
        text.push_str(between);
        in_col += n;
        out_col += n;
        let orig = &line[*s..*e];
        let orig_n = orig.chars().count() as u32;
        let rep_n = rep.chars().count() as u32;
        anchors.push((out_col, in_col));
        if *d == Damage::Tcvn3 {
            tcvn_ranges.push((text.len(), text.len() + rep.len()));
        }
        text.push_str(rep);
        spans.push(SpanRepair {
            start: in_col,
            end: in_col + orig_n,
            original: orig.to_string(),
            repaired: rep.clone(),
            damage: *d,
        });
        in_col += orig_n;
        out_col += rep_n;
        anchors.push((out_col, in_col));
        last = *e;
    }
    text.push_str(&line[last..]);
    if !tcvn_ranges.is_empty() {
        // Case restoration sees the whole line; it only changes case, so columns stay put.
        let restored = case::restore_case_within(&text, &tcvn_ranges);
        text = restored;
        let mut k = 0;
        for sp in spans.iter_mut() {
            if sp.damage == Damage::Tcvn3 {
                if let Some(&(a, b)) = tcvn_ranges.get(k)
                    && let Some(s) = text.get(a..b)
                {
                    sp.repaired = s.to_string();
                }
                k += 1;
            }
        }
    }
    anchors.dedup();
    LineRepair {
        text,
        map: LineMap::from_anchors(anchors),
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> String {
        repair_line(line, None)
            .0
            .map_or_else(|| line.to_string(), |r| r.text)
    }

    #[test]
    fn single_damaged_words() {
        assert_eq!(
            fix("Soá: 21/KH-THPTLT   Lộc Ninh"),
            "Số: 21/KH-THPTLT   Lộc Ninh"
        );
        assert_eq!(fix("Sá»‘ 21"), "Số 21");
        assert_eq!(fix("Céng hoµ x· héi"), "Cộng hoà xã hội");
        assert_eq!(fix("Coäng hoaø xaõ hoäi"), "Cộng hoà xã hội");
    }

    #[test]
    fn clean_words_stay() {
        for l in [
            "Uỷ ban khoá XV hoá học",
            "Phòng Giáo dục và Đào tạo",
            "café Résumé naïve",
            "THPT GD&ĐT UBND",
        ] {
            assert_eq!(fix(l), l);
        }
    }

    #[test]
    fn cp1258_tone_after_a_vowel() {
        for w in [
            "BoÌ",
            "VoÞ",
            "Thiò",
            "Saìu",
            "Ðãòc",
            "Biêòt",
            "TrýõÌng",
            "UÒy",
        ] {
            assert!(has_cp1258_tone_after_vowel(w), "{w}");
        }
        for w in [
            "Phô", "ÐÃ", "còn", "gì", "HÒA", "Òscar", "Ìñigo", "xã", "Nõi", "Þór",
        ] {
            assert!(!has_cp1258_tone_after_vowel(w), "{w}");
        }
    }

    #[test]
    fn cp1258_words_beat_other_readings() {
        assert_eq!(
            fix("Burger BoÌ Phô Mai Ðãòc Biêòt"),
            "Burger Bò Phô Mai Đặc Biệt"
        );
        assert_eq!(fix("VoÞ Thiò Saìu"), "Võ Thị Sáu");
        assert_eq!(fix("phố VoÞ, Lộc Ninh"), "phố Võ, Lộc Ninh");
        assert_eq!(fix("ÐÃ KÝ, Phô mai"), "ÐÃ KÝ, Phô mai");
        // A misplaced tone alone ("boì" reads as "bói") needs a sure Windows-1258 word nearby.
        assert_eq!(fix("Lộc Ninh baì boì"), "Lộc Ninh baì boì");
        assert_eq!(fix("baì boì VoÞ"), "bá bó Võ");
    }

    proptest::proptest! {
        /// The fast paths give what the full look gives, with and without a forced damage.
        #[test]
        fn fast_paths_change_nothing(line in crate::decode::swar::MIXED_TEXT, forced in 0usize..4) {
            let line: String = line.chars().filter(|&c| c != '\n' && c != '\r').collect();
            let forced = Damage::LEGACY.get(forced).copied();
            proptest::prop_assert_eq!(candidate_tokens::<true>(&line), candidate_tokens::<false>(&line));
            proptest::prop_assert_eq!(
                repair_line(&line, forced),
                repair_line_without_fast_paths(&line, forced)
            );
        }
    }

    proptest::proptest! {
        /// The no-break-space rule and word edges, on a small alphabet that meets them often.
        #[test]
        fn fast_paths_change_nothing_at_word_edges(line in "[aZ1Ã\u{A0} ,àÂôưạ\u{2003}€§\u{FFFD}\u{80}ƒŒ]{0,24}") {
            proptest::prop_assert_eq!(
                repair_line(&line, None),
                repair_line_without_fast_paths(&line, None)
            );
            proptest::prop_assert_eq!(candidate_tokens::<true>(&line), candidate_tokens::<false>(&line));
        }
    }

    proptest::proptest! {
        /// Also on text mostly of clean words, where the plainly-clean path is taken.
        #[test]
        fn fast_paths_change_nothing_on_words(
            words in proptest::collection::vec(
                "(và|các|là|có|cá|Và|VÀ|tháng|năm|Bộ|đó|Việt|Soá|Céng|hoµ|BoÌ|VoÞ|baì|Sá»‘|“và”|…tháng|–|“|naïve|café|x·|\u{A0}|Ã\u{A0}|ĐÃ|ÐÃ|còn|phòng|một)",
                0..12,
            ),
            sep in "[ ,.]{1,2}",
        ) {
            let line = words.join(&sep);
            proptest::prop_assert_eq!(
                repair_line(&line, None),
                repair_line_without_fast_paths(&line, None)
            );
        }
    }

    #[test]
    fn positions_of_a_shortened_word() {
        let (r, _) = repair_line("    Soá: 21", None);
        let r = r.unwrap();
        assert_eq!(r.text, "    Số: 21");
        assert_eq!(r.spans[0].start, 4);
        assert_eq!(r.spans[0].end, 7);
        assert_eq!(r.map.original_column(6), 7);
    }
}
