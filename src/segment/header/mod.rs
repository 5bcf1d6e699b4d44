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

use super::{Field, Header, NumberLine, PlaceDate, cells, is_upper_cell, strip_emphasis};
use crate::date::Date;
use crate::source::{SourceFile, Span};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

mod anchors;
mod title;
use anchors::*;
use title::*;

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

fn is_upper_word(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
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
            Piece::Plain(f) if is_upper_cell(&f.text) => Some(f),
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
    if let Some(t) = &mut h.title {
        t.text = unglue_capitals(&t.text);
    }
    found.body_line = body_line;
    found
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
    fn reads_a_type_and_title_whose_spaces_a_pdf_lost() {
        let h = found("UBND HUYỆN AN LẠC PHÒNG GIÁO DỤC & ĐÀO TẠO CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc An Lạc, ngày 09 tháng 11 năm2012BÁOCÁOKẾTQUẢ KIỂM TRA CÔNG NHẬNTRƯỜNGTHCSĐẠTCHUẨN Đơn vị: Trường THCS An Lạc\n").header;
        assert_eq!(text_of(&h.doc_type), Some("BÁO CÁO"));
        assert_eq!(
            text_of(&h.title),
            Some("KẾT QUẢ KIỂM TRA CÔNG NHẬN TRƯỜNG THCS ĐẠT CHUẨN")
        );
        // A type word glued to lower case is no type line.
        assert!(found("BÁOCÁOviên nộp\n").header.doc_type.is_none());
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
