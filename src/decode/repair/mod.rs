//! Stage 3, repair: damaged spans inside the lines of a Unicode reading, line by line and then
//! with the whole document in view.
//!
//! 1. [`words`]: words and lines that are legacy bytes (TCVN3, VNI, Windows-1258) or UTF-8 ([`mojibake`]) read
//!    through Windows-1252;
//! 2. [`document_damage`]: when most damaged lines agree on one legacy damage, the other lines
//!    whose every character a cp1252 reading produces are re-read that way;
//! 3. [`residue`]: letters a conversion to Unicode lost or left in the legacy charset (TCVN3 ư as a
//!    soft hyphen or lost, VNI one-byte letters), with the evidence of the whole document.
//!
//! The input is the NFC lines of the reading; the output one optional [`LineRepair`] per line,
//! which [`super::finish`] turns into text, column maps and the report.

pub mod glyph;
pub mod mojibake;
pub mod residue;
pub mod tones;
pub mod words;

pub use words::{needs_look, repair_line};

use super::charsets::{self, Legacy};
use crate::source::LineMap;
use residue::{Evidence, ResidueStats};

/// Which damage a repair undid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Damage {
    Tcvn3,
    Vni,
    /// Windows-1258 (base letters + combining tone bytes) read through Windows-1252: "BoÌ" for
    /// "Bò", "Ðãòc" for "Đặc".
    Cp1258,
    Utf8,
    /// TCVN3 ư kept as the soft hyphen U+00AD inside Unicode text ([`residue`]).
    SoftHyphenU,
    /// TCVN3 ư dropped by a conversion ("Hớng" for "Hướng", [`super::residue`]).
    LostU,
    /// VNI one-byte letters left as Latin-1 in Unicode text ("đònh", [`super::residue`]).
    VniResidue,
    /// Letters a PDF's text layer changed: ô as ơ, ò as ị, "uyê" as "u" ([`glyph`]).
    GlyphLoss,
    /// Tone marks a PDF's text layer moved to the end of the line ([`tones`]).
    TonesDisplaced,
}

impl Damage {
    /// The label used in [`crate::decode::Repair::encoding`]; a charset's damage label is its
    /// entry's in [`charsets::CHARSETS`].
    pub fn label(self) -> &'static str {
        match self {
            Damage::Tcvn3 | Damage::Vni | Damage::Cp1258 => self
                .charset()
                .and_then(|c| c.cp1252_damage)
                .map_or("", |d| d.label),
            Damage::Utf8 => "utf8-as-cp1252",
            Damage::SoftHyphenU => "tcvn3-u-as-soft-hyphen",
            Damage::LostU => "tcvn3-u-lost",
            Damage::VniResidue => "vni-letters-left",
            Damage::GlyphLoss => "pdf-glyphs-changed",
            Damage::TonesDisplaced => "pdf-tones-displaced",
        }
    }

    /// What the `legacy-encoding` rule calls it (a charset's damage: its entry's description).
    pub fn description(self) -> &'static str {
        match self {
            Damage::Tcvn3 | Damage::Vni | Damage::Cp1258 => self
                .charset()
                .and_then(|c| c.cp1252_damage)
                .map_or("", |d| d.description),
            Damage::Utf8 => "UTF-8 bị đọc nhầm thành Windows-1252 (mojibake)",
            Damage::SoftHyphenU => "chữ ư của TCVN3 còn là dấu gạch mềm U+00AD",
            Damage::LostU => "chữ ư của TCVN3 bị mất khi chuyển mã",
            Damage::VniResidue => "chữ một byte của VNI (ị, ỉ, ĩ, ỵ) còn ở dạng Latin-1",
            Damage::GlyphLoss => {
                "chữ bị đổi khi lấy văn bản từ PDF (ô thành ơ, ò thành ị, uyê thành u)"
            }
            Damage::TonesDisplaced => "dấu thanh bị tách khỏi chữ khi lấy văn bản từ PDF",
        }
    }

    /// The charset whose bytes read through Windows-1252 this damage is.
    pub fn charset(self) -> Option<Legacy> {
        match self {
            Damage::Tcvn3 => Some(charsets::tcvn3()),
            Damage::Vni => Some(charsets::vni()),
            Damage::Cp1258 => Some(charsets::windows1258()),
            Damage::Utf8
            | Damage::SoftHyphenU
            | Damage::LostU
            | Damage::VniResidue
            | Damage::GlyphLoss
            | Damage::TonesDisplaced => None,
        }
    }

    /// The legacy damages whole lines and documents are re-read as, in [`charsets::CHARSETS`]
    /// order (checked by a test).
    pub const LEGACY: [Damage; 3] = [Damage::Tcvn3, Damage::Vni, Damage::Cp1258];

    /// Every damage.
    pub const ALL: [Damage; 9] = [
        Damage::Tcvn3,
        Damage::Vni,
        Damage::Cp1258,
        Damage::Utf8,
        Damage::SoftHyphenU,
        Damage::LostU,
        Damage::VniResidue,
        Damage::GlyphLoss,
        Damage::TonesDisplaced,
    ];

    /// Whether the damage is one of a PDF's text layer, which the PDF itself most likely does not
    /// show.
    pub fn from_pdf_text_layer(self) -> bool {
        matches!(self, Damage::GlyphLoss | Damage::TonesDisplaced)
    }

    /// The damage of a label ([`Damage::label`]).
    pub fn from_label(label: &str) -> Option<Damage> {
        Damage::ALL.into_iter().find(|d| d.label() == label)
    }
}

/// One repaired span of a line, in character columns of the line that was given (0-based, end
/// exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanRepair {
    pub start: u32,
    pub end: u32,
    pub original: String,
    pub repaired: String,
    pub damage: Damage,
}

/// A repaired line: its new text, the map from new to given columns, and what was repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRepair {
    pub text: String,
    pub map: LineMap,
    pub spans: Vec<SpanRepair>,
}

/// What the first look at a line found, for the document-level decision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineStats {
    /// Words that could be cp1252-read damage.
    pub candidates: u32,
    /// The legacy damage the whole line was re-read as, if any.
    pub mode: Option<Damage>,
    /// Whether every character of the line is one a cp1252 reading can produce.
    pub all_cp1252: bool,
}

/// The repair of a whole document: per line, its repair if any; and the document's damage.
#[derive(Debug, Default)]
pub struct DocumentRepair {
    /// Boxed: most lines have none, and a long file has millions of lines.
    pub lines: Vec<Option<Box<LineRepair>>>,
    /// Set when the document as a whole is one legacy damage (see [`document_damage`]).
    pub damage: Option<Damage>,
}

/// The first look at a line: its words re-read as legacy damage (as `mode`, if given), then
/// displaced tone marks put back.
fn first_look(line: &str, mode: Option<Damage>) -> (Option<LineRepair>, LineStats) {
    let (rep, st) = repair_line(line, mode);
    let base = rep.as_ref().map_or(line, |r| r.text.as_str());
    let tones = tones::repair_line(base);
    (then(rep, tones), st)
}

/// A repair of the text `first` made (or of the given line, if none): the two as one repair of
/// the given line, with the second's spans moved to the given line's columns.
pub fn then(first: Option<LineRepair>, second: Option<LineRepair>) -> Option<LineRepair> {
    let Some(second) = second else {
        return first;
    };
    let Some(first) = first else {
        return Some(second);
    };
    let mut spans = first.spans;
    for sp in second.spans {
        spans.push(SpanRepair {
            start: first.map.original_column(sp.start),
            end: first.map.original_column(sp.end),
            ..sp
        });
    }
    spans.sort_by_key(|sp| sp.start);
    Some(LineRepair {
        map: second.map.then(&first.map),
        text: second.text,
        spans,
    })
}

/// Repairs the NFC lines of a document.
pub fn repair_document(lines: &[&str]) -> DocumentRepair {
    // Boxed, like `first`: one pointer per line while most lines have no repair.
    let mut repaired: Vec<Option<Box<LineRepair>>> = Vec::with_capacity(lines.len());
    let mut stats: Vec<LineStats> = Vec::with_capacity(lines.len());
    let mut residue_stats: Vec<ResidueStats> = Vec::with_capacity(lines.len());
    // The first word-level repair of each line, kept for the residue pass (the same call again).
    let mut first: Vec<Option<Box<LineRepair>>> = Vec::with_capacity(lines.len());
    for line in lines {
        let (rep, st) = first_look(line, None);
        first.push(rep.clone().map(Box::new));
        let (rep, rst) = residue::after(line, rep, Evidence::default());
        stats.push(st);
        residue_stats.push(rst);
        repaired.push(rep.map(Box::new));
    }
    let damage = document_damage(&stats);
    // The lines that could be the document's damage but were not read so on their own.
    let forced = |i: usize| {
        damage.filter(|&d| {
            let st = &stats[i];
            st.candidates > 0 && st.all_cp1252 && st.mode != Some(d)
        })
    };
    if damage.is_some() {
        for (i, line) in lines.iter().enumerate() {
            if let Some(d) = forced(i) {
                let (rep, _) = first_look(line, Some(d));
                let (rep, _) = residue::after(line, rep, Evidence::default());
                if rep.is_some() {
                    repaired[i] = rep.map(Box::new);
                }
            }
        }
    }
    // Lost ư that leaves a possible syllable ("Ngời") is repaired where other words lost theirs.
    let lost_u: u32 = residue_stats.iter().map(|r| r.lost_u_confident).sum();
    let vni: u32 = residue_stats.iter().map(|r| r.vni_confident).sum();
    let glyph_words = residue_stats
        .iter()
        .fold(glyph::GlyphWords::default(), |a, r| a + r.glyph_words);
    // Counted only when it can matter: most documents have no glyph-loss word.
    let glyph = glyph_words.all >= 2 && {
        let intact: u32 = lines.iter().map(|l| glyph::intact_uo(l)).sum();
        glyph::document_has_glyph_loss(glyph_words, intact, lost_u)
    };
    for (i, rst) in residue_stats.iter().enumerate() {
        let evidence = Evidence {
            lost_u: lost_u >= 2 || rst.lost_u_confident > 0,
            vni: vni >= 2 || rst.vni_confident > 0,
            glyph: glyph && rst.glyph_words.all > 0,
        };
        if evidence.lost_u || evidence.vni || evidence.glyph {
            let rep = match forced(i) {
                None => first[i].take().map(|r| *r),
                Some(d) => first_look(lines[i], Some(d)).0,
            };
            let (rep, _) = residue::after(lines[i], rep, evidence);
            if rep.is_some() {
                repaired[i] = rep.map(Box::new);
            }
        }
    }
    DocumentRepair {
        lines: repaired,
        damage,
    }
}

/// A document is legacy text read through cp1252 as a whole when at least two lines were re-read as the
/// same legacy damage and they are at least half of the lines that could be damaged.
fn document_damage(stats: &[LineStats]) -> Option<Damage> {
    let candidates = stats
        .iter()
        .filter(|s| s.candidates > 0 && s.all_cp1252)
        .count();
    Damage::LEGACY.into_iter().find(|&d| {
        let n = stats.iter().filter(|s| s.mode == Some(d)).count();
        n >= 2 && n * 2 >= candidates
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_damages_are_the_charsets_with_a_cp1252_damage() {
        let from_table: Vec<&str> = charsets::CHARSETS
            .iter()
            .filter(|c| c.cp1252_damage.is_some())
            .map(|c| c.name)
            .collect();
        let ours: Vec<&str> = Damage::LEGACY
            .iter()
            .filter_map(|d| d.charset())
            .map(|c| c.name)
            .collect();
        assert_eq!(ours, from_table);
        for d in Damage::ALL {
            assert!(
                !d.label().is_empty() && !d.description().is_empty(),
                "{d:?}"
            );
            assert_eq!(Damage::from_label(d.label()), Some(d));
        }
    }
}
