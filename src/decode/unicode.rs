//! Unicode inputs (UTF-8, UTF-16) and NFC normalization with column maps.

use super::DecodeError;
use crate::source::LineMap;
use unicode_normalization::{UnicodeNormalization, char::canonical_combining_class, is_nfc};

/// Text decoded from bytes, before line splitting and normalization.
#[derive(Debug, Clone)]
pub struct BaseText {
    pub text: String,
    pub name: &'static str,
    pub confidence: f32,
    pub bom: bool,
    pub replaced: u32,
}

/// Decodes UTF-8 or UTF-16 (by BOM, or by the zero-byte shape of UTF-16 text).
pub fn decode_unicode(bytes: &[u8]) -> Result<BaseText, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let replaced = if had_errors {
            count_replacements(&text)
        } else {
            0
        };
        return Ok(BaseText {
            text: text.into_owned(),
            name: encoding_label(encoding),
            confidence: 1.0,
            bom: true,
            replaced,
        });
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let replaced = if had_errors {
            count_replacements(&text)
        } else {
            0
        };
        return Ok(BaseText {
            text: text.into_owned(),
            name: encoding_label(encoding),
            confidence: 0.9,
            bom: false,
            replaced,
        });
    }
    if let Some(nul_at) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { nul_at });
    }
    let (text, had_errors) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    Ok(BaseText {
        text: text.into_owned(),
        name: "utf-8",
        confidence: if had_errors { 0.5 } else { 1.0 },
        bom: false,
        replaced,
    })
}

fn encoding_label(encoding: &'static encoding_rs::Encoding) -> &'static str {
    if encoding == encoding_rs::UTF_16LE {
        "utf-16le"
    } else if encoding == encoding_rs::UTF_16BE {
        "utf-16be"
    } else {
        "utf-8"
    }
}

fn count_replacements(text: &str) -> u32 {
    text.chars().filter(|&c| c == '\u{FFFD}').count() as u32
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// UTF-16 without a BOM: Vietnamese text is mostly ASCII letters, spaces and U+00xx/U+01xx/U+1Exx
/// characters, so one byte of nearly every code unit is 0x00 or 0x01/0x1E and the zero bytes all
/// fall on one parity.
pub fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let units = sample.len() / 2;
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
    }
    let majority = units * 3 / 10;
    let rare = units / 20;
    if zero_odd > majority && zero_even <= rare {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even > majority && zero_odd <= rare {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Splits text into lines at `\n`, `\r\n` and lone `\r`.
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    // The breaks by memchr's vector search; the `\n` of a `\r\n` is skipped.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue;
        }
        lines.push(&text[start..i]);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    lines.push(&text[start..]);
    lines
}

/// NFC of one line and the map from its columns back to the input's columns.
///
/// Normalization works cluster by cluster (a starter and the combining marks after it), so each
/// composed character maps to the start of the cluster it came from.
pub fn nfc_line(line: &str) -> (String, LineMap) {
    if is_nfc(line) {
        return (line.to_string(), LineMap::identity());
    }
    let mut out = String::with_capacity(line.len());
    let mut anchors = vec![(0u32, 0u32)];
    let (mut out_col, mut in_col) = (0u32, 0u32);
    let mut start = 0usize;
    let mut cluster_len = 0u32;
    let mut flush =
        |a: usize, b: usize, len: u32, out: &mut String, out_col: &mut u32, in_col: &mut u32| {
            if len == 0 {
                return;
            }
            let n = match compose_cluster(&line[a..b]) {
                Some(c) => {
                    out.push(c);
                    1
                }
                None => {
                    let before = out.len();
                    out.extend(line[a..b].nfc());
                    out[before..].chars().count() as u32
                }
            };
            if n != len {
                anchors.push((*out_col, *in_col));
                anchors.push((*out_col + n, *in_col + len));
            }
            *out_col += n;
            *in_col += len;
        };
    for (i, c) in line.char_indices() {
        if canonical_combining_class(c) == 0 && !is_composing_vowel_jamo(c) {
            flush(start, i, cluster_len, &mut out, &mut out_col, &mut in_col);
            start = i;
            cluster_len = 0;
        }
        cluster_len += 1;
    }
    flush(
        start,
        line.len(),
        cluster_len,
        &mut out,
        &mut out_col,
        &mut in_col,
    );
    // Cluster-wise NFC equals whole-line NFC except for rare cross-cluster compositions (Hangul
    // jamo, some Indic scripts); only lines with such characters are checked, and for them the map
    // falls back to the line ends.
    if line.chars().any(may_compose_across_clusters) {
        let whole: String = line.nfc().collect();
        if whole != out {
            let n = whole.chars().count() as u32;
            return (whole, LineMap::from_anchors(vec![(0, 0), (n, in_col)]));
        }
    }
    anchors.dedup();
    (out, LineMap::from_anchors(anchors))
}

/// Fast NFC of one cluster that composes to a single character: a starter and up to three
/// combining marks (the shape of decomposed Vietnamese letters), put in canonical order and composed
/// one by one. `None` when the cluster needs the general algorithm.
fn compose_cluster(cluster: &str) -> Option<char> {
    let mut chars = cluster.chars();
    let mut acc = chars.next()?;
    let mut marks = [('\0', 0u8); 3];
    let mut n = 0;
    for c in chars {
        if n == 3 {
            return None;
        }
        marks[n] = (c, canonical_combining_class(c));
        n += 1;
    }
    if n == 0 {
        // A lone character is NFC unless it has a singleton or compatibility-free decomposition;
        // leave anything outside the plainly stable ranges to the general algorithm.
        return ((acc as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(&acc)).then_some(acc);
    }
    marks[..n].sort_by_key(|m| m.1);
    for &(m, _) in &marks[..n] {
        acc = unicode_normalization::char::compose(acc, m)?;
    }
    Some(acc)
}

/// Scripts whose composition can span what looks like two clusters.
fn may_compose_across_clusters(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0DFF}' | '\u{1100}'..='\u{11FF}' | '\u{AC00}'..='\u{D7A3}' | '\u{1000}'..='\u{109F}' | '\u{11000}'..)
}

/// Hangul vowel/trailing jamo compose with a preceding syllable although their combining class is 0.
fn is_composing_vowel_jamo(c: char) -> bool {
    matches!(c, '\u{1161}'..='\u{11C2}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    /// The split as first written, byte by byte: [`split_lines`] must agree.
    fn split_lines_reference(text: &str) -> Vec<&str> {
        let mut lines = Vec::new();
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push(&text[start..i]);
                    start = i + 1;
                }
                b'\r' => {
                    lines.push(&text[start..i]);
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push(&text[start..]);
        lines
    }

    proptest::proptest! {
        #[test]
        fn split_lines_agrees_with_the_reference(text in crate::decode::swar::MIXED_TEXT) {
            proptest::prop_assert_eq!(split_lines(&text), split_lines_reference(&text));
        }
    }

    #[test]
    fn nfd_composes_and_keeps_original_columns() {
        let nfd: String = "Số: 21".nfd().collect();
        assert_eq!(nfd.chars().count(), 8);
        let (nfc, map) = nfc_line(&nfd);
        assert_eq!(nfc, "Số: 21");
        // "2" is column 4 (0-based) in NFC and column 6 in the NFD original.
        assert_eq!(map.original_column(4), 6);
    }

    #[test]
    fn line_breaks_of_every_kind_count_as_lines() {
        assert_eq!(split_lines("a\r\nb\rc\nd"), vec!["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n"), vec!["a", ""]);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Kế hoạch số 21/KH-THPTLT";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.report.name.as_str(), d.report.bom),
            (text, "utf-16le", true)
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be).unwrap();
        assert_eq!(
            (d.text.as_str(), d.report.name.as_str()),
            (text, "utf-16be")
        );
    }

    #[test]
    fn utf8_bom_is_reported_and_removed() {
        let d = decode("\u{FEFF}Số".as_bytes()).unwrap();
        assert_eq!(d.text, "Số");
        assert!(d.report.bom);
    }

    #[test]
    fn binary_and_empty_inputs_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00abc").unwrap_err(),
            DecodeError::Binary { nul_at: 4 }
        ));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        let d = decode(b"ab\xFFcd").unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd");
        assert_eq!(d.report.replaced, 1);
    }
}
