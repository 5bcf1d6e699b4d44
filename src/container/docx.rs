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

use super::legacy::{LegacyFont, decode_legacy_run};
use super::numbering::{Counters, Numbering};
use super::xml::{self, Attrs, Ev, XmlError};
use super::{Extracted, Limits};
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

/// Cells of a table row are joined with this (a column gap for `segment::cells`).
pub const CELL_GAP: &str = "     ";

/// Opens a .docx's ZIP, within the entry limit: the first step of reading and of rewriting one.
pub(super) fn open_zip<'a>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, String> {
    if !bytes.starts_with(b"PK") {
        return Err("không phải tệp .docx (không có cấu trúc ZIP)".to_string());
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("tệp .docx hỏng (ZIP không đọc được: {e})"))?;
    if zip.len() > limits.max_entries {
        return Err(format!(
            "tệp .docx bất thường: {} mục trong ZIP (giới hạn {})",
            zip.len(),
            limits.max_entries
        ));
    }
    Ok(zip)
}

/// Reads a .docx held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "tệp .docx được bảo vệ bằng mật khẩu (mã hóa), hoặc là tệp .doc Word 97–2003 \
                    đổi tên: không đọc được; hãy lưu lại thành .docx không mật khẩu"
                .to_string(),
        );
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
        Some(x) => Styles::parse(&x).map_err(|e| format!("styles.xml: {e}"))?,
        None => Styles::default(),
    };
    let numbering = match archive.read_small(&part("numbering.xml"))? {
        Some(x) => Numbering::parse(&x).map_err(|e| format!("numbering.xml: {e}"))?,
        None => Numbering::default(),
    };

    let mut body = Parser::new(&styles, &numbering, Mode::Body);
    body.text_left = limits.max_text;
    body.limits = Some(limits);
    archive.stream(&main, |r| xml::walk_reader(r, |ev| body.event(ev)))?;
    let Some(()) = body.done else {
        return Err(format!("{main} không có nội dung (thiếu w:body)"));
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
            Err(e) if e.starts_with(MISSING) => {}
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

const MISSING: &str = "thiếu phần ";

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
                super::numbering::roman(u32::try_from(n).unwrap_or(u32::MAX)).to_lowercase()
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

struct Archive<'a, 'z> {
    zip: &'a mut zip::ZipArchive<Cursor<&'z [u8]>>,
    budget: &'a Cell<u64>,
    limits: &'a Limits,
}

impl Archive<'_, '_> {
    /// Streams one part through `f` under the byte budget.
    fn stream<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn std::io::BufRead) -> Result<T, XmlError>,
    ) -> Result<T, String> {
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Err(format!("{MISSING}{name}")),
            Err(zip::result::ZipError::UnsupportedArchive(m)) => {
                return Err(format!("tệp .docx dùng định dạng ZIP không hỗ trợ ({m})"));
            }
            Err(e) => return Err(format!("tệp .docx hỏng ({name}: {e})")),
        };
        if entry.encrypted() {
            return Err("tệp .docx được mã hóa bằng mật khẩu".to_string());
        }
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        if declared > self.budget.get() {
            return Err(bomb(self.limits));
        }
        if declared > 1_000_000 && declared / compressed > self.limits.max_ratio {
            return Err(format!(
                "tệp .docx bất thường: phần {name} nén {}:1 (giới hạn {}:1), có thể là zip bomb",
                declared / compressed,
                self.limits.max_ratio
            ));
        }
        let limited = Limited {
            inner: entry,
            budget: self.budget,
            exceeded: false,
        };
        let mut reader = BufReader::new(limited);
        let result = f(&mut reader);
        if reader.get_ref().exceeded {
            return Err(bomb(self.limits));
        }
        result.map_err(|e| format!("{name}: {e}"))
    }

    /// A small part read whole (rels, styles, numbering), or `None` when absent.
    fn read_small(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        match self.stream(name, |r| {
            let mut v = Vec::new();
            r.read_to_end(&mut v)
                .map_err(|e| XmlError(format!("không đọc được: {e}")))?;
            Ok(v)
        }) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.starts_with(MISSING) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn bomb(limits: &Limits) -> String {
    format!(
        "tệp .docx giải nén vượt quá {} MB: có thể là zip bomb, không đọc tiếp",
        limits.max_uncompressed / 1_000_000
    )
}

/// A reader that fails once the shared byte budget is spent.
struct Limited<'a, R> {
    inner: R,
    budget: &'a Cell<u64>,
    exceeded: bool,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let left = self.budget.get();
        if n as u64 > left {
            self.exceeded = true;
            self.budget.set(0);
            return Err(std::io::Error::other("byte budget exceeded"));
        }
        self.budget.set(left - n as u64);
        Ok(n)
    }
}

/// The main document part named in `_rels/.rels`.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut target = None;
    xml::walk(rels, |ev| {
        if let Ev::Start(name, attrs) = ev
            && name.ends_with("Relationship")
            && attrs
                .get("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
            && target.is_none()
        {
            target = attrs.get("Target");
        }
        Ok(())
    })
    .ok()?;
    target.map(|t| t.trim_start_matches('/').to_string())
}

// ------------------------------------------------------------------------------------- styles

#[derive(Debug, Clone, Default)]
pub(super) struct RunProps {
    ascii: Option<String>,
    hansi: Option<String>,
    caps: Option<bool>,
    vanish: Option<bool>,
}

impl RunProps {
    pub(super) fn apply(&mut self, name: &str, attrs: &Attrs) {
        match name {
            "w:rFonts" => {
                if attrs.get("asciiTheme").is_some() {
                    self.ascii = Some(String::new());
                }
                if attrs.get("hAnsiTheme").is_some() {
                    self.hansi = Some(String::new());
                }
                if let Some(f) = attrs.get("ascii") {
                    self.ascii = Some(f);
                }
                if let Some(f) = attrs.get("hAnsi") {
                    self.hansi = Some(f);
                }
            }
            "w:caps" => self.caps = Some(attrs.get_bool_default_true("val")),
            "w:vanish" => self.vanish = Some(attrs.get_bool_default_true("val")),
            _ => {}
        }
    }

    /// The legacy family of the font that draws the text (hAnsi, else ascii), if legacy.
    pub(super) fn legacy_family(&self) -> Option<LegacyFont> {
        let font = self
            .hansi
            .as_deref()
            .filter(|f| !f.is_empty())
            .or(self.ascii.as_deref());
        font.and_then(LegacyFont::from_font_name)
    }

    /// `self` with unset fields taken from `base`.
    pub(super) fn or(&self, base: &RunProps) -> RunProps {
        RunProps {
            ascii: self.ascii.clone().or_else(|| base.ascii.clone()),
            hansi: self.hansi.clone().or_else(|| base.hansi.clone()),
            caps: self.caps.or(base.caps),
            vanish: self.vanish.or(base.vanish),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    run: RunProps,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// `word/styles.xml`: run properties and numbering carried by styles.
#[derive(Debug, Clone, Default)]
pub(super) struct Styles {
    map: HashMap<String, StyleDef>,
    pub(super) default_paragraph: Option<String>,
    pub(super) defaults: RunProps,
}

impl Styles {
    pub(super) fn parse(bytes: &[u8]) -> Result<Styles, XmlError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_defaults = false;
        let mut in_rpr_change = 0usize;
        xml::walk(bytes, |ev| {
            match ev {
                Ev::Start(name, attrs) => {
                    if name == "w:rPrChange" || name == "w:pPrChange" {
                        in_rpr_change += 1;
                    }
                    if in_rpr_change > 0 {
                        return Ok(());
                    }
                    match name {
                        "w:rPrDefault" => in_defaults = true,
                        "w:style" => {
                            let id = attrs.get("styleId").unwrap_or_default();
                            if attrs.get("type").as_deref() == Some("paragraph")
                                && attrs.get_bool_default_true("default")
                                && attrs.get("default").is_some()
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, StyleDef::default()));
                        }
                        _ => {
                            if in_defaults {
                                styles.defaults.apply(name, attrs);
                            } else if let Some((_, def)) = current.as_mut() {
                                match name {
                                    "w:basedOn" => def.based_on = attrs.get("val"),
                                    "w:numId" => def.num_id = attrs.get("val"),
                                    "w:ilvl" => def.ilvl = attrs.get_usize("val"),
                                    _ => def.run.apply(name, attrs),
                                }
                            }
                        }
                    }
                }
                Ev::End(name) => match name {
                    "w:rPrChange" | "w:pPrChange" => {
                        in_rpr_change = in_rpr_change.saturating_sub(1)
                    }
                    "w:rPrDefault" => in_defaults = false,
                    "w:style" => {
                        if let Some((id, def)) = current.take() {
                            styles.map.insert(id, def);
                        }
                    }
                    _ => {}
                },
                Ev::Text(_) => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The style chain from `id` up through `w:basedOn` (bounded, cycles cut).
    fn chain(&self, id: Option<&str>) -> Vec<&StyleDef> {
        let mut out = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            let Some(def) = self.map.get(id) else { break };
            if out.len() >= 32 || out.iter().any(|d: &&StyleDef| std::ptr::eq(*d, def)) {
                break;
            }
            out.push(def);
            next = def.based_on.as_deref();
        }
        out
    }

    pub(super) fn run_props(&self, id: Option<&str>) -> RunProps {
        let mut props = RunProps::default();
        for def in self.chain(id) {
            props = props.or(&def.run);
        }
        props
    }

    fn numbering(&self, id: Option<&str>) -> (Option<String>, Option<usize>) {
        let mut num = None;
        let mut ilvl = None;
        for def in self.chain(id) {
            num = num.or_else(|| def.num_id.clone());
            ilvl = ilvl.or(def.ilvl);
        }
        (num, ilvl)
    }
}

// ------------------------------------------------------------------------------------- parser

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
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
    num_id: Option<String>,
    ilvl: Option<usize>,
}

impl Para {
    fn push(&mut self, style: TextStyle, text: &str) {
        match self.chunks.last_mut() {
            Some((s, t)) if *s == style => t.push_str(text),
            _ => self.chunks.push((style, text.to_string())),
        }
    }
}

type Lines = Vec<String>;

struct Parser<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    mode: Mode,
    /// Output blocks: the body (or the current note) and the table cells being read.
    blocks: Vec<Lines>,
    /// Tables being read: rows of cells of lines.
    tables: Vec<Vec<Vec<Lines>>>,
    paras: Vec<Para>,
    /// Inside `w:pPr` of the current paragraph.
    in_ppr: bool,
    /// The current run's own properties and character style, when inside `w:r`.
    run: Option<(RunProps, Option<String>)>,
    in_rpr: bool,
    in_text: bool,
    /// Depth inside a skipped subtree.
    skip: usize,
    done: Option<()>,
    footnote_order: Vec<String>,
    endnote_order: Vec<String>,
    notes: HashMap<String, Lines>,
    note_id: Option<String>,
    legacy_runs: HashMap<LegacyFont, usize>,
    /// Text bytes this part may still produce ([`Limits::max_text`]).
    text_left: u64,
    limits: Option<&'a Limits>,
}

impl<'a> Parser<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering, mode: Mode) -> Self {
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

    fn event(&mut self, ev: Ev<'_>) -> Result<(), XmlError> {
        match ev {
            Ev::Start(name, attrs) => self.start(name, attrs),
            Ev::End(name) => self.end(name),
            Ev::Text(t) => {
                if self.skip == 0 && self.in_text {
                    let n = t.len() as u64;
                    if n > self.text_left {
                        let limits = self.limits.cloned().unwrap_or_default();
                        return Err(XmlError(super::text_too_large(&limits)));
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
                    return Err(XmlError("bảng lồng nhau quá sâu".to_string()));
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
                    return Err(XmlError("đoạn văn lồng nhau quá sâu".to_string()));
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

    fn out(&mut self) -> &mut Lines {
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

/// A table's rows as lines: each row's cells side by side, their lines zipped.
pub(super) fn flatten_table(rows: Vec<Vec<Lines>>) -> Lines {
    let mut out = Vec::new();
    for row in rows {
        let cells: Vec<Lines> = row
            .into_iter()
            .map(|c| {
                let mut c: Lines = c.into_iter().map(|l| l.trim().to_string()).collect();
                while c.last().is_some_and(|l| l.is_empty()) {
                    c.pop();
                }
                c
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        if cells.len() <= 1 {
            out.extend(cells.into_iter().flatten());
            continue;
        }
        for i in 0..height {
            let parts: Vec<&str> = cells
                .iter()
                .map(|c| c.get(i).map_or("", String::as_str))
                .collect();
            // Leading empty cells keep a gap so the text stays in its column.
            let mut line = String::new();
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    line.push_str(CELL_GAP);
                }
                line.push_str(part);
            }
            let line = line.trim_end().to_string();
            out.push(line);
        }
        if height == 0 {
            out.push(String::new());
        }
    }
    out
}
