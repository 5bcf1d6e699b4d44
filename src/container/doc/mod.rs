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
//! - runs in TCVN3 and VNI fonts are decoded ([`crate::container::legacy`]), capital fonts and caps
//!   upper-cased, exactly as in .docx.
//!
//! Word's automatic numbering (list tables) is not rendered. Word 6/95 files, encrypted files and
//! damaged files are per-file errors; every read is bounds-checked.
//!
//! Modules, in reading order: [`bytes`] (bounded reads), [`fib`], [`pieces`] (the piece table),
//! [`properties`] (CHPX/PAPX sprms), [`styles`] (fonts and the stylesheet), [`story`] (CP ranges
//! into paragraphs), [`document`] (the stories, rendered), [`write_docx`] (the .docx rewrite).

mod bytes;
mod document;
mod fib;
mod pieces;
mod properties;
mod story;
mod styles;
mod write_docx;

use super::{Extracted, Limits};
use crate::lang::Lang;
use document::Document;
pub use write_docx::to_docx;

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

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The error of a password-protected .doc (met in two places of its structure).
fn encrypted(lang: Lang) -> String {
    lang.pick(
        "tệp .doc được bảo vệ bằng mật khẩu (mã hóa): không đọc được; hãy mở bằng Word, \
         bỏ mật khẩu rồi lưu lại",
        "the .doc file is password-protected (encrypted): it cannot be read; open it in Word, \
         remove the password and save it again",
    )
    .to_string()
}

/// A damaged file's error: what is wrong, in each language.
fn damaged(lang: Lang, vi: &str, en: &str) -> String {
    match lang {
        Lang::Vi => format!("tệp .doc hỏng: {vi}"),
        Lang::En => format!("damaged .doc file: {en}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
