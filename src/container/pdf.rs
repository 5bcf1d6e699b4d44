//! PDF with a text layer: the text in reading order, one line per text line, pages tracked.
//!
//! `pdf-extract` (over `lopdf`) interprets the content streams and maps glyphs to Unicode through
//! the fonts' ToUnicode maps and encodings; we collect every glyph with its position and rebuild the
//! lines ourselves: glyphs on one baseline form a line, sorted left to right; a gap wider than two
//! glyph heights becomes a column gap (a run of spaces, like the header columns of the .txt files),
//! a smaller one a space. Lines are ordered top to bottom on each page.
//!
//! Before interpretation every Flate-compressed stream is inflated by us under the byte budget, so a
//! decompression bomb stops at the limit instead of exhausting memory. A PDF whose pages carry no
//! text (a scan) is an error saying so, not an empty pass.

use super::{Extracted, Limits};
use crate::lang::Lang;
use crate::tr;
use pdf_extract::{Dictionary, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// Reads a PDF held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    let lang = limits.lang;
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(lang
            .pick(
                "không phải tệp PDF (thiếu phần đầu %PDF-)",
                "not a PDF file (no %PDF- header)",
            )
            .to_string());
    }
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        let m = e.to_string();
        if m.to_lowercase().contains("decrypt") || m.to_lowercase().contains("password") {
            tr!(
                lang,
                "PDF được mã hóa bằng mật khẩu, không đọc được ({m})",
                "the PDF is encrypted with a password and cannot be read ({m})"
            )
        } else {
            tr!(
                lang,
                "PDF hỏng hoặc bị cắt cụt, không đọc được ({m})",
                "the PDF is damaged or truncated and cannot be read ({m})"
            )
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(lang
            .pick(
                "PDF được mã hóa bằng mật khẩu, không đọc được",
                "the PDF is encrypted with a password and cannot be read",
            )
            .to_string());
    }
    inflate_streams(&mut doc, limits)?;
    check_form_nesting(&doc, lang)?;
    let page_ids = doc.get_pages();
    let pages = page_ids.len();
    if pages == 0 {
        return Err(lang
            .pick("PDF không có trang nào", "the PDF has no pages")
            .to_string());
    }
    // Interpretation time is bounded by the content it reads: pages may share one stream, so
    // count it once per page.
    let content: u64 = page_ids
        .values()
        .map(|&id| page_content_len(&doc, id))
        .sum();
    if content > MAX_CONTENT {
        let (mb, max) = (content / 1_000_000, MAX_CONTENT / 1_000_000);
        return Err(tr!(
            lang,
            "PDF bất thường: {pages} trang với tổng nội dung {mb} MB, vượt giới hạn {max} MB",
            "abnormal PDF: {pages} pages with {mb} MB of content in all, over the limit of {max} MB"
        ));
    }
    let mut out = Layout {
        text_left: limits.max_text,
        ..Layout::default()
    };
    if let Err(e) = pdf_extract::output_doc(&doc, &mut out) {
        if out.text_exceeded {
            return Err(super::text_too_large(limits));
        }
        if out.total >= MAX_GLYPHS {
            return Err(tr!(
                lang,
                "PDF bất thường: hơn {MAX_GLYPHS} ký tự, không đọc tiếp",
                "abnormal PDF: more than {MAX_GLYPHS} characters, reading stopped"
            ));
        }
        let why = describe(&e);
        return Err(tr!(
            lang,
            "PDF không trích được văn bản ({why})",
            "no text could be extracted from the PDF ({why})"
        ));
    }
    out.finish_page();
    let visible = out
        .lines
        .iter()
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum::<usize>();
    if visible == 0 {
        return Err(tr!(
            lang,
            "PDF không có lớp văn bản (bản quét): {pages} trang chỉ có hình ảnh, không có chữ để \
             kiểm tra; cần nhận dạng ký tự (OCR) hoặc gửi bản .docx/.pdf gốc",
            "the PDF has no text layer (a scan): {pages} pages of images only, no text to check; \
             it needs character recognition (OCR), or send the original .docx/.pdf"
        ));
    }
    let (labels, lines) = reflow(out.lines)
        .into_iter()
        .map(|l| (format!("trang {}", l.page), l.text))
        .unzip();
    Ok(Extracted {
        lines,
        labels,
        legacy_fonts: Vec::new(),
    })
}

/// Content read by the interpreter over all pages, at most.
const MAX_CONTENT: u64 = 500_000_000;
/// Glyphs read over all pages, at most.
const MAX_GLYPHS: usize = 20_000_000;

/// The length of a page's content streams.
fn page_content_len(doc: &pdf_extract::Document, page: pdf_extract::ObjectId) -> u64 {
    use pdf_extract::Object;
    let Ok(dict) = doc.get_dictionary(page) else {
        return 0;
    };
    let Ok(contents) = dict.get(b"Contents") else {
        return 0;
    };
    let refs: Vec<pdf_extract::ObjectId> = match contents {
        Object::Reference(id) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            _ => vec![*id],
        },
        Object::Array(a) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    };
    refs.iter()
        .filter_map(|id| match doc.get_object(*id) {
            Ok(Object::Stream(s)) => Some(s.content.len() as u64),
            _ => None,
        })
        .sum()
}

fn describe(e: &OutputError) -> String {
    match e {
        OutputError::FormatError(e) => e.to_string(),
        OutputError::IoError(e) => e.to_string(),
        OutputError::PdfError(e) => e.to_string(),
    }
}

/// Inflates every plain Flate stream under the budget (a bomb stops at the limit).
fn inflate_streams(doc: &mut pdf_extract::Document, limits: &Limits) -> Result<(), String> {
    let mut left = limits.max_uncompressed;
    for object in doc.objects.values_mut() {
        let pdf_extract::Object::Stream(stream) = object else {
            continue;
        };
        let flate = matches!(stream.filters().as_deref(), Ok([b"FlateDecode"]));
        if !flate || stream.dict.has(b"DecodeParms") {
            continue;
        }
        let mut data = Vec::new();
        let mut dec = flate2::read::ZlibDecoder::new(&stream.content[..]).take(left + 1);
        if dec.read_to_end(&mut data).is_err() && data.is_empty() {
            // Leave a stream we cannot inflate to the interpreter (it reports or skips it).
            continue;
        }
        if data.len() as u64 > left {
            let mb = limits.max_uncompressed / 1_000_000;
            return Err(tr!(
                limits.lang,
                "PDF giải nén vượt quá {mb} MB: có thể là bom giải nén, không đọc tiếp",
                "the PDF unpacks to more than {mb} MB: maybe a decompression bomb, reading stopped"
            ));
        }
        left -= data.len() as u64;
        stream.set_plain_content(data);
    }
    Ok(())
}

/// Deepest nesting of form XObjects accepted.
const MAX_FORM_DEPTH: usize = 24;

/// Rejects form XObjects that draw themselves (directly or through others) or nest too deep: the
/// interpreter follows `Do` recursively without a guard, and a cycle would overflow the stack, which
/// no `catch_unwind` can catch. A form without its own resources may use any XObject dictionary of
/// the file (the page's it is drawn from), so those edges are over-approximated.
fn check_form_nesting(doc: &pdf_extract::Document, lang: Lang) -> Result<(), String> {
    check_form_graph(&form_graph(doc), lang)
}

/// An XObject name and the object it names.
type NamedXObjects = Vec<(Vec<u8>, ObjectId)>;

/// Which forms each form draws: form → the forms its `Do` operators may reach.
type FormGraph = HashMap<ObjectId, Vec<ObjectId>>;

/// A form XObject as scanned: the names it draws, and its own XObject names if it has resources.
struct FormUse {
    id: ObjectId,
    drawn: Vec<Vec<u8>>,
    own: Option<NamedXObjects>,
}

/// The object itself, a reference followed once.
fn deref(doc: &pdf_extract::Document, o: &Object) -> Option<Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    }
}

/// The entries of a dictionary's `XObject` dictionary that are references.
fn xobjects_of(doc: &pdf_extract::Document, resources: &Dictionary) -> NamedXObjects {
    let Ok(x) = resources.get(b"XObject") else {
        return Vec::new();
    };
    let Some(Object::Dictionary(x)) = deref(doc, x) else {
        return Vec::new();
    };
    x.iter()
        .filter_map(|(k, v)| v.as_reference().ok().map(|id| (k.clone(), id)))
        .collect()
}

/// A dictionary's `Resources` dictionary, a reference followed.
fn resources_of(doc: &pdf_extract::Document, dict: &Dictionary) -> Option<Dictionary> {
    match deref(doc, dict.get(b"Resources").ok()?)? {
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// Whether a stream is a form XObject.
fn is_form(stream: &pdf_extract::Stream) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(|o| o.as_name())
        .is_ok_and(|n| n == b"Form")
}

/// The XObject names a content stream draws (`Do` operands); none if it does not decode.
fn drawn_names(content: &[u8]) -> Vec<Vec<u8>> {
    pdf_extract::content::Content::decode(content)
        .map(|c| {
            c.operations
                .into_iter()
                .filter(|op| op.operator == "Do")
                .filter_map(|op| {
                    op.operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Every XObject name → its targets anywhere in the file (for forms that inherit their
/// resources), and every form with what it draws.
fn scan_objects(
    doc: &pdf_extract::Document,
) -> (HashMap<Vec<u8>, HashSet<ObjectId>>, Vec<FormUse>) {
    let mut anywhere: HashMap<Vec<u8>, HashSet<ObjectId>> = HashMap::new();
    let mut forms = Vec::new();
    for (&id, object) in &doc.objects {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let resources = resources_of(doc, dict).map(|r| xobjects_of(doc, &r));
        for (k, target) in xobjects_of(doc, dict)
            .into_iter()
            .chain(resources.unwrap_or_default())
        {
            anywhere.entry(k).or_default().insert(target);
        }
        if let Object::Stream(stream) = object
            && is_form(stream)
        {
            forms.push(FormUse {
                id,
                drawn: drawn_names(&stream.content),
                own: resources_of(doc, &stream.dict).map(|r| xobjects_of(doc, &r)),
            });
        }
    }
    (anywhere, forms)
}

/// The forms each form may draw: its drawn names looked up in its own resources, or anywhere in
/// the file if it has none; targets that are not forms dropped.
fn form_graph(doc: &pdf_extract::Document) -> FormGraph {
    let (anywhere, forms) = scan_objects(doc);
    let ids: HashSet<ObjectId> = forms.iter().map(|f| f.id).collect();
    forms
        .into_iter()
        .map(|form| {
            let mut targets = Vec::new();
            for name in &form.drawn {
                match &form.own {
                    Some(own) => {
                        targets.extend(own.iter().filter(|(k, _)| k == name).map(|(_, t)| *t))
                    }
                    None => targets.extend(anywhere.get(name).into_iter().flatten().copied()),
                }
            }
            targets.retain(|t| ids.contains(t));
            (form.id, targets)
        })
        .collect()
}

/// Iterative depth-first search: a cycle, or a chain of forms deeper than the limit (the longest
/// path, computed when a form is finished), is rejected.
fn check_form_graph(forms: &FormGraph, lang: Lang) -> Result<(), String> {
    let mut on_stack: HashSet<ObjectId> = HashSet::new();
    let mut depth: HashMap<ObjectId, usize> = HashMap::new();
    for &start in forms.keys() {
        if depth.contains_key(&start) {
            continue;
        }
        let mut stack: Vec<(ObjectId, usize)> = vec![(start, 0)];
        on_stack.insert(start);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edges = forms.get(&node).map_or(&[][..], Vec::as_slice);
            if let Some(&child) = edges.get(*next) {
                *next += 1;
                if on_stack.contains(&child) {
                    return Err(lang
                        .pick(
                            "PDF hỏng: một XObject tự vẽ lại chính nó (vòng lặp), không đọc tiếp",
                            "damaged PDF: an XObject draws itself (a loop), reading stopped",
                        )
                        .to_string());
                }
                if !depth.contains_key(&child) {
                    on_stack.insert(child);
                    stack.push((child, 0));
                }
            } else {
                let d = 1 + edges
                    .iter()
                    .filter_map(|c| depth.get(c))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if d > MAX_FORM_DEPTH {
                    return Err(tr!(
                        lang,
                        "PDF bất thường: XObject lồng nhau quá {MAX_FORM_DEPTH} cấp",
                        "abnormal PDF: XObjects nested more than {MAX_FORM_DEPTH} levels deep"
                    ));
                }
                depth.insert(node, d);
                on_stack.remove(&node);
                stack.pop();
            }
        }
    }
    Ok(())
}

/// One glyph on a page: position (top-down y), advance end, size, text.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

/// Collects glyphs and rebuilds lines per page.
#[derive(Default)]
struct Layout {
    /// Glyphs seen over all pages.
    total: usize,
    /// Text bytes still allowed ([`Limits::max_text`]); set when exceeded, to stop the reader.
    text_left: u64,
    text_exceeded: bool,
    page: u32,
    page_width: f64,
    flip: Option<Transform>,
    glyphs: Vec<Glyph>,
    lines: Vec<TextLine>,
}

/// A rebuilt text line with its geometry.
#[derive(Debug, Clone)]
struct TextLine {
    page: u32,
    text: String,
    x0: f64,
    x1: f64,
    size: f64,
    /// Width of the page's media box.
    page_width: f64,
}

/// Glyphs kept per page at most (a hostile content stream cannot grow memory without bound).
const MAX_GLYPHS_PER_PAGE: usize = 2_000_000;

impl Layout {
    fn finish_page(&mut self) {
        let mut glyphs = std::mem::take(&mut self.glyphs);
        if glyphs.is_empty() {
            return;
        }
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Group into lines: a glyph joins the current line when its baseline is within half the
        // line's glyph height.
        let mut lines: Vec<Vec<Glyph>> = Vec::new();
        for g in glyphs {
            match lines.last_mut() {
                Some(line)
                    if (line[0].y - g.y).abs() <= 0.5 * line[0].size.max(g.size).max(1.0) =>
                {
                    line.push(g)
                }
                _ => lines.push(vec![g]),
            }
        }
        for mut line in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut last_end: Option<f64> = None;
            for g in &line {
                if let Some(end) = last_end {
                    let gap = g.x - end;
                    let size = g.size.max(1.0);
                    if gap > 2.0 * size && is_marker(text.trim()) {
                        // "I.", "1.", "a)", "-" before the text's tab stop: one space.
                        if !text.ends_with(' ') {
                            text.push(' ');
                        }
                    } else if gap > 2.0 * size {
                        text.push_str(super::docx::CELL_GAP);
                    } else if gap > 0.15 * size && !text.ends_with(' ') && g.text != " " {
                        text.push(' ');
                    }
                }
                if !(g.text == " " && text.ends_with(' ')) {
                    text.push_str(&g.text);
                }
                last_end = Some(last_end.map_or(g.end, |e: f64| e.max(g.end)));
            }
            let text = text.trim_end().to_string();
            let x0 = line.first().map_or(0.0, |g| g.x);
            let x1 = last_end.unwrap_or(x0);
            let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
            self.lines.push(TextLine {
                page: self.page,
                text,
                x0,
                x1,
                size,
                page_width: self.page_width,
            });
        }
    }
}

impl OutputDev for Layout {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        self.page = page_num;
        self.page_width = (media_box.urx - media_box.llx).abs();
        self.flip = Some(Transform::row_major(
            1.,
            0.,
            0.,
            -1.,
            0.,
            media_box.ury - media_box.lly,
        ));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.total += 1;
        if self.total >= MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        if self.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return Ok(());
        }
        let position = match &self.flip {
            Some(flip) => trm.post_transform(flip),
            None => *trm,
        };
        let v = trm.transform_vector(euclid_vec(font_size));
        let size = (v.x * v.y).abs().sqrt();
        let (x, y) = (position.m31, position.m32);
        if !x.is_finite() || !y.is_finite() || !size.is_finite() {
            return Ok(());
        }
        let text: String = char.chars().filter(|c| !c.is_control()).collect();
        if text.len() as u64 > self.text_left {
            self.text_exceeded = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.text_left -= text.len() as u64;
        if text.is_empty() {
            return Ok(());
        }
        self.glyphs.push(Glyph {
            x,
            y,
            end: x + width * size,
            size,
            text,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A list marker: "I.", "12.", "1.2.", "a)", "-", "+", "•".
fn is_marker(s: &str) -> bool {
    let roman = |t: &str| !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let numeric = |t: &str| {
        !t.is_empty()
            && t.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    match s {
        "-" | "+" | "•" | "–" | "*" => true,
        _ => {
            if let Some(t) = s.strip_suffix('.') {
                roman(t) || numeric(t)
            } else if let Some(t) = s.strip_suffix(')') {
                let mut cs = t.chars();
                matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic() && c.is_lowercase())
                    || numeric(t)
            } else {
                false
            }
        }
    }
}

/// Whether a line starts with a list marker followed by text.
fn starts_with_marker(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(is_marker)
}

/// Joins the lines of each paragraph: a line that runs to the right margin continues on the next
/// line (of the same page or the top of the next) when that one starts at the left margin, is not a list item and neither is
/// a line of columns. So a sentence wrapped by the layout is one line again, as in the .txt files and
/// the .docx reading (a PDF's visual lines would cut phrases like "Ủy ban nhân | dân" in two).
fn reflow(lines: Vec<TextLine>) -> Vec<TextLine> {
    // Margins per page.
    let mut margins: std::collections::HashMap<u32, (f64, f64)> = std::collections::HashMap::new();
    for l in &lines {
        if l.text.trim().is_empty() {
            continue;
        }
        let m = margins.entry(l.page).or_insert((l.x0, l.x1));
        m.0 = m.0.min(l.x0);
        m.1 = m.1.max(l.x1);
    }
    let mut out: Vec<TextLine> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let (left, right) = margins.get(&line.page).copied().unwrap_or((0.0, 0.0));
            let size = prev.size.max(line.size).max(1.0);
            // Full: ends near the right margin, and spans half the page (so that the margin is one).
            let prev_full =
                prev.x1 >= right - 6.0 * size && prev.x1 - left >= 0.5 * prev.page_width;
            let at_left = line.x0 <= left + 1.0 * size;
            let columns = |t: &str| t.contains(super::docx::CELL_GAP);
            let ends_sentence = prev.text.trim_end().ends_with(['.', ':', ';', '!', '?']);
            let starts_lower = line.text.chars().next().is_some_and(char::is_lowercase);
            // A paragraph may also continue at the top of the next page.
            let same_flow = prev.page == line.page || prev.page + 1 == line.page;
            let prev_right = margins.get(&prev.page).map_or(right, |m| m.1);
            let prev_full = prev_full && prev.x1 >= prev_right - 6.0 * size;
            if same_flow
                && prev_full
                && at_left
                && !line.text.trim().is_empty()
                && !starts_with_marker(&line.text)
                && !columns(&prev.text)
                && !columns(&line.text)
                && (!ends_sentence || starts_lower)
            {
                prev.text.push(' ');
                prev.text.push_str(line.text.trim_start());
                prev.x1 = line.x1;
                continue;
            }
        }
        out.push(line);
    }
    out
}

fn euclid_vec(s: f64) -> euclid::Vector2D<f64, pdf_extract::Space> {
    euclid::vec2(s, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of `n` forms, each drawing the next.
    fn chain(n: u32) -> FormGraph {
        (1..=n)
            .map(|i| ((i, 0), if i < n { vec![(i + 1, 0)] } else { vec![] }))
            .collect()
    }

    #[test]
    fn form_chains_up_to_the_limit_pass_and_deeper_ones_fail() {
        let limit = u32::try_from(MAX_FORM_DEPTH).unwrap();
        assert_eq!(check_form_graph(&chain(limit), Lang::Vi), Ok(()));
        assert_eq!(
            check_form_graph(&chain(limit + 1), Lang::Vi),
            Err(format!(
                "PDF bất thường: XObject lồng nhau quá {MAX_FORM_DEPTH} cấp"
            ))
        );
    }

    #[test]
    fn a_form_that_draws_itself_through_another_fails() {
        let mut forms = chain(3);
        forms.insert((3, 0), vec![(1, 0)]);
        let err = check_form_graph(&forms, Lang::Vi).unwrap_err();
        assert!(err.contains("vòng lặp"), "{err}");
        // Two forms drawing the same form is sharing, not a cycle.
        let shared: FormGraph = [
            ((1, 0), vec![(3, 0)]),
            ((2, 0), vec![(3, 0)]),
            ((3, 0), vec![]),
        ]
        .into_iter()
        .collect();
        assert_eq!(check_form_graph(&shared, Lang::Vi), Ok(()));
    }
}
