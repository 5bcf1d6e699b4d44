//! The header, wherever it is.
//!
//! Real text does not start with the header: a web page puts its title, menu, breadcrumb and
//! posting time above it; a document viewer adds "Trang 1***"; a PDF flattens the two-column header
//! table onto one line; a web page splits its cells over several lines ("Số:" on one line and
//! "122/KH-UBND" on the next, "Hà" then "Nội, ngày …"). So the header is found by what every
//! administrative document has — the national title and motto, "Số …", the place and date, the type
//! line — searched anywhere in the first part of the text and in any order, then gathered as the
//! tightest cluster of those anchors. The agency lines are the capitals around that cluster before
//! the type line; the title follows the type line.

use super::{Field, Header, NumberLine, PlaceDate, cells, strip_emphasis};
use crate::date::Date;
use crate::source::{SourceFile, Span};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How far the header is looked for: this many non-blank lines, or this many bytes.
const WINDOW_LINES: usize = 60;
const WINDOW_BYTES: usize = 12 * 1024;
/// The anchors of one header lie within this many lines of each other.
const CLUSTER_LINES: usize = 16;

/// What a header anchor is, for the document classifier's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnchorKind {
    NationalTitle,
    Motto,
    Number,
    PlaceDate,
    DocType,
}

/// The header as found, with the lines it spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundHeader {
    pub header: Header,
    /// The anchors that decided it: (kind, 0-based line).
    pub anchors: Vec<(AnchorKind, usize)>,
    /// 0-based first line of the header (after any preamble); 0 when there is no header.
    pub first_line: usize,
    /// 0-based line where the body starts.
    pub body_line: usize,
}

/// The national title; "NGHIA" for "NGHĨA" as lossy text has it.
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGH(?:ĨA|IA)\s+VIỆT\s+NAM")
        .expect("valid regex")
});
/// The motto; "Độc lập - Tự - Hạnh phúc" too: a search index's text drops short words ("do",
/// "cứ", "quả").
static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)Độc\s+lập\s*[-–—]+\s*Tự(?:\s+do)?\s*[-–—]+\s*Hạnh\s+phúc")
        .expect("valid regex")
});
/// "Số: 21/KH-THPTLT", "Số 10-KH/LĐ", "Số  15 – KH/ ĐT", "Số: /KH-PGDĐT", "Số: ……/QĐ-X", "Số:".
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s(])(?P<kw>Số|SỐ)(?P<colon>[ \t]*:)?[ \t]*(?P<num>[0-9]{1,5})?[ \t]*[.…_]*[ \t]*(?:(?P<sep>[/–—-])[ \t]*(?P<sym>(?:[0-9]{4}[ \t]*/[ \t]*)?[A-ZĐ][\p{L}0-9&.]*(?:[ \t]*[-–—/&][ \t]*[\p{Lu}0-9][\p{L}0-9&.]*)*))?",
    )
    .expect("valid regex")
});
/// ", ngày 05 tháng 3 năm 2021" (the place is read backwards from the comma).
static DATE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<comma>,[ \t]*)?ngày[ \t]*(?P<d>[0-9]{1,2})?[ \t.…_]*tháng[ \t]*(?P<m>[0-9]{1,2})?[ \t.…_]*năm[ \t]*(?P<y>[0-9]{4})?",
    )
    .expect("valid regex")
});
static DOC_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|THÔNG BÁO|BÁO CÁO|HƯỚNG DẪN|TỜ TRÌNH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|ĐỀ ÁN|PHƯƠNG ÁN|QUY CHẾ|QUY ĐỊNH|GIẤY MỜI|BIÊN BẢN|CÔNG VĂN|THÔNG CÁO|KẾT LUẬN|CÔNG ĐIỆN|GIẤY GIỚI THIỆU|THƯ MỜI|ĐIỀU LỆ|DỰ ÁN)(?:$|[\s.:“\x22(])",
    )
    .expect("valid regex")
});
/// The deciding authority under a Quyết định's title ("HIỆU TRƯỞNG TRƯỜNG …", "CHỦ TỊCH ỦY BAN …").
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:HIỆU TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG PHÒNG|TRƯỞNG BAN|BỘ TRƯỞNG|THỦ TRƯỞNG|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG)\b")
        .expect("valid regex")
});
/// "Tác giả:", "Kính gửi:": a label line, which no title runs into.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:năm học\s*:)|^(\p{Lu}[\p{L} ]{1,20}:)").expect("valid regex")
});
/// Lines that start the body: legal basis, an opening formula.
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Căn cứ|Thực hiện|Thi hành|Theo đề nghị|Kính gửi)\b").expect("valid regex")
});

/// One recognised piece of a header cell.
#[derive(Debug, Clone)]
enum Piece {
    /// Text that is no anchor: agency names, noise.
    Plain(Field),
    National(Field),
    Motto(Field),
    Number(NumberLine),
    PlaceDate(PlaceDate),
    /// The type word, and the title when it follows on the same line.
    DocType(Field, Option<Field>),
}

impl Piece {
    fn anchor(&self) -> Option<AnchorKind> {
        Some(match self {
            Piece::Plain(_) => return None,
            Piece::National(_) => AnchorKind::NationalTitle,
            Piece::Motto(_) => AnchorKind::Motto,
            Piece::Number(_) => AnchorKind::Number,
            Piece::PlaceDate(_) => AnchorKind::PlaceDate,
            Piece::DocType(..) => AnchorKind::DocType,
        })
    }
}

fn field(text: &str, start: usize) -> Field {
    Field {
        text: text.to_string(),
        span: Span::new(start, start + text.len()),
    }
}

/// Collapses runs of whitespace to one space, and drops the joiners the mask put in "&amp;".
fn squeeze(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{34f}', "")
}

/// Finds the header of `source` (the analysis view).
pub fn find(source: &SourceFile) -> FoundHeader {
    let window_end = window_end(source);
    let joined = join_split_cells(&source.text[..source.line_start(window_end)]);
    let mut pieces: Vec<(usize, Piece)> = Vec::new();
    for (_, start, line) in lines_of(&joined, window_end) {
        let (trimmed, _) = strip_emphasis(line.trim());
        if trimmed.is_empty() || BODY_START.is_match(trimmed) {
            continue;
        }
        for cell in cells(line, start) {
            for piece in cell_pieces(&cell) {
                pieces.push((source.line_index(piece_start(&piece)), piece));
            }
        }
    }
    // Distances are counted in non-blank lines: web text puts blank-looking lines between cells.
    let mut rank = Vec::with_capacity(window_end);
    let mut non_blank = 0;
    for (_, _, line) in source.lines().take(window_end) {
        rank.push(non_blank);
        if !strip_emphasis(line.trim()).0.is_empty() {
            non_blank += 1;
        }
    }
    let rank_of = |line: usize| rank.get(line).copied().unwrap_or(non_blank);
    let Some((from, to)) =
        best_cluster(&pieces, &rank_of).or_else(|| type_line_on_top(source, &pieces))
    else {
        return FoundHeader::default();
    };
    assemble(source, &pieces, from, to, &rank_of)
}

/// The line after the last line of the search window.
fn window_end(source: &SourceFile) -> usize {
    let mut non_blank = 0;
    for (idx, start, line) in source.lines() {
        if start > WINDOW_BYTES || non_blank >= WINDOW_LINES {
            return idx;
        }
        if !line.trim().is_empty() {
            non_blank += 1;
        }
    }
    source.line_count()
}

/// Lines of a window text as (index, byte offset, text).
fn lines_of(text: &str, max: usize) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (idx, line) in text.split('\n').enumerate().take(max) {
        out.push((idx, start, line));
        start += line.len() + 1;
    }
    out
}

/// A copy of the window where the line breaks inside one header cell are spaces (same bytes, so
/// offsets hold): "Số:" followed by its number on a later line, a place name broken before its
/// last word ("Hà" / "Nội, ngày …").
fn join_split_cells(window: &str) -> Cow<'_, str> {
    static NUMBER_ALONE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(?:Số|SỐ)[ \t]*:?[ \t]*$").expect("valid regex"));
    static NUMBER_NEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[ \t]*[0-9./…_]").expect("valid regex"));
    static PLACE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[ \t]{3,}|\t)\p{Lu}\p{Ll}*[ \t]*$").expect("valid regex")
    });
    static PLACE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[ \t]*\p{Lu}?\p{Ll}+(?:[ \t]+\p{L}+){0,2}[ \t]*,[ \t]*(?i:ngày)")
            .expect("valid regex")
    });
    // "Kon Tum, ngày 11" / "tháng 11 năm 2019"; "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM".
    static DATE_CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),[ \t]*ngày[ \t]*[0-9]{0,2}[ \t]*(?:tháng[ \t]*[0-9]{0,2}[ \t]*)?$")
            .expect("valid regex")
    });
    static DATE_REST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^[ \t]*(?:tháng|năm)\b").expect("valid regex"));
    static NATIONAL_CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)CỘNG[ \t]+H(?:ÒA|OÀ)(?:[ \t]+XÃ[ \t]+HỘI)?[ \t]*$").expect("valid regex")
    });
    static NATIONAL_REST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[ \t]*(?:XÃ[ \t]+HỘI[ \t]+)?CHỦ[ \t]+NGHĨA").expect("valid regex")
    });
    let mut joined: Option<Vec<u8>> = None;
    let lines = lines_of(window, usize::MAX);
    for (k, &(_, start, line)) in lines.iter().enumerate() {
        let Some(next) = lines[k + 1..].iter().find(|l| !l.2.trim().is_empty()) else {
            continue;
        };
        let adjacent = next.0 == k + 1;
        let joins = (NUMBER_ALONE.is_match(line) && NUMBER_NEXT.is_match(next.2))
            || (PLACE_HEAD.is_match(line) && PLACE_TAIL.is_match(next.2) && adjacent)
            || (DATE_CUT.is_match(line) && DATE_REST.is_match(next.2) && adjacent)
            || (NATIONAL_CUT.is_match(line) && NATIONAL_REST.is_match(next.2) && adjacent);
        if joins {
            let bytes = joined.get_or_insert_with(|| window.as_bytes().to_vec());
            for b in &mut bytes[start + line.len()..next.1] {
                if *b == b'\n' {
                    *b = b' ';
                }
            }
        }
    }
    // Only ASCII newlines became ASCII spaces, so the bytes are still UTF-8.
    match joined {
        None => Cow::Borrowed(window),
        Some(bytes) => Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| window.to_string())),
    }
}

fn piece_start(p: &Piece) -> usize {
    match p {
        Piece::Plain(f) | Piece::National(f) | Piece::Motto(f) | Piece::DocType(f, _) => {
            f.span.start
        }
        Piece::Number(n) => n.span.start,
        Piece::PlaceDate(pd) => pd.span.start,
    }
}

/// Splits one cell into anchors and the plain text between them.
fn cell_pieces(cell: &Field) -> Vec<Piece> {
    let mut out = Vec::new();
    let text = cell.text.as_str();
    let base = cell.span.start;
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let lead = rest.len() - rest.trim_start().len();
        let rest_trimmed = &rest[lead..];
        // The type line is only a type line at the start of what is left of the cell.
        if let Some(m) = DOC_TYPE.find(rest_trimmed) {
            let word_end = m
                .as_str()
                .trim_end_matches([' ', '\t', '.', ':', '“', '"', '('])
                .len();
            let at = base + pos + lead;
            let ty = field(&rest_trimmed[..word_end], at);
            let after = &rest_trimmed[word_end..];
            let after_trim = after.trim_start_matches([' ', '\t', ':', '.']);
            let title = (!after_trim.trim().is_empty()).then(|| {
                let off = word_end + (after.len() - after_trim.len());
                field(after_trim.trim_end(), at + off)
            });
            out.push(Piece::DocType(ty, title));
            break;
        }
        let next = [
            NATIONAL.find(rest).map(|m| (m.start(), m.end(), 0)),
            MOTTO.find(rest).map(|m| (m.start(), m.end(), 1)),
            number_match(rest).map(|(s, e, _)| (s, e, 2)),
            place_date_match(rest).map(|(s, e, _)| (s, e, 3)),
        ]
        .into_iter()
        .flatten()
        .min_by_key(|&(s, _, kind)| (s, kind));
        let Some((s, e, kind)) = next else {
            push_plain(&mut out, rest, base + pos);
            break;
        };
        push_plain(&mut out, &rest[..s], base + pos);
        let at = base + pos + s;
        let piece = &rest[s..e];
        out.push(match kind {
            0 => Piece::National(field(piece, at)),
            1 => Piece::Motto(field(piece, at)),
            2 => match number_match(piece) {
                Some((_, _, n)) => Piece::Number(n.offset(at)),
                None => Piece::Plain(field(piece, at)),
            },
            _ => match place_date_match(piece) {
                Some((_, _, pd)) => Piece::PlaceDate(pd.offset(at)),
                None => Piece::Plain(field(piece, at)),
            },
        });
        pos += e.max(s + 1);
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

fn push_plain(out: &mut Vec<Piece>, text: &str, start: usize) {
    let edge = |c: char| c.is_whitespace() || "*-–—_=~.,;:|".contains(c);
    let from_lead = text.trim_start_matches(edge);
    let trimmed = from_lead.trim_end_matches(edge);
    if trimmed.chars().any(char::is_alphanumeric) {
        let lead = text.len() - from_lead.len();
        out.push(Piece::Plain(field(trimmed, start + lead)));
    }
}

trait Offset {
    fn offset(self, by: usize) -> Self;
}

impl Offset for Field {
    fn offset(self, by: usize) -> Self {
        Field {
            text: self.text,
            span: self.span.offset(by),
        }
    }
}

impl Offset for NumberLine {
    fn offset(self, by: usize) -> Self {
        NumberLine {
            span: self.span.offset(by),
            number: self.number.map(|f| f.offset(by)),
            symbol: self.symbol.map(|f| f.offset(by)),
        }
    }
}

impl Offset for PlaceDate {
    fn offset(self, by: usize) -> Self {
        PlaceDate {
            span: self.span.offset(by),
            place: self.place.offset(by),
            day: self.day.map(|f| f.offset(by)),
            month: self.month.map(|f| f.offset(by)),
            year: self.year.map(|f| f.offset(by)),
            date: self.date,
        }
    }
}

/// The first "Số …" line in `text`: (start, end, the line with spans relative to `text`).
fn number_match(text: &str) -> Option<(usize, usize, NumberLine)> {
    for c in NUMBER.captures_iter(text) {
        let kw = c.name("kw")?;
        let num = c.name("num");
        let sym = c.name("sym");
        // Without a colon, "Số" is an ordinary word unless a number and a symbol follow.
        if c.name("colon").is_none() && (num.is_none() || sym.is_none()) {
            continue;
        }
        // "Số: 2 học sinh": a number with no symbol and more words after it is no number line.
        if sym.is_none()
            && num.is_some()
            && text[c.get(0)?.end()..]
                .trim_start()
                .starts_with(|ch: char| ch.is_alphabetic())
        {
            continue;
        }
        let start = kw.start();
        let symbol = sym.map(|s| {
            let raw = s.as_str().trim_end_matches(['.', ',', ';']);
            Field {
                text: raw.chars().filter(|c| !c.is_whitespace()).collect(),
                span: Span::new(s.start(), s.start() + raw.len()),
            }
        });
        let whole_end = c.get(0)?.end();
        let end = symbol
            .as_ref()
            .map_or_else(|| num.map_or(whole_end, |n| n.end()), |s| s.span.end);
        let end = text[..end].trim_end().len().max(kw.end());
        return Some((
            start,
            end,
            NumberLine {
                span: Span::new(start, end),
                number: num.map(|n| field(n.as_str(), n.start())),
                symbol,
            },
        ));
    }
    None
}

/// The first place-and-date in `text`: "Lộc Ninh, ngày 05 tháng 3 năm 2021" (or the date part
/// alone at the start of a cell, when the place is missing).
fn place_date_match(text: &str) -> Option<(usize, usize, PlaceDate)> {
    for c in DATE_PART.captures_iter(text) {
        let whole = c.get(0)?;
        let place = if c.name("comma").is_some() {
            place_before(&text[..whole.start()])
        } else {
            None
        };
        let at_cell_start = text[..whole.start()].trim().is_empty();
        let place = match place {
            Some(p) => p,
            None if at_cell_start => field("", whole.start()),
            None => continue,
        };
        let get = |name| c.name(name).map(|m| field(m.as_str(), m.start()));
        let (day, month, year) = (get("d"), get("m"), get("y"));
        // A bare "ngày tháng năm" with nothing filled is a form label, not a header date, unless a
        // place names it.
        if place.text.is_empty() && day.is_none() && month.is_none() && year.is_none() {
            continue;
        }
        let num = |f: &Option<Field>| f.as_ref().and_then(|f| f.text.parse::<u32>().ok());
        let date = match (num(&day), num(&month), num(&year)) {
            (Some(d), Some(m), Some(y)) => Date::new(y as i32, m, d),
            _ => None,
        };
        let start = if place.text.is_empty() {
            whole.start() + c.name("comma").map_or(0, |m| m.len())
        } else {
            place.span.start
        };
        let end = text[..whole.end()].trim_end().len();
        return Some((
            start,
            end,
            PlaceDate {
                span: Span::new(start, end),
                place,
                day,
                month,
                year,
                date,
            },
        ));
    }
    None
}

/// The place name right before ", ngày": up to six capitalised words ("Thường Thới Hậu A",
/// "TP. Hồ Chí Minh"), stopping where an agency in capitals ends and the title-case place begins.
fn place_before(text: &str) -> Option<Field> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut taken: Vec<(usize, &str)> = Vec::new();
    for &(at, w) in words.iter().rev() {
        let first = w.chars().next()?;
        let capitalised = first.is_uppercase() || first.is_ascii_digit();
        if !capitalised || taken.len() == 6 || w.ends_with([',', ';', ':', ')']) {
            break;
        }
        let is_caps = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        // "TRƯỜNG TH TÂY BẮC SƠN Phong Sơn": the capitals are the agency, not the place; but a
        // place may start with "TP." or be written in capitals as a whole.
        if is_caps && !w.ends_with('.') && taken.iter().any(|(_, t)| !is_upper_word(t)) {
            break;
        }
        taken.push((at, w));
    }
    let &(first_at, _) = taken.last()?;
    let &(last_at, last) = taken.first()?;
    let end = last_at + last.len();
    Some(Field {
        text: squeeze(&text[first_at..end]),
        span: Span::new(first_at, end),
    })
}

/// Whether a line holds a header anchor (a second header, a flattened table row).
fn has_header_anchor(t: &str) -> bool {
    // A "Số …" inside a title ("… KÈM THEO QUYẾT ĐỊNH SỐ 13/2018/QĐ-UBND") is a citation.
    NATIONAL.is_match(t)
        || MOTTO.is_match(t)
        || number_match(t).is_some_and(|(s, _, _)| s == 0)
        || {
            DATE_PART
                .captures(t)
                .is_some_and(|c| c.name("comma").is_some() && c.name("y").is_some())
        }
}

/// A title in capitals ends where ordinary text starts on the same line ("… NĂM HỌC 2016 -
/// 2017Hôm nay, vào hồi …", "… 2021-2022 Thứ sáu - 22/10/2021").
fn caps_title_end(t: &str) -> &str {
    static TITLE_CASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{Lu}\p{Ll}").expect("valid regex"));
    match TITLE_CASE.find(t) {
        // A caps run of some length, then a title-case word: the text after the title.
        Some(m) if m.start() >= 12 && is_upper_text(&t[..m.start()]) => t[..m.start()].trim_end(),
        _ => t,
    }
}

/// The title part of what follows the type word on its line: a title in capitals ends where
/// ordinary text starts; any title ends before an opening formula ("Căn cứ", "Kính gửi") or a
/// note in brackets ("(Ban hành kèm theo …)"). Dangling brackets and dashes are left out.
fn same_line_title(t: &str) -> &str {
    static INLINE_BODY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:Căn cứ|Kính gửi|Kính gởi|Thực hiện|Thi hành)[\s:]|\s\((?i:ban hành kèm theo|kèm theo)")
            .expect("valid regex")
    });
    let mut kept = caps_title_end(t);
    if let Some(m) = INLINE_BODY.find(kept) {
        kept = &kept[..m.start()];
    }
    kept.trim_end_matches(|c: char| c.is_whitespace() || "([“\"-–—:,".contains(c))
}

fn is_upper_word(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Whether a piece of plain text is in capitals (an agency name).
fn is_upper_text(s: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 3 && upper * 10 >= letters * 9
}

/// The lines (from, to) of the tightest group of anchors with the most distinct kinds.
fn best_cluster(
    pieces: &[(usize, Piece)],
    rank: &dyn Fn(usize) -> usize,
) -> Option<(usize, usize)> {
    let anchors: Vec<(usize, AnchorKind)> = pieces
        .iter()
        .filter_map(|(line, p)| Some((*line, p.anchor()?)))
        .collect();
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, &(from, _)) in anchors.iter().enumerate() {
        let mut kinds: Vec<AnchorKind> = Vec::new();
        let mut to = from;
        for &(line, kind) in &anchors[i..] {
            if rank(line) > rank(from) + CLUSTER_LINES {
                break;
            }
            // The type line stands under the header table: a type word before any other anchor
            // is a page title ("KẾ HOẠCH NĂM HỌC …" above the page's copy of the document).
            if kind == AnchorKind::DocType && kinds.is_empty() {
                continue;
            }
            if !kinds.contains(&kind) {
                kinds.push(kind);
                to = line;
            }
        }
        // A lone type word ("KẾ HOẠCH" in a page title) or a lone date is no header. Among
        // clusters with as many kinds, the tightest wins: a page title or a posting date above the
        // header would only stretch it.
        let score = kinds.len();
        let spread = rank(to) - rank(from);
        if score >= 2
            && best.is_none_or(|(s, f, t)| score > s || (score == s && spread < rank(t) - rank(f)))
        {
            best = Some((score, from, to));
        }
    }
    best.map(|(_, from, to)| (from, to))
}

/// A text that opens with its type line ("KẾ HOẠCH" as its first or second line) is a document
/// whose header lost the other parts, not a fragment.
fn type_line_on_top(source: &SourceFile, pieces: &[(usize, Piece)]) -> Option<(usize, usize)> {
    let top: Vec<usize> = source
        .lines()
        .filter(|(_, _, l)| !strip_emphasis(l.trim()).0.is_empty())
        .take(2)
        .map(|(idx, _, _)| idx)
        .collect();
    pieces.iter().find_map(|(line, p)| {
        (matches!(p, Piece::DocType(..)) && top.contains(line)).then_some((*line, *line))
    })
}

/// Builds the header from the pieces of the chosen cluster.
fn assemble(
    source: &SourceFile,
    pieces: &[(usize, Piece)],
    from: usize,
    to: usize,
    rank: &dyn Fn(usize) -> usize,
) -> FoundHeader {
    let mut found = FoundHeader::default();
    let h = &mut found.header;
    let in_cluster = |line: usize| from <= line && line <= to;
    let mut type_line = None;
    let mut title_start: Option<Field> = None;
    // The type line stands below the header table: a type word above the number and the date is
    // a page title ("QUY CHẾ THI ĐUA" over a Quyết định's header).
    let table_line = pieces
        .iter()
        .filter(|(l, p)| {
            in_cluster(*l) && matches!(p, Piece::Number(_) | Piece::PlaceDate(_) | Piece::Motto(_))
        })
        .map(|(l, _)| *l)
        .min();
    let type_ok = |line: usize| {
        let below = table_line.is_none_or(|t| line >= t);
        let any_below = pieces.iter().any(|(l, p)| {
            in_cluster(*l) && matches!(p, Piece::DocType(..)) && table_line.is_none_or(|t| *l >= t)
        });
        below || !any_below
    };
    let dated_place = pieces.iter().any(|(l, p)| {
        in_cluster(*l) && matches!(p, Piece::PlaceDate(pd) if !pd.place.text.is_empty())
    });
    for (line, piece) in pieces.iter().filter(|(l, _)| in_cluster(*l)) {
        let kind = piece.anchor();
        let first_of_kind = kind.is_some_and(|k| !found.anchors.iter().any(|(a, _)| *a == k));
        let skip = match piece {
            Piece::DocType(..) => !type_ok(*line),
            Piece::PlaceDate(pd) => dated_place && pd.place.text.is_empty(),
            _ => false,
        };
        if !first_of_kind || skip {
            continue;
        }
        match piece {
            Piece::National(f) => h.national_title = Some(f.clone()),
            Piece::Motto(f) => h.motto = Some(f.clone()),
            Piece::Number(n) => h.number = Some(n.clone()),
            Piece::PlaceDate(pd) => h.place_date = Some(pd.clone()),
            Piece::DocType(t, title) => {
                h.doc_type = Some(t.clone());
                title_start = title.clone();
                type_line = Some(*line);
            }
            Piece::Plain(_) => {}
        }
        if let Some(k) = kind {
            found.anchors.push((k, *line));
        }
    }
    // Agencies: capitals on the cluster's lines (or up to four lines above it), before the type.
    let agency_end = type_line.unwrap_or(to);
    let agencies: Vec<&Field> = pieces
        .iter()
        .filter(|(l, _)| rank(from).saturating_sub(4) <= rank(*l) && *l <= agency_end)
        .filter_map(|(_, p)| match p {
            Piece::Plain(f) if is_upper_text(&f.text) => Some(f),
            _ => None,
        })
        .filter(|f| {
            type_line.is_none_or(|t| {
                source.line_index(f.span.start) < t || same_line_before_type(source, f, t, h)
            })
        })
        .collect();
    let agencies = merge_split_agencies(agencies);
    let mut agencies = agencies.into_iter();
    match (agencies.next(), agencies.next()) {
        (Some(a), Some(b)) => {
            h.parent_agency = Some(a);
            h.agency = Some(b);
        }
        (Some(a), None) => h.agency = Some(a),
        _ => {}
    }
    let first_agency_line = [h.parent_agency.as_ref(), h.agency.as_ref()]
        .into_iter()
        .flatten()
        .map(|f| source.line_index(f.span.start))
        .min();
    found.first_line = first_agency_line.map_or(from, |l| l.min(from));
    let mut body_line = to + 1;
    if type_line.is_none()
        && let Some((title, line)) = subject_line(source, from, to).or_else(|| {
            let cluster = pieces.iter().filter(|(l, _)| in_cluster(*l));
            inline_subject(cluster).map(|f| {
                let line = source.line_index(f.span.start);
                (f, line)
            })
        })
    {
        h.title = Some(title);
        body_line = body_line.max(line + 1);
    }
    if let Some(t) = type_line {
        let (title, next) = title_after(source, t, title_start);
        h.title = title;
        body_line = body_line.max(next);
    }
    if let Some(t) = &h.title
        && let Some((full, line)) = full_copy_of_title(source, t)
    {
        h.title = Some(full);
        body_line = body_line.max(line + 1);
    }
    found.body_line = body_line;
    found
}

/// A web page's summary line repeats the header cut short ("… TỜ TRÌNH Về việc công nhận"),
/// then the document follows: when the title ends its line and one of the next lines starts
/// with the same words and goes on, that line is the whole title.
fn full_copy_of_title(source: &SourceFile, title: &Field) -> Option<(Field, usize)> {
    const LOOK_AHEAD: usize = 8;
    let line = source.line_index(title.span.start);
    let line_end = source.line_start(line) + source.line(line).trim_end().len();
    if title.span.end < line_end || title.text.chars().count() < 8 {
        return None;
    }
    (line + 1..(line + 1 + LOOK_AHEAD).min(source.line_count())).find_map(|idx| {
        let text = source.line(idx);
        let (t, lead) = strip_emphasis(text.trim());
        let longer = t.len() > title.text.len() + 3 && squeeze(t).starts_with(&title.text);
        let t = same_line_title(t);
        (longer && t.len() > title.text.len()).then(|| {
            let start = source.line_start(idx) + (text.len() - text.trim_start().len()) + lead;
            (field(&squeeze(t), start), idx)
        })
    })
}

/// A Công văn has no type line: its trích yếu "V/v …" stands under the number, in the header.
fn subject_line(source: &SourceFile, from: usize, to: usize) -> Option<(Field, usize)> {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:V/ ?v|V/V|v/v|Về việc)\b").expect("valid regex"));
    for idx in from..(to + 5).min(source.line_count()) {
        let line = source.line(idx);
        for cell in cells(line, source.line_start(idx)) {
            let (t, lead) = strip_emphasis(&cell.text);
            if SUBJECT.is_match(t) {
                let mut subject = field(t, cell.span.start + lead);
                let last = continue_subject(source, idx, &mut subject);
                return Some((subject, last));
            }
        }
    }
    None
}

/// A Công văn's "V/v …" inside a flattened header line, between two anchors ("… ngày 05 tháng 3
/// năm 2018 V/v hướng dẫn tổng kết … Kính gửi: …"): from "V/v" to the next anchor or the
/// opening formula.
fn inline_subject<'p>(pieces: impl Iterator<Item = &'p (usize, Piece)>) -> Option<Field> {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)(V/ ?v|V/V)\s").expect("valid regex"));
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:Kính gửi|Kính gởi|Căn cứ|Thực hiện)[\s:]").expect("valid regex")
    });
    pieces
        .filter_map(|(_, p)| match p {
            Piece::Plain(f) => Some(f),
            _ => None,
        })
        .find_map(|f| {
            let m = SUBJECT.captures(&f.text)?.get(1)?;
            let rest = &f.text[m.start()..];
            let rest = END.find(rest).map_or(rest, |e| &rest[..e.start()]);
            let rest = rest.trim_end_matches(|c: char| c.is_whitespace() || ".;:,-–—".contains(c));
            Some(Field {
                text: squeeze(rest),
                span: Span::new(
                    f.span.start + m.start(),
                    f.span.start + m.start() + rest.len(),
                ),
            })
        })
}

/// The trích yếu of a Công văn wraps inside its cell: "V/v Hướng dẫn thực hiện nhiệm vụ" /
/// "Giáo dục trung học năm học 2014-2015". Short lines that are no anchor, no body and no
/// capitals ("KHẨN") continue it, over at most one blank line.
fn continue_subject(source: &SourceFile, mut idx: usize, subject: &mut Field) -> usize {
    let mut added = 0;
    let mut next = idx + 1;
    while added < 3 && next < source.line_count() && !subject.text.ends_with(['.', ';', ':']) {
        let line = source.line(next);
        let (t, lead) = strip_emphasis(line.trim());
        if t.is_empty() {
            if next > idx + 1 {
                break;
            }
            next += 1;
            continue;
        }
        let stop = t.chars().count() > 90
            || cells(line, 0).len() > 1
            || BODY_START.is_match(t)
            || LABEL.is_match(t)
            || has_header_anchor(t)
            || is_upper_text(t)
            || super::MARKER.is_match(t);
        if stop {
            break;
        }
        let start = source.line_start(next) + (line.len() - line.trim_start().len()) + lead;
        subject.text = format!("{} {}", subject.text, t);
        subject.span = Span::new(subject.span.start, start + t.len());
        idx = next;
        next += 1;
        added += 1;
    }
    idx
}

fn same_line_before_type(source: &SourceFile, f: &Field, type_line: usize, h: &Header) -> bool {
    source.line_index(f.span.start) == type_line
        && h.doc_type
            .as_ref()
            .is_some_and(|t| f.span.end <= t.span.start)
}

/// "ỦY BAN NHÂN DÂN" / "TỈNH BÌNH PHƯỚC" printed on two lines is one agency.
fn merge_split_agencies(agencies: Vec<&Field>) -> Vec<Field> {
    const COLLECTIVE: [&str; 5] = [
        "ỦY BAN NHÂN DÂN",
        "UỶ BAN NHÂN DÂN",
        "UBND",
        "HỘI ĐỒNG NHÂN DÂN",
        "HĐND",
    ];
    const UNITS: [&str; 8] = [
        "TỈNH",
        "THÀNH PHỐ",
        "HUYỆN",
        "QUẬN",
        "THỊ XÃ",
        "XÃ",
        "PHƯỜNG",
        "THỊ TRẤN",
    ];
    let mut out: Vec<Field> = Vec::new();
    for f in agencies {
        if let Some(prev) = out.last_mut()
            && COLLECTIVE.contains(&squeeze(&prev.text).as_str())
            && UNITS.iter().any(|u| f.text.starts_with(u))
        {
            prev.text = format!("{} {}", squeeze(&prev.text), squeeze(&f.text));
            prev.span = prev.span.cover(f.span);
            continue;
        }
        out.push(Field {
            text: squeeze(&f.text),
            span: f.span,
        });
    }
    out
}

/// The title after the type line, and the line where the body starts. The title runs until a
/// blank line, the legal basis, a section heading, or (for a Quyết định) the capitals naming the
/// authority that decides; a title in capitals continues over one blank line when its next part is
/// in capitals too ("KẾ HOẠCH CHỈ ĐẠO CHUYÊN MÔN" / "" / "NĂM HỌC 2024 – 2025").
fn title_after(
    source: &SourceFile,
    type_line: usize,
    same_line: Option<Field>,
) -> (Option<Field>, usize) {
    // A title on the type's own line runs to the end of that line; on a flattened page the body
    // follows on it, so it is cut, and then no later line continues it.
    let mut cut = false;
    let same_line = same_line.map(|f| {
        let kept = same_line_title(&f.text);
        cut = kept.len() < f.text.len();
        field(kept, f.span.start)
    });
    let mut parts: Vec<Field> = same_line
        .into_iter()
        .filter(|f| !f.text.is_empty())
        .collect();
    if cut {
        let title = parts.pop().map(|p| Field {
            text: squeeze(&p.text),
            span: p.span,
        });
        return (title, type_line + 1);
    }
    let mut idx = type_line + 1;
    let mut last = type_line;
    let mut blank_run = 0;
    while idx < source.line_count() && parts.len() < 5 {
        let line = source.line(idx);
        let (t, lead) = strip_emphasis(line.trim());
        if t.is_empty() {
            blank_run += 1;
            if blank_run > 2 {
                break;
            }
            idx += 1;
            continue;
        }
        let t = caps_title_end(t);
        let starts_body = BODY_START.is_match(t)
            || super::is_section_heading(t)
            || has_header_anchor(t)
            || (!parts.is_empty() && AUTHORITY.is_match(t))
            || (super::MARKER.is_match(t) && !parts.is_empty())
            || (!parts.is_empty()
                && (LABEL.captures(t).is_some_and(|c| c.get(1).is_some())
                    || t.starts_with('(')
                    || t.chars().count() > 160));
        let all_caps = is_upper_text(t);
        let title_caps = parts.iter().all(|p| is_upper_text(&p.text)) && !parts.is_empty();
        let continues = if parts.is_empty() {
            !starts_body
        } else if blank_run > 0 {
            !starts_body && all_caps && title_caps
        } else {
            // A Quyết định names the deciding authority in capitals under a title in lower case.
            !starts_body && (all_caps == title_caps || !all_caps)
        };
        if !continues {
            break;
        }
        let line_start = source.line_start(idx);
        let offset = line.len() - line.trim_start().len() + lead;
        parts.push(field(t, line_start + offset));
        last = idx;
        blank_run = 0;
        idx += 1;
    }
    if parts.is_empty() {
        return (None, type_line + 1);
    }
    let text = squeeze(
        &parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let span = parts[0].span.cover(parts[parts.len() - 1].span);
    (Some(Field { text, span }), last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> FoundHeader {
        find(&SourceFile::new("t", text))
    }

    fn text_of(f: &Option<Field>) -> Option<&str> {
        f.as_ref().map(|f| f.text.as_str())
    }

    #[test]
    fn finds_a_flattened_header_on_one_line() {
        let f = found(
            "PHÒNG GD&ĐT HUYỆN A CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TRƯỜNG TH B Độc lập – Tự do – Hạnh phúc Số: 14/KH-THB Xã C, ngày 27 tháng 9 năm 2024\nKẾ HOẠCH\nPhát động thi đua\nCăn cứ Luật;\n",
        );
        let h = &f.header;
        assert_eq!(text_of(&h.parent_agency), Some("PHÒNG GD&ĐT HUYỆN A"));
        assert_eq!(text_of(&h.agency), Some("TRƯỜNG TH B"));
        let n = h.number.as_ref().expect("number line");
        assert_eq!(text_of(&n.number), Some("14"));
        assert_eq!(text_of(&n.symbol), Some("KH-THB"));
        let pd = h.place_date.as_ref().expect("place and date");
        assert_eq!(pd.place.text, "Xã C");
        assert_eq!(pd.date, Date::new(2024, 9, 27));
        assert_eq!(text_of(&h.title), Some("Phát động thi đua"));
        assert_eq!(f.body_line, 3);
    }

    #[test]
    fn joins_cells_split_across_lines_and_skips_a_web_preamble() {
        let f = found(
            "Trang chủ | Tin tức\n10/30/2017 8:42:58 PM\nỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:\n122/KH-UBND\nPhủ\nLý, ngày 14 tháng 02 năm 2023\nKẾ HOẠCH\nThi đua năm 2023\n",
        );
        let h = &f.header;
        assert_eq!(text_of(&h.agency), Some("ỦY BAN NHÂN DÂN TỈNH HÀ NAM"));
        assert_eq!(
            text_of(&h.number.as_ref().and_then(|n| n.number.clone())),
            Some("122")
        );
        assert_eq!(
            h.place_date.as_ref().map(|p| p.place.text.as_str()),
            Some("Phủ Lý")
        );
        assert_eq!(
            f.first_line, 2,
            "the menu and posting time are the preamble"
        );
    }

    #[test]
    fn reads_numbers_without_colon_and_really_empty_ones() {
        let f = found(
            "LIÊN ĐỘI TRƯỜNG THCS A\nSố 10-KH/LĐ\nA, ngày 08 tháng 11 năm 2021\nKẾ HOẠCH\nx\n",
        );
        let n = f.header.number.expect("number line");
        assert_eq!(text_of(&n.number), Some("10"));
        assert_eq!(text_of(&n.symbol), Some("KH/LĐ"));
        let f = found(
            "TRƯỜNG TH A\nSố:    /KH-THA              A, ngày 10 tháng 9 năm 2024\nKẾ HOẠCH\nx\n",
        );
        let n = f.header.number.expect("number line");
        assert!(n.number.is_none());
        assert_eq!(text_of(&n.symbol), Some("KH-THA"));
    }

    #[test]
    fn reads_a_search_index_page_flattened_with_dropped_words() {
        // One line per page, short words dropped ("Tự - Hạnh phúc"), the trích yếu between
        // the date and "Kính gửi".
        let h = found("PHÒNG GD&ĐT HUYỆN A TRƯỜNG TH B CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Số: 31/THB-VP A, ngày 12 tháng năm 2019 Độc lập - Tự - Hạnh phúc V/v đăng ký thi đua năm học 2019-2020 Kính gửi: - Phòng Giáo dục; Căn Kế hoạch số 9/KH-PGD.\n").header;
        assert_eq!(text_of(&h.motto), Some("Độc lập - Tự - Hạnh phúc"));
        assert_eq!(
            text_of(&h.title),
            Some("V/v đăng ký thi đua năm học 2019-2020")
        );
        // The type and a title in capitals on one flattened line with the body after them.
        let h = found("ỦY BAN NHÂN DÂN XÃ C CỘNG HÒA XÃ HỘI CHỦ NGHIA VIỆT NAM Độc lập – Tự – Hạnh phúc KẾ HOẠCH “NĂM AN TOÀN GIAO THÔNG” XÃ C (Ban hành kèm theo Quyết định số ./QĐ-UBND ngày . tháng 3 năm 2015) Căn cứ công văn 12/SGD&ĐT-VP.\n").header;
        assert!(h.national_title.is_some());
        assert_eq!(text_of(&h.title), Some("“NĂM AN TOÀN GIAO THÔNG” XÃ C"));
    }

    #[test]
    fn a_summary_line_cut_short_takes_the_title_from_the_text_below() {
        let h = found("SỞ GD&ĐT D CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 7/TTr-E D, ngày 3 tháng 4 năm 2012 TỜ TRÌNH Về việc đề nghị khen\nSỞ GD&ĐT D CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/TTr-E D, ngày 3 tháng 4 năm 2012\nTỜ TRÌNH\nVề việc đề nghị khen thưởng tập thể lao động tiên tiến\nKính gửi: Sở Giáo dục\n").header;
        assert_eq!(
            text_of(&h.title),
            Some("Về việc đề nghị khen thưởng tập thể lao động tiên tiến")
        );
        // A title that ends before its line does (cut at the opening formula) is whole.
        let h = found("Số: 7/TTr-E D, ngày 3 tháng 4 năm 2012 TỜ TRÌNH Về việc đề nghị khen Kính gửi: Sở\nVề việc đề nghị khen thưởng, lần hai\n").header;
        assert_eq!(text_of(&h.title), Some("Về việc đề nghị khen"));
    }

    #[test]
    fn no_header_in_body_text_or_a_lone_page_title() {
        assert_eq!(
            found("Trang chủ\nTin tức\nKẾ HOẠCH NĂM HỌC 2024\nSáng nay, trường tổ chức lễ.\n"),
            FoundHeader::default()
        );
        assert!(
            found("Số học sinh tham gia: 120 em.\nCác em đăng ký ngày 5 tháng 9.\n")
                .header
                .number
                .is_none()
        );
    }
}
