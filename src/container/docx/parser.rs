//! The XML of `word/document.xml` (and the notes) turned into lines: paragraphs, runs, fields,
//! revisions, text boxes, tables, note references.

use super::NoteKind;
use super::styles::{RunProps, Styles};
use super::tables::{Lines, flatten_table};
use crate::container::Limits;
use crate::container::legacy::{LegacyFont, decode_legacy_run};
use crate::container::numbering::{Counters, Numbering};
use crate::container::xml::{Attrs, Ev, XmlError};
use crate::lang::Lang;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Body,
    Notes,
}

/// How a piece of run text is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextStyle {
    family: Option<LegacyFont>,
    upper: bool,
}

const UNICODE: TextStyle = TextStyle {
    family: None,
    upper: false,
};

#[derive(Default)]
struct Para {
    chunks: Vec<(TextStyle, String)>,
    style: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
}

impl Para {
    pub(super) fn push(&mut self, style: TextStyle, text: &str) {
        match self.chunks.last_mut() {
            Some((s, t)) if *s == style => t.push_str(text),
            _ => self.chunks.push((style, text.to_string())),
        }
    }
}

pub(super) struct Parser<'a> {
    pub(super) styles: &'a Styles,
    pub(super) numbering: &'a Numbering,
    counters: Counters,
    mode: Mode,
    /// Output blocks: the body (or the current note) and the table cells being read.
    pub(super) blocks: Vec<Lines>,
    /// Tables being read: rows of cells of lines.
    tables: Vec<Vec<Vec<Lines>>>,
    paras: Vec<Para>,
    /// Inside `w:pPr` of the current paragraph.
    in_ppr: bool,
    /// The current run's own properties and character style, when inside `w:r`.
    pub(super) run: Option<(RunProps, Option<String>)>,
    in_rpr: bool,
    in_text: bool,
    /// Depth inside a skipped subtree.
    skip: usize,
    pub(super) done: Option<()>,
    pub(super) footnote_order: Vec<String>,
    pub(super) endnote_order: Vec<String>,
    pub(super) notes: HashMap<String, Lines>,
    note_id: Option<String>,
    pub(super) legacy_runs: HashMap<LegacyFont, usize>,
    /// Text bytes this part may still produce ([`Limits::max_text`]).
    pub(super) text_left: u64,
    pub(super) limits: Option<&'a Limits>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(styles: &'a Styles, numbering: &'a Numbering, mode: Mode) -> Self {
        Parser {
            styles,
            numbering,
            counters: Counters::default(),
            mode,
            blocks: vec![Vec::new()],
            tables: Vec::new(),
            paras: Vec::new(),
            in_ppr: false,
            run: None,
            in_rpr: false,
            in_text: false,
            skip: 0,
            done: None,
            footnote_order: Vec::new(),
            endnote_order: Vec::new(),
            notes: HashMap::new(),
            note_id: None,
            legacy_runs: HashMap::new(),
            text_left: u64::MAX,
            limits: None,
        }
    }

    pub(super) fn event(&mut self, ev: Ev<'_>) -> Result<(), XmlError> {
        match ev {
            Ev::Start(name, attrs) => self.start(name, attrs),
            Ev::End(name) => self.end(name),
            Ev::Text(t) => {
                if self.skip == 0 && self.in_text {
                    let n = t.len() as u64;
                    if n > self.text_left {
                        let limits = self.limits.cloned().unwrap_or_default();
                        return Err(XmlError::new(
                            crate::container::text_too_large(&Limits {
                                lang: Lang::Vi,
                                ..limits.clone()
                            }),
                            crate::container::text_too_large(&Limits {
                                lang: Lang::En,
                                ..limits
                            }),
                        ));
                    }
                    self.text_left -= n;
                    let t: String = t
                        .chars()
                        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                        .collect();
                    self.push_text(&t);
                }
                Ok(())
            }
        }
    }

    fn start(&mut self, name: &str, attrs: &Attrs) -> Result<(), XmlError> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(());
        }
        if SKIPPED.contains(&name) || (self.in_ppr && name == "w:rPr") {
            self.skip = 1;
            return Ok(());
        }
        match name {
            "w:body" => self.done = Some(()),
            "w:footnote" | "w:endnote" if self.mode == Mode::Notes => {
                let kind = attrs.get("type");
                if matches!(
                    kind.as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) {
                    self.skip = 1;
                    return Ok(());
                }
                self.note_id = attrs.get("id");
                self.blocks.push(Vec::new());
            }
            "w:tbl" => {
                if self.tables.len() >= 32 {
                    return Err(XmlError::new(
                        "bảng lồng nhau quá sâu",
                        "tables nested too deep",
                    ));
                }
                self.tables.push(Vec::new());
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            "w:tc" => self.blocks.push(Vec::new()),
            "w:p" => {
                if self.paras.len() >= 32 {
                    return Err(XmlError::new(
                        "đoạn văn lồng nhau quá sâu",
                        "paragraphs nested too deep",
                    ));
                }
                self.paras.push(Para::default());
                self.in_ppr = false;
            }
            "w:pPr" => self.in_ppr = true,
            "w:pStyle" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attrs.get("val");
                }
            }
            "w:numId" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attrs.get("val");
                }
            }
            "w:ilvl" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = attrs.get_usize("val");
                }
            }
            "w:r" => self.run = Some((RunProps::default(), None)),
            "w:rPr" if self.run.is_some() => self.in_rpr = true,
            _ if self.in_rpr => {
                if let Some((props, rstyle)) = self.run.as_mut() {
                    if name == "w:rStyle" {
                        *rstyle = attrs.get("val");
                    } else {
                        props.apply(name, attrs);
                    }
                }
            }
            "w:t" if self.run.is_some() => self.in_text = true,
            "w:tab" | "w:ptab" if self.run.is_some() && !self.in_ppr => self.push_text("\t"),
            "w:br" | "w:cr" if self.run.is_some() => self.push_text("\n"),
            "w:noBreakHyphen" if self.run.is_some() => self.push_text("-"),
            "w:footnoteReference" | "w:endnoteReference" if self.run.is_some() => {
                if let Some(id) = attrs.get("id") {
                    let (order, kind) = if name == "w:footnoteReference" {
                        (&mut self.footnote_order, NoteKind::Foot)
                    } else {
                        (&mut self.endnote_order, NoteKind::End)
                    };
                    let n = match order.iter().position(|x| *x == id) {
                        Some(i) => i + 1,
                        None => {
                            order.push(id);
                            order.len()
                        }
                    };
                    if let Some(p) = self.paras.last_mut() {
                        p.push(UNICODE, &format!("[{}]", kind.mark(n)));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), XmlError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match name {
            "w:pPr" => self.in_ppr = false,
            "w:rPr" => self.in_rpr = false,
            "w:t" => self.in_text = false,
            "w:r" => {
                self.run = None;
                self.in_rpr = false;
                self.in_text = false;
            }
            "w:p" => {
                if let Some(p) = self.paras.pop() {
                    let lines = self.finish_paragraph(p);
                    self.out().extend(lines);
                }
                self.in_ppr = false;
            }
            "w:tc" if self.blocks.len() > 1 => {
                let cell = self.blocks.pop().unwrap_or_default();
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(cell);
                }
            }
            "w:tbl" => {
                if let Some(rows) = self.tables.pop() {
                    let lines = flatten_table(rows);
                    self.out().extend(lines);
                }
            }
            "w:footnote" | "w:endnote" if self.mode == Mode::Notes && self.blocks.len() > 1 => {
                let lines = self.blocks.pop().unwrap_or_default();
                if let Some(id) = self.note_id.take() {
                    self.notes.insert(id, lines);
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn out(&mut self) -> &mut Lines {
        if self.blocks.is_empty() {
            self.blocks.push(Vec::new());
        }
        let last = self.blocks.len() - 1;
        &mut self.blocks[last]
    }

    fn push_text(&mut self, text: &str) {
        let Some((props, rstyle)) = &self.run else {
            return;
        };
        let Some(para) = self.paras.last() else {
            return;
        };
        let pstyle = para
            .style
            .as_deref()
            .or(self.styles.default_paragraph.as_deref());
        let eff = props
            .or(&self.styles.run_props(rstyle.as_deref()))
            .or(&self.styles.run_props(pstyle))
            .or(&self.styles.defaults);
        if eff.vanish == Some(true) {
            return;
        }
        let family = eff.legacy_family();
        let style = TextStyle {
            family,
            upper: eff.caps == Some(true),
        };
        if let Some(f) = family {
            *self.legacy_runs.entry(f).or_insert(0) += 1;
        }
        if let Some(p) = self.paras.last_mut() {
            p.push(style, text);
        }
    }

    fn finish_paragraph(&mut self, p: Para) -> Lines {
        let mut text = String::new();
        let (style_num, style_ilvl) = self.styles.numbering(p.style.as_deref());
        let num_id = p.num_id.clone().or(style_num);
        if let Some(num_id) = num_id {
            let ilvl = p
                .ilvl
                .or(style_ilvl)
                .or_else(|| {
                    p.style
                        .as_deref()
                        .and_then(|s| self.numbering.level_of_style(&num_id, s))
                })
                .unwrap_or(0);
            if let Some(prefix) = self.numbering.next(&mut self.counters, &num_id, ilvl) {
                text.push_str(&prefix);
            }
        }
        for (style, raw) in &p.chunks {
            let decoded = match style.family {
                Some(f) => decode_legacy_run(raw, f),
                None => raw.clone(),
            };
            if style.upper {
                text.push_str(&decoded.to_uppercase());
            } else {
                text.push_str(&decoded);
            }
        }
        text.split('\n').map(str::to_string).collect()
    }
}

/// Elements whose content the reader does not see.
const SKIPPED: &[&str] = &[
    "mc:Fallback",
    "w:moveFrom",
    "w:del",
    "w:delText",
    "w:instrText",
    "w:rPrChange",
    "w:pPrChange",
    "w:sectPr",
    "w:footnoteRef",
    "w:endnoteRef",
    "w:commentReference",
];
