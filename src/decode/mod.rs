//! Stage 1: bytes → repaired NFC text, with a record of what was done.
//!
//! [`decode`] picks the byte encoding (BOM, UTF-8 validity, UTF-16 shape; for other bytes the legacy
//! Vietnamese charset whose reading gives the most Vietnamese syllables, see [`detect`]), splits the
//! text into lines (`\n`, `\r\n` and lone `\r` all end a line, so line numbers match what an editor
//! shows), normalizes every line to NFC and repairs words and lines of Unicode text that are legacy
//! bytes or UTF-8 read through Windows-1252 ([`repair`]). Lines that change get a [`LineMap`] so that
//! positions still point at original columns. Nothing is dropped silently: invalid bytes become
//! U+FFFD and are counted in [`EncodingReport::replaced`], and every repaired span is listed in
//! [`EncodingReport::repairs`].
//!
//! What the report says, by case:
//! - a legacy byte file (TCVN3/VN1, VNI, VISCII, VPS, Windows-1258, VIQR): `name` is the encoding
//!   ("tcvn3", "vni-windows", …) with a `confidence`; `repairs` is empty (the whole file was
//!   decoded; one finding at line 1 is enough);
//! - Unicode text that as a whole is cp1252-read damage: `name` "utf-8", `damage` says which
//!   ("tcvn3-as-cp1252", "vni-as-cp1252", "utf8-as-cp1252") and `repaired_lines` which lines
//!   changed; `repairs` lists spans only when the text went through word-by-word repair;
//! - Unicode text with damaged words or lines: one [`Repair`] per damaged word (1-based original
//!   line and columns, end exclusive), `repaired_lines` the lines concerned.
//!
//! Also here: [`tone_style`] (old "hoà"/new "hòa" tone placement with byte spans, for the
//! `mixed-tone-style` rule), [`is_valid_syllable`] (the syllable model), [`encode`] (encoders
//! into every legacy form, for tests and benchmarks) and [`corpus`] (the generated test corpus).

pub mod corpus;
pub mod detect;
pub mod encode;
pub mod legacy;
pub mod repair;
pub mod residue;
pub mod syllable;
pub mod tables;
pub mod tone;
mod unicode;
pub mod viet;
pub mod whole;

pub use syllable::is_valid_syllable;
pub use tone::{ToneStyle, ToneStyleCounts, ToneWord, tone_style};
pub use unicode::{nfc_line, split_lines};

use crate::source::LineMap;
use serde::{Deserialize, Serialize};

/// The result of decoding one input.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// NFC text, `\n` line breaks, one line per original line.
    pub text: String,
    /// Per-line column maps (index = 0-based line); identity where the line kept its length.
    pub line_maps: Vec<LineMap>,
    pub report: EncodingReport,
}

/// What the decode stage found and did; the `encoding` member of a file's JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EncodingReport {
    /// The byte encoding of the file: "utf-8", "utf-16le", "utf-16be", "windows-1258", "tcvn3",
    /// "vni-windows", "viscii", "vps", "viqr".
    pub name: String,
    /// How sure the detection is, from 0 to 1.
    pub confidence: f32,
    /// Whether the file started with a byte order mark.
    pub bom: bool,
    /// Lines whose characters NFC normalization changed (decomposed or "tổ hợp" input).
    pub normalized_lines: u32,
    /// Invalid byte sequences replaced by U+FFFD.
    pub replaced: u32,
    /// Spans of damaged text that were repaired, in line order.
    pub repairs: Vec<Repair>,
    /// Set when the text is Unicode but as a whole was legacy bytes read through Windows-1252 (most
    /// damaged lines agree): "tcvn3-as-cp1252" or "vni-as-cp1252". Then the lint rule may report the
    /// document once rather than every line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
    /// 1-based lines that were repaired (sorted, each once): the per-line view of `repairs`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repaired_lines: Vec<u32>,
}

/// One repaired span: where it was (original line and character columns), what it read, what it
/// became and which damage was undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub line: u32,
    pub column: u32,
    pub end_column: u32,
    pub original: String,
    pub repaired: String,
    /// The damage: e.g. "vni-as-cp1252", "tcvn3-as-cp1252", "utf8-as-cp1252".
    pub encoding: String,
}

/// Why an input could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary { nul_at: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "tệp rỗng (empty file)"),
            DecodeError::Binary { nul_at } => write!(
                f,
                "tệp nhị phân, không phải văn bản (binary file: NUL byte at offset {nul_at})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes raw bytes of a text file into repaired NFC text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some() || unicode::sniff_utf16(bytes).is_some() {
        let base = unicode::decode_unicode(bytes)?;
        return Ok(pipeline::finish(&base.text, None, meta_of(&base), true));
    }
    if let Some(nul_at) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|&b| b == 0))
        .flatten()
    {
        return Err(DecodeError::Binary { nul_at });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if detect::looks_viqr(text) {
                let (decoded, maps) = legacy::decode_viqr(text);
                let meta = pipeline::Meta {
                    name: "viqr",
                    confidence: 0.9,
                    bom: false,
                    replaced: 0,
                };
                return Ok(pipeline::finish(&decoded, Some(&maps), meta, false));
            }
            if let Some((enc, confidence)) = detect::legacy_in_valid_utf8(text) {
                return Ok(decode_legacy(bytes, enc, confidence));
            }
            if let Some(d) = whole::repair_whole(text) {
                return Ok(d);
            }
            Ok(pipeline::finish(
                text,
                None,
                pipeline::Meta {
                    name: "utf-8",
                    confidence: 1.0,
                    bom: false,
                    replaced: 0,
                },
                true,
            ))
        }
        Err(_) => match detect::detect_legacy(bytes).filter(|_| !detect::mostly_utf8(bytes)) {
            Some((enc, confidence)) => Ok(decode_legacy(bytes, enc, confidence)),
            None => {
                let base = unicode::decode_unicode(bytes)?;
                Ok(pipeline::finish(&base.text, None, meta_of(&base), true))
            }
        },
    }
}

/// Decodes bytes known to be in legacy encoding `enc` (no detection).
pub fn decode_legacy(bytes: &[u8], enc: detect::Legacy, confidence: f32) -> Decoded {
    let meta = pipeline::Meta {
        name: enc.name(),
        confidence,
        bom: false,
        replaced: 0,
    };
    if enc == detect::Legacy::Tcvn3 {
        let file = legacy::decode_tcvn3_file(bytes);
        // TCVN3/ABC has no toned capitals, so their case is restored; a VN1 file has them and keeps
        // its case as written.
        let text = if file.vn1 || file.case_lines.is_empty() {
            file.text
        } else {
            restore_case_lines(file.text, &file.case_lines)
        };
        return pipeline::finish_decoded(text, file.lines, meta, !file.combining);
    }
    let (text, maps) = enc.decode(bytes);
    // Windows-1252 is the fallback for bytes that are no Vietnamese charset: damage inside may still
    // be repairable word by word.
    pipeline::finish(&text, Some(&maps), meta, enc == detect::Legacy::Windows1252)
}

/// TCVN3 case restoration on the given line byte ranges, in place: a Vietnamese letter and its
/// capital have the same UTF-8 length, so only those lines' bytes are rewritten.
fn restore_case_lines(mut text: String, lines: &[(usize, usize)]) -> String {
    for &(a, b) in lines {
        let Some(line) = text.get(a..b) else { continue };
        let restored = legacy::restore_tcvn_case(line);
        if restored.len() == b - a {
            text.replace_range(a..b, &restored);
        }
    }
    text
}

fn meta_of(base: &unicode::BaseText) -> pipeline::Meta {
    pipeline::Meta {
        name: base.name,
        confidence: base.confidence,
        bom: base.bom,
        replaced: base.replaced,
    }
}

/// Decodes text that is already Unicode (stdin read as UTF-8, text extracted from .docx), applying
/// the same line splitting, normalization and span repair as for files.
pub fn decode_str(text: &str) -> Decoded {
    if let Some(d) = whole::repair_whole(text) {
        return d;
    }
    pipeline::finish(
        text,
        None,
        pipeline::Meta {
            name: "utf-8",
            confidence: 1.0,
            bom: false,
            replaced: 0,
        },
        true,
    )
}

mod pipeline;
