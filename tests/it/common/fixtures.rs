//! Test fixture generator: builds .docx files in code (minimal OOXML parts written with `zip`), with
//! chosen fonts (Unicode, TCVN3, VNI), automatic numbering and tables; and test-only encoders into
//! TCVN3 and VNI from the DOMAIN.md §2 tables, independent of the crate's decoders. Also compiled
//! into `benches/serve_load.rs` and `examples/gen_docx.rs` (by `#[path]`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use unicode_normalization::UnicodeNormalization;
use vblint::container::legacy::{LegacyFont, decode_legacy_run};

// ------------------------------------------------------------------------------------ encoders

const TCVN3_TABLE: &str = "A1Ă A2Â A3Ê A4Ô A5Ơ A6Ư A7Đ A8ă A9â AAê ABô ACơ ADư AEđ \
B5à B6ả B7ã B8á B9ạ BBằ BCẳ BDẵ BEắ C6ặ C7ầ C8ẩ C9ẫ CAấ CBậ \
CCè CEẻ CFẽ D0é D1ẹ D2ề D3ể D4ễ D5ế D6ệ D7ì D8ỉ DCĩ DDí DEị \
DFò E1ỏ E2õ E3ó E4ọ E5ồ E6ổ E7ỗ E8ố E9ộ EAờ EBở ECỡ EDớ EEợ \
EFù F1ủ F2ũ F3ú F4ụ F5ừ F6ử F7ữ F8ứ F9ự FAỳ FBỷ FCỹ FDý FEỵ";

fn tcvn3_map() -> HashMap<char, u8> {
    TCVN3_TABLE
        .split_whitespace()
        .map(|item| {
            let byte = u8::from_str_radix(&item[..2], 16).expect("hex");
            let c = item[2..].chars().next().expect("letter");
            (c, byte)
        })
        .collect()
}

/// The Windows-1252 character of a byte.
pub fn cp1252(b: u8) -> char {
    let bytes = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    s.chars().next().unwrap_or('\u{FFFD}')
}

/// One character in TCVN3 as Word stores it (the cp1252 reading of the byte); `None` when TCVN3 has
/// no code for it.
pub fn tcvn3_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    thread_local!(static MAP: HashMap<char, u8> = tcvn3_map());
    MAP.with(|m| m.get(&c).map(|&b| cp1252(b)))
}

/// One character in VNI-Windows as Word stores it (one or two cp1252 characters).
pub fn vni_chars(c: char) -> Option<String> {
    if c.is_ascii() {
        return Some(c.to_string());
    }
    let upper = c.is_uppercase();
    let lower = c.to_lowercase().next()?;
    let adjust = |b: u8| if upper { b - 0x20 } else { b };
    let single = match lower {
        'đ' => Some(0xF1),
        'í' => Some(0xED),
        'ì' => Some(0xEC),
        'ỉ' => Some(0xE6),
        'ĩ' => Some(0xF3),
        'ị' => Some(0xF2),
        'ỵ' => Some(0xEE),
        'ơ' => Some(0xF4),
        'ư' => Some(0xF6),
        _ => None,
    };
    if let Some(b) = single {
        return Some(cp1252(adjust(b)).to_string());
    }
    let nfd: Vec<char> = lower.nfd().collect();
    let base = *nfd.first()?;
    if !"aeiouy".contains(base) {
        return None;
    }
    let mut shape = None;
    let mut tone = None;
    for &m in &nfd[1..] {
        match m {
            '\u{302}' => shape = Some('^'),
            '\u{306}' => shape = Some('('),
            '\u{31B}' => shape = Some('+'),
            '\u{301}' | '\u{300}' | '\u{309}' | '\u{303}' | '\u{323}' => tone = Some(m),
            _ => return None,
        }
    }
    let base_out: String = match shape {
        Some('+') => {
            let b = if base == 'o' { 0xF4 } else { 0xF6 };
            cp1252(adjust(b)).to_string()
        }
        _ => {
            if upper {
                base.to_ascii_uppercase().to_string()
            } else {
                base.to_string()
            }
        }
    };
    let mark = match (shape, tone) {
        (Some('^'), None) => Some(0xE2),
        (Some('^'), Some('\u{301}')) => Some(0xE1),
        (Some('^'), Some('\u{300}')) => Some(0xE0),
        (Some('^'), Some('\u{309}')) => Some(0xE5),
        (Some('^'), Some('\u{303}')) => Some(0xE3),
        (Some('^'), Some('\u{323}')) => Some(0xE4),
        (Some('('), None) => Some(0xEA),
        (Some('('), Some('\u{301}')) => Some(0xE9),
        (Some('('), Some('\u{300}')) => Some(0xE8),
        (Some('('), Some('\u{309}')) => Some(0xFA),
        (Some('('), Some('\u{303}')) => Some(0xFC),
        (Some('('), Some('\u{323}')) => Some(0xEB),
        (_, Some('\u{301}')) => Some(0xF9),
        (_, Some('\u{300}')) => Some(0xF8),
        (_, Some('\u{309}')) => Some(0xFB),
        (_, Some('\u{303}')) => Some(0xF5),
        (_, Some('\u{323}')) => Some(0xEF),
        (_, _) => None,
    };
    let mut out = base_out;
    if let Some(m) = mark {
        out.push(cp1252(adjust(m)));
    }
    Some(out)
}

// ------------------------------------------------------------------------------------ document

/// Which fonts the text is typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fonts {
    Unicode,
    /// `.VnTime` (through the document defaults) and `.VnTimeH` runs for capitals.
    Tcvn3,
    /// `VNI-Times` through a paragraph style, `VNI-Helve` on header runs.
    Vni,
}

/// How a seed is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    pub fonts: Fonts,
    /// Replace typed "I." / "1." / "1.1." / "a)" / "-" / "+" markers by Word automatic numbering.
    pub auto_numbering: bool,
}

impl Variant {
    pub const fn new(fonts: Fonts, auto_numbering: bool) -> Variant {
        Variant {
            fonts,
            auto_numbering,
        }
    }

    pub fn name(&self) -> String {
        let f = match self.fonts {
            Fonts::Unicode => "unicode",
            Fonts::Tcvn3 => "tcvn3",
            Fonts::Vni => "vni",
        };
        if self.auto_numbering {
            format!("{f}-numbered")
        } else {
            f.to_string()
        }
    }
}

pub const VARIANTS: [Variant; 5] = [
    Variant::new(Fonts::Unicode, false),
    Variant::new(Fonts::Tcvn3, false),
    Variant::new(Fonts::Vni, false),
    Variant::new(Fonts::Unicode, true),
    Variant::new(Fonts::Tcvn3, true),
];

/// A run: text as stored, its font (None: inherited) and `w:caps`.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub text: String,
    pub font: Option<String>,
    pub caps: bool,
    pub hidden: bool,
    /// A field instruction (`HYPERLINK "…"`): the run's text is then the field's result.
    pub field: Option<String>,
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub runs: Vec<Run>,
    pub num: Option<(u32, u32)>,
    pub style: Option<String>,
    pub footnote: Option<u32>,
    pub endnote: Option<u32>,
}

/// A block of the body.
#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    /// Rows of cells of paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

/// A numbering instance: id, and (level, start) overrides.
#[derive(Debug, Clone)]
pub struct NumInstance {
    pub id: u32,
    pub overrides: Vec<(u32, u32)>,
}

/// A document to write.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub nums: Vec<NumInstance>,
    /// `w:docDefaults` font.
    pub default_font: Option<String>,
    /// Extra `w:style` elements.
    pub styles: String,
    /// Abstract numbering definition (levels XML); the default one if empty.
    pub abstract_levels: String,
    pub footnotes: Vec<(u32, String)>,
    pub endnotes: Vec<(u32, String)>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Levels: I. / 1. / 1.1. / a) / - / +
pub const DEFAULT_LEVELS: &str = r#"
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="5"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/><w:lvlJc w:val="left"/></w:lvl>
"#;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

impl Para {
    pub fn text(text: &str) -> Para {
        Para {
            runs: vec![Run {
                text: text.to_string(),
                ..Run::default()
            }],
            ..Para::default()
        }
    }

    fn xml(&self, out: &mut String) {
        out.push_str("<w:p>");
        if self.num.is_some() || self.style.is_some() {
            out.push_str("<w:pPr>");
            if let Some(s) = &self.style {
                out.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
            }
            if let Some((id, lvl)) = self.num {
                out.push_str(&format!(
                    r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#
                ));
            }
            out.push_str("</w:pPr>");
        }
        for run in &self.runs {
            if let Some(instr) = &run.field {
                out.push_str(&format!(
                    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
                    esc(instr)
                ));
            }
            out.push_str("<w:r>");
            if run.font.is_some() || run.caps || run.hidden {
                out.push_str("<w:rPr>");
                if let Some(f) = &run.font {
                    let f = esc(f);
                    out.push_str(&format!(
                        r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/>"#
                    ));
                }
                if run.caps {
                    out.push_str("<w:caps/>");
                }
                if run.hidden {
                    out.push_str("<w:vanish/>");
                }
                out.push_str("</w:rPr>");
            }
            // Tabs as <w:tab/>, text as <w:t>.
            for (i, piece) in run.text.split('\t').enumerate() {
                if i > 0 {
                    out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    out.push_str(&format!(
                        r#"<w:t xml:space="preserve">{}</w:t>"#,
                        esc(piece)
                    ));
                }
            }
            out.push_str("</w:r>");
            if run.field.is_some() {
                out.push_str(r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#);
            }
        }
        if let Some(id) = self.footnote {
            out.push_str(&format!(
                r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
            ));
        }
        if let Some(id) = self.endnote {
            out.push_str(&format!(
                r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="{id}"/></w:r>"#
            ));
        }
        out.push_str("</w:p>");
    }
}

impl Doc {
    fn document_xml(&self) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>"#
        );
        for block in &self.blocks {
            match block {
                Block::Para(p) => p.xml(&mut out),
                Block::Table(rows) => {
                    out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="5500"/></w:tblGrid>"#);
                    for row in rows {
                        out.push_str("<w:tr>");
                        for cell in row {
                            out.push_str(
                                r#"<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>"#,
                            );
                            if cell.is_empty() {
                                out.push_str("<w:p/>");
                            }
                            for p in cell {
                                p.xml(&mut out);
                            }
                            out.push_str("</w:tc>");
                        }
                        out.push_str("</w:tr>");
                    }
                    out.push_str("</w:tbl>");
                }
            }
        }
        out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
        out
    }

    fn styles_xml(&self) -> String {
        let defaults = match &self.default_font {
            Some(f) => {
                let f = esc(f);
                format!(
                    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>"#
                )
            }
            None => r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>"#.to_string(),
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>{defaults}<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>{}</w:styles>"#,
            self.styles
        )
    }

    fn numbering_xml(&self) -> String {
        let levels = if self.abstract_levels.is_empty() {
            DEFAULT_LEVELS
        } else {
            &self.abstract_levels
        };
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>"#
        );
        for n in &self.nums {
            out.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="0"/>"#,
                n.id
            ));
            for (lvl, start) in &n.overrides {
                out.push_str(&format!(
                    r#"<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>"#
                ));
            }
            out.push_str("</w:num>");
        }
        out.push_str("</w:numbering>");
        out
    }

    /// `footnotes.xml` (tag "footnote") or `endnotes.xml` (tag "endnote"), with Word's separators.
    fn notes_xml(tag: &str, notes: &[(u32, String)]) -> String {
        let mut out = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag}s {W_NS}><w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}><w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>"#
        );
        for (id, text) in notes {
            out.push_str(&format!(
                r#"<w:{tag} w:id="{id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p></w:{tag}>"#,
                esc(text)
            ));
        }
        out.push_str(&format!("</w:{tag}s>"));
        out
    }

    /// The .docx bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut parts: Vec<(&str, String)> = vec![
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
            ),
            (
                "word/_rels/document.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>"#.to_string(),
            ),
            ("word/document.xml", self.document_xml()),
            ("word/styles.xml", self.styles_xml()),
            ("word/numbering.xml", self.numbering_xml()),
            ("word/footnotes.xml", Doc::notes_xml("footnote", &self.footnotes)),
            ("word/endnotes.xml", Doc::notes_xml("endnote", &self.endnotes)),
        ];
        parts.sort_by_key(|(n, _)| *n != "[Content_Types].xml");
        zip_parts(
            &parts
                .iter()
                .map(|(n, s)| (*n, s.as_bytes().to_vec()))
                .collect::<Vec<_>>(),
        )
    }
}

/// A ZIP of the given parts (deflated).
pub fn zip_parts(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, opts).expect("zip entry");
            zip.write_all(bytes).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    buf.into_inner()
}

// ------------------------------------------------------------------------------------ seeds

/// Splits text into cells at runs of 3+ spaces or tabs (like `segment::cells`).
fn split_cells(line: &str) -> Vec<String> {
    let re = regex::Regex::new(r"[ \u{a0}]{3,}|\t+").expect("regex");
    re.split(line)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs for a line of text in the variant's fonts; `header` lines use the header font.
fn runs_for(text: &str, fonts: Fonts, header: bool) -> Vec<Run> {
    let unicode_font = Some("Times New Roman".to_string());
    let mut runs: Vec<Run> = Vec::new();
    let push = |runs: &mut Vec<Run>, font: Option<String>, s: &str| match runs.last_mut() {
        Some(r) if r.font == font => r.text.push_str(s),
        _ => runs.push(Run {
            text: s.to_string(),
            font,
            ..Run::default()
        }),
    };
    match fonts {
        Fonts::Unicode => push(&mut runs, None, text),
        Fonts::Tcvn3 => {
            let (normal, caps) = if header {
                (Some(".VnArial".to_string()), Some(".VnArialH".to_string()))
            } else {
                (None, Some(".VnTimeH".to_string()))
            };
            // A line without lower-case letters is typed in the capitals font entirely.
            let all_caps =
                text.chars().any(char::is_alphabetic) && !text.chars().any(|c| c.is_lowercase());
            for c in text.chars() {
                let lower = c.to_lowercase().next().unwrap_or(c);
                let via_caps = all_caps || (c.is_uppercase() && tcvn3_char(c).is_none());
                let encoded = if via_caps {
                    tcvn3_char(lower).map(|e| (caps.clone(), e))
                } else {
                    tcvn3_char(c).map(|e| (normal.clone(), e))
                };
                let ok = encoded.as_ref().is_some_and(|(font, e)| {
                    let fam = LegacyFont::from_font_name(font.as_deref().unwrap_or(".VnTime"));
                    (c.is_ascii() || c.is_alphabetic() || (c as u32) < 0x2100)
                        && fam.is_some_and(|fam| {
                            decode_legacy_run(&e.to_string(), fam) == c.to_string()
                        })
                });
                match encoded {
                    Some((font, e)) if ok => push(&mut runs, font, &e.to_string()),
                    _ => push(&mut runs, unicode_font.clone(), &c.to_string()),
                }
            }
        }
        Fonts::Vni => {
            let font = header.then(|| "VNI-Helve".to_string());
            for c in text.chars() {
                let ok = vni_chars(c).filter(|e| {
                    (c.is_ascii() || c.is_alphabetic() || ('\u{2010}'..='\u{2027}').contains(&c))
                        && LegacyFont::from_font_name("VNI-Times")
                            .is_some_and(|fam| decode_legacy_run(e, fam) == c.to_string())
                });
                match ok {
                    Some(e) => push(&mut runs, font.clone(), &e),
                    None => push(&mut runs, unicode_font.clone(), &c.to_string()),
                }
            }
        }
    }
    // Split runs the way Word's revision ids do, even inside a VNI letter pair.
    let mut split = Vec::new();
    for r in runs {
        let chars: Vec<char> = r.text.chars().collect();
        for piece in chars.chunks(13) {
            split.push(Run {
                text: piece.iter().collect(),
                ..r.clone()
            });
        }
    }
    split
}

/// Numbering simulation for the generator: a typed marker becomes automatic numbering of the
/// current instance when Word would show the same; otherwise a new instance starts at the typed value.
struct NumSim {
    nums: Vec<NumInstance>,
    current: u32,
    counters: HashMap<u32, [Option<u32>; 6]>,
}

impl NumSim {
    fn new() -> Self {
        NumSim {
            nums: vec![NumInstance {
                id: 1,
                overrides: vec![],
            }],
            current: 1,
            counters: HashMap::new(),
        }
    }

    fn expected(&self, lvl: usize) -> u32 {
        self.counters
            .get(&self.current)
            .and_then(|c| c[lvl])
            .map_or(1, |v| v + 1)
    }

    fn take(&mut self, lvl: usize, value: u32) -> (u32, u32) {
        // Bullets (levels 4 and 5) show no value.
        if lvl < 4 && self.expected(lvl) != value {
            let id = self.nums.len() as u32 + 1;
            self.nums.push(NumInstance {
                id,
                overrides: vec![(lvl as u32, value)],
            });
            self.current = id;
        }
        let c = self.counters.entry(self.current).or_insert([None; 6]);
        c[lvl] = Some(value);
        for d in c.iter_mut().skip(lvl + 1) {
            *d = None;
        }
        (self.current, lvl as u32)
    }

    fn level1(&self) -> u32 {
        self.counters
            .get(&self.current)
            .and_then(|c| c[1])
            .unwrap_or(1)
    }
}

fn roman_value(s: &str) -> Option<u32> {
    let table = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV",
    ];
    table.iter().position(|r| *r == s).map(|i| i as u32 + 1)
}

/// Splits a typed marker off a body line: (level, value, rest).
fn marker(line: &str, sim: &NumSim) -> Option<(usize, u32, String)> {
    let t = line.trim_start();
    let re_roman = regex::Regex::new(r"^([IVX]+)\.[ \t]+(\S.*)$").expect("regex");
    let re_sub = regex::Regex::new(r"^(\d+)\.(\d+)\.[ \t]+(\S.*)$").expect("regex");
    let re_dec = regex::Regex::new(r"^(\d{1,2})\.[ \t]+(\S.*)$").expect("regex");
    let re_letter = regex::Regex::new(r"^([a-z])\)[ \t]+(\S.*)$").expect("regex");
    let re_bullet = regex::Regex::new(r"^([-+])[ \t]+(\S.*)$").expect("regex");
    if let Some(c) = re_roman.captures(t) {
        return Some((0, roman_value(&c[1])?, c[2].to_string()));
    }
    if let Some(c) = re_sub.captures(t) {
        let parent: u32 = c[1].parse().ok()?;
        if parent != sim.level1() {
            return None;
        }
        return Some((2, c[2].parse().ok()?, c[3].to_string()));
    }
    if let Some(c) = re_dec.captures(t) {
        return Some((1, c[1].parse().ok()?, c[2].to_string()));
    }
    if let Some(c) = re_letter.captures(t) {
        let v = u32::from(c[1].as_bytes()[0] - b'a') + 1;
        return Some((3, v, c[2].to_string()));
    }
    if let Some(c) = re_bullet.captures(t) {
        let lvl = if &c[1] == "-" { 4 } else { 5 };
        return Some((lvl, 1, c[2].to_string()));
    }
    None
}

/// A seed text rendered as a .docx in the given variant.
pub fn seed_docx(text: &str, variant: Variant) -> Vec<u8> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut doc = Doc::default();
    match variant.fonts {
        Fonts::Unicode => {}
        Fonts::Tcvn3 => doc.default_font = Some(".VnTime".to_string()),
        Fonts::Vni => {
            doc.styles = r#"<w:style w:type="paragraph" w:styleId="VNIBody"><w:name w:val="VNI Body"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:style>"#.to_string()
        }
    }
    let body_style = (variant.fonts == Fonts::Vni).then(|| "VNIBody".to_string());
    // The header: leading lines with two or more columns (and blank lines between them).
    let mut header_end = 0;
    let mut last_multi = None;
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        if split_cells(l).len() >= 2 {
            last_multi = Some(i);
        } else {
            break;
        }
    }
    if let Some(last) = last_multi {
        header_end = last + 1;
        let rows: Vec<Vec<String>> = lines[..header_end].iter().map(|l| split_cells(l)).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(2);
        let mut cells: Vec<Vec<Para>> = vec![Vec::new(); width];
        for row in &rows {
            for (k, cell) in cells.iter_mut().enumerate() {
                let text = row.get(k).map_or("", String::as_str);
                cell.push(Para {
                    runs: runs_for(text, variant.fonts, true),
                    style: body_style.clone(),
                    ..Para::default()
                });
            }
        }
        doc.blocks.push(Block::Table(vec![cells]));
    }
    let mut sim = NumSim::new();
    for line in &lines[header_end..] {
        let mut para = Para {
            style: body_style.clone(),
            ..Para::default()
        };
        let mut text = line.to_string();
        if variant.auto_numbering
            && let Some((lvl, value, rest)) = marker(line, &sim)
        {
            para.num = Some(sim.take(lvl, value));
            text = rest;
        }
        para.runs = runs_for(&text, variant.fonts, false);
        doc.blocks.push(Block::Para(para));
    }
    doc.nums = sim.nums;
    doc.to_bytes()
}

/// The five seed documents: (file name, text).
pub fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("corpus")
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("seed is UTF-8"))
        })
        .collect();
    out.sort();
    out
}

const FORMATTED_FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name=".VnTime"><w:charset w:val="00"/></w:font><w:font w:name=".VnArialH"><w:charset w:val="00"/></w:font><w:font w:name="VNI-Times"><w:charset w:val="00"/></w:font><w:font w:name="Times New Roman"><w:charset w:val="00"/></w:font></w:fonts>"#;

const FORMATTED_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A plan with formatting: bold, italic, sizes, alignment, a `.VnArialH` heading style, a
/// `.VnTime` default, VNI runs split inside a letter, a table, a header part and an image part.
pub fn formatted_docx() -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {FORMATTED_NS}><w:body>
<w:p><w:r><w:t>KH 02</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="5500"/></w:tblGrid><w:tr><w:tc><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>UBND HUYÖN LéC NINH</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/><w:b/><w:sz w:val="26"/></w:rPr><w:t>céng hoµ x· héi chñ nghÜa viÖt nam</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>§éc lËp - Tù do - H¹nh phóc</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times" w:cs="VNI-Times"/><w:i/></w:rPr><w:t xml:space="preserve">Coäng hoa</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times" w:cs="VNI-Times"/><w:b/><w:i/><w:sz w:val="30"/></w:rPr><w:t xml:space="preserve">ø xaõ hoäi</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr><w:t>Số: 15/KH-UBND &amp; ngày 05/3/2021</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading"/><w:jc w:val="center"/></w:pPr><w:r><w:t>kÕ ho¹ch</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Tr­êng TiÓu häc </w:t></w:r><w:r><w:t>Léc HiÖp</w:t></w:r></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {FORMATTED_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime" w:cs=".VnTime"/><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Heading"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii=".VnArialH" w:hAnsi=".VnArialH"/><w:b/></w:rPr></w:style></w:styles>"#
    );
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {FORMATTED_NS}><w:p><w:r><w:t>Tr­êng TiÓu häc Léc HiÖp</w:t></w:r></w:p></w:hdr>"#
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let image: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    zip_parts(&[
        ("[Content_Types].xml", types.as_bytes().to_vec()),
        ("_rels/.rels", rels.as_bytes().to_vec()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes().to_vec()),
        ("word/document.xml", doc.into_bytes()),
        ("word/styles.xml", styles.into_bytes()),
        (
            "word/fontTable.xml",
            FORMATTED_FONT_TABLE.as_bytes().to_vec(),
        ),
        ("word/header1.xml", header.into_bytes()),
        ("word/media/image1.png", image),
    ])
}

/// The Chromium (or Chrome) binary on PATH, for the browser tests.
pub fn chromium() -> Option<std::path::PathBuf> {
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}
