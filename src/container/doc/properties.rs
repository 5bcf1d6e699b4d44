//! Character and paragraph properties: the sprms of the CHPX and PAPX FKPs.

use super::bytes::{u8_at, u16_at, u32_at};

/// Character properties that matter for the text (unset: inherited from the styles).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Chp {
    pub(super) ftc_ascii: Option<u16>,
    pub(super) ftc_other: Option<u16>,
    pub(super) istd: Option<u16>,
    pub(super) caps: Option<bool>,
    pub(super) vanish: Option<bool>,
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) half_points: Option<u16>,
    pub(super) deleted: bool,
    /// A footnote or endnote reference, its text the mark Word shows ("1", "i").
    pub(super) note_ref: bool,
}

impl Chp {
    fn apply(&mut self, sprm: u16, operand: &[u8]) {
        let word = || u16_at(operand, 0);
        let toggle = || match u8_at(operand, 0) {
            Some(0) => Some(false),
            Some(1 | 0x81) => Some(true),
            _ => None,
        };
        match sprm {
            0x4A4F | 0x4A3D => self.ftc_ascii = word().or(self.ftc_ascii),
            0x4A51 => self.ftc_other = word().or(self.ftc_other),
            0x4A30 => self.istd = word().or(self.istd),
            0x083B => self.caps = toggle(),
            0x083C => self.vanish = toggle(),
            0x0835 => self.bold = toggle(),
            0x0836 => self.italic = toggle(),
            0x4A43 => self.half_points = word().or(self.half_points),
            0x0800 => self.deleted = toggle() == Some(true),
            _ => {}
        }
    }

    pub(super) fn or(&self, base: &Chp) -> Chp {
        Chp {
            ftc_ascii: self.ftc_ascii.or(base.ftc_ascii),
            ftc_other: self.ftc_other.or(base.ftc_other),
            istd: self.istd.or(base.istd),
            caps: self.caps.or(base.caps),
            vanish: self.vanish.or(base.vanish),
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            half_points: self.half_points.or(base.half_points),
            deleted: self.deleted || base.deleted,
            note_ref: self.note_ref,
        }
    }

    pub(super) fn from_grpprl(grpprl: &[u8]) -> Chp {
        let mut chp = Chp::default();
        for_each_sprm(grpprl, |sprm, operand| chp.apply(sprm, operand));
        chp
    }
}

/// Paragraph properties that matter for the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Pap {
    pub(super) istd: u16,
    pub(super) in_table: bool,
    /// The paragraph that ends a table row.
    pub(super) ttp: bool,
    /// Table depth (0 outside tables).
    pub(super) itap: u32,
    pub(super) inner_ttp: bool,
    /// Alignment: 0 left, 1 centre, 2 right, 3 justified.
    pub(super) jc: Option<u8>,
}

impl Pap {
    fn from_papx(papx: &[u8]) -> Pap {
        let mut pap = Pap {
            istd: u16_at(papx, 0).unwrap_or(0),
            ..Pap::default()
        };
        let grpprl = papx.get(2..).unwrap_or_default();
        for_each_sprm(grpprl, |sprm, operand| {
            let on = u8_at(operand, 0).is_some_and(|b| b != 0);
            match sprm {
                0x2416 => pap.in_table = on,
                0x2417 => pap.ttp = on,
                0x244C => pap.inner_ttp = on,
                0x6649 => pap.itap = u32_at(operand, 0).unwrap_or(0),
                0x2403 | 0x2461 => pap.jc = u8_at(operand, 0),
                _ => {}
            }
        });
        if pap.itap == 0 && pap.in_table {
            pap.itap = 1;
        }
        pap
    }
}

/// Calls `f(sprm, operand)` for each property modifier of a grpprl, stopping at the first one
/// that does not fit.
fn for_each_sprm(grpprl: &[u8], mut f: impl FnMut(u16, &[u8])) {
    let mut at = 0usize;
    while let Some(sprm) = u16_at(grpprl, at) {
        at += 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable: a size byte, except sprmTDefTable's 2-byte size (counting itself - 1).
                if sprm == 0xD608 || sprm == 0xD606 {
                    let Some(cb) = u16_at(grpprl, at) else { return };
                    at += 2;
                    (cb as usize).saturating_sub(1)
                } else {
                    let Some(cb) = u8_at(grpprl, at) else { return };
                    at += 1;
                    cb as usize
                }
            }
        };
        let Some(operand) = grpprl.get(at..at + len) else {
            return;
        };
        f(sprm, operand);
        at += len;
    }
}

/// Formatting runs over byte offsets of the WordDocument stream, sorted: `(fc_start, fc_end, T)`.
pub(super) struct Runs<T> {
    runs: Vec<(u32, u32, T)>,
}

impl<T: Copy + Default> Runs<T> {
    /// The property at a byte offset (default outside every run).
    pub(super) fn at(&self, fc: u32) -> T {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(_, end, t)) if fc < end => t,
            _ => T::default(),
        }
    }
}

/// The FKP pages named by a `PlcfBte*` (each 512 bytes of the WordDocument stream), parsed by
/// `entry(page, i)` into each run's property.
pub(super) fn fkp_runs<T: Copy + Default>(
    plcf: Option<&[u8]>,
    word: &[u8],
    entry: impl Fn(&[u8], usize, usize) -> T,
) -> Runs<T> {
    let mut runs = Vec::new();
    if let Some(plcf) = plcf
        && plcf.len() >= 4
    {
        let n = (plcf.len() - 4) / 8;
        for i in 0..n {
            let Some(pn) = u32_at(plcf, (n + 1) * 4 + i * 4) else {
                break;
            };
            let pn = (pn & 0x003F_FFFF) as usize;
            let Some(page) = pn
                .checked_mul(512)
                .and_then(|start| word.get(start..start + 512))
            else {
                continue;
            };
            let crun = page[511] as usize;
            for k in 0..crun {
                let (Some(start), Some(end)) = (u32_at(page, k * 4), u32_at(page, k * 4 + 4))
                else {
                    break;
                };
                if end > start {
                    runs.push((start, end, entry(page, crun, k)));
                }
            }
        }
    }
    runs.sort_by_key(|r| r.0);
    Runs { runs }
}

/// The CHPX of run `k` of a CHPX FKP page.
pub(super) fn chpx_entry(page: &[u8], crun: usize, k: usize) -> Chp {
    let offset = u8_at(page, (crun + 1) * 4 + k).unwrap_or(0) as usize * 2;
    if offset == 0 {
        return Chp::default();
    }
    let cb = u8_at(page, offset).unwrap_or(0) as usize;
    let grpprl = page.get(offset + 1..offset + 1 + cb).unwrap_or_default();
    Chp::from_grpprl(grpprl)
}

/// The PAPX of paragraph run `k` of a PAPX FKP page.
pub(super) fn papx_entry(page: &[u8], crun: usize, k: usize) -> Pap {
    let offset = u8_at(page, (crun + 1) * 4 + k * 13).unwrap_or(0) as usize * 2;
    if offset == 0 {
        return Pap::default();
    }
    let (len, start) = match u8_at(page, offset) {
        Some(0) => (
            u8_at(page, offset + 1).unwrap_or(0) as usize * 2,
            offset + 2,
        ),
        Some(cb) => ((cb as usize * 2).saturating_sub(1), offset + 1),
        None => return Pap::default(),
    };
    Pap::from_papx(page.get(start..start + len).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_are_walked_by_their_operand_sizes() {
        // sprmCFCaps (1 byte), sprmCRgFtc0 (2 bytes), a variable sprm (size 3), sprmCIstd.
        let grpprl = [
            0x3B, 0x08, 0x01, 0x4F, 0x4A, 0x07, 0x00, 0x6D, 0xC6, 0x03, 1, 2, 3, 0x30, 0x4A, 0x0C,
            0x00,
        ];
        let chp = Chp::from_grpprl(&grpprl);
        assert_eq!(chp.caps, Some(true));
        assert_eq!(chp.ftc_ascii, Some(7));
        assert_eq!(chp.istd, Some(12));
        // A truncated operand stops the walk without reading past the end.
        let chp = Chp::from_grpprl(&[0x4F, 0x4A, 0x07]);
        assert_eq!(chp.ftc_ascii, None);
        // sprmCFBold is not caps.
        assert_eq!(Chp::from_grpprl(&[0x35, 0x08, 0x01]).caps, None);
    }
}
