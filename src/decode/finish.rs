//! Stage 4, finish: the lines of a reading normalized to NFC ([`nfc_lines`], which the repair
//! works on), then, after the repair, the text with `\n` line breaks, the column maps composed
//! (repair → NFC → reading → original bytes) and the [`EncodingReport`].

use super::repair::Damage;
use super::repair::{self, DocumentRepair, SpanRepair};
use super::unicode::BaseText;
use super::{Decoded, EncodingReport, Repair, nfc_line, split_lines};
use crate::source::LineMap;
use std::borrow::Cow;

/// What the byte decoding found, carried into the report.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    pub name: &'static str,
    pub confidence: f32,
    pub bom: bool,
    pub replaced: u32,
}

impl From<&BaseText> for Meta {
    fn from(base: &BaseText) -> Meta {
        Meta {
            name: base.name,
            confidence: base.confidence,
            bom: base.bom,
            replaced: base.replaced,
        }
    }
}

impl Meta {
    /// Valid UTF-8 (or Unicode text given as such).
    pub const UTF8: Meta = Meta {
        name: "utf-8",
        confidence: 1.0,
        bom: false,
        replaced: 0,
    };

    /// The report: the one place an [`EncodingReport`] is built.
    fn report(
        self,
        normalized_lines: u32,
        damage: Option<String>,
        repairs: Vec<Repair>,
        repaired_lines: Vec<u32>,
    ) -> EncodingReport {
        EncodingReport {
            name: self.name.to_string(),
            confidence: self.confidence,
            bom: self.bom,
            normalized_lines,
            replaced: self.replaced,
            repairs,
            damage,
            repaired_lines,
        }
    }
}

/// A line that differs from its input, or whose columns differ from the original's.
struct Changed {
    text: String,
    /// Final text → original columns.
    map: LineMap,
    spans: Vec<SpanRepair>,
    /// NFC text → original columns (where repair spans are measured).
    base_map: LineMap,
}

/// NFC of a line, borrowing when it already is NFC (the common case, kept allocation-free).
fn nfc(line: &str) -> (Cow<'_, str>, LineMap) {
    if surely_nfc(line) || unicode_normalization::is_nfc(line) {
        return (Cow::Borrowed(line), LineMap::identity());
    }
    let (t, m) = nfc_line(line);
    (Cow::Owned(t), m)
}

/// Whether every character of the line is one NFC never changes and that composes with nothing:
/// Latin below U+0300, Latin Extended Additional (all precomposed Vietnamese), and general
/// punctuation from U+2002. A cheap pre-check before the full quick-check.
#[inline]
fn surely_nfc(line: &str) -> bool {
    let b = line.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    // Only lead bytes from 0xCC can start another character (continuation bytes are below 0xC0,
    // and U+0080..U+02FF have the lead bytes 0xC2..0xCB), so only those are looked at.
    !super::swar::any_marked(
        b,
        |x| super::swar::at_least(x, 0xCC),
        |i| match b[i] {
            // U+1E00..U+1EFF
            0xE1 => !matches!(at(i + 1), 0xB8..=0xBB),
            // U+2002..U+207F
            0xE2 => !match at(i + 1) {
                0x80 => at(i + 2) >= 0x82,
                0x81 => true,
                _ => false,
            },
            _ => true,
        },
    )
}

/// One NFC line of a reading: its text (borrowed when the line already was NFC) and the map from
/// NFC to the reading's columns.
pub struct NfcLine<'a> {
    /// The line of the reading.
    pub raw: &'a str,
    pub text: Cow<'a, str>,
    pub map: LineMap,
}

/// Splits a reading into lines and normalizes each to NFC (the input of [`super::repair`]).
pub fn nfc_lines(text: &str) -> Vec<NfcLine<'_>> {
    split_lines(text)
        .into_iter()
        .map(|line| {
            let (text, map) = nfc(line);
            NfcLine {
                raw: line,
                text,
                map,
            }
        })
        .collect()
}

/// What [`finish`] makes of a reading.
pub enum Finished {
    /// Text that differs from the reading.
    Changed(Decoded),
    /// The reading is the text: its caller gives it (a copy, or the reading itself moved).
    Unchanged {
        line_maps: Vec<LineMap>,
        report: EncodingReport,
    },
}

impl Finished {
    /// The decoded text, `reading` standing for an unchanged one.
    pub fn with_text(self, reading: impl FnOnce() -> String) -> Decoded {
        match self {
            Finished::Changed(decoded) => decoded,
            Finished::Unchanged { line_maps, report } => Decoded {
                text: reading(),
                line_maps,
                report,
            },
        }
    }
}

/// Builds the [`Decoded`] of a reading `text`, whose lines map to original columns through `pre`
/// (legacy decoders that join several bytes into one letter), from its NFC lines and their repair;
/// an unchanged reading is told apart, so that it need not be copied.
pub fn finish(
    text: &str,
    lines: &[NfcLine<'_>],
    pre: Option<&[LineMap]>,
    repair: DocumentRepair,
    meta: Meta,
) -> Finished {
    let normalized_lines = lines
        .iter()
        .filter(|l| matches!(l.text, Cow::Owned(_)) && l.text.as_ref() != l.raw)
        .count() as u32;
    let damage = repair.damage.map(|d| d.label().to_string());
    let identity = LineMap::identity();
    let mut repaired = repair.lines.into_iter();
    let changed: Vec<Option<Box<Changed>>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let pre_map = pre.and_then(|p| p.get(i)).unwrap_or(&identity);
            let rep = repaired.next().flatten();
            build(
                &l.text,
                matches!(l.text, Cow::Owned(_)),
                l.map.clone(),
                pre_map,
                rep,
            )
        })
        .collect();
    // Nothing changed (the common case for clean text): the reading itself, identity maps.
    if changed.iter().all(Option::is_none) && !text.contains('\r') {
        return Finished::Unchanged {
            line_maps: vec![LineMap::identity(); lines.len()],
            report: meta.report(normalized_lines, damage, Vec::new(), Vec::new()),
        };
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut line_maps = Vec::with_capacity(lines.len());
    let mut repairs = Vec::new();
    let mut repaired_lines = Vec::new();
    for (i, (line, ch)) in lines.iter().map(|l| l.raw).zip(changed).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match ch {
            None => {
                out.push_str(line);
                line_maps.push(LineMap::identity());
            }
            Some(c) => {
                let c = *c;
                out.push_str(&c.text);
                line_maps.push(c.map);
                if !c.spans.is_empty() {
                    repaired_lines.push(i as u32 + 1);
                }
                for sp in c.spans {
                    repairs.push(Repair {
                        line: i as u32 + 1,
                        column: c.base_map.original_column(sp.start) + 1,
                        end_column: c.base_map.original_column(sp.end) + 1,
                        original: sp.original,
                        repaired: sp.repaired,
                        encoding: sp.damage.label().to_string(),
                    });
                }
            }
        }
    }
    Finished::Changed(Decoded {
        text: out,
        line_maps,
        report: meta.report(normalized_lines, damage, repairs, repaired_lines),
    })
}

/// The tail for a legacy decoder whose output is NFC and maps one character to one character
/// (TCVN3 without combining tones): then the text only needs its line breaks made `\n`, and is
/// moved, not copied.
pub fn finish_nfc(text: String, lines: usize, meta: Meta) -> Decoded {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        line_maps: vec![LineMap::identity(); lines],
        text,
        report: meta.report(0, None, Vec::new(), Vec::new()),
    }
}

/// Composes a line's maps; `None` when the line is its input and maps one to one.
fn build(
    norm: &str,
    normalized: bool,
    nfc_map: LineMap,
    pre_map: &LineMap,
    rep: Option<Box<repair::LineRepair>>,
) -> Option<Box<Changed>> {
    let base_map = nfc_map.then(pre_map);
    match rep {
        Some(r) => Some(Box::new(Changed {
            map: r.map.then(&base_map),
            text: r.text,
            spans: r.spans,
            base_map,
        })),
        None if normalized || !base_map.is_identity() => Some(Box::new(Changed {
            text: norm.to_string(),
            map: base_map.clone(),
            spans: Vec::new(),
            base_map,
        })),
        None => None,
    }
}

/// The [`Decoded`] of a text that as a whole was cp1252-read damage: `decoded` is the decoding of
/// its innermost layer, `layers` the UTF-8 texts peeled off on the way (outermost first; empty
/// when the text was legacy bytes read through cp1252 directly), `damage` the outermost damage.
pub fn whole_damage(
    mut decoded: Decoded,
    original: &str,
    layers: &[String],
    damage: Damage,
) -> Decoded {
    for inner in layers.iter().rev() {
        decoded.line_maps = utf8_maps(inner, &decoded.line_maps);
    }
    let original = split_lines(original);
    decoded.report.repaired_lines = split_lines(&decoded.text)
        .iter()
        .zip(&original)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    decoded.report.name = "utf-8".to_string();
    decoded.report.confidence = 1.0;
    decoded.report.damage = Some(damage.label().to_string());
    decoded.report.repairs.clear();
    decoded
}

/// Column maps of repaired text back to its mojibake: each character of `inner` came from as many
/// cp1252 characters as its UTF-8 length; composed after `inner_maps` (repaired → inner).
fn utf8_maps(inner: &str, inner_maps: &[LineMap]) -> Vec<LineMap> {
    split_lines(inner)
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut anchors = vec![(0u32, 0u32)];
            let (mut col, mut orig) = (0u32, 0u32);
            for c in line.chars() {
                let n = c.len_utf8() as u32;
                if n != 1 {
                    anchors.push((col, orig));
                    anchors.push((col + 1, orig + n));
                }
                col += 1;
                orig += n;
            }
            anchors.dedup();
            let map = LineMap::from_anchors(anchors);
            inner_maps.get(i).map_or(map.clone(), |m| m.then(&map))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-check as first written, one character at a time: [`surely_nfc`] must agree.
    fn surely_nfc_reference(line: &str) -> bool {
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Eight ASCII bytes at a time.
            if let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok())
                && u64::from_le_bytes(chunk) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
                continue;
            }
            let x = b[i];
            if x < 0x80 {
                i += 1;
            } else if (0xC2..=0xCB).contains(&x) {
                i += 2; // U+0080..U+02FF
            } else if x == 0xE1 && matches!(b.get(i + 1), Some(0xB8..=0xBB)) {
                i += 3; // U+1E00..U+1EFF
            } else if x == 0xE2
                && match b.get(i + 1) {
                    Some(0x80) => b.get(i + 2).is_some_and(|&z| z >= 0x82),
                    Some(0x81) => true,
                    _ => false,
                }
            {
                i += 3; // U+2002..U+207F
            } else {
                return false;
            }
        }
        true
    }

    proptest::proptest! {
        #[test]
        fn surely_nfc_agrees_with_the_reference(line in crate::decode::swar::MIXED_TEXT) {
            proptest::prop_assert_eq!(surely_nfc(&line), surely_nfc_reference(&line));
        }
    }
}
