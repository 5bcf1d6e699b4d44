//! .docx: the text a reader of the document sees, one line per paragraph.
//!
//! Read with `zip` + `quick-xml`, streaming, under a byte budget (see [`super::Limits`]):
//! - paragraphs of `word/document.xml` in document order; text boxes as their own paragraphs;
//!   deleted and moved-from revisions, field codes, hidden text and `mc:Fallback` copies skipped;
//! - tables in reading order: row by row, the cells of a row side by side, their paragraphs zipped
//!   line by line and joined with a run of spaces — so the two-column header table becomes the header
//!   lines that `segment::cells` splits, exactly like the flattened .txt files;
//! - tabs as `\t`, line breaks (`w:br`, `w:cr`) as new lines;
//! - automatic numbering rendered from `word/numbering.xml` ([`super::numbering`]), direct or through
//!   the paragraph style;
//! - per run, the font (run, character style, paragraph style, document defaults) decides the
//!   decoding: TCVN3 and VNI fonts are decoded ([`super::legacy`]), capital fonts (".VnTimeH") and
//!   `w:caps` upper-case the text;
//! - footnotes appended after the body, each marked "[n]" at its reference and at its text, then
//!   endnotes, marked "[i]", "[ii]"… as Word numbers them by default.
//!
//! Modules: [`archive`] (the size-limited ZIP), [`styles`], [`parser`] (the XML into lines),
//! [`tables`].

mod archive;
mod parser;
mod styles;
mod tables;

use super::numbering::Numbering;
use super::xml;
use super::{Extracted, Limits};
pub(super) use archive::open_zip;
use archive::{Archive, is_missing, office_document_target};
use parser::{Mode, Parser};
use std::cell::Cell;
pub(super) use styles::{RunProps, Styles};
pub(super) use tables::flatten_table;

/// Cells of a table row are joined with this (a column gap for `segment::cells`).
pub const CELL_GAP: &str = "     ";

/// Reads a .docx held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(limits
            .lang
            .pick(
                "tệp .docx được bảo vệ bằng mật khẩu (mã hóa), hoặc là tệp .doc Word 97–2003 \
                    đổi tên: không đọc được; hãy lưu lại thành .docx không mật khẩu",
                "the .docx file is password-protected (encrypted), or a renamed Word 97–2003 \
                    .doc file: it cannot be read; save it again as a .docx without a password",
            )
            .to_string());
    }
    let mut zip = open_zip(bytes, limits)?;
    let budget = Cell::new(limits.max_uncompressed);
    let mut archive = Archive {
        zip: &mut zip,
        budget: &budget,
        limits,
    };

    let main = archive
        .read_small("_rels/.rels")?
        .and_then(|rels| office_document_target(&rels))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let part = |name: &str| {
        if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        }
    };
    let styles = match archive.read_small(&part("styles.xml"))? {
        Some(x) => {
            Styles::parse(&x).map_err(|e| format!("styles.xml: {}", e.in_lang(limits.lang)))?
        }
        None => Styles::default(),
    };
    let numbering = match archive.read_small(&part("numbering.xml"))? {
        Some(x) => Numbering::parse(&x)
            .map_err(|e| format!("numbering.xml: {}", e.in_lang(limits.lang)))?,
        None => Numbering::default(),
    };

    let mut body = Parser::new(&styles, &numbering, Mode::Body);
    body.text_left = limits.max_text;
    body.limits = Some(limits);
    archive.stream(&main, |r| xml::walk_reader(r, |ev| body.event(ev)))?;
    let Some(()) = body.done else {
        return Err(crate::tr!(
            limits.lang,
            "{main} không có nội dung (thiếu w:body)",
            "{main} has no content (no w:body)"
        ));
    };
    let mut lines = std::mem::take(&mut body.blocks[0]);
    let footnote_order = std::mem::take(&mut body.footnote_order);
    let endnote_order = std::mem::take(&mut body.endnote_order);
    let legacy = std::mem::take(&mut body.legacy_runs);
    let mut labels: Vec<String> = (1..=lines.len()).map(|n| format!("đoạn {n}")).collect();

    let notes = [
        (&footnote_order, "footnotes.xml", NoteKind::Foot),
        (&endnote_order, "endnotes.xml", NoteKind::End),
    ];
    for (order, part_name, kind) in notes {
        if order.is_empty() {
            continue;
        }
        let mut notes = Parser::new(&styles, &numbering, Mode::Notes);
        notes.text_left = body.text_left;
        notes.limits = Some(limits);
        // Note numbers continue the body's, so references inside notes are rare but counted.
        notes.footnote_order = footnote_order.clone();
        notes.endnote_order = endnote_order.clone();
        let found = archive.stream(&part(part_name), |r| {
            xml::walk_reader(r, |ev| notes.event(ev))
        });
        match found {
            Ok(()) => {
                for (i, id) in order.iter().enumerate() {
                    let Some(note) = notes.notes.get(id) else {
                        continue;
                    };
                    let mark = kind.mark(i + 1);
                    for (j, line) in note.iter().enumerate() {
                        lines.push(if j == 0 {
                            format!("[{mark}] {}", line.trim_start())
                        } else {
                            line.clone()
                        });
                        labels.push(format!("{} {mark}", kind.label()));
                    }
                }
            }
            Err(e) if is_missing(&e) => {}
            Err(e) => return Err(e),
        }
    }
    let mut fonts: Vec<String> = legacy
        .into_iter()
        .map(|(f, n)| format!("{}: {n}", f.encoding_name()))
        .collect();
    fonts.sort();
    Ok(Extracted {
        lines,
        labels,
        legacy_fonts: fonts,
    })
}

/// Footnotes (numbered 1, 2, 3 after the body) or endnotes (Word's default i, ii, iii, after the
/// footnotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteKind {
    Foot,
    End,
}

impl NoteKind {
    /// The reference mark of the n-th note, as Word shows it by default.
    fn mark(self, n: usize) -> String {
        match self {
            NoteKind::Foot => n.to_string(),
            NoteKind::End => {
                crate::container::numbering::roman(u32::try_from(n).unwrap_or(u32::MAX))
                    .to_lowercase()
            }
        }
    }

    /// The location label of a note's lines.
    fn label(self) -> &'static str {
        match self {
            NoteKind::Foot => "chú thích",
            NoteKind::End => "chú thích cuối",
        }
    }
}
