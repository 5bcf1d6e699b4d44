//! Stage 1½: the analysis view. Text that reached us around the document but is not part of it —
//! HTML tags and entities left by a web page, markdown emphasis left by a converter, page markers
//! ("Trang 1***"), a page's posting time ("10/30/2017 8:42:58 PM") — is blanked with spaces, byte
//! for byte, so that every later stage reads the document's own words while every span still points
//! at the same bytes of the repaired text. Line breaks are never touched: line numbers stay too.
//!
//! The original text is kept as it was: findings quote it, and `normalize` prints it.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// `<br />`, `</p>`, `<span style="…">`: a tag on one line, at most 300 bytes.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,300})?\s*/?>"#).expect("valid regex")
});
/// `&nbsp;`, `&amp;`, `&#7871;`.
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[a-z]{2,8}|#[0-9]{2,6}|#x[0-9A-Fa-f]{2,5});").expect("valid regex")
});
/// A US-style posting time of a web page: "10/30/2017 8:42:58 PM", standing as whole words. The
/// pattern has no `\b`, which would keep the engine off its DFA on Vietnamese text; [`web_times`]
/// checks the word boundaries. A time has one way to match from a given start, so this finds
/// exactly what the pattern with `\b` at both ends would.
static WEB_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\s*(?:AM|PM|SA|CH)",
    )
    .expect("valid regex")
});

/// A character of a word for `\b`: Unicode `\w`.
fn is_word_char(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w").expect("valid regex"));
    c.is_ascii_alphanumeric()
        || c == '_'
        || (!c.is_ascii() && WORD.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The posting times in `text` that stand as whole words.
fn web_times(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(m) = WEB_TIME.find_at(text, pos) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c)) {
            found.push((m.start(), m.end()));
            pos = m.end();
        } else {
            // Digits only at the start: the next start to try is one byte on.
            pos = m.start() + 1;
        }
    }
    found
}
/// A page marker of a document viewer: "Trang 1***", "Trang 2 / 14".
static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*Trang\s+[0-9]{1,4}(?:\s*/\s*[0-9]{1,4})?\s*\*{2,}")
        .expect("valid regex")
});
/// Markdown emphasis: runs of two or more asterisks.
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*{2,}").expect("valid regex"));

/// The analysis view of `text`: borrowed when nothing needs blanking, which is the common case.
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut amps: Vec<usize> = Vec::new();
    let quick = text.as_bytes();
    if quick.contains(&b'<') {
        ranges.extend(TAG.find_iter(text).map(|m| (m.start(), m.end())));
    }
    if quick.contains(&b'&') {
        // "&amp;" is the document's own ampersand ("GD&amp;ĐT"): it becomes "&" and two combining
        // grapheme joiners (invisible, two bytes each), so the word is not split by a gap.
        for m in ENTITY.find_iter(text) {
            if m.as_str() == "&amp;" {
                amps.push(m.start());
            } else {
                ranges.push((m.start(), m.end()));
            }
        }
    }
    if quick.contains(&b':') {
        ranges.extend(web_times(text));
    }
    if quick.contains(&b'*') {
        ranges.extend(PAGE_MARKER.find_iter(text).map(|m| (m.start(), m.end())));
        ranges.extend(EMPHASIS.find_iter(text).map(|m| (m.start(), m.end())));
    }
    if quick.contains(&0xC2) {
        // No-break spaces (U+00A0, two bytes) read as two plain spaces.
        ranges.extend(text.match_indices('\u{a0}').map(|(i, s)| (i, i + s.len())));
    }
    if ranges.is_empty() && amps.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for (start, end) in ranges {
        for b in &mut bytes[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    for at in amps {
        bytes[at + 1..at + 5].copy_from_slice("\u{34f}\u{34f}".as_bytes());
    }
    // Every blanked range covers whole characters (matches and `&amp;` split at ASCII bytes), so
    // the bytes are still UTF-8; fall back to the original if that ever failed.
    match String::from_utf8(bytes) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_web_residue_byte_for_byte() {
        let text = "Số: 12/KH-THCS<br />\nA, ngày 05 tháng 9 năm 2024&nbsp;\n**KẾ HOẠCH**\nTrang 1*** Hà Nội\n10/30/2017 8:42:58 PM\nPHÒNG GD&amp;ĐT\u{a0}X";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked,
            "Số: 12/KH-THCS      \nA, ngày 05 tháng 9 năm 2024      \n  KẾ HOẠCH  \n           Hà Nội\n                     \nPHÒNG GD&\u{34f}\u{34f}ĐT  X"
        );
    }

    #[test]
    fn leaves_document_text_alone() {
        let text = "Chỉ thị số 13/CT-UBND ngày 29/12/2020; 3 < 5 và 5 > 3; 8:30 ngày 20/11/2024";
        assert!(matches!(mask(text), Cow::Borrowed(_)));
    }
}
