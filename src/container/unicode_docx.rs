//! A legacy-font .docx rewritten as the same document in Unicode (`vblint normalize IN.docx -o
//! OUT.docx`).
//!
//! The text of every run drawn in a TCVN3 (`.Vn*`) or VNI (`VNI-*`) font — directly, through its
//! character or paragraph style, or through the document defaults, exactly as the reader resolves
//! it ([`super::docx`]) — is decoded to Unicode NFC ([`super::legacy::decode_legacy_run`]; TCVN3
//! capital fonts give capitals), and every `w:rFonts` naming a legacy font, in the body, notes,
//! headers, footers, comments, styles and document defaults, names its Unicode counterpart
//! ([`super::legacy::unicode_font`]); legacy names in `fontTable.xml` are renamed the same way.
//! Damaged words in Unicode runs are repaired as the decode stage repairs them.
//! Everything else is left as it was: the other XML (run and paragraph formatting, numbering,
//! tables, fields) is written back event by event, and the other parts of the package (images,
//! settings, themes…) are copied byte for byte, still compressed.

use super::Limits;
use super::docx::{RunProps, Styles};
use super::legacy::{LegacyFont, decode_legacy_run, unicode_font};
use super::xml::{Attrs, MAX_DEPTH};
use crate::tr;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::io::{Cursor, Read, Write};
use unicode_normalization::UnicodeNormalization;

/// What a conversion changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    /// The new .docx.
    pub bytes: Vec<u8>,
    /// Text elements decoded from a legacy font.
    pub decoded_texts: usize,
    /// Font references (`w:rFonts` attributes, font table names) renamed.
    pub renamed_fonts: usize,
}

/// The parts whose runs carry text.
fn is_story_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    !file.contains('/')
        && file.ends_with(".xml")
        && [
            "document",
            "footnotes",
            "endnotes",
            "comments",
            "header",
            "footer",
            "glossary",
        ]
        .iter()
        .any(|p| file.starts_with(p))
}

/// Converts a .docx held in memory.
pub fn convert(bytes: &[u8], limits: &Limits) -> Result<Converted, String> {
    let lang = limits.lang;
    let damaged =
        |e: &dyn std::fmt::Display| tr!(lang, "tệp .docx hỏng ({e})", "damaged .docx file ({e})");
    let unwritable = |name: &str, e: &dyn std::fmt::Display| {
        tr!(
            lang,
            "không ghi được {name}: {e}",
            "cannot write {name}: {e}"
        )
    };
    let mut zip = super::docx::open_zip(bytes, limits)?;
    let mut budget = limits.max_uncompressed;
    let mut read_part = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, i: usize| {
        let mut entry = zip.by_index(i).map_err(|e| damaged(&e))?;
        if entry.encrypted() {
            return Err(lang
                .pick(
                    "tệp .docx được mã hóa bằng mật khẩu",
                    "the .docx file is encrypted with a password",
                )
                .to_string());
        }
        if entry.size() > budget {
            let mb = limits.max_uncompressed / 1_000_000;
            return Err(tr!(
                lang,
                "tệp .docx giải nén vượt quá {mb} MB, không đọc tiếp",
                "the .docx file unpacks to more than {mb} MB, reading stopped"
            ));
        }
        let mut out = Vec::with_capacity(entry.size() as usize);
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                tr!(
                    lang,
                    "tệp .docx hỏng (mục {i}: {e})",
                    "damaged .docx file (entry {i}: {e})"
                )
            })?;
        budget = budget.saturating_sub(out.len() as u64);
        Ok(out)
    };
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| damaged(&e))?;
    let index_of = |name: &str| names.iter().position(|n| n == name);
    let styles_xml = match index_of("word/styles.xml") {
        Some(i) => Some(read_part(&mut zip, i)?),
        None => None,
    };
    let styles = match &styles_xml {
        Some(x) => Styles::parse(x).map_err(|e| format!("styles.xml: {}", e.in_lang(lang)))?,
        None => Styles::default(),
    };

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut converted = Converted::default();
    // The text limit holds for the text of every part together, as when the .docx is read.
    let mut text_left = limits.max_text;
    for (i, name) in names.iter().enumerate() {
        let rewrite =
            is_story_part(name) || name == "word/styles.xml" || name == "word/fontTable.xml";
        if !rewrite {
            let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
            out.raw_copy_file(entry).map_err(|e| unwritable(name, &e))?;
            continue;
        }
        let xml = match (&**name, &styles_xml) {
            ("word/styles.xml", Some(x)) => x.clone(),
            _ => read_part(&mut zip, i)?,
        };
        let mut rewriter = Rewriter {
            styles: &styles,
            story: is_story_part(name),
            font_table: name == "word/fontTable.xml",
            paras: Vec::new(),
            runs: Vec::new(),
            rpr_depth: None,
            text: None,
            depth: 0,
            next_para: 0,
            collected: Vec::new(),
            replacements: None,
            decoded_texts: 0,
            renamed_fonts: 0,
            text_left,
            limits,
        };
        let new = rewriter.rewrite(&xml).map_err(|e| format!("{name}: {e}"))?;
        text_left = rewriter.text_left;
        converted.decoded_texts += rewriter.decoded_texts;
        converted.renamed_fonts += rewriter.renamed_fonts;
        out.start_file(&**name, options)
            .and_then(|()| out.write_all(&new).map_err(Into::into))
            .map_err(|e| unwritable(name, &e))?;
    }
    converted.bytes = out
        .finish()
        .map_err(|e| unwritable(".docx", &e))?
        .into_inner();
    Ok(converted)
}

/// A run being written: its own properties and character style.
struct OpenRun {
    props: RunProps,
    style: Option<String>,
    /// Depth of the `w:r` element.
    depth: usize,
}

struct Rewriter<'a> {
    styles: &'a Styles,
    /// A part with paragraphs and runs (else only fonts are renamed).
    story: bool,
    font_table: bool,
    /// Open paragraphs: their style, depth and number.
    paras: Vec<(Option<String>, usize, usize)>,
    runs: Vec<OpenRun>,
    /// Depth of the current run's `w:rPr`, while inside it.
    rpr_depth: Option<usize>,
    /// The text of the `w:t` / `w:delText` being read, with its depth.
    text: Option<(String, usize)>,
    depth: usize,
    /// Paragraphs are numbered as they open, so that texts group by paragraph.
    next_para: usize,
    /// First pass: every text element with its paragraph and legacy family.
    collected: Vec<(usize, Option<LegacyFont>, String)>,
    /// Second pass: the text to write for each text element, in order.
    replacements: Option<std::vec::IntoIter<String>>,
    decoded_texts: usize,
    renamed_fonts: usize,
    /// Text bytes the whole document may still hold ([`Limits::max_text`]).
    text_left: u64,
    limits: &'a Limits,
}

impl Rewriter<'_> {
    /// Two passes over the part: the first collects the text elements and their fonts, the
    /// second writes the part with each text decoded — decoded with its neighbours in the same
    /// paragraph and font, since Word may split a VNI letter and its tone mark across runs.
    fn rewrite(&mut self, xml: &[u8]) -> Result<Vec<u8>, String> {
        self.pass(xml)?;
        let collected = std::mem::take(&mut self.collected);
        let mut texts = Vec::with_capacity(collected.len());
        let mut i = 0;
        while i < collected.len() {
            let (para, family, _) = &collected[i];
            let mut j = i + 1;
            while j < collected.len() && collected[j].0 == *para && collected[j].1 == *family {
                j += 1;
            }
            let group: Vec<&str> = collected[i..j].iter().map(|c| c.2.as_str()).collect();
            let decoded = match family {
                Some(f) => decode_group(&group, |t| decode(t, *f)),
                None => decode_group(&group, repair_unicode),
            };
            self.decoded_texts += group
                .iter()
                .zip(&decoded)
                .filter(|(a, b)| **a != b.as_str())
                .count();
            texts.extend(decoded);
            i = j;
        }
        self.replacements = Some(texts.into_iter());
        *self = Rewriter {
            styles: self.styles,
            story: self.story,
            font_table: self.font_table,
            paras: Vec::new(),
            runs: Vec::new(),
            rpr_depth: None,
            text: None,
            depth: 0,
            next_para: 0,
            collected: Vec::new(),
            replacements: self.replacements.take(),
            decoded_texts: self.decoded_texts,
            renamed_fonts: 0,
            text_left: self.text_left,
            limits: self.limits,
        };
        self.pass(xml)
    }

    fn pass(&mut self, xml: &[u8]) -> Result<Vec<u8>, String> {
        let mut reader = Reader::from_reader(xml);
        let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 8));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| format!("XML hỏng: {e}"))?;
            let event = match event {
                Event::Eof => break,
                Event::Start(e) => {
                    if self.depth >= MAX_DEPTH {
                        return Err(format!("XML lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)"));
                    }
                    self.depth += 1;
                    let e = self.start(e);
                    Event::Start(e)
                }
                Event::Empty(e) => {
                    self.depth += 1;
                    let e = self.start(e);
                    // An empty `<w:t/>` has no text to decode.
                    if self.text.as_ref().is_some_and(|t| t.1 == self.depth) {
                        self.text = None;
                    }
                    self.end(e.name().as_ref());
                    self.depth -= 1;
                    Event::Empty(e)
                }
                Event::End(e) => {
                    if let Some((text, depth)) = self.text.take() {
                        if depth == self.depth {
                            match self.replacements.as_mut() {
                                None => {
                                    let len = text.len() as u64;
                                    if len > self.text_left {
                                        return Err(super::text_too_large(self.limits));
                                    }
                                    self.text_left -= len;
                                    let entry = (self.para_number(), self.family(), text);
                                    self.collected.push(entry);
                                }
                                Some(texts) => {
                                    let new = texts.next().unwrap_or(text);
                                    writer
                                        .write_event(Event::Text(BytesText::new(&new)))
                                        .map_err(|e| format!("không ghi được XML: {e}"))?;
                                }
                            }
                        } else {
                            self.text = Some((text, depth));
                        }
                    }
                    self.end(e.name().as_ref());
                    self.depth = self.depth.saturating_sub(1);
                    Event::End(e)
                }
                Event::Text(t) if self.text.is_some() => {
                    let s = t.xml10_content();
                    if let Some((text, _)) = self.text.as_mut() {
                        text.push_str(&s);
                    }
                    continue;
                }
                Event::CData(t) if self.text.is_some() => {
                    let s = t.xml10_content();
                    if let Some((text, _)) = self.text.as_mut() {
                        text.push_str(&s);
                    }
                    continue;
                }
                Event::GeneralRef(r) if self.text.is_some() => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let (Some(c), Some((text, _))) = (c, self.text.as_mut()) {
                        text.push(c);
                    }
                    continue;
                }
                other => other,
            };
            writer
                .write_event(event)
                .map_err(|e| format!("không ghi được XML: {e}"))?;
        }
        Ok(writer.into_inner())
    }

    /// Tracks paragraphs, runs and their properties; renames legacy fonts in the tag.
    fn start<'e>(&mut self, e: BytesStart<'e>) -> BytesStart<'e> {
        let name = e.name().as_ref().to_string();
        let attrs = Attrs::of(&e);
        if self.story {
            match name.as_str() {
                "w:p" => {
                    self.paras.push((None, self.depth, self.next_para));
                    self.next_para += 1;
                }
                "w:pStyle" => {
                    if let Some(p) = self.paras.last_mut() {
                        p.0 = attrs.get("val");
                    }
                }
                "w:r" => self.runs.push(OpenRun {
                    props: RunProps::default(),
                    style: None,
                    depth: self.depth,
                }),
                "w:rPr" if self.runs.last().is_some_and(|r| r.depth + 1 == self.depth) => {
                    self.rpr_depth = Some(self.depth);
                }
                "w:t" | "w:delText" if !self.runs.is_empty() => {
                    self.text = Some((String::new(), self.depth));
                }
                _ if self.rpr_depth.is_some() => {
                    if let Some(run) = self.runs.last_mut() {
                        if name == "w:rStyle" {
                            run.style = attrs.get("val");
                        } else {
                            run.props.apply(&name, &attrs);
                        }
                    }
                }
                _ => {}
            }
        }
        match name.as_str() {
            "w:rFonts" => self.rename(e, &["ascii", "hAnsi", "cs", "eastAsia"]),
            "w:font" if self.font_table => self.rename(e, &["name"]),
            _ => e,
        }
    }

    fn end(&mut self, name: &str) {
        if !self.story {
            return;
        }
        match name {
            "w:p" if self.paras.last().is_some_and(|p| p.1 == self.depth) => {
                self.paras.pop();
            }
            "w:r" if self.runs.last().is_some_and(|r| r.depth == self.depth) => {
                self.runs.pop();
                self.rpr_depth = None;
            }
            "w:rPr" if self.rpr_depth == Some(self.depth) => self.rpr_depth = None,
            _ => {}
        }
    }

    fn para_number(&self) -> usize {
        self.paras.last().map_or(usize::MAX, |p| p.2)
    }

    /// The legacy family of the current run: its font, its character style's, its paragraph
    /// style's, the document defaults' — the .docx reader's resolution.
    fn family(&self) -> Option<LegacyFont> {
        let run = self.runs.last()?;
        let pstyle = self
            .paras
            .last()
            .and_then(|p| p.0.as_deref())
            .or(self.styles.default_paragraph.as_deref());
        run.props
            .or(&self.styles.run_props(run.style.as_deref()))
            .or(&self.styles.run_props(pstyle))
            .or(&self.styles.defaults)
            .legacy_family()
    }

    /// The tag with the legacy font names of `keys` replaced by their Unicode counterparts.
    fn rename<'e>(&mut self, e: BytesStart<'e>, keys: &[&str]) -> BytesStart<'e> {
        let attrs: Vec<_> = e.attributes().with_checks(false).flatten().collect();
        let renames: Vec<Option<&'static str>> = attrs
            .iter()
            .map(|a| {
                let local = a.key.local_name();
                if !keys.contains(&local.as_ref()) {
                    return None;
                }
                unicode_font(&a.value)
            })
            .collect();
        if renames.iter().all(Option::is_none) {
            return e;
        }
        let mut new = BytesStart::new(e.name().as_ref().to_string());
        for (a, rename) in attrs.iter().zip(&renames) {
            match rename {
                Some(font) => {
                    self.renamed_fonts += 1;
                    new.push_attribute((a.key.as_ref(), *font));
                }
                None => new.push_attribute(a.clone()),
            }
        }
        new.into_owned()
    }
}

/// The Unicode NFC reading of a legacy-font text, damaged words repaired.
fn decode(text: &str, family: LegacyFont) -> String {
    let unicode: String = decode_legacy_run(text, family).nfc().collect();
    repair_unicode(&unicode)
}

/// Unicode text with the damaged words repaired (legacy bytes read as Windows-1252, UTF-8 read
/// as Windows-1252), as the decode stage repairs them; clean text comes back unchanged.
fn repair_unicode(text: &str) -> String {
    crate::decode::decode_str(text).text
}

/// The texts of consecutive runs in one font family, decoded as one text and cut back into runs:
/// where a cut falls inside a letter (a VNI base letter in one run, its tone mark in the next) or
/// a repaired word, the whole of it goes to the later run.
pub(super) fn decode_group(texts: &[&str], decode: impl Fn(&str) -> String) -> Vec<String> {
    if texts.len() <= 1 {
        return texts.iter().map(|t| decode(t)).collect();
    }
    let whole = texts.concat();
    let joint = decode(&whole);
    if joint == whole {
        return texts.iter().map(|t| t.to_string()).collect();
    }
    let singles: Vec<String> = texts.iter().map(|t| decode(t)).collect();
    if singles.concat() == joint {
        return singles;
    }
    let mut out = Vec::with_capacity(texts.len());
    let mut prefix = String::new();
    let mut taken = 0usize;
    for (k, t) in texts.iter().enumerate() {
        if k + 1 == texts.len() {
            out.push(joint[taken..].to_string());
            break;
        }
        prefix.push_str(t);
        let decoded = decode(&prefix);
        let common: usize = decoded
            .chars()
            .zip(joint.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let end = common.max(taken);
        out.push(joint[taken..end].to_string());
        taken = end;
    }
    out
}
