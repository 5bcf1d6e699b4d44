//! The lexer: the words and numbers of a line, each with its span, its kind, whether punctuation
//! touches it, and a case-insensitive key, in one pass over the line.
//!
//! It reads the masked view, like the stages after it. The rules that compare words read tokens
//! instead of splitting the text again. Tokens are produced line by line into a buffer the caller
//! reuses, not kept for the whole file: a token costs more bytes than the text it covers (a
//! Vietnamese syllable is three to five bytes), and a check must stay within a small multiple of
//! the file's size.

// A token's characters are alphanumeric, and a letter makes it a word: both asked of the
// Vietnamese table first.
use crate::decode::viet::{is_alphabetic as is_letter, is_alphanumeric as is_word_char};
use crate::source::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Holds at least one letter ("Chỉ", "H15", "2a").
    Word,
    /// Digits (and other alphanumerics that are no letters) only: "2024".
    Number,
}

/// A word or number of a line: the text between spaces with the punctuation around it trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Hash of the lowercased text: equal words (ignoring case) have equal keys.
    pub key: u64,
    pub span: Span,
    pub kind: TokenKind,
    /// Punctuation touches the token's start ("(UBND").
    pub punct_before: bool,
    /// Punctuation touches the token's end ("UBND,"), or a lone mark follows it.
    pub punct_after: bool,
}

fn mix(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Lowercase as the key sees it: the vowel table first (`char::to_lowercase` searches all of
/// Unicode).
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        crate::decode::viet::to_lower(c)
    }
}

/// A case-insensitive hash of a word (FxHash-style mixing of the lowercased characters).
pub fn key(text: &str) -> u64 {
    text.chars().fold(0, |h, c| mix(h, lower(c)))
}

/// Whether two tokens are the same word, ignoring case letter by letter with the lowercase of
/// [`key`] (so that equal words have equal keys).
pub fn same_word(a: &Token, b: &Token) -> bool {
    a.text == b.text || a.text.chars().map(lower).eq(b.text.chars().map(lower))
}

/// What [`core_of`] finds in the text between two spaces.
struct Core {
    /// Bytes of punctuation before the core.
    lead: usize,
    /// The core's length in bytes.
    len: usize,
    key: u64,
    has_letter: bool,
}

/// The core of `raw` (its text with the non-word characters at either end trimmed), its [`key`]
/// and whether it holds a letter, in one pass: the key runs on from the first word character, and
/// what it was after the last one is the core's. `None` if `raw` has no word character.
fn core_of(raw: &str) -> Option<Core> {
    let mut core: Option<Core> = None;
    let mut h = 0u64;
    let mut letter = false;
    for (i, c) in raw.char_indices() {
        let (word, is_letter_char, lowered) = if c.is_ascii() {
            (
                c.is_ascii_alphanumeric(),
                c.is_ascii_alphabetic(),
                c.to_ascii_lowercase(),
            )
        } else if let Some(v) = crate::decode::viet::vowel(c) {
            let lowered = if v.upper {
                crate::decode::viet::compose(v.family, v.tone, false)
            } else {
                c
            };
            (true, true, lowered)
        } else {
            let word = is_word_char(c);
            (word, word && is_letter(c), lower(c))
        };
        if core.is_none() && !word {
            continue;
        }
        h = mix(h, lowered);
        letter |= is_letter_char;
        if word {
            let end = i + c.len_utf8();
            match core.as_mut() {
                Some(k) => {
                    k.len = end - k.lead;
                    k.key = h;
                    k.has_letter = letter;
                }
                None => {
                    core = Some(Core {
                        lead: i,
                        len: end - i,
                        key: h,
                        has_letter: letter,
                    })
                }
            }
        }
    }
    core
}

/// The tokens of `line` (at byte `offset` of the text) into `out`, which is cleared first. Tokens
/// are separated by spaces; a lone punctuation mark between spaces is no token but marks the
/// token before it.
pub fn line_tokens<'a>(line: &'a str, offset: usize, out: &mut Vec<Token<'a>>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut next = 0;
    // `line.split(' ')`, by a plain loop: tokens are a few bytes long, shorter than a searcher's
    // setup.
    while next <= bytes.len() {
        let start = next;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |p| start + p);
        next = end + 1;
        let raw = &line[start..end];
        let Some(Core {
            lead,
            len,
            key,
            has_letter,
        }) = core_of(raw)
        else {
            if !raw.is_empty()
                && let Some(last) = out.last_mut()
            {
                last.punct_after = true;
            }
            continue;
        };
        let core = &raw[lead..lead + len];
        out.push(Token {
            text: core,
            key,
            span: Span::new(offset + start + lead, offset + start + lead + core.len()),
            kind: if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            },
            punct_before: lead > 0,
            punct_after: lead + core.len() < raw.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(line: &str) -> Vec<(&str, TokenKind, bool, bool)> {
        let mut out = Vec::new();
        line_tokens(line, 0, &mut out);
        out.iter()
            .map(|t| (t.text, t.kind, t.punct_before, t.punct_after))
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        use TokenKind::{Number, Word};
        assert_eq!(
            lex("Chỉ thị (UBND), năm 2024 - “Đổi mới”"),
            vec![
                ("Chỉ", Word, false, false),
                ("thị", Word, false, false),
                ("UBND", Word, true, true),
                ("năm", Word, false, false),
                ("2024", Number, false, true),
                ("Đổi", Word, true, false),
                ("mới", Word, false, true),
            ]
        );
    }

    /// [`line_tokens`] over `str::split`, as first written.
    fn line_tokens_by_split(line: &str) -> Vec<(usize, usize, bool, bool)> {
        let mut out: Vec<(usize, usize, bool, bool)> = Vec::new();
        let mut pos = 0;
        for raw in line.split(' ') {
            let start = pos;
            pos += raw.len() + 1;
            match core_of(raw) {
                Some(c) => out.push((
                    start + c.lead,
                    start + c.lead + c.len,
                    c.lead > 0,
                    c.lead + c.len < raw.len(),
                )),
                None if !raw.is_empty() => {
                    if let Some(last) = out.last_mut() {
                        last.3 = true;
                    }
                }
                None => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_byte_loop_splits_as_str_split(s in "[a-zđĐờ0-9 “”.,-]{0,30}") {
            let mut out = Vec::new();
            line_tokens(&s, 0, &mut out);
            let got: Vec<(usize, usize, bool, bool)> = out
                .iter()
                .map(|t| (t.span.start, t.span.end, t.punct_before, t.punct_after))
                .collect();
            proptest::prop_assert_eq!(got, line_tokens_by_split(&s));
        }

        #[test]
        fn one_pass_core_is_the_trimmed_text(s in "[a-zA-Z0-9đĐàÀảẢỦủƯưΩωİ“”–.,()\\-]{0,12}") {
            let trimmed = s.trim_matches(|c: char| !is_word_char(c));
            let expected = (!trimmed.is_empty()).then(|| {
                let lead = trimmed.as_ptr() as usize - s.as_ptr() as usize;
                (lead, trimmed.len(), key(trimmed), trimmed.chars().any(char::is_alphabetic))
            });
            let got = core_of(&s).map(|c| (c.lead, c.len, c.key, c.has_letter));
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn keys_ignore_case_only() {
        let mut out = Vec::new();
        line_tokens("Ủy ủy ỦY uỷ", 10, &mut out);
        assert_eq!(out[0].span, Span::new(10, 14));
        assert!(out[0].key == out[1].key && out[1].key == out[2].key);
        assert!(same_word(&out[0], &out[2]));
        assert!(out[3].key != out[1].key && !same_word(&out[1], &out[3]));
    }
}
