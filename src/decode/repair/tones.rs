//! Tone marks a PDF's text layer moved off their letters: some PDFs draw each tone mark as a
//! glyph of its own, and the text a viewer extracts puts those marks, as combining characters
//! after spaces, at the end of each visual line, in the order of the words they belong to:
//!
//! ```text
//!     báo cáo nhanh tinh hình bị thiêt hai ̀ ̣ ̣ do lũ lụt
//! ```
//!
//! is "báo cáo nhanh tình hình bị thiệt hại do lũ lụt": the grave is the first toneless word's
//! that needs one, the dots the next two. The marks of a run go, in order, to toneless words
//! between the previous run (or the start of the line) and this one; which words is chosen as the
//! assignment whose words are the most likely syllables ([`assign`]): a word that takes no mark
//! must be a syllable without one ("thiêt" cannot be: a syllable ending in t has a sắc or nặng
//! tone), and a word that takes one must be a syllable with it. A run with no such assignment is
//! left as it is.
//!
//! Two more things such text layers do, seen together with the displaced marks:
//! - the tone of ơ and ư is not moved but lost ("trương" for "trường", "hơp" for "hợp"): those
//!   words take no displaced mark, and a word that is then no syllable ("hơp") gets the tone that
//!   makes it the most common one;
//! - a run has more marks than toneless words before it when a heading was drawn after it ("bao
//!   cao như sau: ́ ́ ̀ ̀ I. TINH HINH"): the rest of its marks go to the words after it.

use super::{Damage, LineRepair};
use crate::decode::syllable::{self, Plausibility};
use crate::decode::viet::{self, Tone};
use std::collections::HashSet;

/// The tone of a combining tone mark.
fn mark_tone(c: char) -> Option<Tone> {
    Some(match c {
        '\u{300}' => Tone::Grave,
        '\u{301}' => Tone::Acute,
        '\u{303}' => Tone::Tilde,
        '\u{309}' => Tone::Hook,
        '\u{323}' => Tone::Dot,
        _ => return None,
    })
}

/// Whether a line may hold a run of displaced marks: a space followed by a combining tone mark.
pub fn may_hold(line: &str) -> bool {
    let b = line.as_bytes();
    // Every combining tone mark is encoded 0xCC 0x..: most lines have no 0xCC byte at all.
    memchr::memchr(0xCC, b).is_some()
        && b.windows(3).any(|w| {
            w[0] == b' ' && w[1] == 0xCC && matches!(w[2], 0x80 | 0x81 | 0x83 | 0x89 | 0xA3)
        })
}

/// A run of displaced marks: char range (from the space before the first mark to after the last)
/// and the tones in order.
struct Run {
    start: usize,
    end: usize,
    tones: Vec<Tone>,
}

fn runs(chars: &[char]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if !(chars[i] == ' ' && mark_tone(chars[i + 1]).is_some()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut tones = Vec::new();
        let mut end = i;
        // Spaces then a mark, again and again.
        let mut j = i;
        loop {
            let mut k = j;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            match chars.get(k).copied().and_then(mark_tone) {
                Some(t) if k > j => {
                    tones.push(t);
                    end = k + 1;
                    j = k + 1;
                }
                _ => break,
            }
        }
        out.push(Run { start, end, tones });
        i = end;
    }
    out
}

/// The word with `tone` placed on the vowel that carries it: the last of â ă ê ô ơ ư ("thiệt",
/// "được"), else the last vowel before a final consonant ("toán"), else the middle of three
/// ("ngoái") or the first of two ("hại", "của"); the "u" of "qu" and the "i" of "gi" are the
/// onset's.
pub fn place_tone(word: &[char], tone: Tone) -> Option<Vec<char>> {
    let lower: Vec<char> = word.iter().map(|&c| viet::to_lower(c)).collect();
    let mut vowels: Vec<usize> = (0..word.len())
        .filter(|&i| viet::vowel(word[i]).is_some())
        .collect();
    let onset_glide = matches!(lower.as_slice(), ['q', 'u', ..] | ['g', 'i', ..]);
    if onset_glide && vowels.len() > 1 && vowels[0] == 1 {
        vowels.remove(0);
    }
    let marked = |i: &usize| {
        viet::vowel(word[*i]).is_some_and(|v| {
            matches!(
                viet::FAMILIES[usize::from(v.family)],
                'â' | 'ă' | 'ê' | 'ô' | 'ơ' | 'ư'
            )
        })
    };
    let closed = word.last().is_some_and(|&c| viet::vowel(c).is_none());
    let at = match (vowels.iter().rev().find(|i| marked(i)), vowels.len()) {
        (Some(&i), _) => i,
        (None, 0) => return None,
        (None, n) if closed => vowels[n - 1],
        (None, 3) => vowels[1],
        (None, _) => vowels[0],
    };
    let v = viet::vowel(word[at])?;
    let mut out = word.to_vec();
    out[at] = viet::compose(v.family, tone, v.upper);
    Some(out)
}

/// Whether the tone of the word would sit on ơ or ư, whose tones such text layers lose.
fn tone_on_horn(word: &[char]) -> bool {
    place_tone(word, Tone::Acute).is_some_and(|w| {
        w.iter().zip(word).any(|(a, b)| {
            a != b
                && viet::vowel(*b)
                    .is_some_and(|v| matches!(viet::FAMILIES[usize::from(v.family)], 'ơ' | 'ư'))
        })
    })
}

/// A word whose ơ or ư lost its tone, when as written it is no syllable: the tone that makes it the
/// most common listed one ("hơp" → "hợp").
fn lost_horn_tone(word: &[char], buf: &mut String) -> Option<Vec<char>> {
    let w: String = word.iter().collect();
    if !tone_on_horn(word) || syllable::classify(&w, buf) != Plausibility::No {
        return None;
    }
    Tone::ALL[1..]
        .iter()
        .filter_map(|&t| place_tone(word, t))
        .filter_map(|c| {
            let s: String = c.iter().collect();
            syllable::lexicon_rank(&s).map(|r| (r, c))
        })
        .min_by_key(|(r, _)| *r)
        .map(|(_, c)| c)
}

fn lowercase(word: &[char]) -> String {
    word.iter().map(|&c| viet::to_lower(c)).collect()
}

/// How likely a word is: common syllables by frequency, possible ones a little, others not at all.
fn likelihood(word: &[char], buf: &mut String) -> f64 {
    let w: String = word.iter().collect();
    match syllable::classify(&w, buf) {
        Plausibility::Common => {
            let rank = syllable::lexicon_rank(&w).unwrap_or(u32::MAX / 2);
            10.0 - f64::from(rank + 1).ln()
        }
        Plausibility::Possible => 0.5,
        Plausibility::No => -50.0,
    }
}

/// Which candidate words take the marks, in order: the indexes into `words`, or `None` when no
/// assignment leaves every word a syllable. Ties go to the words nearer the run.
///
/// A marked word the line already has, written whole ("báo cáo" beside "bao cao ́ ́"), is
/// preferred: frequency alone would take "cao sáu" for "cáo sau".
fn assign(
    words: &[Vec<char>],
    tones: &[Tone],
    seen: &HashSet<String>,
    buf: &mut String,
) -> Option<Vec<usize>> {
    let (n, k) = (words.len(), tones.len());
    if k == 0 || k > n {
        return None;
    }
    let keep: Vec<f64> = words.iter().map(|w| likelihood(w, buf)).collect();
    // A mark never goes to a word it does not make a syllable.
    let take = |i: usize, j: usize, buf: &mut String| -> f64 {
        place_tone(&words[i], tones[j])
            .map(|w| {
                let in_line = seen.contains(&lowercase(&w));
                likelihood(&w, buf) + if in_line { 2.0 } else { 0.0 }
            })
            .filter(|&l| l > 0.0)
            .unwrap_or(-1e9)
    };
    // best[i][j]: the best score of the first i words with the first j marks placed.
    let mut best = vec![vec![f64::NEG_INFINITY; k + 1]; n + 1];
    let mut took = vec![vec![false; k + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 1..=n {
        for j in 0..=k.min(i) {
            let skip = best[i - 1][j] + keep[i - 1];
            let with = if j > 0 {
                best[i - 1][j - 1] + take(i - 1, j - 1, buf)
            } else {
                f64::NEG_INFINITY
            };
            // `>=`: on a tie the mark goes to the later word.
            if with >= skip {
                best[i][j] = with;
                took[i][j] = true;
            } else {
                best[i][j] = skip;
            }
        }
    }
    let mut chosen = Vec::with_capacity(k);
    let (mut i, mut j) = (n, k);
    while i > 0 {
        if took[i][j] {
            chosen.push(i - 1);
            j -= 1;
        }
        i -= 1;
    }
    chosen.reverse();
    let every_mark_makes_a_syllable = chosen
        .iter()
        .zip(tones)
        .all(|(&i, &t)| place_tone(&words[i], t).is_some_and(|w| likelihood(&w, buf) > 0.0));
    (j == 0 && every_mark_makes_a_syllable).then_some(chosen)
}

/// A run that found its words: the char range from its first word to its end (or its last word,
/// after it), and the (word index, tone) pairs.
type Placed = (usize, usize, Vec<(usize, Tone)>);

/// Puts the displaced marks of a line back on their words: each word marked, each word whose ơ
/// or ư lost its tone, and each run of marks removed is one repaired span.
/// A line needs two displaced marks at least: one mark after a space may be a slip.
pub fn repair_line(line: &str) -> Option<LineRepair> {
    if !may_hold(line) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let runs = runs(&chars);
    if runs.iter().map(|r| r.tones.len()).sum::<usize>() < 2 {
        return None;
    }
    let mut buf = String::with_capacity(32);
    // Every toneless word that may take a displaced mark, in order: (start, end) char ranges.
    let words: Vec<(usize, usize)> = super::glyph::words(&chars)
        .into_iter()
        .filter(|&(s, e)| {
            let w: String = chars[s..e].iter().collect();
            syllable::strip_tone_into(&w, &mut buf).is_some_and(|(t, _)| t == Tone::Level)
                && !tone_on_horn(&chars[s..e])
        })
        .collect();
    // The words of the line that carry a tone, for [`assign`].
    let seen: HashSet<String> = super::glyph::words(&chars)
        .into_iter()
        .filter(|&(s, e)| {
            let w: String = chars[s..e].iter().collect();
            syllable::strip_tone_into(&w, &mut buf).is_some_and(|(t, _)| t != Tone::Level)
        })
        .map(|(s, e)| lowercase(&chars[s..e]))
        .collect();
    // Each run that found its words: its char range and (word index, tone) pairs.
    let mut placed: Vec<Placed> = Vec::new();
    // Words before this index are taken by an earlier run.
    let mut from = 0;
    for (r, run) in runs.iter().enumerate() {
        let before = words[from..].partition_point(|&(_, e)| e <= run.start) + from;
        let next_start = runs.get(r + 1).map_or(chars.len(), |n| n.start);
        let after = words[before..].partition_point(|&(_, e)| e <= next_start) + before;
        // The words right after the run only when those before are too few, and only as many as
        // are missing (and two more: some words after it need no mark).
        let missing = run.tones.len().saturating_sub(before - from);
        let until = if missing == 0 {
            before
        } else {
            after.min(before + missing + 2)
        };
        let texts: Vec<Vec<char>> = words[from..until]
            .iter()
            .map(|&(s, e)| chars[s..e].to_vec())
            .collect();
        let Some(chosen) = assign(&texts, &run.tones, &seen, &mut buf) else {
            from = before;
            continue;
        };
        let pairs: Vec<(usize, Tone)> = chosen
            .iter()
            .zip(&run.tones)
            .map(|(&i, &t)| (from + i, t))
            .collect();
        from = pairs.last().map_or(before, |&(i, _)| (i + 1).max(before));
        let start = pairs
            .first()
            .map_or(run.start, |&(i, _)| words[i].0.min(run.start));
        let end = pairs
            .last()
            .map_or(run.end, |&(i, _)| words[i].1.max(run.end));
        placed.push((start, end, pairs));
    }
    if placed.is_empty() {
        return None;
    }
    // One edit per run: from its first word to its last word or its end, the words marked (and
    // those whose ơ or ư lost its tone) and the marks removed.
    let mut edits = Vec::new();
    for (start, end, pairs) in &placed {
        let tone_of = |s: usize| {
            pairs
                .iter()
                .find(|&&(i, _)| words[i].0 == s)
                .map(|&(_, t)| t)
        };
        // What changes inside the span, in order: words re-toned and the run removed.
        let mut pieces: Vec<(usize, usize, Vec<char>)> = Vec::new();
        for (ws, we) in super::glyph::words(&chars[*start..*end]) {
            let (ws, we) = (start + ws, start + we);
            let w = &chars[ws..we];
            let new = match tone_of(ws) {
                Some(t) => place_tone(w, t),
                None => lost_horn_tone(w, &mut buf),
            };
            if let Some(new) = new {
                pieces.push((ws, we, new));
            }
        }
        for run in runs.iter().filter(|r| r.start >= *start && r.end <= *end) {
            pieces.push((run.start, run.end, Vec::new()));
        }
        pieces.sort_by_key(|p| p.0);
        let mut text = String::new();
        let mut at = *start;
        for (ps, pe, new) in pieces {
            text.extend(&chars[at..ps]);
            text.extend(new);
            at = pe;
        }
        text.extend(&chars[at..*end]);
        edits.push((*start, *end, text, Damage::TonesDisplaced));
    }
    // Words outside those spans whose ơ or ư lost its tone.
    for (s, e) in super::glyph::words(&chars) {
        if edits.iter().any(|&(es, ee, _, _)| s < ee && e > es) {
            continue;
        }
        if let Some(w) = lost_horn_tone(&chars[s..e], &mut buf) {
            edits.push((
                s,
                e,
                w.into_iter().collect::<String>(),
                Damage::TonesDisplaced,
            ));
        }
    }
    edits.sort_by_key(|e| e.0);
    (!edits.is_empty()).then(|| super::residue::apply(&chars, &edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> String {
        repair_line(line).map_or_else(|| line.to_string(), |r| r.text)
    }

    #[test]
    fn marks_go_back_to_their_words() {
        assert_eq!(
            fix("báo cáo nhanh tinh hình bị thiêt hai \u{300} \u{323} \u{323} do lũ lụt"),
            "báo cáo nhanh tình hình bị thiệt hại do lũ lụt"
        );
        assert_eq!(
            fix(
                "do lũ lụt cua nganh Giao duc và Đao tao. \u{309} \u{300} \u{301} \u{323} \u{300} \u{323} Kính gửi"
            ),
            "do lũ lụt của ngành Giáo dục và Đào tạo. Kính gửi"
        );
    }

    #[test]
    fn each_run_marks_only_the_words_before_it() {
        assert_eq!(
            fix("Sở Giao duc \u{301} \u{323} bao cao \u{301} \u{301}"),
            "Sở Giáo dục báo cáo"
        );
    }

    #[test]
    fn lines_without_displaced_marks_stay() {
        for line in [
            "báo cáo nhanh tình hình",
            "a \u{300}",
            "Trường Tiểu học",
            "hai \u{303}\u{303}",
            "UBND \u{300} \u{301}",
        ] {
            assert_eq!(fix(line), line, "{line:?}");
        }
    }

    #[test]
    fn tone_placement() {
        for (word, tone, want) in [
            ("thiêt", Tone::Dot, "thiệt"),
            ("hai", Tone::Dot, "hại"),
            ("cua", Tone::Hook, "của"),
            ("toan", Tone::Acute, "toán"),
            ("Giao", Tone::Acute, "Giáo"),
            ("quy", Tone::Acute, "quý"),
            ("ngoai", Tone::Grave, "ngoài"),
            ("HOANG", Tone::Grave, "HOÀNG"),
            ("đươc", Tone::Dot, "được"),
        ] {
            let w: Vec<char> = word.chars().collect();
            let got: String = place_tone(&w, tone)
                .unwrap_or_default()
                .into_iter()
                .collect();
            assert_eq!(got, want, "{word}");
        }
    }
}
