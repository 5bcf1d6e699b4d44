//! The File Information Block: story lengths and the places of the tables the reader needs.

use super::bytes::{slice, u16_at, u32_at};
use super::damaged;
use crate::lang::Lang;

/// What the reader needs of the File Information Block.
#[derive(Debug)]
pub(super) struct Fib {
    /// Which table stream: `1Table` when set.
    pub(super) which_table: bool,
    pub(super) ccp_text: u32,
    pub(super) ccp_ftn: u32,
    pub(super) ccp_hdd: u32,
    pub(super) ccp_atn: u32,
    pub(super) ccp_edn: u32,
    /// `(fc, lcb)` pairs of `FibRgFcLcb`.
    fc_lcb: Vec<(u32, u32)>,
}

// Indexes into FibRgFcLcb97.
pub(super) const STSHF: usize = 1;
pub(super) const PLCF_FND_REF: usize = 2;
pub(super) const PLCF_FND_TXT: usize = 3;
pub(super) const PLCF_BTE_CHPX: usize = 12;
pub(super) const PLCF_BTE_PAPX: usize = 13;
pub(super) const STTBF_FFN: usize = 15;
pub(super) const CLX: usize = 33;
pub(super) const PLCF_END_REF: usize = 46;
pub(super) const PLCF_END_TXT: usize = 47;

impl Fib {
    pub(super) fn parse(word: &[u8], lang: Lang) -> Result<Fib, String> {
        let ident = u16_at(word, 0).ok_or_else(|| {
            damaged(
                lang,
                "luồng WordDocument quá ngắn",
                "the WordDocument stream is too short",
            )
        })?;
        if ident != 0xA5EC {
            return Err(damaged(
                lang,
                "luồng WordDocument không bắt đầu bằng FIB (wIdent khác 0xA5EC)",
                "the WordDocument stream does not start with a FIB (wIdent is not 0xA5EC)",
            ));
        }
        let nfib = u16_at(word, 2).unwrap_or(0);
        if nfib < 0x00C1 {
            return Err(crate::tr!(
                lang,
                "tệp Word 6.0/95 (nFib = 0x{nfib:04X}): chưa đọc được định dạng này; hãy mở bằng \
                 Word và lưu lại thành .docx (hoặc .doc Word 97–2003)",
                "a Word 6.0/95 file (nFib = 0x{nfib:04X}): a format not read yet; open it in Word \
                 and save it as .docx (or Word 97–2003 .doc)"
            ));
        }
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        if flags & 0x0100 != 0 {
            return Err(super::encrypted(lang));
        }
        let short = || damaged(lang, "FIB bị cắt cụt", "the FIB is truncated");
        // FibBase (32 bytes), csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcb.
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let lw_at = 34 + csw * 2;
        let cslw = u16_at(word, lw_at).ok_or_else(short)? as usize;
        let lw = lw_at + 2;
        if cslw < 11 {
            return Err(damaged(
                lang,
                "FIB thiếu độ dài các phần văn bản (cslw < 11)",
                "the FIB lacks the lengths of the text parts (cslw < 11)",
            ));
        }
        let lw_field = |i: usize| u32_at(word, lw + i * 4).ok_or_else(short);
        let fc_at = lw + cslw * 4;
        let cb_fc_lcb = u16_at(word, fc_at).ok_or_else(short)? as usize;
        let mut fc_lcb = Vec::with_capacity(cb_fc_lcb);
        for i in 0..cb_fc_lcb {
            let at = fc_at + 2 + i * 8;
            match (u32_at(word, at), u32_at(word, at + 4)) {
                (Some(fc), Some(lcb)) => fc_lcb.push((fc, lcb)),
                _ => return Err(short()),
            }
        }
        if fc_lcb.len() <= CLX {
            return Err(damaged(
                lang,
                "FIB thiếu vị trí bảng mảnh văn bản (CLX)",
                "the FIB lacks the place of the piece table (CLX)",
            ));
        }
        Ok(Fib {
            which_table: flags & 0x0200 != 0,
            ccp_text: lw_field(3)?,
            ccp_ftn: lw_field(4)?,
            ccp_hdd: lw_field(5)?,
            ccp_atn: lw_field(7)?,
            ccp_edn: lw_field(8)?,
            fc_lcb,
        })
    }

    /// A table-stream structure, `None` when absent (lcb 0) or out of the stream.
    pub(super) fn part<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let &(fc, lcb) = self.fc_lcb.get(index)?;
        if lcb == 0 {
            return None;
        }
        slice(table, fc, lcb)
    }
}
