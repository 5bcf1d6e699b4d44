//! The piece table (the `Pcdt` of the CLX): where each run of character positions is stored, and how.

use super::bytes::{u8_at, u16_at, u32_at};
use super::damaged;
use crate::lang::Lang;

/// A run of CPs stored contiguously in the WordDocument stream.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    pub(super) cp_start: u32,
    pub(super) cp_end: u32,
    /// Byte offset of the first character.
    pub(super) fc: u32,
    /// One Windows-1252 byte per character (else UTF-16LE).
    pub(super) compressed: bool,
}

impl Piece {
    fn width(&self) -> u32 {
        if self.compressed { 1 } else { 2 }
    }

    /// The byte offset of a CP inside this piece (the FKP coordinate of its formatting).
    pub(super) fn fc_of(&self, cp: u32) -> u32 {
        self.fc + (cp - self.cp_start) * self.width()
    }
}

/// The piece table of the CLX: skips the `Prc` blocks, reads the `Pcdt`.
pub(super) fn pieces(clx: &[u8], word_len: usize, lang: Lang) -> Result<Vec<Piece>, String> {
    let mut at = 0usize;
    loop {
        match u8_at(clx, at) {
            Some(0x01) => {
                let cb = u16_at(clx, at + 1)
                    .ok_or_else(|| damaged(lang, "CLX bị cắt cụt", "the CLX is truncated"))?;
                at += 3 + cb as usize;
            }
            Some(0x02) => break,
            _ => {
                return Err(damaged(
                    lang,
                    "CLX không có bảng mảnh văn bản (Pcdt)",
                    "the CLX has no piece table (Pcdt)",
                ));
            }
        }
    }
    let truncated = || damaged(lang, "Pcdt bị cắt cụt", "the Pcdt is truncated");
    let lcb = u32_at(clx, at + 1).ok_or_else(truncated)? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|r| r.get(..lcb))
        .ok_or_else(|| damaged(lang, "Pcdt vượt ra ngoài CLX", "the Pcdt runs past the CLX"))?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(damaged(
            lang,
            "Pcdt có độ dài không hợp lệ",
            "the Pcdt has an invalid length",
        ));
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let bad = truncated;
        let cp_start = u32_at(plc, i * 4).ok_or_else(bad)?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(bad)?;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2).ok_or_else(bad)?;
        if cp_end < cp_start || out.last().is_some_and(|p: &Piece| p.cp_end > cp_start) {
            return Err(damaged(
                lang,
                "các mảnh văn bản không theo thứ tự",
                "the text pieces are out of order",
            ));
        }
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc_bits = fc_raw & 0x3FFF_FFFF;
        let piece = Piece {
            cp_start,
            cp_end,
            fc: if compressed { fc_bits / 2 } else { fc_bits },
            compressed,
        };
        let end = u64::from(piece.fc) + u64::from(cp_end - cp_start) * u64::from(piece.width());
        if end > word_len as u64 {
            return Err(damaged(
                lang,
                "mảnh văn bản nằm ngoài luồng WordDocument (tệp bị cắt cụt?)",
                "a text piece lies outside the WordDocument stream (is the file truncated?)",
            ));
        }
        out.push(piece);
    }
    Ok(out)
}

/// Windows-1252 bytes 0x80–0x9F ("compressed" text); the others are Latin-1.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

pub(super) fn cp1252_unit(b: u8) -> u16 {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => u16::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_bytes_are_windows_1252() {
        assert_eq!(cp1252_unit(0x80), 0x20AC);
        assert_eq!(cp1252_unit(0xB5), 0x00B5);
        assert_eq!(cp1252_unit(b'a'), u16::from(b'a'));
    }
}
