//! The document written as a minimal Unicode .docx (`vblint normalize` of a .doc).

use super::document::{Block, Document, RawPara, RunFormat, blocks, decoded_chunks, note_mark};
use crate::container::Limits;
use std::io::Cursor;

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
                .map(|name| crate::container::legacy::unicode_font(name).unwrap_or(name));
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
