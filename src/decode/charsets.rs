//! The legacy Vietnamese charsets, as data: one entry per charset, from which everything else
//! comes — the detection candidates and their order ([`super::detect`]), the decoder of every
//! whole-file reading ([`Charset::read`]), the name and description in reports and in the
//! `legacy-encoding` rule, the damage label of its bytes read through Windows-1252, the .docx/.doc
//! font map ([`crate::container::legacy`]) and, with the `testkit` feature, its encoders, which the
//! test corpus, the property tests and the benchmark all take from here.
//!
//! A new one-byte table charset is one entry in [`CHARSETS`] plus its generated table
//! (`gen/gen_tables.py` → `tables.rs`).

use super::tables::{TCVN5712_1, VISCII, VPS};
use crate::source::LineMap;

/// How a charset's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// TCVN3 (ABC) / VN1 through the TCVN 5712 table: VN1 capitals in 0x80–0x9F only inside a word
    /// that then is a syllable, combining tones after a vowel; case restored afterwards.
    Tcvn3,
    /// VNI-Windows: base letter + mark byte pairs, one-byte letters, the rest Windows-1252.
    Vni,
    /// One byte, one character, through a generated table.
    Table(&'static [u16; 256]),
    /// Windows-1258 (`encoding_rs`): base letters and combining tones, composed by NFC.
    Windows1258,
    /// VIQR (RFC 1456): ASCII letters followed by ASCII marks. Chosen by its own test
    /// ([`super::detect::looks_viqr`]) and never a byte candidate: its input is ASCII.
    Viqr,
}

/// Which fonts imply a charset: names are compared in ASCII lowercase after trimming.
#[derive(Debug, Clone, Copy)]
pub struct Fonts {
    /// Font-name prefixes (".vn" for ".VnTime", ".VnArial", …).
    pub prefixes: &'static [&'static str],
    /// Whole font names.
    pub names: &'static [&'static str],
    /// A trailing letter (case as written) that marks a capitals font: every letter is drawn as a
    /// capital, so the decoded text is upper-cased (TCVN3's ".VnTimeH").
    pub capitals_suffix: Option<char>,
}

const NO_FONTS: Fonts = Fonts {
    prefixes: &[],
    names: &[],
    capitals_suffix: None,
};

/// Bytes of this charset read through Windows-1252 inside Unicode text, and repaired word by word
/// ([`super::repair`]).
#[derive(Debug, Clone, Copy)]
pub struct Cp1252Damage {
    /// The label in [`super::Repair::encoding`] and [`super::EncodingReport::damage`].
    pub label: &'static str,
    /// What the `legacy-encoding` rule calls it.
    pub description: &'static str,
}

/// A way the test corpus, the property tests and the benchmark produce this charset.
#[cfg(any(test, feature = "testkit"))]
#[derive(Debug, Clone, Copy)]
pub struct TestForm {
    /// The form's name in the accuracy table and the benchmark.
    pub name: &'static str,
    /// Unicode text → bytes in this charset ('?' for what it cannot carry).
    pub encoder: Encoder,
    /// Whether the charset cannot carry every character of the sources (then the expected
    /// decoding has '?' where the encoder wrote one).
    pub lossy: bool,
    /// The name of the form of these bytes read through Windows-1252, for charsets whose
    /// [`Cp1252Damage`] the repair recognizes.
    pub cp1252_form: Option<&'static str>,
}

/// How a test form encodes text.
#[cfg(any(test, feature = "testkit"))]
#[derive(Debug, Clone, Copy)]
pub enum Encoder {
    /// An encoder of its own ([`super::encode`]).
    Fn(fn(&str) -> Vec<u8>),
    /// The inverse of a one-byte table (what a [`Reader::Table`] charset needs, nothing more).
    Table(&'static [u16; 256]),
}

#[cfg(any(test, feature = "testkit"))]
impl TestForm {
    /// `text` in this form's bytes.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        match self.encoder {
            Encoder::Fn(f) => f(text),
            Encoder::Table(table) => encode::encode_table(text, table),
        }
    }
}

/// One legacy charset.
#[derive(Debug)]
pub struct Charset {
    /// The name in [`super::EncodingReport::name`]: "tcvn3", "vni-windows", …
    pub name: &'static str,
    /// What the `legacy-encoding` rule calls it.
    pub description: &'static str,
    pub reader: Reader,
    /// The glibc iconv name of the same table, which `tests/it/decode_tables.rs` checks it against.
    pub iconv: Option<&'static str>,
    /// Vietnamese letters the charset has no byte for.
    pub missing_letters: &'static [char],
    /// Whether detection tries this reading on bytes that are not UTF-8 (the order of
    /// [`CHARSETS`] breaks ties).
    pub candidate: bool,
    /// Whether its bytes read through Windows-1252 are recognized inside Unicode text.
    pub cp1252_damage: Option<Cp1252Damage>,
    pub fonts: Fonts,
    /// Encoders for tests and benchmarks: raw bytes, and with `cp1252_damage` the same bytes read
    /// through Windows-1252.
    #[cfg(any(test, feature = "testkit"))]
    pub test_forms: &'static [TestForm],
}

impl PartialEq for Charset {
    fn eq(&self, other: &Charset) -> bool {
        self.name == other.name
    }
}

impl Eq for Charset {}

impl std::hash::Hash for Charset {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

/// A charset, as detection and decoding pass it around.
pub type Legacy = &'static Charset;

#[cfg(any(test, feature = "testkit"))]
use super::encode;

/// Every charset, in the order detection breaks ties.
pub static CHARSETS: &[Charset] = &[
    Charset {
        name: "tcvn3",
        description: "TCVN3 (ABC, phông .VnTime)",
        reader: Reader::Tcvn3,
        iconv: Some("TCVN5712-1"),
        missing_letters: &[],
        candidate: true,
        cp1252_damage: Some(Cp1252Damage {
            label: "tcvn3-as-cp1252",
            description: "TCVN3 bị đọc nhầm thành Windows-1252",
        }),
        fonts: Fonts {
            prefixes: &[".vn"],
            names: &[],
            capitals_suffix: Some('H'),
        },
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[
            TestForm {
                name: "tcvn3 (abc) bytes",
                encoder: Encoder::Fn(encode::encode_tcvn3),
                lossy: true,
                cp1252_form: Some("tcvn3 read as cp1252"),
            },
            TestForm {
                name: "tcvn5712 vn1 bytes",
                encoder: Encoder::Fn(encode::encode_tcvn5712),
                lossy: true,
                cp1252_form: None,
            },
        ],
    },
    Charset {
        name: "vni-windows",
        description: "VNI-Windows (phông VNI-Times)",
        reader: Reader::Vni,
        iconv: None,
        missing_letters: &[],
        candidate: true,
        cp1252_damage: Some(Cp1252Damage {
            label: "vni-as-cp1252",
            description: "VNI bị đọc nhầm thành Windows-1252",
        }),
        fonts: Fonts {
            prefixes: &["vni-", "vni "],
            names: &["vntimes new roman"],
            capitals_suffix: None,
        },
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[TestForm {
            name: "vni bytes",
            encoder: Encoder::Fn(encode::encode_vni),
            lossy: false,
            cp1252_form: Some("vni read as cp1252"),
        }],
    },
    Charset {
        name: "viscii",
        description: "VISCII",
        reader: Reader::Table(&VISCII),
        iconv: Some("VISCII"),
        missing_letters: &[],
        candidate: true,
        cp1252_damage: None,
        fonts: NO_FONTS,
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[TestForm {
            name: "viscii bytes",
            encoder: Encoder::Table(&VISCII),
            lossy: true,
            cp1252_form: None,
        }],
    },
    Charset {
        name: "vps",
        description: "VPS",
        reader: Reader::Table(&VPS),
        iconv: None,
        // GNU recode's VPS table has no slot for Ỗ (U+1ED6).
        missing_letters: &['Ỗ'],
        candidate: true,
        cp1252_damage: None,
        fonts: NO_FONTS,
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[TestForm {
            name: "vps bytes",
            encoder: Encoder::Table(&VPS),
            lossy: true,
            cp1252_form: None,
        }],
    },
    Charset {
        name: "windows-1258",
        description: "Windows-1258",
        reader: Reader::Windows1258,
        iconv: None,
        missing_letters: &[],
        candidate: true,
        cp1252_damage: Some(Cp1252Damage {
            label: "cp1258-as-cp1252",
            description: "Windows-1258 bị đọc nhầm thành Windows-1252",
        }),
        fonts: NO_FONTS,
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[TestForm {
            name: "windows-1258",
            encoder: Encoder::Fn(encode::encode_cp1258),
            lossy: false,
            cp1252_form: Some("windows-1258 read as cp1252"),
        }],
    },
    Charset {
        name: "viqr",
        description: "VIQR",
        reader: Reader::Viqr,
        iconv: None,
        missing_letters: &[],
        candidate: false,
        cp1252_damage: None,
        fonts: NO_FONTS,
        #[cfg(any(test, feature = "testkit"))]
        test_forms: &[TestForm {
            name: "viqr",
            encoder: Encoder::Fn(|t| encode::encode_viqr(t).into_bytes()),
            lossy: false,
            cp1252_form: None,
        }],
    },
];

/// The charset of a name in [`CHARSETS`].
pub fn by_name(name: &str) -> Option<Legacy> {
    CHARSETS.iter().find(|c| c.name == name)
}

/// The charset whose name is `name`; for the names this module itself defines.
fn named(name: &str) -> Legacy {
    match by_name(name) {
        Some(c) => c,
        None => unreachable!("{name} is an entry of CHARSETS"),
    }
}

/// TCVN3, which several stages treat specially (case restoration, VN1 capitals).
pub fn tcvn3() -> Legacy {
    named("tcvn3")
}

/// VNI-Windows.
pub fn vni() -> Legacy {
    named("vni-windows")
}

/// Windows-1258.
pub fn windows1258() -> Legacy {
    named("windows-1258")
}

/// VIQR.
pub fn viqr() -> Legacy {
    named("viqr")
}

/// The readings detection tries on bytes that are not UTF-8, in tie-breaking order.
pub fn candidates() -> impl Iterator<Item = Legacy> {
    CHARSETS.iter().filter(|c| c.candidate)
}

impl Charset {
    /// Decodes `bytes` as this charset: the text before NFC and TCVN3 case restoration, with
    /// per-line column maps (one per line of the result).
    pub fn read(&self, bytes: &[u8]) -> (String, Vec<LineMap>) {
        use super::codec;
        match self.reader {
            Reader::Tcvn3 => codec::decode_tcvn3(bytes),
            Reader::Vni => codec::decode_vni(bytes),
            Reader::Table(table) => codec::decode_table(bytes, table),
            Reader::Windows1258 => {
                let (t, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
                let lines = super::split_lines(&t).len();
                (t.into_owned(), vec![LineMap::identity(); lines])
            }
            Reader::Viqr => codec::decode_viqr(&String::from_utf8_lossy(bytes)),
        }
    }

    /// What [`Charset::read`] makes of the word `bytes[range]`, which lies between bytes that every
    /// reader reads as themselves (ASCII spaces and punctuation), with the VNI bytes the reading
    /// leaves over ([`super::codec::vni_stray_bytes`]; 0 for other readers). Detection scores
    /// readings word by word with it.
    pub fn read_word_in(&self, bytes: &[u8], range: std::ops::Range<usize>) -> (String, usize) {
        use super::codec;
        let word = &bytes[range.clone()];
        match self.reader {
            // A VN1 capital is judged with the bytes around it (see `decode_tcvn3`).
            Reader::Tcvn3 => (codec::decode_tcvn3_in(bytes, range), 0),
            Reader::Vni => codec::decode_vni_word_counting_strays(word),
            Reader::Table(table) => (
                word.iter()
                    .map(|&b| codec::ch(table[usize::from(b)]))
                    .collect(),
                0,
            ),
            Reader::Windows1258 => (
                encoding_rs::WINDOWS_1258
                    .decode_without_bom_handling(word)
                    .0
                    .into_owned(),
                0,
            ),
            Reader::Viqr => (codec::decode_viqr(&String::from_utf8_lossy(word)).0, 0),
        }
    }

    /// The byte → code point table of a table-driven reader.
    pub fn byte_table(&self) -> Option<&'static [u16; 256]> {
        match self.reader {
            Reader::Tcvn3 => Some(&TCVN5712_1),
            Reader::Table(table) => Some(table),
            Reader::Vni | Reader::Windows1258 | Reader::Viqr => None,
        }
    }

    /// Whether a reading's text may hold combining marks that NFC composes (detection scores it
    /// composed).
    pub fn needs_nfc(&self) -> bool {
        self.reader == Reader::Windows1258
    }

    /// Whether `font` (as a run names it) is a font of this charset, and if so whether it is a
    /// capitals font.
    pub fn font(&self, font: &str) -> Option<bool> {
        let name = font.trim();
        let lower = name.to_ascii_lowercase();
        let f = &self.fonts;
        if !f.prefixes.iter().any(|p| lower.starts_with(p)) && !f.names.contains(&lower.as_str()) {
            return None;
        }
        Some(f.capitals_suffix.is_some_and(|s| name.ends_with(s)))
    }
}

/// A damage label's or an encoding name's description, from [`CHARSETS`]; `None` for a label no
/// entry defines.
pub fn describe(label: &str) -> Option<&'static str> {
    CHARSETS.iter().find_map(|c| {
        if c.name == label {
            Some(c.description)
        } else {
            c.cp1252_damage
                .filter(|d| d.label == label)
                .map(|d| d.description)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_are_unique() {
        let mut all: Vec<&str> = CHARSETS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.cp1252_damage.map(|d| d.label)))
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn iconv_names_belong_to_table_charsets() {
        for c in CHARSETS {
            assert!(c.iconv.is_none() || c.byte_table().is_some(), "{}", c.name);
        }
    }

    #[test]
    fn fonts() {
        assert_eq!(tcvn3().font(" .VnTime "), Some(false));
        assert_eq!(tcvn3().font(".VnArialH"), Some(true));
        assert_eq!(vni().font("VNI-Helve-Condense"), Some(false));
        assert_eq!(vni().font("VNtimes new roman"), Some(false));
        assert_eq!(vni().font("Vni"), None);
        assert_eq!(tcvn3().font("Times New Roman"), None);
    }
}
