//! .doc (Word 97–2003 binary): the text a reader of the document sees, one line per paragraph, as
//! the .docx reader gives it.
//!
//! The file is an OLE compound file (read with `cfb`) holding the `WordDocument` stream (the FIB,
//! then the text) and a table stream (`0Table` or `1Table`, chosen by the FIB). The reader follows
//! [MS-DOC]:
//! - the FIB gives the story lengths (main text, footnotes, headers, comments, endnotes) in
//!   character positions (CPs) and the places of the tables below;
//! - the piece table (the `Pcdt` of the CLX) maps CPs to bytes: "compressed" pieces hold one
//!   Windows-1252 byte per character, the others UTF-16LE;
//! - the CHPX FKPs (through `PlcfBteChpx`) give each character's direct formatting: fonts
//!   (`sprmCRgFtc0`/`sprmCRgFtc2`, indexes into the `SttbfFfn` font table), character style, caps,
//!   hidden and deleted text; the PAPX FKPs (through `PlcfBtePapx`) give each paragraph's style and
//!   table marks; the stylesheet (`STSH`) gives the fonts and caps of styles and the defaults;
//! - paragraphs end at 0x0D; in a table, 0x07 ends a cell, and the paragraph marked `fTtp` ends a
//!   row; rows are rendered as the .docx reader renders them (a row's cells side by side, joined by
//!   a column gap);
//! - fields (0x13 code 0x14 result 0x15) show their result; pictures, objects and other special
//!   characters are dropped; tabs, line and page breaks as in .docx;
//! - footnotes follow the body, marked "[n]" at the reference and at the note, then endnotes
//!   marked "[i]", "[ii]"…, as in .docx; headers and text boxes are not read (neither are they in
//!   .docx, so the two readings of a document agree);
//! - runs in TCVN3 and VNI fonts are decoded ([`super::legacy`]), capital fonts and caps
//!   upper-cased, exactly as in .docx.
//!
//! Word's automatic numbering (list tables) is not rendered. Word 6/95 files, encrypted files and
//! damaged files are per-file errors; every read is bounds-checked.

use super::docx::flatten_table;
use super::legacy::{LegacyFont, decode_legacy_run};
use super::{Extracted, Limits};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Reads a .doc held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    let doc = Document::parse(bytes, limits)?;
    Ok(doc.render())
}

/// The main text as Word stores it, one line per paragraph (cells one after another), with field
/// results, hidden text and note marks as Word numbers them, legacy fonts not decoded: what
/// LibreOffice's text export prints.
pub fn stored_text(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, String> {
    let doc = Document::parse(bytes, limits)?;
    Ok(doc
        .main
        .iter()
        .filter(|p| !p.pap.ttp)
        .flat_map(|p| {
            let text: String = p.chunks.iter().map(|(_, t)| t.as_str()).collect();
            text.split('\n').map(str::to_string).collect::<Vec<_>>()
        })
        .collect())
}

/// The document as a minimal Unicode .docx: paragraphs with their alignment, runs with their
/// font (legacy fonts mapped to their Unicode counterparts, text decoded), bold, italic, size,
/// caps and hidden text, tables as tables; footnotes and endnotes as paragraphs after the body,
/// marked as the reader marks them. Styles, numbering, headers and images are not carried over.
pub fn to_docx(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    let doc = Document::parse(bytes, limits)?;
    let mut body = String::new();
    doc.story_xml(&doc.main, &mut body, None);
    let notes = [(&doc.footnotes, false), (&doc.endnotes, true)];
    for (notes, roman) in notes {
        for (i, note) in notes.iter().enumerate() {
            let mark = format!("[{}] ", note_mark(i + 1, roman));
            doc.story_xml(note, &mut body, Some(&mark));
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
         </w:rPr></w:rPrDefault></w:docDefaults></w:styles>"
    );
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", styles),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(name, options)
            .and_then(|()| std::io::Write::write_all(&mut zip, xml.as_bytes()).map_err(Into::into))
            .map_err(|e| format!("không ghi được .docx: {e}"))?;
    }
    Ok(zip
        .finish()
        .map_err(|e| format!("không ghi được .docx: {e}"))?
        .into_inner())
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/// Text escaped for XML content and attributes.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot hold.
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn damaged(what: &str) -> String {
    format!("tệp .doc hỏng: {what}")
}

// ------------------------------------------------------------------------------ bounded reads

fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The bytes `[fc, fc + lcb)` of a stream, or `None` when they are not all there.
fn slice(b: &[u8], fc: u32, lcb: u32) -> Option<&[u8]> {
    let start = fc as usize;
    b.get(start..start.checked_add(lcb as usize)?)
}

// ------------------------------------------------------------------------------------ the FIB

/// What the reader needs of the File Information Block.
#[derive(Debug)]
struct Fib {
    /// Which table stream: `1Table` when set.
    which_table: bool,
    ccp_text: u32,
    ccp_ftn: u32,
    ccp_hdd: u32,
    ccp_atn: u32,
    ccp_edn: u32,
    /// `(fc, lcb)` pairs of `FibRgFcLcb`.
    fc_lcb: Vec<(u32, u32)>,
}

// Indexes into FibRgFcLcb97.
const STSHF: usize = 1;
const PLCF_FND_REF: usize = 2;
const PLCF_FND_TXT: usize = 3;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const STTBF_FFN: usize = 15;
const CLX: usize = 33;
const PLCF_END_REF: usize = 46;
const PLCF_END_TXT: usize = 47;

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, String> {
        let ident = u16_at(word, 0).ok_or_else(|| damaged("luồng WordDocument quá ngắn"))?;
        if ident != 0xA5EC {
            return Err(damaged(
                "luồng WordDocument không bắt đầu bằng FIB (wIdent khác 0xA5EC)",
            ));
        }
        let nfib = u16_at(word, 2).unwrap_or(0);
        if nfib < 0x00C1 {
            return Err(format!(
                "tệp Word 6.0/95 (nFib = 0x{nfib:04X}): chưa đọc được định dạng này; hãy mở bằng \
                 Word và lưu lại thành .docx (hoặc .doc Word 97–2003)"
            ));
        }
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        if flags & 0x0100 != 0 {
            return Err(
                "tệp .doc được bảo vệ bằng mật khẩu (mã hóa): không đọc được; hãy mở bằng Word, \
                 bỏ mật khẩu rồi lưu lại"
                    .to_string(),
            );
        }
        let short = || damaged("FIB bị cắt cụt");
        // FibBase (32 bytes), csw + FibRgW97, cslw + FibRgLw97, cbRgFcLcb + FibRgFcLcb.
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let lw_at = 34 + csw * 2;
        let cslw = u16_at(word, lw_at).ok_or_else(short)? as usize;
        let lw = lw_at + 2;
        if cslw < 11 {
            return Err(damaged("FIB thiếu độ dài các phần văn bản (cslw < 11)"));
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
            return Err(damaged("FIB thiếu vị trí bảng mảnh văn bản (CLX)"));
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
    fn part<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let &(fc, lcb) = self.fc_lcb.get(index)?;
        if lcb == 0 {
            return None;
        }
        slice(table, fc, lcb)
    }
}

// ------------------------------------------------------------------------------- piece table

/// A run of CPs stored contiguously in the WordDocument stream.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset of the first character.
    fc: u32,
    /// One Windows-1252 byte per character (else UTF-16LE).
    compressed: bool,
}

impl Piece {
    fn width(&self) -> u32 {
        if self.compressed { 1 } else { 2 }
    }

    /// The byte offset of a CP inside this piece (the FKP coordinate of its formatting).
    fn fc_of(&self, cp: u32) -> u32 {
        self.fc + (cp - self.cp_start) * self.width()
    }
}

/// The piece table of the CLX: skips the `Prc` blocks, reads the `Pcdt`.
fn pieces(clx: &[u8], word_len: usize) -> Result<Vec<Piece>, String> {
    let mut at = 0usize;
    loop {
        match u8_at(clx, at) {
            Some(0x01) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| damaged("CLX bị cắt cụt"))?;
                at += 3 + cb as usize;
            }
            Some(0x02) => break,
            _ => return Err(damaged("CLX không có bảng mảnh văn bản (Pcdt)")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("Pcdt bị cắt cụt"))? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|r| r.get(..lcb))
        .ok_or_else(|| damaged("Pcdt vượt ra ngoài CLX"))?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return Err(damaged("Pcdt có độ dài không hợp lệ"));
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let bad = || damaged("Pcdt bị cắt cụt");
        let cp_start = u32_at(plc, i * 4).ok_or_else(bad)?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(bad)?;
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2).ok_or_else(bad)?;
        if cp_end < cp_start || out.last().is_some_and(|p: &Piece| p.cp_end > cp_start) {
            return Err(damaged("các mảnh văn bản không theo thứ tự"));
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
                "mảnh văn bản nằm ngoài luồng WordDocument (tệp bị cắt cụt?)",
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

fn cp1252_unit(b: u8) -> u16 {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => u16::from(b),
    }
}

// --------------------------------------------------------------------------------- properties

/// Character properties that matter for the text (unset: inherited from the styles).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Chp {
    ftc_ascii: Option<u16>,
    ftc_other: Option<u16>,
    istd: Option<u16>,
    caps: Option<bool>,
    vanish: Option<bool>,
    bold: Option<bool>,
    italic: Option<bool>,
    half_points: Option<u16>,
    deleted: bool,
    /// A footnote or endnote reference, its text the mark Word shows ("1", "i").
    note_ref: bool,
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

    fn or(&self, base: &Chp) -> Chp {
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

    fn from_grpprl(grpprl: &[u8]) -> Chp {
        let mut chp = Chp::default();
        for_each_sprm(grpprl, |sprm, operand| chp.apply(sprm, operand));
        chp
    }
}

/// Paragraph properties that matter for the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Pap {
    istd: u16,
    in_table: bool,
    /// The paragraph that ends a table row.
    ttp: bool,
    /// Table depth (0 outside tables).
    itap: u32,
    inner_ttp: bool,
    /// Alignment: 0 left, 1 centre, 2 right, 3 justified.
    jc: Option<u8>,
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
struct Runs<T> {
    runs: Vec<(u32, u32, T)>,
}

impl<T: Copy + Default> Runs<T> {
    /// The property at a byte offset (default outside every run).
    fn at(&self, fc: u32) -> T {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some(&(_, end, t)) if fc < end => t,
            _ => T::default(),
        }
    }
}

/// The FKP pages named by a `PlcfBte*` (each 512 bytes of the WordDocument stream), parsed by
/// `entry(page, i)` into each run's property.
fn fkp_runs<T: Copy + Default>(
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
fn chpx_entry(page: &[u8], crun: usize, k: usize) -> Chp {
    let offset = u8_at(page, (crun + 1) * 4 + k).unwrap_or(0) as usize * 2;
    if offset == 0 {
        return Chp::default();
    }
    let cb = u8_at(page, offset).unwrap_or(0) as usize;
    let grpprl = page.get(offset + 1..offset + 1 + cb).unwrap_or_default();
    Chp::from_grpprl(grpprl)
}

/// The PAPX of paragraph run `k` of a PAPX FKP page.
fn papx_entry(page: &[u8], crun: usize, k: usize) -> Pap {
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

// ------------------------------------------------------------------------ fonts and styles

/// Font names of the `SttbfFfn`, by index (`ftc`).
fn font_names(sttb: Option<&[u8]>) -> Vec<String> {
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
struct Stylesheet {
    styles: Vec<Option<Style>>,
    defaults: Chp,
}

impl Stylesheet {
    fn parse(stsh: Option<&[u8]>) -> Stylesheet {
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
    fn chp(&self, istd: u16) -> Chp {
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

// ------------------------------------------------------------------------------- the document

/// How a paragraph ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Paragraph,
    Cell,
    /// Text after the last mark of a story.
    None,
}

/// A paragraph as stored: text chunks with their character properties, its mark and properties.
#[derive(Debug, Clone)]
struct RawPara {
    chunks: Vec<(Chp, String)>,
    mark: Mark,
    pap: Pap,
}

impl RawPara {
    fn new() -> RawPara {
        RawPara {
            chunks: Vec::new(),
            mark: Mark::None,
            pap: Pap::default(),
        }
    }

    fn push(&mut self, chp: Chp, c: char) {
        match self.chunks.last_mut() {
            Some((p, t)) if *p == chp => t.push(c),
            _ => self.chunks.push((chp, c.to_string())),
        }
    }

    fn push_note_ref(&mut self, mark: String) {
        let chp = Chp {
            note_ref: true,
            ..Chp::default()
        };
        self.chunks.push((chp, mark));
    }
}

struct Document {
    main: Vec<RawPara>,
    footnotes: Vec<Vec<RawPara>>,
    endnotes: Vec<Vec<RawPara>>,
    fonts: Vec<String>,
    styles: Stylesheet,
}

/// Reads one stream of the compound file whole, under the byte budget.
fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
    limits: &Limits,
) -> Result<Vec<u8>, String> {
    let mut stream = cfb
        .open_stream(name)
        .map_err(|e| damaged(&format!("không mở được luồng {name} ({e})")))?;
    let len = stream.len();
    if len > *budget {
        return Err(format!(
            "tệp .doc bất thường: các luồng vượt quá {} MB, không đọc tiếp",
            limits.max_uncompressed / 1_000_000
        ));
    }
    *budget -= len;
    let mut out = Vec::with_capacity(len as usize);
    stream
        .read_to_end(&mut out)
        .map_err(|e| damaged(&format!("luồng {name} không đọc hết được ({e})")))?;
    Ok(out)
}

/// The CPs of a PLC's first `n + 1` entries, `n` given by the data size per entry.
fn plc_cps(plc: Option<&[u8]>, data_size: usize) -> Vec<u32> {
    let Some(plc) = plc else { return Vec::new() };
    if plc.len() < 4 {
        return Vec::new();
    }
    let n = (plc.len() - 4) / (4 + data_size);
    (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect()
}

impl Document {
    fn parse(bytes: &[u8], limits: &Limits) -> Result<Document, String> {
        if !bytes.starts_with(OLE_MAGIC) {
            if bytes.starts_with(b"PK") {
                return Err(
                    "tệp .doc thực ra là .docx (cấu trúc ZIP): hãy đổi đuôi thành .docx"
                        .to_string(),
                );
            }
            if bytes.starts_with(b"{\\rtf") {
                return Err("tệp .doc thực ra là RTF: chưa đọc được định dạng này".to_string());
            }
            return Err("không phải tệp .doc Word 97–2003 (không có cấu trúc OLE)".to_string());
        }
        let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
            damaged(&format!(
                "cấu trúc OLE không đọc được ({e}); tệp bị cắt cụt?"
            ))
        })?;
        if !cfb.is_stream("WordDocument") {
            return Err(
                "tệp OLE không phải văn bản Word (không có luồng WordDocument): có thể là .xls \
                 hoặc .ppt đổi tên"
                    .to_string(),
            );
        }
        if cfb.is_stream("EncryptionInfo") {
            return Err(
                "tệp .doc được bảo vệ bằng mật khẩu (mã hóa): không đọc được; hãy mở bằng Word, \
                 bỏ mật khẩu rồi lưu lại"
                    .to_string(),
            );
        }
        let mut budget = limits.max_uncompressed;
        let word = read_stream(&mut cfb, "WordDocument", &mut budget, limits)?;
        let fib = Fib::parse(&word)?;
        let table_name = if fib.which_table { "1Table" } else { "0Table" };
        if !cfb.is_stream(table_name) {
            return Err(damaged(&format!("thiếu luồng {table_name}")));
        }
        let table = read_stream(&mut cfb, table_name, &mut budget, limits)?;
        let clx = fib
            .part(&table, CLX)
            .ok_or_else(|| damaged("không có bảng mảnh văn bản (CLX)"))?;
        let pieces = pieces(clx, word.len())?;
        let chp_runs = fkp_runs(fib.part(&table, PLCF_BTE_CHPX), &word, chpx_entry);
        let pap_runs = fkp_runs(fib.part(&table, PLCF_BTE_PAPX), &word, papx_entry);
        let reader = StoryReader {
            word: &word,
            pieces: &pieces,
            chp_runs: &chp_runs,
            pap_runs: &pap_runs,
        };

        let ftn_refs = plc_cps(fib.part(&table, PLCF_FND_REF), 2);
        let end_refs = plc_cps(fib.part(&table, PLCF_END_REF), 2);
        // The last CP of a reference PLC is its end, not a reference.
        let refs = |cps: &[u32]| cps[..cps.len().saturating_sub(1)].to_vec();
        let (ftn_refs, end_refs) = (refs(&ftn_refs), refs(&end_refs));
        let main_end = fib.ccp_text;
        let main = reader.story(0, main_end, &ftn_refs, &end_refs);

        let notes = |story_start: u32, story_len: u32, txt: Option<&[u8]>, count: usize| {
            let cps = plc_cps(txt, 0);
            (0..count)
                .filter_map(|i| Some((*cps.get(i)?, *cps.get(i + 1)?)))
                .map(|(a, b)| {
                    let (a, b) = (a.min(story_len), b.min(story_len));
                    reader.story(
                        story_start.saturating_add(a),
                        story_start.saturating_add(b),
                        &[],
                        &[],
                    )
                })
                .collect::<Vec<_>>()
        };
        let footnotes = notes(
            main_end,
            fib.ccp_ftn,
            fib.part(&table, PLCF_FND_TXT),
            ftn_refs.len(),
        );
        let edn_start = main_end
            .saturating_add(fib.ccp_ftn)
            .saturating_add(fib.ccp_hdd)
            .saturating_add(fib.ccp_atn);
        let endnotes = notes(
            edn_start,
            fib.ccp_edn,
            fib.part(&table, PLCF_END_TXT),
            end_refs.len(),
        );
        Ok(Document {
            main,
            footnotes,
            endnotes,
            fonts: font_names(fib.part(&table, STTBF_FFN)),
            styles: Stylesheet::parse(fib.part(&table, STSHF)),
        })
    }

    /// The lines of the document, as the .docx reader gives them.
    fn render(&self) -> Extracted {
        let mut legacy: HashMap<LegacyFont, usize> = HashMap::new();
        let mut lines = self.render_story(&self.main, &mut legacy);
        let mut labels: Vec<String> = (1..=lines.len()).map(|n| format!("đoạn {n}")).collect();
        let notes = [
            (&self.footnotes, "chú thích", false),
            (&self.endnotes, "chú thích cuối", true),
        ];
        for (notes, label, roman) in notes {
            for (i, note) in notes.iter().enumerate() {
                let mark = note_mark(i + 1, roman);
                for (j, line) in self.render_story(note, &mut legacy).iter().enumerate() {
                    lines.push(if j == 0 {
                        format!("[{mark}] {}", line.trim_start())
                    } else {
                        line.clone()
                    });
                    labels.push(format!("{label} {mark}"));
                }
            }
        }
        let mut fonts: Vec<String> = legacy
            .into_iter()
            .map(|(f, n)| format!("{}: {n}", f.encoding_name()))
            .collect();
        fonts.sort();
        Extracted {
            lines,
            labels,
            legacy_fonts: fonts,
        }
    }

    /// A story's paragraphs as lines, tables flattened row by row.
    fn render_story(
        &self,
        paras: &[RawPara],
        legacy: &mut HashMap<LegacyFont, usize>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for block in blocks(paras) {
            match block {
                Block::Para(p) => out.extend(self.paragraph_lines(p, legacy)),
                Block::Table(rows) => {
                    let rows = rows
                        .into_iter()
                        .map(|row| {
                            row.into_iter()
                                .map(|cell| {
                                    cell.into_iter()
                                        .flat_map(|p| self.paragraph_lines(p, legacy))
                                        .collect()
                                })
                                .collect()
                        })
                        .collect();
                    out.extend(flatten_table(rows));
                }
            }
        }
        out
    }

    /// A chunk's effective formatting: its own, its character style's, its paragraph style's, the
    /// defaults'.
    fn run_format(&self, p: &RawPara, chp: &Chp) -> RunFormat {
        let char_style = chp.istd.map(|i| self.styles.chp(i)).unwrap_or_default();
        let eff = chp
            .or(&char_style)
            .or(&self.styles.chp(p.pap.istd))
            .or(&self.styles.defaults);
        let name = |ftc: Option<u16>| ftc.and_then(|f| self.fonts.get(f as usize));
        let font = name(eff.ftc_other)
            .filter(|f| !f.is_empty())
            .or(name(eff.ftc_ascii))
            .cloned();
        RunFormat {
            family: font.as_deref().and_then(LegacyFont::from_font_name),
            font,
            caps: eff.caps == Some(true),
            hidden: eff.vanish == Some(true),
            bold: eff.bold == Some(true),
            italic: eff.italic == Some(true),
            half_points: eff.half_points,
        }
    }

    /// One paragraph's text, fonts decoded, split at line breaks.
    fn paragraph_lines(&self, p: &RawPara, legacy: &mut HashMap<LegacyFont, usize>) -> Vec<String> {
        // Neighbouring chunks that decode alike are decoded together, as the .docx reader does: a
        // VNI letter and its tone mark may sit in two runs of different formatting.
        let mut text = String::new();
        let mut pending: Option<((Option<LegacyFont>, bool), String)> = None;
        let flush = |pending: &mut Option<((Option<LegacyFont>, bool), String)>,
                     text: &mut String,
                     legacy: &mut HashMap<LegacyFont, usize>| {
            let Some(((family, caps), raw)) = pending.take() else {
                return;
            };
            let decoded = match family {
                Some(f) => {
                    *legacy.entry(f).or_insert(0) += 1;
                    decode_legacy_run(&raw, f)
                }
                None => raw,
            };
            if caps {
                text.push_str(&decoded.to_uppercase());
            } else {
                text.push_str(&decoded);
            }
        };
        for (chp, raw) in &p.chunks {
            if chp.note_ref {
                flush(&mut pending, &mut text, legacy);
                text.push_str(&format!("[{raw}]"));
                continue;
            }
            let format = self.run_format(p, chp);
            if format.hidden {
                continue;
            }
            let key = (format.family, format.caps);
            match pending.as_mut() {
                Some((k, acc)) if *k == key => acc.push_str(raw),
                _ => {
                    flush(&mut pending, &mut text, legacy);
                    pending = Some((key, raw.clone()));
                }
            }
        }
        flush(&mut pending, &mut text, legacy);
        text.split('\n').map(str::to_string).collect()
    }
}

impl Document {
    /// A story as .docx body XML; `first_mark` prefixes the first paragraph (a note's mark).
    fn story_xml(&self, paras: &[RawPara], out: &mut String, first_mark: Option<&str>) {
        let mut mark = first_mark;
        for block in blocks(paras) {
            match block {
                Block::Para(p) => self.paragraph_xml(p, out, mark.take()),
                Block::Table(rows) => {
                    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
                    out.push_str(
                        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>",
                    );
                    for _ in 0..columns {
                        out.push_str("<w:gridCol/>");
                    }
                    out.push_str("</w:tblGrid>");
                    for row in rows {
                        out.push_str("<w:tr>");
                        for cell in row {
                            out.push_str("<w:tc>");
                            if cell.is_empty() {
                                out.push_str("<w:p/>");
                            }
                            for p in cell {
                                self.paragraph_xml(p, out, None);
                            }
                            out.push_str("</w:tc>");
                        }
                        out.push_str("</w:tr>");
                    }
                    out.push_str("</w:tbl>");
                }
            }
        }
    }

    fn paragraph_xml(&self, p: &RawPara, out: &mut String, mark: Option<&str>) {
        out.push_str("<w:p>");
        let jc = match p.pap.jc {
            Some(1) => Some("center"),
            Some(2) => Some("right"),
            Some(3) => Some("both"),
            _ => None,
        };
        if let Some(jc) = jc {
            out.push_str(&format!("<w:pPr><w:jc w:val=\"{jc}\"/></w:pPr>"));
        }
        let formats: Vec<RunFormat> = p
            .chunks
            .iter()
            .map(|(c, _)| self.run_format(p, c))
            .collect();
        let texts = decoded_chunks(p, &formats);
        let mut first = mark;
        for (((chp, raw), f), mut text) in p.chunks.iter().zip(formats).zip(texts) {
            if chp.note_ref {
                out.push_str(&format!("<w:r><w:t>[{}]</w:t></w:r>", xml_escape(raw)));
                continue;
            }
            if let Some(m) = first.take() {
                // A note's own number mark (0x02) is dropped; its text follows the reader's mark.
                text = format!("{m}{}", text.trim_start());
            }
            let font = f
                .font
                .as_deref()
                .map(|name| super::legacy::unicode_font(name).unwrap_or(name));
            out.push_str("<w:r><w:rPr>");
            if let Some(font) = font {
                let font = xml_escape(font);
                out.push_str(&format!(
                    "<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:cs=\"{font}\"/>"
                ));
            }
            for (on, tag) in [
                (f.bold, "<w:b/>"),
                (f.italic, "<w:i/>"),
                (f.caps, "<w:caps/>"),
                (f.hidden, "<w:vanish/>"),
            ] {
                if on {
                    out.push_str(tag);
                }
            }
            if let Some(hps) = f.half_points {
                out.push_str(&format!("<w:sz w:val=\"{hps}\"/>"));
            }
            out.push_str("</w:rPr>");
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("<w:br/>");
                }
                for (j, piece) in line.split('\t').enumerate() {
                    if j > 0 {
                        out.push_str("<w:tab/>");
                    }
                    if !piece.is_empty() {
                        out.push_str(&format!(
                            "<w:t xml:space=\"preserve\">{}</w:t>",
                            xml_escape(piece)
                        ));
                    }
                }
            }
            out.push_str("</w:r>");
        }
        if let Some(m) = first {
            out.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(m.trim_end())
            ));
        }
        out.push_str("</w:p>");
    }
}

/// The Unicode text of each chunk of a paragraph: neighbouring chunks in one legacy family are
/// decoded together and cut back ([`super::unicode_docx::decode_group`]).
fn decoded_chunks(p: &RawPara, formats: &[RunFormat]) -> Vec<String> {
    let mut out = Vec::with_capacity(p.chunks.len());
    let mut i = 0;
    while i < p.chunks.len() {
        let family = formats[i].family;
        let mut j = i + 1;
        while j < p.chunks.len() && !p.chunks[j].0.note_ref && formats[j].family == family {
            j += 1;
        }
        let group: Vec<&str> = p.chunks[i..j].iter().map(|(_, t)| t.as_str()).collect();
        match family {
            Some(f) if !p.chunks[i].0.note_ref => out
                .extend(super::unicode_docx::decode_group(&group, |t| {
                    decode_legacy_run(t, f)
                })),
            _ => out.extend(group.iter().map(|t| t.to_string())),
        }
        i = j;
    }
    out
}

/// A run's effective formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RunFormat {
    font: Option<String>,
    family: Option<LegacyFont>,
    caps: bool,
    hidden: bool,
    bold: bool,
    italic: bool,
    half_points: Option<u16>,
}

/// A story as blocks: paragraphs, and tables as rows of cells of paragraphs.
enum Block<'a> {
    Para(&'a RawPara),
    Table(Vec<Vec<Vec<&'a RawPara>>>),
}

/// Groups a story's paragraphs into blocks: cell marks end cells, `fTtp` paragraphs end rows;
/// nested tables stay paragraphs of their outer cell.
fn blocks<'a>(paras: &'a [RawPara]) -> Vec<Block<'a>> {
    type Rows<'a> = Vec<Vec<Vec<&'a RawPara>>>;
    fn flush<'a>(
        out: &mut Vec<Block<'a>>,
        rows: &mut Rows<'a>,
        row: &mut Vec<Vec<&'a RawPara>>,
        cell: &mut Vec<&'a RawPara>,
    ) {
        if !cell.is_empty() {
            row.push(std::mem::take(cell));
        }
        if !row.is_empty() {
            rows.push(std::mem::take(row));
        }
        if !rows.is_empty() {
            out.push(Block::Table(std::mem::take(rows)));
        }
    }
    let mut out = Vec::new();
    let mut rows: Rows<'a> = Vec::new();
    let mut row: Vec<Vec<&RawPara>> = Vec::new();
    let mut cell: Vec<&RawPara> = Vec::new();
    for p in paras {
        let in_table = p.pap.itap >= 1 || p.mark == Mark::Cell;
        if !in_table {
            flush(&mut out, &mut rows, &mut row, &mut cell);
            out.push(Block::Para(p));
            continue;
        }
        if p.pap.ttp || (p.pap.inner_ttp && p.pap.itap >= 2) {
            if p.pap.itap <= 1 {
                if !cell.is_empty() {
                    row.push(std::mem::take(&mut cell));
                }
                rows.push(std::mem::take(&mut row));
            }
            continue;
        }
        cell.push(p);
        if p.mark == Mark::Cell && p.pap.itap <= 1 {
            row.push(std::mem::take(&mut cell));
        }
    }
    flush(&mut out, &mut rows, &mut row, &mut cell);
    out
}

/// The reference mark of the n-th note, as Word shows it by default: 1, 2… or i, ii….
fn note_mark(n: usize, roman: bool) -> String {
    if roman {
        super::numbering::roman(u32::try_from(n).unwrap_or(u32::MAX)).to_lowercase()
    } else {
        n.to_string()
    }
}

/// Reads the characters of CP ranges into paragraphs.
struct StoryReader<'a> {
    word: &'a [u8],
    pieces: &'a [Piece],
    chp_runs: &'a Runs<Chp>,
    pap_runs: &'a Runs<Pap>,
}

impl StoryReader<'_> {
    /// The paragraphs of CPs `[start, end)`; footnote and endnote references (CPs) become their
    /// marks.
    fn story(&self, start: u32, end: u32, ftn_refs: &[u32], end_refs: &[u32]) -> Vec<RawPara> {
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

    #[test]
    fn compressed_bytes_are_windows_1252() {
        assert_eq!(cp1252_unit(0x80), 0x20AC);
        assert_eq!(cp1252_unit(0xB5), 0x00B5);
        assert_eq!(cp1252_unit(b'a'), u16::from(b'a'));
    }

    #[test]
    fn not_ole_and_garbage_are_errors() {
        let limits = Limits::default();
        assert!(
            read(b"hello", &limits)
                .unwrap_err()
                .contains("không có cấu trúc OLE")
        );
        assert!(
            read(b"PK\x03\x04xx", &limits)
                .unwrap_err()
                .contains(".docx")
        );
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend_from_slice(&[0u8; 600]);
        assert!(
            read(&ole, &limits)
                .unwrap_err()
                .starts_with("tệp .doc hỏng")
        );
    }
}
