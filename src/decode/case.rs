//! TCVN3 case restoration, in one place: TCVN3/ABC has no toned capitals, so "KẾ HOẠCH" typed in
//! a ".VnTimeH" font comes out as "Kế HOạCH"; the letters stored in lowercase only are upper-cased
//! where the word or the line says it is in capitals. Used for whole TCVN3 files
//! ([`restore_case_lines`]) and for TCVN3 words repaired inside Unicode text
//! ([`restore_case_within`]).

use super::syllable::{self, Plausibility};
use super::viet::{self, word_ranges};

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

/// Whether a line is set in capitals: more words like "HOạCH" (stored capitals next to a
/// lowercase-coded letter) than lowercase words, or, on a line without lowercase words, an
/// all-capital common syllable ("MA", "KHĂN"). Other all-capital words are mostly abbreviations
/// (THCS, PGDĐT), which stand in title-case lines too.
pub(crate) fn is_caps_line(caps_words: usize, caps_syllables: usize, lower_words: usize) -> bool {
    (caps_words > lower_words && caps_words > 0) || (lower_words == 0 && caps_syllables > 0)
}

/// An all-capital word of reliable letters that is a common syllable ("KIA", not "UBND").
fn is_caps_syllable(word: &str, upper: usize, unreliable: usize) -> bool {
    upper >= 2
        && unreliable == 0
        && word.chars().all(reliable)
        && syllable::classify(word, &mut String::new()) == Plausibility::Common
}

/// ASCII letters and non-ASCII capitals: letters whose case TCVN3 keeps.
fn reliable(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && viet::is_viet_letter(c) && c != viet::to_lower(c))
}

/// TCVN3 case restoration on the given line byte ranges of a decoded file, in place: a Vietnamese
/// letter and its capital have the same UTF-8 length, so only those lines' bytes are rewritten.
pub fn restore_case_lines(mut text: String, lines: &[(usize, usize)]) -> String {
    for &(a, b) in lines {
        let Some(line) = text.get(a..b) else { continue };
        let restored = restore_tcvn_case(line);
        if restored.len() == b - a {
            text.replace_range(a..b, &restored);
        }
    }
    text
}

/// TCVN3 case restoration on the words inside `ranges`, judging line case from the whole line.
pub fn restore_case_within(line: &str, ranges: &[(usize, usize)]) -> String {
    // Words outside the repaired spans have their real case: an all-capital word with a non-ASCII
    // vowel ("BÌNH", not the abbreviation "PGDĐT") says the line is set in capitals.
    let extra_caps = word_ranges(line)
        .into_iter()
        .filter(|&(a, b)| !ranges.iter().any(|&(s, e)| a < e && s < b))
        .filter(|&(a, b)| {
            let w = &line[a..b];
            w.chars().count() >= 2
                && w.chars().all(|c| viet::to_upper(c) == c)
                && w.chars().any(|c| !c.is_ascii() && viet::vowel(c).is_some())
        })
        .count();
    let restored = restore_tcvn_case_with(line, extra_caps);
    if restored.len() != line.len() {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for &(a, b) in ranges {
        if a < last
            || !line.is_char_boundary(a)
            || !line.is_char_boundary(b)
            || !restored.is_char_boundary(a)
            || !restored.is_char_boundary(b)
        {
            continue;
        }
        out.push_str(&line[last..a]);
        out.push_str(&restored[a..b]);
        last = b;
    }
    out.push_str(&line[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn_case_restoration() {
        assert_eq!(restore_tcvn_case("Kế HOạCH"), "KẾ HOẠCH");
        assert_eq!(restore_tcvn_case("Kế hoạch"), "Kế hoạch");
        assert_eq!(restore_tcvn_case("ĐộC LậP - Tự DO"), "ĐỘC LẬP - TỰ DO");
    }
}
