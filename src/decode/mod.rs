//! Stage 1 of the crate: bytes → repaired NFC text, with a record of what was done.
//!
//! Decoding runs in four steps, each a module, in this order; no step calls an earlier one, and
//! [`decode`] / [`decode_str`] below are the only places that call them in turn:
//!
//! 1. [`detect`] chooses the reading: BOM, UTF-8 validity, UTF-16 shape; for other bytes the
//!    legacy Vietnamese charset whose reading gives the most Vietnamese syllables; for Unicode
//!    text, whether it is cp1252-read damage as a whole (peeled layer by layer);
//! 2. the chosen reading is decoded over the whole file by the byte codecs ([`codec`], through
//!    the table of charsets [`charsets`]), TCVN3 case restored ([`case`]), and its lines are
//!    normalized to NFC ([`finish::nfc_lines`]);
//! 3. [`repair`] repairs damaged spans inside the lines of a Unicode reading: words and lines that
//!    are legacy bytes or UTF-8 read through Windows-1252, and conversion residue;
//! 4. [`finish`] assembles the text (`\n`, `\r\n` and lone `\r` all end a line, so line numbers
//!    match what an editor shows), composes the [`LineMap`]s so that positions still point at
//!    original columns, and builds the [`EncodingReport`].
//!
//! Nothing is dropped silently: invalid bytes become U+FFFD and are counted in
//! [`EncodingReport::replaced`], and every repaired span is listed in [`EncodingReport::repairs`].
//!
//! What the report says, by case:
//! - a legacy byte file (TCVN3/VN1, VNI, VISCII, VPS, Windows-1258, VIQR): `name` is the encoding
//!   ("tcvn3", "vni-windows", …) with a `confidence`; `repairs` is empty (the whole file was
//!   decoded; one finding at line 1 is enough);
//! - Unicode text that as a whole is cp1252-read damage: `name` "utf-8", `damage` says which
//!   ("tcvn3-as-cp1252", "vni-as-cp1252", "cp1258-as-cp1252", "utf8-as-cp1252") and `repaired_lines` which lines
//!   changed; `repairs` lists spans only when the text went through word-by-word repair;
//! - Unicode text with damaged words or lines: one [`Repair`] per damaged word (1-based original
//!   line and columns, end exclusive), `repaired_lines` the lines concerned.
//!
//! Also here: [`tone_style`] (old "hoà"/new "hòa" tone placement with byte spans, for the
//! `mixed-tone-style` rule), [`is_valid_syllable`] (the syllable model) and, with the `testkit`
//! feature, [`encode`] (encoders into every legacy form, for tests and benchmarks) and [`corpus`]
//! (the generated test corpus).

pub mod case;
pub mod charsets;
pub mod codec;
#[cfg(any(test, feature = "testkit"))]
pub mod corpus;
pub mod detect;
#[cfg(any(test, feature = "testkit"))]
pub mod encode;
pub mod finish;
pub mod repair;
pub(crate) mod swar;
pub mod syllable;
pub mod tables;
pub mod tone;
mod unicode;
pub mod viet;

pub use charsets::Legacy;
pub use finish::Meta;
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
    /// damaged lines agree): "tcvn3-as-cp1252", "vni-as-cp1252" or "cp1258-as-cp1252". Then the
    /// lint rule may report the document once rather than every line.
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
    /// The damage: e.g. "vni-as-cp1252", "tcvn3-as-cp1252", "cp1258-as-cp1252", "utf8-as-cp1252".
    pub encoding: String,
}

/// Why an input could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary {
        nul_at: usize,
    },
    /// No reading makes text of the bytes: `invalid` of the `len` bytes' sequences are neither
    /// UTF-8 nor any legacy charset's Vietnamese (random or compressed data).
    NotText {
        invalid: usize,
        len: usize,
    },
}

impl DecodeError {
    /// The error in `lang` (its `Display` is the Vietnamese one, with the English in brackets).
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (_, crate::lang::Lang::Vi) => self.to_string(),
            (DecodeError::Empty, crate::lang::Lang::En) => "empty file".to_string(),
            (DecodeError::Binary { nul_at }, crate::lang::Lang::En) => {
                format!("binary file, not text (NUL byte at offset {nul_at})")
            }
            (DecodeError::NotText { invalid, len }, crate::lang::Lang::En) => format!(
                "not text: {invalid} invalid byte sequences in {len} bytes, and no encoding reads it as Vietnamese"
            ),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "tệp rỗng (empty file)"),
            DecodeError::Binary { nul_at } => write!(
                f,
                "tệp nhị phân, không phải văn bản (binary file: NUL byte at offset {nul_at})"
            ),
            DecodeError::NotText { invalid, len } => write!(
                f,
                "không phải văn bản: {invalid} chuỗi byte lỗi trong {len} byte, không bảng mã nào đọc ra tiếng Việt (not text)"
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
    Ok(decode_choice(bytes, detect::choose(bytes)?))
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 that needs no change becomes the decoded
/// text itself, not a copy, so that a big file is not held twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return decode(e.as_bytes()),
    };
    Ok(match detect::choose_valid(&text)? {
        detect::Choice::Utf8(_) => decode_string(text),
        choice => decode_choice(text.as_bytes(), choice),
    })
}

/// Step 2 on: the reading [`detect::choose`] picked for `bytes`.
fn decode_choice(bytes: &[u8], choice: detect::Choice<'_>) -> Decoded {
    match choice {
        detect::Choice::Unicode(base) => {
            let meta = Meta::from(&base);
            read_owned(base.text, None, meta, true)
        }
        detect::Choice::Viqr(text) => {
            let (decoded, maps) = codec::decode_viqr(text);
            let meta = Meta {
                name: charsets::viqr().name,
                confidence: 0.9,
                bom: false,
                replaced: 0,
            };
            read_owned(decoded, Some(&maps), meta, false)
        }
        detect::Choice::Legacy(enc, confidence) => decode_legacy(bytes, enc, confidence),
        detect::Choice::Utf8(text) => decode_str(text),
    }
}

/// Decodes text that is already Unicode (stdin read as UTF-8, text extracted from .docx), applying
/// the same line splitting, normalization and span repair as for files.
pub fn decode_str(text: &str) -> Decoded {
    read_whole_damage(text).unwrap_or_else(|| read_unicode(text, Meta::UTF8))
}

/// [`decode_str`] of text the caller gives up (moved into the result when nothing changes).
pub fn decode_string(text: String) -> Decoded {
    match read_whole_damage(&text) {
        Some(decoded) => decoded,
        None => read_owned(text, None, Meta::UTF8, true),
    }
}

/// Decodes bytes known to be in legacy charset `enc` (no detection).
pub fn decode_legacy(bytes: &[u8], enc: Legacy, confidence: f32) -> Decoded {
    let meta = Meta {
        name: enc.name,
        confidence,
        bom: false,
        replaced: 0,
    };
    if enc.reader == charsets::Reader::Tcvn3 {
        let file = codec::decode_tcvn3_file(bytes);
        // TCVN3/ABC has no toned capitals, so their case is restored; a VN1 file has them and keeps
        // its case as written.
        let text = if file.vn1 || file.case_lines.is_empty() {
            file.text
        } else {
            case::restore_case_lines(file.text, &file.case_lines)
        };
        return if file.combining {
            read_owned(text, None, meta, false)
        } else {
            finish::finish_nfc(text, file.lines, meta)
        };
    }
    let (text, maps) = enc.read(bytes);
    read_owned(text, Some(&maps), meta, false)
}

/// Unicode text, decoded and repaired span by span.
fn read_unicode(text: &str, meta: Meta) -> Decoded {
    read(text, None, meta, true)
}

/// Steps 2–4 for a decoded reading `text` whose lines map to original columns through `pre`: NFC
/// lines, their repair (if `repair`), and the finish.
fn read(text: &str, pre: Option<&[LineMap]>, meta: Meta, repair: bool) -> Decoded {
    finished(text, pre, meta, repair).with_text(|| text.to_string())
}

/// [`read`] of a reading the caller gives up: when nothing changes, it is the decoded text.
fn read_owned(text: String, pre: Option<&[LineMap]>, meta: Meta, repair: bool) -> Decoded {
    finished(&text, pre, meta, repair).with_text(|| text)
}

fn finished(text: &str, pre: Option<&[LineMap]>, meta: Meta, repair: bool) -> finish::Finished {
    let lines = finish::nfc_lines(text);
    let repaired = if repair {
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_ref()).collect();
        repair::repair_document(&texts)
    } else {
        repair::DocumentRepair::default()
    };
    finish::finish(text, &lines, pre, repaired, meta)
}

/// Unicode text that is, from first to last character, legacy bytes or UTF-8 read through
/// Windows-1252: such a text has no character a cp1252 reading cannot produce, so it is turned back
/// into its bytes losslessly and decoded at byte speed — as UTF-8 while the bytes are valid UTF-8
/// (mojibake, also doubly encoded), then with the legacy detector when it is sure of a charset
/// whose cp1252 damage we know. Texts with any real Vietnamese letter (ố, ạ, ư …), lost bytes
/// (U+FFFD) or an unsure detection go through the word-by-word repair instead (`None`).
fn read_whole_damage(text: &str) -> Option<Decoded> {
    let mut layers: Vec<String> = Vec::new();
    let innermost = loop {
        let current = layers.last().map_or(text, String::as_str);
        let inner = match detect::peel_cp1252(current) {
            detect::Cp1252Layer::Utf8(inner) => {
                layers.push(inner);
                continue;
            }
            detect::Cp1252Layer::Bytes(bytes) => read_legacy_damage(current, &bytes),
            detect::Cp1252Layer::None => None,
        };
        break inner;
    };
    let (decoded, damage) = match innermost {
        Some((decoded, damage)) => (decoded, damage),
        // The innermost layer is no legacy damage: it is read as Unicode text.
        None => {
            let inner = layers.last()?;
            (read_unicode(inner, Meta::UTF8), repair::Damage::Utf8)
        }
    };
    let damage = if layers.is_empty() {
        damage
    } else {
        repair::Damage::Utf8
    };
    Some(finish::whole_damage(decoded, text, &layers, damage))
}

/// `text`'s cp1252 `bytes` decoded as the legacy charset detection is sure of, when the result
/// reads much better than `text`.
fn read_legacy_damage(text: &str, bytes: &[u8]) -> Option<(Decoded, repair::Damage)> {
    let (enc, confidence, as_is) = detect::legacy_of_cp1252(text, bytes)?;
    let damage = repair::Damage::LEGACY
        .into_iter()
        .find(|d| d.charset() == Some(enc))?;
    let decoded = decode_legacy(bytes, enc, confidence);
    detect::reads_much_better(&decoded.text, as_is).then_some((decoded, damage))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a decode gives, comparable.
    fn outcome(d: Result<Decoded, DecodeError>) -> Result<(String, String, String), DecodeError> {
        d.map(|d| {
            (
                d.text,
                format!("{:?}", d.line_maps),
                serde_json::to_string(&d.report).unwrap_or_default(),
            )
        })
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"\xEF\xBB\xBFS\xE1\xBB\x91: 12".to_vec(),
            "Kế hoạch năm học 2024–2025\r\nSố: 12/KH-THCS".into(),
            "Ke\u{302}\u{301} hoa\u{323}ch".into(),
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam".into(),
            b"C\xe9ng ho\xb5 x\xb7 h\xe9i".to_vec(),
            b"K\xea ho\xb9ch \x00".to_vec(),
            "Ta\u{300}i lie\u{302}\u{323}u"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ];
        for bytes in inputs {
            assert_eq!(
                outcome(decode_owned(bytes.clone())),
                outcome(decode(&bytes)),
                "{bytes:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn owned_decode_agrees_on_any_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            proptest::prop_assert_eq!(outcome(decode_owned(bytes.clone())), outcome(decode(&bytes)));
        }

        #[test]
        fn owned_decode_agrees_on_any_text(text in "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ \n\r\u{a0}\u{ad}\u{300}\u{301}µ¸·]{0,40}") {
            proptest::prop_assert_eq!(
                outcome(decode_owned(text.clone().into_bytes())),
                outcome(decode(text.as_bytes()))
            );
        }
    }

    #[test]
    fn wholly_damaged_texts() {
        let d = read_whole_damage("Céng hoµ x· héi chñ nghÜa ViÖt Nam\nSè: 12/KH-THCS").unwrap();
        assert_eq!(d.text, "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 12/KH-THCS");
        assert_eq!(d.report.damage.as_deref(), Some("tcvn3-as-cp1252"));
        let d = read_whole_damage("Sá»‘: 12 Ä‘Ã³").unwrap();
        assert_eq!(d.text, "Số: 12 đó");
        assert_eq!(d.line_maps[0].original_column(1), 1);
        assert_eq!(d.line_maps[0].original_column(2), 4);
        assert!(read_whole_damage("Phòng Giáo dục và Đào tạo").is_none());
        assert!(read_whole_damage("café au lait, naïve résumé").is_none());
        // Clean Vietnamese that happens to use only Latin-1 letters stays as it is.
        assert!(read_whole_damage("Trà và cà phê, cá kho tộ").is_none());
        assert!(read_whole_damage("Trà và cà phê\ncá kho").is_none());
    }
}
