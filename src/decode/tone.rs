//! Old-style versus new-style tone placement ("hoà"/"hòa", "Uỷ"/"Ủy", "khoẻ"/"khỏe").
//!
//! Only the open rhymes "oa", "oe" and "uy" (no final consonant) have two accepted placements: the old
//! style puts the tone on the second vowel, the new style on the first. Both are correct Vietnamese;
//! a document should pick one. [`tone_style`] lists the words of each style with their byte spans so
//! that a lint rule can report the mix.

use super::syllable;
use super::viet::{self, Tone};
use crate::source::Span;

/// Which tone placement a word uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ToneStyle {
    /// Tone on the second vowel: "hoà", "khoẻ", "thuỷ".
    Old,
    /// Tone on the first vowel: "hòa", "khỏe", "thủy".
    New,
}

/// One word whose tone placement shows a style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToneWord {
    pub span: Span,
    pub style: ToneStyle,
    /// The word as written.
    pub word: String,
    /// The same word in the other style (a ready-made fix).
    pub other: String,
}

/// The tone-placement words of a text, in text order, with counts per style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ToneStyleCounts {
    pub old: usize,
    pub new: usize,
    pub words: Vec<ToneWord>,
}

impl ToneStyleCounts {
    /// Whether both styles occur.
    pub fn is_mixed(&self) -> bool {
        self.old > 0 && self.new > 0
    }

    /// The style used more often (old on a tie, since it is the one a style guide would replace).
    pub fn majority(&self) -> Option<ToneStyle> {
        match (self.old, self.new) {
            (0, 0) => None,
            (o, n) if n > o => Some(ToneStyle::New),
            _ => Some(ToneStyle::Old),
        }
    }
}

/// The style of one word (any case), if it has an open "oa"/"oe"/"uy" rhyme with a tone.
pub fn word_style(word: &str) -> Option<(ToneStyle, String)> {
    let p = syllable::parts(word)?;
    let tone_at = p.tone_at?;
    if p.tone == Tone::Level || !syllable::is_valid_syllable(word) {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let lower: Vec<char> = p.toneless.chars().collect();
    let n = lower.len();
    if n < 2 {
        return None;
    }
    let pair = (lower[n - 2], lower[n - 1]);
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    // "qu" + "y" (quý) and "gi" are onsets, not glides.
    if n >= 3 && lower[n - 3] == 'q' && pair.0 == 'u' {
        return None;
    }
    let (style, from, to) = if tone_at == n - 1 {
        (ToneStyle::Old, n - 1, n - 2)
    } else if tone_at == n - 2 {
        (ToneStyle::New, n - 2, n - 1)
    } else {
        return None;
    };
    let mut other = chars.clone();
    let retone =
        |c: char, tone: Tone| viet::vowel(c).map_or(c, |v| viet::compose(v.family, tone, v.upper));
    other[from] = retone(chars[from], Tone::Level);
    other[to] = retone(chars[to], p.tone);
    Some((style, other.into_iter().collect()))
}

/// "oa", "oe" or "uy", in any tone and case (vowel families 6 then 0 or 3; 9 then 11): the only
/// rhymes [`word_style`] judges ("của", "mùa" end in "ua", which has one placement).
fn is_glide_rhyme(glide: char, nucleus: char) -> bool {
    let family = |c: char| viet::vowel(c).map(|v| v.family);
    matches!(
        (family(glide), family(nucleus)),
        (Some(6), Some(0 | 3)) | (Some(9), Some(11))
    )
}

/// Byte ranges of the words of `text` that are not all ASCII and end in an oa/oe/uy rhyme, in
/// any tone and case: a cheap filter before [`word_style`] (most words do not qualify, and the
/// syllable analysis is the costly part). One pass, each character looked at once.
fn glide_rhyme_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    let (mut start, mut prev, mut last, mut non_ascii) = (None, ' ', ' ', false);
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            if viet::is_viet_letter(c) {
                start.get_or_insert(i);
                (prev, last) = (last, c);
                non_ascii |= !c.is_ascii();
                continue;
            }
            let Some(s) = start.take() else { continue };
            let hit = non_ascii && prev != ' ' && is_glide_rhyme(prev, last);
            (prev, last, non_ascii) = (' ', ' ', false);
            if hit {
                return Some((s, i));
            }
        }
        None
    })
}

/// Finds the words of `text` written with old- or new-style tone placement.
pub fn tone_style(text: &str) -> ToneStyleCounts {
    let mut counts = ToneStyleCounts::default();
    for (s, e) in glide_rhyme_words(text) {
        let w = &text[s..e];
        if let Some((style, other)) = word_style(w) {
            match style {
                ToneStyle::Old => counts.old += 1,
                ToneStyle::New => counts.new += 1,
            }
            counts.words.push(ToneWord {
                span: Span::new(s, e),
                style,
                word: w.to_string(),
                other,
            });
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The one-pass scan finds exactly the words that the word-by-word definition selects.
        #[test]
        fn glide_rhyme_scan_matches_its_definition(
            text in "[a-zA-Z oOuUaAeEyYòóủũụÒỌÚàáảãạẠèéẻẽẹýỳỷỹỵỲÝđ,.\\n]{0,40}"
        ) {
            let definition: Vec<(usize, usize)> = super::super::viet::words_of(&text)
                .filter(|&(s, e)| {
                    let w = &text[s..e];
                    let mut rev = w.chars().rev();
                    !w.is_ascii()
                        && matches!((rev.next(), rev.next()), (Some(n), Some(g)) if is_glide_rhyme(g, n))
                })
                .collect();
            prop_assert_eq!(glide_rhyme_words(&text).collect::<Vec<_>>(), definition);
        }

        /// The scan's filter drops no word that has a style.
        #[test]
        fn every_styled_word_passes_the_filter(
            w in "[hkqtgnc]{0,2}[oóòỏõọuúùủũụOÓÒỎÕỌUÚÙỦŨỤ][aáàảãạeéèẻẽẹyýỳỷỹỵAÁÀẢÃẠEÉÈẺẼẸYÝỲỶỸỴ]"
        ) {
            if word_style(&w).is_some() {
                let mut rev = w.chars().rev();
                let (n, g) = (rev.next(), rev.next());
                prop_assert!(matches!((g, n), (Some(g), Some(n)) if is_glide_rhyme(g, n)), "{}", w);
            }
        }
    }

    #[test]
    fn styles() {
        let t = tone_style("Uỷ ban khoá XV, khóa XV, hoà bình, Hòa, quý, hoàng, thuỷ");
        let got: Vec<(&str, ToneStyle, &str)> = t
            .words
            .iter()
            .map(|w| (w.word.as_str(), w.style, w.other.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Uỷ", ToneStyle::Old, "Ủy"),
                ("khoá", ToneStyle::Old, "khóa"),
                ("khóa", ToneStyle::New, "khoá"),
                ("hoà", ToneStyle::Old, "hòa"),
                ("Hòa", ToneStyle::New, "Hoà"),
                ("thuỷ", ToneStyle::Old, "thủy"),
            ]
        );
        assert!(t.is_mixed());
        assert_eq!(&"Uỷ ban"[t.words[0].span.start..t.words[0].span.end], "Uỷ");
    }
}
