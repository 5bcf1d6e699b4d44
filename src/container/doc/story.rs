//! Reading the characters of a story's CP ranges into paragraphs: fields, cells, note references.

use super::bytes::{u8_at, u16_at};
use super::document::{Mark, RawPara, note_mark};
use super::pieces::{Piece, cp1252_unit};
use super::properties::{Chp, Pap, Runs};

/// Reads the characters of CP ranges into paragraphs.
pub(super) struct StoryReader<'a> {
    pub(super) word: &'a [u8],
    pub(super) pieces: &'a [Piece],
    pub(super) chp_runs: &'a Runs<Chp>,
    pub(super) pap_runs: &'a Runs<Pap>,
}

impl StoryReader<'_> {
    /// The paragraphs of CPs `[start, end)`; footnote and endnote references (CPs) become their
    /// marks.
    pub(super) fn story(
        &self,
        start: u32,
        end: u32,
        ftn_refs: &[u32],
        end_refs: &[u32],
    ) -> Vec<RawPara> {
        let mut paras = Vec::new();
        let mut para = RawPara::new();
        // Open fields: true while in the field code (before its separator).
        let mut fields: Vec<bool> = Vec::new();
        let first = self.pieces.partition_point(|p| p.cp_end <= start);
        for piece in self.pieces.get(first..).unwrap_or_default() {
            if piece.cp_start >= end {
                break;
            }
            for cp in piece.cp_start.max(start)..piece.cp_end.min(end) {
                let fc = piece.fc_of(cp);
                let unit = if piece.compressed {
                    u8_at(self.word, fc as usize).map(cp1252_unit)
                } else {
                    u16_at(self.word, fc as usize)
                };
                let Some(unit) = unit else { break };
                let chp = self.chp_runs.at(fc);
                match unit {
                    0x13 => {
                        fields.push(true);
                        continue;
                    }
                    0x14 => {
                        if let Some(top) = fields.last_mut() {
                            *top = false;
                        }
                        continue;
                    }
                    0x15 => {
                        fields.pop();
                        continue;
                    }
                    0x0D | 0x07 => {
                        if chp.deleted {
                            continue;
                        }
                        para.mark = if unit == 0x07 {
                            Mark::Cell
                        } else {
                            Mark::Paragraph
                        };
                        para.pap = self.pap_runs.at(fc);
                        paras.push(std::mem::replace(&mut para, RawPara::new()));
                        continue;
                    }
                    _ => {}
                }
                if fields.iter().any(|&code| code) || chp.deleted {
                    continue;
                }
                match unit {
                    0x02 => {
                        if let Ok(i) = ftn_refs.binary_search(&cp) {
                            para.push_note_ref(note_mark(i + 1, false));
                        } else if let Ok(i) = end_refs.binary_search(&cp) {
                            para.push_note_ref(note_mark(i + 1, true));
                        }
                    }
                    0x09 => para.push(chp, '\t'),
                    0x0B | 0x0C | 0x0E => para.push(chp, '\n'),
                    0x1E => para.push(chp, '-'),
                    // The optional hyphen is U+00AD in a .docx, and TCVN3's "ư" in a .VnTime run.
                    0x1F => para.push(chp, '\u{AD}'),
                    0x00..=0x1F => {}
                    _ => {
                        let c = char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}');
                        para.push(chp, c);
                    }
                }
            }
        }
        if !para.chunks.is_empty() {
            paras.push(para);
        }
        paras
    }
}
