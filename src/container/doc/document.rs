//! The document: its stories read into paragraphs, then rendered as the .docx reader renders them.

use super::bytes::u32_at;
use super::fib::{
    CLX, Fib, PLCF_BTE_CHPX, PLCF_BTE_PAPX, PLCF_END_REF, PLCF_END_TXT, PLCF_FND_REF, PLCF_FND_TXT,
    STSHF, STTBF_FFN,
};
use super::pieces::pieces;
use super::properties::{Chp, Pap, chpx_entry, fkp_runs, papx_entry};
use super::story::StoryReader;
use super::styles::{Stylesheet, font_names};
use super::{OLE_MAGIC, damaged, encrypted};
use crate::container::docx::flatten_table;
use crate::container::legacy::{LegacyFont, decode_legacy_run};
use crate::container::{Extracted, Limits};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// How a paragraph ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Paragraph,
    Cell,
    /// Text after the last mark of a story.
    None,
}

/// A paragraph as stored: text chunks with their character properties, its mark and properties.
#[derive(Debug, Clone)]
pub(super) struct RawPara {
    pub(super) chunks: Vec<(Chp, String)>,
    pub(super) mark: Mark,
    pub(super) pap: Pap,
}

impl RawPara {
    pub(super) fn new() -> RawPara {
        RawPara {
            chunks: Vec::new(),
            mark: Mark::None,
            pap: Pap::default(),
        }
    }

    pub(super) fn push(&mut self, chp: Chp, c: char) {
        match self.chunks.last_mut() {
            Some((p, t)) if *p == chp => t.push(c),
            _ => self.chunks.push((chp, c.to_string())),
        }
    }

    pub(super) fn push_note_ref(&mut self, mark: String) {
        let chp = Chp {
            note_ref: true,
            ..Chp::default()
        };
        self.chunks.push((chp, mark));
    }
}

pub(super) struct Document {
    pub(super) main: Vec<RawPara>,
    pub(super) footnotes: Vec<Vec<RawPara>>,
    pub(super) endnotes: Vec<Vec<RawPara>>,
    fonts: Vec<String>,
    pub(super) styles: Stylesheet,
}

/// Reads one stream of the compound file whole, under the byte budget.
fn read_stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
    limits: &Limits,
) -> Result<Vec<u8>, String> {
    let lang = limits.lang;
    let mut stream = cfb.open_stream(name).map_err(|e| {
        damaged(
            lang,
            &format!("không mở được luồng {name} ({e})"),
            &format!("the stream {name} cannot be opened ({e})"),
        )
    })?;
    let len = stream.len();
    if len > *budget {
        let mb = limits.max_uncompressed / 1_000_000;
        return Err(crate::tr!(
            lang,
            "tệp .doc bất thường: các luồng vượt quá {mb} MB, không đọc tiếp",
            "abnormal .doc file: its streams exceed {mb} MB, reading stopped"
        ));
    }
    *budget -= len;
    let mut out = Vec::with_capacity(len as usize);
    stream.read_to_end(&mut out).map_err(|e| {
        damaged(
            lang,
            &format!("luồng {name} không đọc hết được ({e})"),
            &format!("the stream {name} cannot be read to its end ({e})"),
        )
    })?;
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
    pub(super) fn parse(bytes: &[u8], limits: &Limits) -> Result<Document, String> {
        let lang = limits.lang;
        if !bytes.starts_with(OLE_MAGIC) {
            if bytes.starts_with(b"PK") {
                return Err(lang
                    .pick(
                        "tệp .doc thực ra là .docx (cấu trúc ZIP): hãy đổi đuôi thành .docx",
                        "the .doc file is really a .docx (ZIP structure): rename it to .docx",
                    )
                    .to_string());
            }
            if bytes.starts_with(b"{\\rtf") {
                return Err(lang
                    .pick(
                        "tệp .doc thực ra là RTF: chưa đọc được định dạng này",
                        "the .doc file is really RTF: a format not read yet",
                    )
                    .to_string());
            }
            return Err(lang
                .pick(
                    "không phải tệp .doc Word 97–2003 (không có cấu trúc OLE)",
                    "not a Word 97–2003 .doc file (no OLE structure)",
                )
                .to_string());
        }
        let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
            damaged(
                lang,
                &format!("cấu trúc OLE không đọc được ({e}); tệp bị cắt cụt?"),
                &format!("its OLE structure cannot be read ({e}); is the file truncated?"),
            )
        })?;
        if !cfb.is_stream("WordDocument") {
            return Err(lang
                .pick(
                    "tệp OLE không phải văn bản Word (không có luồng WordDocument): có thể là .xls \
                     hoặc .ppt đổi tên",
                    "the OLE file is not a Word document (no WordDocument stream): maybe a renamed \
                     .xls or .ppt",
                )
                .to_string());
        }
        if cfb.is_stream("EncryptionInfo") {
            return Err(encrypted(lang));
        }
        let mut budget = limits.max_uncompressed;
        let word = read_stream(&mut cfb, "WordDocument", &mut budget, limits)?;
        let fib = Fib::parse(&word, lang)?;
        let table_name = if fib.which_table { "1Table" } else { "0Table" };
        if !cfb.is_stream(table_name) {
            return Err(damaged(
                lang,
                &format!("thiếu luồng {table_name}"),
                &format!("the stream {table_name} is missing"),
            ));
        }
        let table = read_stream(&mut cfb, table_name, &mut budget, limits)?;
        let clx = fib.part(&table, CLX).ok_or_else(|| {
            damaged(
                lang,
                "không có bảng mảnh văn bản (CLX)",
                "no piece table (CLX)",
            )
        })?;
        let pieces = pieces(clx, word.len(), lang)?;
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
    pub(super) fn render(&self) -> Extracted {
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
    pub(super) fn run_format(&self, p: &RawPara, chp: &Chp) -> RunFormat {
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

/// The Unicode text of each chunk of a paragraph: neighbouring chunks in one legacy family are
/// decoded together and cut back ([`crate::container::unicode_docx::decode_group`]).
pub(super) fn decoded_chunks(p: &RawPara, formats: &[RunFormat]) -> Vec<String> {
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
            Some(f) if !p.chunks[i].0.note_ref => {
                out.extend(crate::container::unicode_docx::decode_group(&group, |t| {
                    decode_legacy_run(t, f)
                }))
            }
            _ => out.extend(group.iter().map(|t| t.to_string())),
        }
        i = j;
    }
    out
}

/// A run's effective formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RunFormat {
    pub(super) font: Option<String>,
    family: Option<LegacyFont>,
    pub(super) caps: bool,
    pub(super) hidden: bool,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) half_points: Option<u16>,
}

/// A story as blocks: paragraphs, and tables as rows of cells of paragraphs.
pub(super) enum Block<'a> {
    Para(&'a RawPara),
    Table(Vec<Vec<Vec<&'a RawPara>>>),
}

/// Groups a story's paragraphs into blocks: cell marks end cells, `fTtp` paragraphs end rows;
/// nested tables stay paragraphs of their outer cell.
pub(super) fn blocks<'a>(paras: &'a [RawPara]) -> Vec<Block<'a>> {
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
pub(super) fn note_mark(n: usize, roman: bool) -> String {
    if roman {
        crate::container::numbering::roman(u32::try_from(n).unwrap_or(u32::MAX)).to_lowercase()
    } else {
        n.to_string()
    }
}
