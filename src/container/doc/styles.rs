//! Fonts (`SttbfFfn`) and the stylesheet (`STSH`): the fonts and caps of styles and the defaults.

use super::bytes::{u8_at, u16_at};
use super::properties::Chp;

/// Font names of the `SttbfFfn`, by index (`ftc`).
pub(super) fn font_names(sttb: Option<&[u8]>) -> Vec<String> {
    let Some(sttb) = sttb else {
        return Vec::new();
    };
    let (count, mut at) = match u16_at(sttb, 0) {
        Some(0xFFFF) => (u16_at(sttb, 2).unwrap_or(0), 6),
        Some(n) => (n, 4),
        None => return Vec::new(),
    };
    let mut names = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let Some(cb) = u8_at(sttb, at) else { break };
        let record = sttb.get(at..at + cb as usize + 1).unwrap_or_default();
        // cbFfnM1, prq/flags, wWeight, chs, ixchSzAlt, panose[10], fs[24], then xszFfn.
        let units: Vec<u16> = record
            .get(40..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&units));
        at += cb as usize + 1;
    }
    names
}

/// One style of the stylesheet: its base and its own character properties.
#[derive(Debug, Clone, Copy, Default)]
struct Style {
    base: Option<u16>,
    chp: Chp,
}

/// The stylesheet: styles by istd and the default fonts.
#[derive(Debug, Default)]
pub(super) struct Stylesheet {
    styles: Vec<Option<Style>>,
    pub(super) defaults: Chp,
}

impl Stylesheet {
    pub(super) fn parse(stsh: Option<&[u8]>) -> Stylesheet {
        let mut sheet = Stylesheet::default();
        let Some(stsh) = stsh else { return sheet };
        let Some(cb_stshi) = u16_at(stsh, 0) else {
            return sheet;
        };
        let stshi = stsh.get(2..2 + cb_stshi as usize).unwrap_or_default();
        let cstd = u16_at(stshi, 0).unwrap_or(0);
        let cb_base = u16_at(stshi, 2).unwrap_or(10) as usize;
        sheet.defaults = Chp {
            ftc_ascii: u16_at(stshi, 12),
            ftc_other: u16_at(stshi, 16),
            ..Chp::default()
        };
        let mut at = 2 + cb_stshi as usize;
        for _ in 0..cstd {
            let Some(cb_std) = u16_at(stsh, at) else {
                break;
            };
            let std = stsh.get(at + 2..at + 2 + cb_std as usize);
            at += 2 + cb_std as usize;
            sheet.styles.push(std.and_then(|s| Self::style(s, cb_base)));
        }
        sheet
    }

    /// One STD: `Stdf` (stk, istdBase, cupx), the name, then the UPXs (PAPX and CHPX for a
    /// paragraph style, CHPX for a character style), each at an even offset.
    fn style(std: &[u8], cb_base: usize) -> Option<Style> {
        if std.is_empty() {
            return None;
        }
        let word2 = u16_at(std, 2)?;
        let stk = word2 & 0x000F;
        let base = word2 >> 4;
        let cupx = u16_at(std, 4)? & 0x000F;
        let cch = u16_at(std, cb_base)? as usize;
        let mut at = cb_base + 2 + cch * 2 + 2;
        let mut upxs = Vec::new();
        for _ in 0..cupx {
            at += at % 2;
            let cb = u16_at(std, at)? as usize;
            upxs.push(std.get(at + 2..at + 2 + cb)?);
            at += 2 + cb;
        }
        let chpx = match stk {
            1 => upxs.get(1),
            2 => upxs.first(),
            _ => None,
        };
        Some(Style {
            base: (base != 0x0FFF).then_some(base),
            chp: chpx.map(|g| Chp::from_grpprl(g)).unwrap_or_default(),
        })
    }

    /// The character properties a style gives, through its bases (bounded, cycles cut).
    pub(super) fn chp(&self, istd: u16) -> Chp {
        let mut chp = Chp::default();
        let mut next = Some(istd);
        for _ in 0..32 {
            let Some(style) = next.and_then(|i| self.styles.get(i as usize).copied().flatten())
            else {
                break;
            };
            chp = chp.or(&style.chp);
            next = style.base;
        }
        chp
    }
}
