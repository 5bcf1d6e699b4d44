//! The shared tail of every decode: split lines, NFC each, repair damaged spans, compose the column
//! maps and fill the report.

use super::repair::{self, Damage, LineStats, SpanRepair};
use super::residue::{self, Evidence, ResidueStats};
use super::{Decoded, EncodingReport, Repair, nfc_line, split_lines};
use crate::source::LineMap;
use std::borrow::Cow;

/// What the byte decoding found, carried into the report.
pub struct Meta {
    pub name: &'static str,
    pub confidence: f32,
    pub bom: bool,
    pub replaced: u32,
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

/// Runs NFC and (if `repair`) span repair over `text`, whose lines map to original columns through
/// `pre` (legacy decoders that join several bytes into one letter), and builds the [`Decoded`].
pub fn finish(text: &str, pre: Option<&[LineMap]>, meta: Meta, repair: bool) -> Decoded {
    let lines = split_lines(text);
    let mut changed: Vec<Option<Box<Changed>>> = Vec::with_capacity(lines.len());
    let mut stats: Vec<LineStats> = Vec::with_capacity(if repair { lines.len() } else { 0 });
    let mut residue_stats: Vec<ResidueStats> =
        Vec::with_capacity(if repair { lines.len() } else { 0 });
    let mut normalized_lines = 0u32;
    let identity = LineMap::identity();
    for (i, line) in lines.iter().enumerate() {
        let pre_map = pre.and_then(|p| p.get(i)).unwrap_or(&identity);
        let (norm, nfc_map) = nfc(line);
        if matches!(norm, Cow::Owned(_)) && norm.as_ref() != *line {
            normalized_lines += 1;
        }
        let (rep, st) = if repair {
            let (rep, st) = repair::repair_line(&norm, None);
            let (rep, rst) = residue::after(&norm, rep, Evidence::default());
            residue_stats.push(rst);
            (rep, st)
        } else {
            (None, LineStats::default())
        };
        if repair {
            stats.push(st);
        }
        changed.push(build(
            &norm,
            matches!(norm, Cow::Owned(_)),
            nfc_map,
            pre_map,
            rep,
        ));
    }
    let mut damage = None;
    if repair && let Some(d) = document_damage(&stats) {
        damage = Some(d.label().to_string());
        for (i, st) in stats.iter().enumerate() {
            if st.candidates > 0 && st.all_cp1252 && st.mode != Some(d) {
                let pre_map = pre.and_then(|p| p.get(i)).unwrap_or(&identity);
                let (norm, nfc_map) = nfc(lines[i]);
                let (rep, _) = repair::repair_line(&norm, Some(d));
                let (rep, _) = residue::after(&norm, rep, Evidence::default());
                if rep.is_some() {
                    changed[i] = build(&norm, matches!(norm, Cow::Owned(_)), nfc_map, pre_map, rep);
                }
            }
        }
    }
    // Lost ư that leaves a possible syllable ("Ngời") is repaired where other words lost theirs.
    if repair {
        let lost_u: u32 = residue_stats.iter().map(|r| r.lost_u_confident).sum();
        let vni: u32 = residue_stats.iter().map(|r| r.vni_confident).sum();
        for (i, rst) in residue_stats.iter().enumerate() {
            let evidence = Evidence {
                lost_u: lost_u >= 2 || rst.lost_u_confident > 0,
                vni: vni >= 2 || rst.vni_confident > 0,
            };
            if evidence.lost_u || evidence.vni {
                let pre_map = pre.and_then(|p| p.get(i)).unwrap_or(&identity);
                let (norm, nfc_map) = nfc(lines[i]);
                let forced = damage
                    .as_deref()
                    .and_then(|_| document_damage(&stats))
                    .filter(|&d| {
                        stats[i].candidates > 0 && stats[i].all_cp1252 && stats[i].mode != Some(d)
                    });
                let (rep, _) = repair::repair_line(&norm, forced);
                let (rep, _) = residue::after(&norm, rep, evidence);
                if rep.is_some() {
                    changed[i] = build(&norm, matches!(norm, Cow::Owned(_)), nfc_map, pre_map, rep);
                }
            }
        }
    }
    // Nothing changed (the common case for clean text): one copy of the input, identity maps.
    if changed.iter().all(Option::is_none) && !text.contains('\r') {
        return Decoded {
            text: text.to_string(),
            line_maps: vec![LineMap::identity(); lines.len()],
            report: EncodingReport {
                name: meta.name.to_string(),
                confidence: meta.confidence,
                bom: meta.bom,
                normalized_lines,
                replaced: meta.replaced,
                damage,
                ..EncodingReport::default()
            },
        };
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut line_maps = Vec::with_capacity(lines.len());
    let mut repairs = Vec::new();
    let mut repaired_lines = Vec::new();
    for (i, (line, ch)) in lines.iter().zip(changed).enumerate() {
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
    Decoded {
        text: out,
        line_maps,
        report: EncodingReport {
            name: meta.name.to_string(),
            confidence: meta.confidence,
            bom: meta.bom,
            normalized_lines,
            replaced: meta.replaced,
            repairs,
            damage,
            repaired_lines,
        },
    }
}

/// The tail for a legacy decoder whose output already is NFC (`nfc_known`) and maps one character
/// to one character: then the text only needs its line breaks made `\n`, and is moved, not copied.
pub fn finish_decoded(text: String, lines: usize, meta: Meta, nfc_known: bool) -> Decoded {
    if !nfc_known {
        return finish(&text, None, meta, false);
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        line_maps: vec![LineMap::identity(); lines],
        text,
        report: EncodingReport {
            name: meta.name.to_string(),
            confidence: meta.confidence,
            bom: meta.bom,
            replaced: meta.replaced,
            ..EncodingReport::default()
        },
    }
}

/// Composes a line's maps; `None` when the line is its input and maps one to one.
fn build(
    norm: &str,
    normalized: bool,
    nfc_map: LineMap,
    pre_map: &LineMap,
    rep: Option<repair::LineRepair>,
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

/// A document is legacy text read through cp1252 as a whole when at least two lines were re-read as the
/// same legacy damage and they are at least half of the lines that could be damaged.
fn document_damage(stats: &[LineStats]) -> Option<Damage> {
    let candidates = stats
        .iter()
        .filter(|s| s.candidates > 0 && s.all_cp1252)
        .count();
    [Damage::Tcvn3, Damage::Vni].into_iter().find(|&d| {
        let n = stats.iter().filter(|s| s.mode == Some(d)).count();
        n >= 2 && n * 2 >= candidates
    })
}
