//! Cited documents: "Chỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND tỉnh Bình Phước về việc …".
//!
//! Symbols come in three families (Nghị định 30/2020/NĐ-CP; Luật Ban hành VBQPPL 2015, Điều 10;
//! Hướng dẫn 36-HD/VPTW): administrative "13/CT-UBND", legal normative "24/2018/QĐ-UBND" and
//! "06/2022/QH15", Party "05-CT/TW". The scanner tolerates single stray spaces around separators
//! ("43 /KH-LAX", "34- CT/TW") so that the `symbol-spacing` rule can flag them.

use super::dates::DateMention;
use super::fast_regex::BoundaryRegex;
use crate::decode::viet;
use crate::source::Span;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolFamily {
    /// "13/CT-UBND", "134/UBND-PNV"
    Administrative,
    /// "24/2018/QĐ-UBND", "06/2022/QH15"
    Normative,
    /// "05-CT/TW"
    Party,
}

/// A document number and symbol as cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub span: Span,
    /// The symbol with stray spaces removed ("34-CT/TW").
    pub text: String,
    pub family: SymbolFamily,
    pub number: u32,
    /// The year inside a legal normative symbol.
    pub year: Option<i32>,
    /// The type code ("CT", "KH", "QĐ"), absent for a Công văn ("134/UBND-PNV").
    pub type_code: Option<String>,
    /// The issuer part ("UBND", "UBND-PNV", "TW", "QH15").
    pub issuer_code: String,
    /// Whether the symbol as written has spaces inside.
    pub has_spaces: bool,
}

/// One cited document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// From the type word (or symbol) to the end of the issuer.
    pub span: Span,
    /// The type word, normalized ("Chỉ thị").
    pub doc_type: Option<String>,
    pub type_span: Option<Span>,
    pub symbol: Option<Symbol>,
    /// For a Luật cited by name: "Thi đua, khen thưởng".
    pub name: Option<String>,
    /// Index into the document's date list.
    pub date: Option<usize>,
    pub issuer: Option<String>,
    pub issuer_span: Option<Span>,
    pub subject: Option<String>,
}

/// The symbol patterns: legal normative (24/2018/QĐ-UBND, 06/2022/QH15), Party (05-CT/TW,
/// 36-HD/VPTW), administrative (13/CT-UBND, 134/UBND-PNV). Each ends in a Unicode word boundary.
/// Real text puts up to two spaces around the separators, writes the dash as an en or em dash
/// ("45/KH –UBND") and spaces the ampersand ("542/PGD & ĐT"): all read, and all flagged by
/// `symbol-spacing`.
const SYMBOL_PATTERN: &str = concat!(
    r"(?P<ln>[0-9]{1,4}) {0,2}/ {0,2}(?P<ly>(?:19|20)[0-9]{2}) {0,2}/ {0,2}(?P<lc>[A-ZĐ][A-Za-zĐđ0-9&]*(?: ?& ?[A-ZĐ][A-Za-zĐđ0-9]*)?(?: {0,2}[-–—] {0,2}[A-ZĐ][A-Za-zĐđ0-9&]*(?: ?& ?[A-ZĐ][A-Za-zĐđ0-9]*)?)*)\b",
    r"|(?P<pn>[0-9]{1,4}) {0,2}[-–—] {0,2}(?P<pc>[A-ZĐ][A-Za-zĐđ]{0,4}) {0,2}/ {0,2}(?P<po>[A-ZĐƯ][A-ZĐƯa-zđư0-9]{1,12})\b",
    r"|(?P<an>[0-9]{1,5}) {0,2}/ {0,2}(?P<ac>[A-ZĐ][A-Za-zĐđ&0-9]*(?: ?& ?[A-ZĐ][A-Za-zĐđ0-9]*)?(?: {0,2}[-–—] {0,2}[A-ZĐ][A-Za-zĐđ&0-9]*(?: ?& ?[A-ZĐ][A-Za-zĐđ0-9]*)?)*)\b",
);

/// The symbol regex anchored at the start of the haystack.
static SYMBOL_ANCHORED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{SYMBOL_PATTERN})")).unwrap());

/// The same patterns without the word boundaries: every start of a symbol match is a start of a
/// match of this one. Unicode `\b` keeps the regex engine off its DFAs on Vietnamese text (it
/// falls back to the PikeVM over the whole document); this one runs on the DFA and finds the few
/// candidate starts, where [`SYMBOL_ANCHORED`] then decides. Same matches, many times faster.
static SYMBOL_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&SYMBOL_PATTERN.replace(r"\b", "")).unwrap());

/// Leftmost-first, non-overlapping symbol matches, as `Regex::captures_iter` of the full pattern
/// would give them: (offset of the match in `text`, captures relative to that offset).
fn symbol_matches(text: &str) -> Vec<(usize, regex::Captures<'_>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(candidate) = SYMBOL_CANDIDATE.find_at(text, pos) else {
            break;
        };
        let start = candidate.start();
        let next_char = text[start..].chars().next().map_or(1, char::len_utf8);
        match SYMBOL_ANCHORED.captures(&text[start..]) {
            Some(c) => {
                let len = c.get(0).map_or(0, |m| m.len());
                pos = start + len.max(next_char);
                out.push((start, c));
            }
            None => pos = start + next_char,
        }
    }
    out
}

/// Type words that head a citation, longest first so "Thông tư liên tịch" wins over "Thông tư".
const TYPE_WORDS: [&str; 25] = [
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Kế hoạch",
    "Công văn",
    "Văn bản",
    "Hướng dẫn",
    "Thông báo",
    "Thông tri",
    "Đề án",
    "Chương trình",
    "Kết luận",
    "Quy định",
    "Quy chế",
    "Công điện",
    "Báo cáo",
    "Tờ trình",
    "Phương án",
    "Pháp lệnh",
    "Luật",
    "Hiến pháp",
];

static TYPE_BEFORE: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    let alternatives = TYPE_WORDS.join("|");
    BoundaryRegex::new(&format!(
        r"(?i)\b(?P<type>{alternatives})\s*(?:số\s*:?\s*)?$"
    ))
    .unwrap()
});
static LAW_BY_NAME: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    BoundaryRegex::new(r"\b(?P<type>Luật|Bộ luật|Pháp lệnh)\s+(?P<name>[A-ZĐ][^;()“”]{2,80}?)\s*(?:số\s+[0-9/A-Z]+\s*)?,?\s*ngày\s+$")
        .unwrap()
});
static DATE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    // "số 28/2026/TT-BGD ĐT ngày …": a symbol's last part cut off by a space; "ngày ngày 04 …".
    // "380/TB/TW ngày …", "15-KH/ĐTN.LĐ ngày …": symbol endings the scanner does not take.
    Regex::new(r"(?i)^(?-i:(?:\s*[./-]?\s*[A-ZĐ][A-ZĐa-z0-9]{0,8}){0,2})?\s*,?\s*(?:\(?\s*(?:được\s+)?ban hành\s+)?(?:(?:ngày|ngay)\s+)?(?:ngày|ngay)\s*$").unwrap()
});
static ISSUER_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,?\s*(?:của|do)\s+").unwrap());
static SUBJECT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:(?:về việc|về|V/v|v/v)\s+|(?P<verb>(?i:ban hành|phê duyệt|quy định|hướng dẫn)\s+))")
        .unwrap()
});
/// Lower-case words that belong inside an issuer's name ("Ủy ban nhân dân", "Sở Giáo dục và Đào tạo").
const ISSUER_LOWER: [&str; 46] = [
    "ban",
    "nhân",
    "dân",
    "dục",
    "tạo",
    "và",
    "tỉnh",
    "huyện",
    "quận",
    "thành",
    "phố",
    "thị",
    "xã",
    "phường",
    "trấn",
    "khóa",
    "khoá",
    "trị",
    "phủ",
    "tướng",
    "vụ",
    "hội",
    "đồng",
    "hành",
    "thư",
    "phòng",
    "ủy",
    "uỷ",
    "trận",
    "quốc",
    "niên",
    "sản",
    "đoàn",
    "động",
    "chính",
    "tịch",
    "trưởng",
    "nội",
    "tư",
    "pháp",
    "tế",
    "lao",
    "thương",
    "binh",
    "ương",
    "trung",
];
const ISSUER_STOPS: [&str; 4] = ["Ban hành", "Về", "Phê duyệt", "V/v"];

fn normalize_type(word: &str) -> String {
    let lower = word.to_lowercase();
    TYPE_WORDS
        .iter()
        .find(|t| t.to_lowercase() == lower)
        .map_or_else(|| word.to_string(), |t| t.to_string())
}

/// Finds every document symbol in a text.
pub fn scan_symbols(text: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    for (base, c) in symbol_matches(text) {
        let Some(whole) = c.get(0) else { continue };
        let before = text[..base].chars().next_back();
        if before.is_some_and(|b| b.is_alphanumeric() || b == '/' || b == '-') {
            continue;
        }
        let raw = whole.as_str();
        let compact = |s: &str| -> String {
            s.chars()
                .filter(|c| *c != ' ')
                .map(|c| if c == '–' || c == '—' { '-' } else { c })
                .collect()
        };
        let text_no_spaces = compact(raw);
        let get = |n| c.name(n).map(|m| compact(m.as_str()));
        let (family, number, year, code) = if let Some(n) = get("ln") {
            let code = get("lc").unwrap_or_default();
            (SymbolFamily::Normative, n, get("ly"), code)
        } else if let Some(n) = get("pn") {
            let code = format!(
                "{}/{}",
                get("pc").unwrap_or_default(),
                get("po").unwrap_or_default()
            );
            (SymbolFamily::Party, n, None, code)
        } else if let Some(n) = get("an") {
            (
                SymbolFamily::Administrative,
                n,
                None,
                get("ac").unwrap_or_default(),
            )
        } else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        let (type_code, issuer_code) = split_code(family, &code);
        // A trailing space is not part of the symbol.
        let trimmed = raw.trim_end();
        out.push(Symbol {
            span: Span::new(base, base + trimmed.len()),
            text: text_no_spaces,
            family,
            number,
            year: year.and_then(|y| y.parse().ok()),
            type_code,
            issuer_code,
            has_spaces: trimmed.contains([' ', '–', '—']),
        });
    }
    out
}

/// Splits "CT-UBND" into type code and issuer; a Công văn's "UBND-PNV" has no type code.
fn split_code(family: SymbolFamily, code: &str) -> (Option<String>, String) {
    match family {
        SymbolFamily::Party => match code.split_once('/') {
            Some((t, i)) => (Some(t.to_string()), i.to_string()),
            None => (None, code.to_string()),
        },
        SymbolFamily::Normative | SymbolFamily::Administrative => {
            match code.split_once('-') {
                // "QH15": a law or resolution of the National Assembly.
                None if family == SymbolFamily::Normative => (None, code.to_string()),
                None => (None, code.to_string()),
                Some((first, rest)) if is_issuer_like(first) => (None, format!("{first}-{rest}")),
                Some((first, rest)) => (Some(first.to_string()), rest.to_string()),
            }
        }
    }
}

/// Codes that name an issuer rather than a type (Công văn symbols start with the issuer).
fn is_issuer_like(code: &str) -> bool {
    matches!(
        code,
        "UBND"
            | "SGDĐT"
            | "PGDĐT"
            | "BGDĐT"
            | "SGD&ĐT"
            | "PGD&ĐT"
            | "VPCP"
            | "BNV"
            | "HĐND"
            | "TTg"
            | "CP"
            | "BTĐKT"
            | "HĐTĐKT"
            | "SNV"
    )
}

/// Assembles citations around the symbols ([`scan_symbols`] of the same text), attaching type words, dates, issuers and subjects.
/// `exclude` holds the document's own "Số:" span, which is not a citation; `dates` are sorted by
/// start, as [`super::dates::scan`] gives them.
pub fn extract(
    text: &str,
    symbols: Vec<Symbol>,
    dates: &[DateMention],
    exclude: &[Span],
) -> Vec<Citation> {
    let mut out = Vec::new();
    for symbol in symbols {
        if exclude
            .iter()
            .any(|e| e.start <= symbol.span.start && symbol.span.end <= e.end)
        {
            continue;
        }
        let before = crate::source::line_before(text, symbol.span.start);
        let line_start = symbol.span.start - before.len();
        let (doc_type, type_span) = match TYPE_BEFORE.captures(before) {
            Some((from, c)) => {
                let t = c
                    .name("type")
                    .map_or(0..0, |m| m.start() + from..m.end() + from);
                (
                    Some(normalize_type(&before[t.clone()])),
                    Some(Span::new(line_start + t.start, line_start + t.end)),
                )
            }
            None => (None, None),
        };
        let start = type_span.map_or(symbol.span.start, |s| s.start);
        let mut citation = Citation {
            span: Span::new(start, symbol.span.end),
            doc_type,
            type_span,
            symbol: Some(symbol),
            name: None,
            date: None,
            issuer: None,
            issuer_span: None,
            subject: None,
        };
        attach_tail(text, dates, &mut citation);
        out.push(citation);
    }
    // Laws cited by name and date ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"), for
    // the dates no symbol took.
    let mut dated_by_symbol = vec![false; dates.len()];
    for i in out.iter().filter_map(|c: &Citation| c.date) {
        dated_by_symbol[i] = true;
    }
    for (i, date) in dates.iter().enumerate() {
        // The date span starts at the day; "ngày" precedes it.
        let before = crate::source::line_before(text, date.span.start);
        let line_start = date.span.start - before.len();
        let Some((from, c)) = LAW_BY_NAME.captures(before) else {
            continue;
        };
        let line_start = line_start + from;
        if dated_by_symbol[i] {
            continue;
        }
        let (Some(t), Some(name)) = (c.name("type"), c.name("name")) else {
            continue;
        };
        let mut citation = Citation {
            span: Span::new(line_start + t.start(), date.span.end),
            doc_type: Some(t.as_str().to_string()),
            type_span: Some(Span::new(line_start + t.start(), line_start + t.end())),
            symbol: None,
            name: Some(name.as_str().trim().trim_end_matches(',').to_string()),
            date: Some(i),
            issuer: None,
            issuer_span: None,
            subject: None,
        };
        attach_tail(text, dates, &mut citation);
        out.push(citation);
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Attaches the date, issuer and subject that follow a citation's symbol. `dates` is sorted by
/// start.
fn attach_tail(text: &str, dates: &[DateMention], citation: &mut Citation) {
    let mut pos = citation.span.end;
    let first_after = dates.partition_point(|d| d.span.start < pos);
    if citation.date.is_none()
        && let Some(d) = dates.get(first_after).filter(|d| d.span.start <= pos + 40)
        && DATE_GAP.is_match(&text[pos..d.span.start])
    {
        citation.date = Some(first_after);
        pos = d.span.end;
    }
    if let Some(d) = citation.date {
        pos = pos.max(dates[d].span.end);
    }
    let rest = line_rest(text, pos);
    if let Some(m) = ISSUER_LEAD.find(rest) {
        let issuer_start = pos + m.end();
        let issuer = issuer_text(&text[issuer_start..issuer_start + rest.len() - m.end()]);
        if !issuer.is_empty() {
            citation.issuer = Some(issuer.to_string());
            citation.issuer_span = Some(Span::new(issuer_start, issuer_start + issuer.len()));
            pos = issuer_start + issuer.len();
        }
    }
    let rest = line_rest(text, pos);
    if let Some(c) = SUBJECT_LEAD.captures(rest) {
        let lead = c.get(0).map_or(0, |m| m.end());
        let subject_start = match c.name("verb") {
            Some(v) => v.start(),
            None => lead,
        };
        let subject = subject_text(&rest[subject_start..]);
        if !subject.is_empty() {
            citation.subject = Some(subject.to_string());
        }
    }
    citation.span.end = pos;
}

/// The rest of the line from `pos`, at most [`crate::source::LINE_CONTEXT`] bytes of it.
fn line_rest(text: &str, pos: usize) -> &str {
    let rest = &text[pos..];
    let rest = &rest[..crate::source::floor_char_boundary(rest, crate::source::LINE_CONTEXT)];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// Whether `hay` starts with `needle`, ignoring case letter by letter (no allocation: this runs
/// for every word after a citation).
fn starts_with_caseless(hay: &str, needle: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| {
        hay.next()
            .is_some_and(|h| viet::to_lower(h) == viet::to_lower(n))
    })
}

/// The issuer's name: capitalized words and the lower-case words that belong in agency names.
fn issuer_text(s: &str) -> &str {
    let mut end = 0;
    let mut rest = s;
    let mut offset = 0;
    loop {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
        if ISSUER_STOPS.iter().any(|stop| rest.starts_with(stop)) {
            break;
        }
        // "… của Bộ Chính trị và Chỉ thị 05-CT/TW": "và" starts the next citation, not a name.
        if let Some(after) = rest.strip_prefix("và ")
            && TYPE_WORDS.iter().any(|t| starts_with_caseless(after, t))
        {
            break;
        }
        let word_len = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '“' | '"' | '”')
            })
            .unwrap_or(rest.len());
        if word_len == 0 {
            break;
        }
        let word = &rest[..word_len];
        let first = word.chars().next();
        let is_abbrev = word.starts_with('(') && word.ends_with(')') && word.len() > 2;
        let accept = is_abbrev
            || first.is_some_and(char::is_uppercase)
            || ISSUER_LOWER.contains(&word.to_lowercase().as_str());
        if !accept || word.starts_with('(') && !is_abbrev {
            break;
        }
        offset += word_len;
        end = offset;
        rest = &rest[word_len..];
    }
    s[..end].trim_end()
}

/// The subject: up to the end of the clause, or a comma that starts a new clause with a
/// capitalized word ("…, Trường THPT Lộc Thái xây dựng kế hoạch").
fn subject_text(s: &str) -> &str {
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        let rest = &s[i + c.len_utf8()..];
        let next = rest.chars().next();
        let after_space = rest.trim_start().chars().next();
        let new_clause =
            c == ',' && next == Some(' ') && after_space.is_some_and(char::is_uppercase);
        if c == ';' || new_clause || (c == '.' && next.is_none_or(char::is_whitespace)) {
            end = i;
            break;
        }
    }
    s[..end].trim().trim_end_matches([',', ':']).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_symbol_matching_equals_the_full_regex() {
        let full = Regex::new(SYMBOL_PATTERN).unwrap();
        let mut texts: Vec<String> = std::fs::read_dir("corpus")
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        texts.push("12/QĐ ngày, 13/CT-UBNDấ, 05-CT/TWư 7/KH-ĐT; 1/2/3/A-B 9-Ab/Đ&x".to_string());
        for text in &texts {
            let expected: Vec<(usize, usize)> =
                full.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let actual: Vec<(usize, usize)> = symbol_matches(text)
                .iter()
                .map(|(base, c)| (*base, base + c.get(0).unwrap().len()))
                .collect();
            assert_eq!(actual, expected);
        }
    }
    use crate::extract::dates;

    fn cite(text: &str) -> Vec<Citation> {
        extract(text, scan_symbols(text), &dates::scan(text), &[])
    }

    #[test]
    fn three_symbol_families() {
        let s = scan_symbols("13/CT-UBND, 24/2018/QĐ-UBND, 06/2022/QH15, 05-CT/TW, 134/UBND-PNV");
        let got: Vec<_> = s
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.family,
                    s.type_code.as_deref(),
                    s.issuer_code.as_str(),
                    s.year,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "13/CT-UBND",
                    SymbolFamily::Administrative,
                    Some("CT"),
                    "UBND",
                    None
                ),
                (
                    "24/2018/QĐ-UBND",
                    SymbolFamily::Normative,
                    Some("QĐ"),
                    "UBND",
                    Some(2018)
                ),
                (
                    "06/2022/QH15",
                    SymbolFamily::Normative,
                    None,
                    "QH15",
                    Some(2022)
                ),
                ("05-CT/TW", SymbolFamily::Party, Some("CT"), "TW", None),
                (
                    "134/UBND-PNV",
                    SymbolFamily::Administrative,
                    None,
                    "UBND-PNV",
                    None
                ),
            ]
        );
    }

    #[test]
    fn spaced_symbols_are_found_and_marked() {
        let s = scan_symbols("Số: 43 /KH-LAX; Chỉ thị số 34- CT/TW ngày");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].text.as_str(), s[0].has_spaces), ("43/KH-LAX", true));
        assert_eq!((s[1].text.as_str(), s[1].has_spaces), ("34-CT/TW", true));
    }

    #[test]
    fn not_symbols() {
        assert!(
            scan_symbols("năm học 2020- 2021, tháng 12/2021, p/h, GD&ĐT, 15-5-2016").is_empty()
        );
    }

    #[test]
    fn full_citation() {
        let text = "Thực hiện Chỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND tỉnh Bình Phước về việc phát động phong trào thi đua năm 2021; tiếp";
        let c = cite(text);
        assert_eq!(c.len(), 1);
        let c = &c[0];
        assert_eq!(c.doc_type.as_deref(), Some("Chỉ thị"));
        assert_eq!(c.symbol.as_ref().unwrap().text, "13/CT-UBND");
        assert!(c.date.is_some());
        assert_eq!(c.issuer.as_deref(), Some("UBND tỉnh Bình Phước"));
        assert_eq!(
            c.subject.as_deref(),
            Some("phát động phong trào thi đua năm 2021")
        );
    }

    #[test]
    fn issuers_stop_where_the_name_ends() {
        let cases = [
            (
                "Kế hoạch số 67/KH-PGDĐT ngày 17 tháng 02 năm 2023 của Ủy ban nhân dân (UBND) huyện Tam Nông về việc x",
                "Ủy ban nhân dân (UBND) huyện Tam Nông",
            ),
            (
                "Công văn số 1428/KH-SGDĐT ngày 25/5/2021 của Sở Giáo dục và Đào tạo kế hoạch phát động",
                "Sở Giáo dục và Đào tạo",
            ),
            (
                "Quyết định số 24/2018/QĐ-UBND ngày 28 tháng 12 năm 2018 của UBND tỉnh Kiên Giang Ban hành quy định",
                "UBND tỉnh Kiên Giang",
            ),
            (
                "Chỉ thị 05-CT/TW ngày 15-5-2016 của Bộ Chính trị khóa XII về đẩy mạnh",
                "Bộ Chính trị khóa XII",
            ),
        ];
        for (text, issuer) in cases {
            assert_eq!(cite(text)[0].issuer.as_deref(), Some(issuer), "{text}");
        }
        let c = &cite(cases[2].0)[0];
        assert_eq!(c.subject.as_deref(), Some("Ban hành quy định"));
    }

    #[test]
    fn law_by_name() {
        let c = cite("đặc biệt là Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022, Nghị định");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].doc_type.as_deref(), Some("Luật"));
        assert_eq!(c[0].name.as_deref(), Some("Thi đua, khen thưởng"));
    }
}
