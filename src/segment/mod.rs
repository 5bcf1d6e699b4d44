//! Stage 2: the document's structure.
//!
//! A plan has a header (issuing agency under its parent, national title and motto, "Số: …", place
//! and date, type and title), legal-basis lines ("Căn cứ …", "Thực hiện …"), a body of numbered
//! sections (I. / 1. / a) / - / +), a closing ("Trên đây là …"), "Nơi nhận" and a signature block.
//!
//! Real files are flattened from two-column Word layouts, so one text line may hold two header cells
//! separated by a run of spaces ("SỞ GD&ĐT BÌNH PHƯỚC      CỘNG HÒA XÃ HỘI …"); [`cells`] splits
//! them. Converters also leave markdown bold (`**`) and break paragraphs in odd places; the
//! classifiers here look through both.

pub mod header;

use crate::date::Date;
use crate::decode::viet;
use crate::source::{SourceFile, Span};
use regex::Regex;
use std::sync::LazyLock;

/// A piece of text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

/// The "Số: 21/KH-THPTLT" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberLine {
    /// The whole cell, from "Số" to the end of the symbol.
    pub span: Span,
    /// The sequence number, absent in "Số: /KH-PGDĐT".
    pub number: Option<Field>,
    /// The part after "/" ("KH-THPTLT").
    pub symbol: Option<Field>,
}

/// "Lộc Ninh, ngày 05 tháng 3 năm 2021".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceDate {
    pub span: Span,
    pub place: Field,
    pub day: Option<Field>,
    pub month: Option<Field>,
    pub year: Option<Field>,
    /// The date, when day, month and year are all there and form a real date.
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub parent_agency: Option<Field>,
    pub agency: Option<Field>,
    pub national_title: Option<Field>,
    pub motto: Option<Field>,
    pub number: Option<NumberLine>,
    pub place_date: Option<PlaceDate>,
    /// "KẾ HOẠCH", as written.
    pub doc_type: Option<Field>,
    pub title: Option<Field>,
}

/// How a body item is numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// "I.", "II." …
    Roman(u32),
    /// "1.", "2.1." … (each component).
    Arabic(Vec<u32>),
    /// "a)", "b)", "đ)" … as its position in the Vietnamese list alphabet (a=1, …, d=4, đ=5).
    Letter(u32),
    /// "-", "+", "•".
    Bullet(char),
}

impl Marker {
    /// The item's ordinal among its siblings, when it is numbered.
    pub fn ordinal(&self) -> Option<u32> {
        match self {
            Marker::Roman(n) | Marker::Letter(n) => Some(*n),
            Marker::Arabic(parts) => parts.last().copied(),
            Marker::Bullet(_) => None,
        }
    }

    /// Nesting level: I. = 1, 1. = 2, 1.1. = 3, a) = 5, bullets below.
    pub fn level(&self) -> u8 {
        match self {
            Marker::Roman(_) => 1,
            Marker::Arabic(parts) => 1 + parts.len().min(3) as u8,
            Marker::Letter(_) => 5,
            Marker::Bullet('+') => 7,
            Marker::Bullet(_) => 6,
        }
    }

    /// Renders an ordinal in this marker's style ("IV", "5", "2.5", "đ").
    pub fn render(&self, ordinal: u32) -> String {
        match self {
            Marker::Roman(_) => to_roman(ordinal),
            Marker::Arabic(parts) => {
                let mut parts = parts.clone();
                if let Some(last) = parts.last_mut() {
                    *last = ordinal;
                }
                parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(".")
            }
            Marker::Letter(_) => letter_of(ordinal).map(String::from).unwrap_or_default(),
            Marker::Bullet(c) => c.to_string(),
        }
    }

    fn kind(&self) -> (u8, usize) {
        match self {
            Marker::Roman(_) => (0, 0),
            Marker::Arabic(parts) => (1, parts.len()),
            Marker::Letter(_) => (2, 0),
            Marker::Bullet(c) => (3, *c as usize),
        }
    }

    /// Whether two markers number the same kind of list (so they can be siblings).
    pub fn same_kind(&self, other: &Marker) -> bool {
        self.kind() == other.kind()
    }
}

/// A numbered or bulleted item of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub marker: Marker,
    /// The marker as written ("6.", "a)").
    pub marker_span: Span,
    /// The rest of the line.
    pub text: Field,
    /// 0-based line.
    pub line: usize,
    /// Index of the enclosing item in [`Structure::items`].
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    /// "KT.", "TM.", "TL.", "TUQ.", "Q."
    pub authority: Option<Field>,
    /// "HIỆU TRƯỞNG", "PHÓ TRƯỞNG PHÒNG" …
    pub titles: Vec<Field>,
    pub signer: Option<Field>,
}

/// The segmented document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    pub header: Header,
    /// The header anchors that were found, with their 0-based lines (evidence for the classifier).
    pub anchors: Vec<(header::AnchorKind, usize)>,
    /// Text before the header: a web page's title, menu and posting time (empty when the header
    /// opens the text, or when there is no header).
    pub preamble: Span,
    /// "Căn cứ …" / "Thực hiện …" lines before the first section.
    pub basis: Vec<Field>,
    pub items: Vec<Item>,
    /// Byte range of the body: after the header, before the closing.
    pub body: Span,
    pub closing: Option<Field>,
    pub recipients_heading: Option<Field>,
    pub recipients: Vec<Field>,
    pub signature: Signature,
}

/// A cell of a line: text between runs of three or more spaces (or tabs), trimmed.
pub fn cells(line: &str, line_start: usize) -> Vec<Field> {
    static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[ \u{a0}]{3,}|\t+").unwrap());
    let mut out = Vec::new();
    let mut push = |from: usize, to: usize| {
        let raw = &line[from..to];
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            let start = line_start + from + lead;
            out.push(Field {
                text: trimmed.to_string(),
                span: Span::new(start, start + trimmed.len()),
            });
        }
    };
    let mut from = 0;
    for gap in GAP.find_iter(line) {
        push(from, gap.start());
        from = gap.end();
    }
    push(from, line.len());
    // An unfilled date ("ngày    tháng    năm 2021") has gaps as wide as a column break; keep it
    // in one cell.
    let mut merged: Vec<Field> = Vec::with_capacity(out.len());
    for cell in out {
        match merged.last_mut() {
            Some(prev)
                if ends_with_date_word(&prev.text) || number_then_gap(&prev.text, &cell.text) =>
            {
                prev.text =
                    line[prev.span.start - line_start..cell.span.end - line_start].to_string();
                prev.span.end = cell.span.end;
            }
            _ => merged.push(cell),
        }
    }
    merged
}

/// "Số:" then a column-wide gap then "278/QĐ-…" (or "/KH-…" with the number left blank): one cell.
fn number_then_gap(prev: &str, next: &str) -> bool {
    let p = prev.trim_end_matches([' ', ':']);
    (p.ends_with("Số") || p.ends_with("SỐ"))
        && next.starts_with(|c: char| c.is_ascii_digit() || "/.…_".contains(c))
}

fn ends_with_date_word(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("").to_lowercase();
    last == "ngày" || last == "tháng"
}

/// Strips markdown emphasis left by converters ("**KT.TRƯỞNG PHÒNG") and returns the byte offset
/// of what remains.
pub(crate) fn strip_emphasis(s: &str) -> (&str, usize) {
    let trimmed = s.trim_start_matches('*');
    let lead = s.len() - trimmed.len();
    (trimmed.trim_end_matches('*').trim_end(), lead)
}

static BASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Căn cứ|Thực hiện|Thi hành|Theo đề nghị)\b").unwrap());
static CLOSING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Trên đây là\b").unwrap());
static RECIPIENTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Nơi nhận\s*:?").unwrap());
static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<mark>KT|TM|TL|TUQ|Q)\s*\.\s*(?P<rest>.*)$").unwrap());
pub(crate) static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<roman>[IVXL]{1,6})\s*[.)]|(?P<arabic>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]|(?P<letter>[a-zđ])\s*\)|(?P<bullet>[-+•–]))\s*",
    )
    .unwrap()
});

/// Vietnamese list letters: no f, j, w, z; đ follows d.
const LIST_LETTERS: [&str; 24] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y", "ư",
];

fn letter_ordinal(s: &str) -> Option<u32> {
    LIST_LETTERS
        .iter()
        .position(|&l| l == s)
        .map(|i| i as u32 + 1)
}

fn letter_of(ordinal: u32) -> Option<&'static str> {
    LIST_LETTERS.get(ordinal.checked_sub(1)? as usize).copied()
}

pub use crate::numerals::{parse_roman, to_roman};

/// Whether a cell is written in capitals (agency names, signature titles): nine letters in
/// ten at least, and three letters or more.
pub(crate) fn is_upper_cell(s: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in s.chars().filter(|&c| viet::is_alphabetic(c)) {
        letters += 1;
        upper += usize::from(viet::is_uppercase(c));
    }
    letters >= 3 && upper * 10 >= letters * 9
}

/// Whether a cell looks like a person's name: 2–6 words, each capitalized, no digits.
fn is_person_name(s: &str) -> bool {
    (2..=6).contains(&s.split_whitespace().take(7).count())
        && !is_upper_cell(s)
        && s.split_whitespace().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(viet::is_uppercase) && chars.all(viet::is_alphabetic)
        })
}

fn field(text: &str, start: usize) -> Field {
    Field {
        text: text.to_string(),
        span: Span::new(start, start + text.len()),
    }
}

/// Segments a decoded document (the [`crate::mask`] view): the header wherever it is
/// ([`header::find`]), then the body, closing, recipients and signature after it.
pub fn segment(source: &SourceFile) -> Structure {
    let found = header::find(source);
    let mut s = Structure {
        header: found.header,
        anchors: found.anchors,
        preamble: Span::new(0, source.line_start(found.first_line)),
        ..Structure::default()
    };
    let lines: Vec<(usize, usize, &str)> = source.lines().collect();
    let body_line = found.body_line;

    // Body, closing, recipients and signature.
    let body_start = source.line_start(body_line);
    let mut body_end = source.text.len();
    let mut stack: Vec<usize> = Vec::new();
    let mut in_body = true;
    let mut seen_section = false;
    for &(idx, start, line) in &lines[body_line.min(lines.len())..] {
        let lead = line.len() - line.trim_start().len();
        let (text, emph) = strip_emphasis(line.trim());
        let text_start = start + lead + emph;
        if text.is_empty() {
            continue;
        }
        if in_body {
            if CLOSING.is_match(text) && seen_section {
                s.closing = Some(field(text, text_start));
                body_end = start;
                in_body = false;
                continue;
            }
            if RECIPIENTS.is_match(text) {
                body_end = start;
                in_body = false;
            } else {
                if !seen_section && BASIS.is_match(text) {
                    s.basis.push(field(text, text_start));
                    continue;
                }
                if let Some(item) = parse_item(text, text_start, idx) {
                    seen_section |= !matches!(item.marker, Marker::Bullet(_));
                    let level = item.marker.level();
                    while stack
                        .last()
                        .is_some_and(|&top| s.items[top].marker.level() >= level)
                    {
                        stack.pop();
                    }
                    let parent = stack.last().copied();
                    s.items.push(Item { parent, ..item });
                    stack.push(s.items.len() - 1);
                }
                continue;
            }
        }
        for cell in cells(line, start) {
            closing_cell(&mut s, &cell);
        }
    }
    s.body = Span::new(body_start.min(body_end), body_end);
    s
}

/// Classifies a cell after the body: recipients, signature marks, titles, the signer's name.
fn closing_cell(s: &mut Structure, cell: &Field) {
    let (text, lead) = strip_emphasis(&cell.text);
    let start = cell.span.start + lead;
    if text.is_empty() {
        return;
    }
    if let Some(m) = RECIPIENTS.find(text) {
        s.recipients_heading = Some(field(m.as_str(), start));
        let rest = text[m.end()..].trim();
        if !rest.is_empty() {
            let offset = text.len() - text[m.end()..].trim_start().len();
            s.recipients.push(field(rest, start + offset));
        }
        return;
    }
    if text.starts_with(['-', '+', '•']) {
        if s.signature.titles.is_empty() && s.signature.authority.is_none() {
            s.recipients.push(field(text, start));
        }
        return;
    }
    if let Some(c) = AUTHORITY.captures(text) {
        let mark = c.name("mark").map_or("", |m| m.as_str());
        s.signature.authority = Some(field(&format!("{mark}."), start));
        if let Some(rest) = c.name("rest").filter(|r| !r.as_str().trim().is_empty()) {
            s.signature
                .titles
                .push(field(rest.as_str().trim(), start + rest.start()));
        }
        return;
    }
    if is_upper_cell(text) {
        s.signature.titles.push(field(text, start));
    } else if is_person_name(text) {
        s.signature.signer = Some(field(text, start));
    }
}

/// Whether a line is a top-level section heading ("I. MỤC ĐÍCH"), which no title runs into.
pub(crate) fn is_section_heading(text: &str) -> bool {
    MARKER.captures(text).is_some_and(|c| {
        c.name("roman")
            .and_then(|r| parse_roman(r.as_str()))
            .is_some()
    })
}

/// Parses a body line's list marker.
fn parse_item(text: &str, text_start: usize, line: usize) -> Option<Item> {
    let c = MARKER.captures(text)?;
    let whole = c.get(0)?;
    let rest = text[whole.end()..].trim_start_matches('*').trim();
    let marker = if let Some(r) = c.name("roman") {
        Marker::Roman(parse_roman(r.as_str())?)
    } else if let Some(a) = c.name("arabic") {
        // "1. Mục đích" but not "1.5 triệu" nor a date; the item needs text after it.
        let first = rest.chars().next()?;
        if first.is_ascii_digit() {
            return None;
        }
        // "1. B. CÁC NHIỆM VỤ", "1. III. Diễn biến": a web page's list number before the
        // document's own marker, which is the item's marker ("A." headings are not numbered).
        let mut letters = rest.chars();
        if let (Some(l), Some('.')) = (letters.next(), letters.next())
            && l.is_ascii_uppercase()
            && letters.next().is_some_and(char::is_whitespace)
            && !"IVXL".contains(l)
        {
            return None;
        }
        if MARKER
            .captures(rest)
            .is_some_and(|inner| inner.name("roman").is_some())
        {
            let offset = text.len() - rest.len();
            return parse_item(rest, text_start + offset, line);
        }
        Marker::Arabic(
            a.as_str()
                .split('.')
                .map(|p| p.parse().ok())
                .collect::<Option<Vec<u32>>>()?,
        )
    } else if let Some(l) = c.name("letter") {
        Marker::Letter(letter_ordinal(l.as_str())?)
    } else {
        let b = c.name("bullet")?.as_str().chars().next()?;
        Marker::Bullet(if b == '–' { '-' } else { b })
    };
    if rest.is_empty() && matches!(marker, Marker::Bullet(_)) {
        return None;
    }
    let marker_text = whole.as_str().trim_end();
    let rest_offset = text.len() - text[whole.end()..].trim_start().len();
    Some(Item {
        marker,
        marker_span: Span::new(text_start, text_start + marker_text.len()),
        text: field(text[rest_offset..].trim_end(), text_start + rest_offset),
        line,
        parent: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> (SourceFile, Structure) {
        let src = SourceFile::new("t", text);
        let s = segment(&src);
        (src, s)
    }

    #[test]
    fn two_column_header_lines_are_split() {
        let text = "SỞ GD&ĐT BÌNH PHƯỚC              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTRƯỜNG THPT LỘC THÁI                            Độc lập – Tự do – Hạnh phúc\n\n    Soá: 21/KH-THPTLT                                    Lộc Ninh, ngày 05 tháng 3 năm 2021.\nKẾ HOẠCH\nV/v phát động phong trào thi đua\nThực hiện Chỉ thị số 13/CT-UBND;\nI. MỤC ĐÍCH\n1. Mục đích\n- Huy động\n";
        let src = SourceFile::new("t", text.replace("Soá", "Số"));
        let s = segment(&src);
        let h = &s.header;
        assert_eq!(
            h.parent_agency.as_ref().unwrap().text,
            "SỞ GD&ĐT BÌNH PHƯỚC"
        );
        assert_eq!(h.agency.as_ref().unwrap().text, "TRƯỜNG THPT LỘC THÁI");
        assert!(h.national_title.is_some() && h.motto.is_some());
        let number = h.number.as_ref().unwrap();
        assert_eq!(number.number.as_ref().unwrap().text, "21");
        assert_eq!(number.symbol.as_ref().unwrap().text, "KH-THPTLT");
        let pd = h.place_date.as_ref().unwrap();
        assert_eq!(pd.place.text, "Lộc Ninh");
        assert_eq!(pd.date, Date::new(2021, 3, 5));
        assert_eq!(h.doc_type.as_ref().unwrap().text, "KẾ HOẠCH");
        assert_eq!(
            h.title.as_ref().unwrap().text,
            "V/v phát động phong trào thi đua"
        );
        assert_eq!(s.basis.len(), 1);
        assert_eq!(s.items.len(), 3);
        assert_eq!(s.items[1].parent, Some(0));
        assert_eq!(s.items[2].parent, Some(1));
    }

    #[test]
    fn empty_number_and_signature_block() {
        let (_, s) = seg(
            "Số: /KH-PGDĐT\n\nThủ Thừa, ngày 31 tháng 5 năm 2021\n\nKẾ HOẠCH\n\nPhát động thi đua\n\nI. MỤC TIÊU\n\n1. Một\n\nTrên đây là kế hoạch./.\n\nNơi nhận:\n\n- Các đơn vị;\n- Lưu: VT.\n\n**KT.TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG**\n\nTrần Thị Kim Nhãn",
        );
        let number = s.header.number.as_ref().unwrap();
        assert!(number.number.is_none());
        assert_eq!(number.symbol.as_ref().unwrap().text, "KH-PGDĐT");
        assert!(s.closing.is_some());
        assert_eq!(s.recipients.len(), 2);
        assert_eq!(s.signature.authority.as_ref().unwrap().text, "KT.");
        let titles: Vec<&str> = s.signature.titles.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(titles, ["TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]);
        assert_eq!(
            s.signature.signer.as_ref().unwrap().text,
            "Trần Thị Kim Nhãn"
        );
    }

    #[test]
    fn markers() {
        assert_eq!(parse_roman("IV"), Some(4));
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(to_roman(9), "IX");
        let item = parse_item("đ) Nội dung", 0, 0).unwrap();
        assert_eq!(item.marker, Marker::Letter(5));
        assert_eq!(item.marker.render(6), "e");
        assert!(parse_item("1.5 triệu đồng", 0, 0).is_none());
        let item = parse_item("2.1. Mục tiêu", 0, 0).unwrap();
        assert_eq!(item.marker, Marker::Arabic(vec![2, 1]));
        assert_eq!(item.marker.render(3), "2.3");
    }
}
