//! Regexes with Unicode word boundaries (`\b`), made fast on Vietnamese text.
//!
//! The regex engine cannot run its DFAs on a pattern with Unicode `\b` once the haystack holds a
//! non-ASCII byte, so such a pattern backtracks from every position of a line — the hot spot of the
//! whole check. [`BoundaryRegex`] keeps a second copy of the pattern without the `\b` assertions,
//! which the DFAs run: every match of the full pattern is also a match of the relaxed one at the
//! same start, so the relaxed one's leftmost match start `s` is at or before the full pattern's
//! leftmost start. Running the full pattern on the text from one character before `s` then gives
//! exactly its answer on the whole text (the `\b` at every position from `s` on sees its real
//! neighbour, and no full match can start earlier, where the relaxed pattern found none).
//!
//! Only for patterns without `^` (slicing would move it); `$` and `\b` anywhere are fine.

use regex::{Captures, Regex};

pub struct BoundaryRegex {
    full: Regex,
    relaxed: Regex,
}

impl BoundaryRegex {
    pub fn new(pattern: &str) -> Result<BoundaryRegex, regex::Error> {
        Ok(BoundaryRegex {
            full: Regex::new(pattern)?,
            relaxed: Regex::new(&pattern.replace(r"\b", ""))?,
        })
    }

    /// Where to start the full search: one character before the relaxed match, if any.
    fn window(&self, text: &str) -> Option<usize> {
        let start = self.relaxed.find(text)?.start();
        Some(
            text[..start]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i),
        )
    }

    /// Same as `Regex::is_match` of the full pattern.
    pub fn is_match(&self, text: &str) -> bool {
        self.window(text)
            .is_some_and(|from| self.full.is_match(&text[from..]))
    }

    /// Same as `Regex::captures_iter` of the full pattern, for patterns that cannot match the
    /// empty string. `captures_at` keeps the haystack around the start in view, so each full
    /// search starts right at the relaxed candidate and sees the real neighbour for `\b`.
    pub fn captures_iter<'r, 'h: 'r>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r {
        let mut pos = 0;
        std::iter::from_fn(move || {
            let candidate = self.relaxed.find_at(text, pos)?.start();
            let caps = self.full.captures_at(text, candidate)?;
            let whole = caps.get(0)?;
            // An empty match would repeat forever: step over one character.
            pos = if whole.is_empty() {
                text[whole.end()..]
                    .chars()
                    .next()
                    .map(|c| whole.end() + c.len_utf8())?
            } else {
                whole.end()
            };
            Some(caps)
        })
    }

    /// Same as `Regex::captures` of the full pattern, as (offset, captures of `text[offset..]`).
    pub fn captures<'h>(&self, text: &'h str) -> Option<(usize, Captures<'h>)> {
        let from = self.window(text)?;
        self.full.captures(&text[from..]).map(|c| (from, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        r"(?i)\b(?P<type>Chỉ thị|Kế hoạch|Luật)\s*(?:số\s*:?\s*)?$",
        r"(?i)\btừ\s+(?:ngày|tháng)?\s*$",
        r"(?i)(?:nộp|gửi)\b[^.;:]{0,20}?\b(?:trước|vào)\s+ngày\s*$",
        r"\b(?P<type>Luật|Pháp lệnh)\s+(?P<name>[A-ZĐ][^;()]{2,30}?)\s*ngày\s+$",
        r"(?i)\bnăm\s+(\d{4})\b",
        r"(?i)\bnăm học\s*(\d{4})(\s*[-–—]\s*)(\d{4})",
    ];

    fn check(text: &str) {
        for p in PATTERNS {
            let full = Regex::new(p).unwrap();
            let fast = BoundaryRegex::new(p).unwrap();
            assert_eq!(fast.is_match(text), full.is_match(text), "{p} on {text:?}");
            let expected = full
                .captures(text)
                .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>());
            let actual = fast.captures(text).map(|(from, c)| {
                c.iter()
                    .map(|m| m.map(|m| m.start() + from..m.end() + from))
                    .collect::<Vec<_>>()
            });
            assert_eq!(actual, expected, "{p} on {text:?}");
            let ranges = |caps: Vec<Captures>| {
                caps.iter()
                    .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                ranges(fast.captures_iter(text).collect()),
                ranges(full.captures_iter(text).collect()),
                "{p} on {text:?}"
            );
        }
    }

    #[test]
    fn same_answers_as_the_full_pattern() {
        for text in [
            "Căn cứ Chỉ thị số ",
            "xChỉ thị số: ",
            "ĐChỉ thị Kế hoạch ",
            "bắt đầu từ ngày ",
            "ktừ ngày",
            "gửi về Phòng trước ngày ",
            "gửiz về trước ngày",
            "Luật Thi đua, khen thưởng ngày ",
            "năm 2024, trong năm 20245 và xnăm 2023; Năm học 2023 - 2024, ănăm học 2022-2023",
            "ảLuật Giáo dục ngày ",
            "",
        ] {
            check(text);
        }
    }

    proptest! {
        #[test]
        fn same_answers_on_random_vietnamese(
            words in proptest::collection::vec(
                prop::sample::select(vec![
                    "Chỉ", "thị", "số", ":", " ", "  ", "x", "Đ", "ả", "từ", "ngày", "tháng",
                    "gửi", "nộp", "về", "trước", "vào", "Luật", "Giáo", "dục", ";", ".", "Kế",
                    "hoạch", "Pháp", "lệnh", "A", "1", "năm", "học", "2024", "2023-", "–",
                ]),
                0..16,
            )
        ) {
            check(&words.concat());
            check(&words.join(" "));
        }
    }
}
