//! Stage 3: what the document says — cited documents, dates with their roles, anniversaries, and
//! the year or school year the plan is for.

pub mod citations;
pub mod dates;
pub mod fast_regex;
pub mod span_index;

use crate::classify::{self, Classification};
use crate::date::Date;
use crate::ruledata::RuleData;
use crate::segment::{self, Marker, Structure};
use crate::source::{SourceFile, Span};
use citations::{Citation, Symbol};
use dates::{DateMention, DateRole, Precision};
use regex::Regex;
use serde::{Deserialize, Serialize};
use span_index::SpanIndex;
use std::sync::LazyLock;

/// "75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anniversary {
    /// The stated count ("75"), when there is one.
    pub count: Option<u32>,
    pub count_span: Option<Span>,
    /// The event as written.
    pub event: String,
    /// Indices into the date list.
    pub base: usize,
    pub target: usize,
    /// From the count (or the parenthesis) to the closing parenthesis.
    pub span: Span,
    /// "kỷ niệm 40 ngày Nhà giáo Việt Nam (20/11/1982 - 20/11/2022)": the unit written after
    /// the count when it is "ngày" where "năm" was meant.
    pub wrong_unit: Option<Span>,
}

/// "kỷ niệm 42 năm Ngày Nhà giáo Việt Nam" without dates: a count and the words after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedMention {
    pub count: u32,
    pub count_span: Span,
    /// The words after "N năm", up to the end of the phrase.
    pub event: String,
    pub event_span: Span,
}

/// Everything the checks look at.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub structure: Structure,
    /// What the text is: document, fragment or other ([`crate::classify`]).
    pub document: Classification,
    pub dates: Vec<DateMention>,
    pub citations: Vec<Citation>,
    /// Every document symbol written with spaces inside ("43 /KH-LAX"), cited or not: the
    /// symbols are scanned once, here, and the `symbol-spacing` rule reads these.
    pub spaced_symbols: Vec<Symbol>,
    pub anniversaries: Vec<Anniversary>,
    /// "N năm <event>" phrases outside the dated anniversaries (the checks match the event
    /// against the registry).
    pub counted: Vec<CountedMention>,
    pub issue_date: Option<Date>,
    pub plan_year: Option<i32>,
    /// (2020, 2021) for "năm học 2020-2021".
    pub school_year: Option<(i32, i32)>,
}

static SCHOOL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)năm học\s*([0-9]{4})\s*[-–—]\s*([0-9]{4})").unwrap());
static YEAR_IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bnăm\s+([0-9]{4})\b").unwrap());
static ANNIVERSARY_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([0-9]{1,3})\s+năm\s+").unwrap());
/// "kỷ niệm 40 ngày Nhà giáo …": a count whose unit slipped to "ngày".
static COUNT_IN_DAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:kỷ niệm|kỉ niệm|chào mừng)\s+([0-9]{1,3})\s+(ngày)\s+").unwrap()
});
static PAREN_PAIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-–—]\s*$").unwrap());

/// Runs segmentation, classification and extraction over the analysis view of a text.
pub fn analyze(source: &SourceFile, data: &RuleData) -> Analysis {
    let structure = segment::segment(source);
    let document = classify::classify(source, &structure, &|code| {
        data.doc_type(code)
            .filter(|t| !t.copy)
            .and_then(|t| t.names.first().cloned())
    });
    let text = source.text.as_str();
    let mut dates = dates::scan(text);

    // Roles fixed by position: the header's issue date.
    let issue_date = structure.header.place_date.as_ref().and_then(|p| p.date);
    if let Some(pd) = &structure.header.place_date {
        for d in dates
            .iter_mut()
            .filter(|d| pd.span.start <= d.span.start && d.span.end <= pd.span.end)
        {
            d.role = DateRole::Issue;
        }
    }
    let anniversaries = find_anniversaries(text, &mut dates);
    let counted = find_counted(text, &anniversaries);
    let exclude: Vec<Span> = structure.header.number.iter().map(|n| n.span).collect();
    let symbols = citations::scan_symbols(text);
    let spaced_symbols = symbols.iter().filter(|s| s.has_spaces).cloned().collect();
    let citations = citations::extract(text, symbols, &dates, &exclude);
    for c in &citations {
        if let Some(i) = c.date {
            dates[i].role = DateRole::Citation;
        }
    }
    dates::assign_roles(text, &mut dates);

    let title = structure
        .header
        .title
        .as_ref()
        .map_or("", |t| t.text.as_str());
    let school_year = school_year_in(title).or_else(|| most_common_school_year(text, issue_date));
    let plan_year = YEAR_IN_TITLE
        .captures_iter(title)
        .filter(|c| {
            // "năm 2021" but not the first year of "năm học 2020-2021".
            let start = c.get(0).map_or(0, |m| m.start());
            !title[start..].to_lowercase().starts_with("năm học")
        })
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .last()
        .or(issue_date.map(|d| d.year))
        .or(school_year.map(|(from, _)| from));

    Analysis {
        structure,
        document,
        dates,
        citations,
        spaced_symbols,
        anniversaries,
        counted,
        issue_date,
        plan_year,
        school_year,
    }
}

fn school_year_in(s: &str) -> Option<(i32, i32)> {
    let c = SCHOOL_YEAR.captures(s)?;
    Some((
        c.get(1)?.as_str().parse().ok()?,
        c.get(2)?.as_str().parse().ok()?,
    ))
}

/// The school year the body mentions most, preferring the one containing the issue date.
fn most_common_school_year(text: &str, issue_date: Option<Date>) -> Option<(i32, i32)> {
    if let Some(d) = issue_date {
        let current = if d.month >= 8 {
            (d.year, d.year + 1)
        } else {
            (d.year - 1, d.year)
        };
        if SCHOOL_YEAR
            .captures_iter(text)
            .filter_map(|c| {
                Some((
                    c.get(1)?.as_str().parse().ok()?,
                    c.get(2)?.as_str().parse().ok()?,
                ))
            })
            .any(|y: (i32, i32)| y == current)
        {
            return Some(current);
        }
    }
    None
}

/// Finds "(d/m/Y1 - d/m/Y2)" pairs and the "N năm <event>" before them; marks their dates.
fn find_anniversaries(text: &str, dates: &mut [DateMention]) -> Vec<Anniversary> {
    let mut out = Vec::new();
    for i in 0..dates.len().saturating_sub(1) {
        let (a, b) = (&dates[i], &dates[i + 1]);
        if a.precision != Precision::Day || b.precision != Precision::Day {
            continue;
        }
        let open = text[..a.span.start].trim_end();
        let close = text[b.span.end..].trim_start();
        if !open.ends_with('(') || !close.starts_with(')') {
            continue;
        }
        if !PAREN_PAIR.is_match(&text[a.span.end..b.span.start]) {
            continue;
        }
        let paren_start = open.len() - 1;
        let paren_end = b.span.end + (text[b.span.end..].len() - close.len()) + 1;
        // The event: back to the previous ")" or ";" or line start, after the last "N năm".
        let window_start = text[..paren_start]
            .rfind([')', ';', '\n'])
            .map_or(0, |p| p + 1);
        let window = &text[window_start..paren_start];
        let count = ANNIVERSARY_COUNT.captures_iter(window).last();
        let in_days = count
            .is_none()
            .then(|| COUNT_IN_DAYS.captures_iter(window).last())
            .flatten();
        let wrong_unit = in_days
            .as_ref()
            .and_then(|c| c.get(2))
            .map(|u| Span::new(window_start + u.start(), window_start + u.end()));
        let count = count.or(in_days);
        let (count_value, count_span, event_start) = match &count {
            Some(c) => {
                let n = c.get(1).map_or(0..0, |m| m.range());
                let whole_end = c.get(0).map_or(0, |m| m.end());
                (
                    window[n.clone()].parse().ok(),
                    Some(Span::new(window_start + n.start, window_start + n.end)),
                    window_start + whole_end,
                )
            }
            None => {
                let trimmed = window.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                (None, None, window_start + (window.len() - trimmed.len()))
            }
        };
        let event = text[event_start..paren_start]
            .trim()
            .trim_start_matches("và ")
            .to_string();
        out.push(Anniversary {
            count: count_value,
            count_span,
            event,
            base: i,
            target: i + 1,
            span: Span::new(count_span.map_or(paren_start, |s| s.start), paren_end),
            wrong_unit,
        });
    }
    for a in &out {
        dates[a.base].role = DateRole::AnniversaryBase;
        dates[a.target].role = DateRole::AnniversaryTarget;
    }
    out
}

// No `\b` and no bounded repetition of a Unicode class: both push the regex engine off its DFA.
// The word boundary and the 3–120 character limits are checked in `find_counted`.
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([0-9]{1,3})\s+năm\s+([^\n,;:()“”"]+)"#).unwrap());
static NEXT_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:và\s+)?[0-9]{1,3}\s+năm\s|\.\s|\s[-–—]\s").unwrap());

/// "N năm <event>" phrases that are not part of a dated anniversary.
fn find_counted(text: &str, dated: &[Anniversary]) -> Vec<CountedMention> {
    let dated = SpanIndex::new(dated.iter().map(|a| a.span));
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = COUNTED.captures_at(text, pos) {
        let (Some(n), Some(ev)) = (c.get(1), c.get(2)) else {
            break;
        };
        // Resume right after the count, so that a later "N năm" in the same run is found too.
        pos = n.end();
        if text[..n.start()]
            .chars()
            .next_back()
            .is_some_and(|b| b.is_alphanumeric())
        {
            continue;
        }
        let ev_text = ev.as_str();
        let ev_end = ev_text
            .char_indices()
            .nth(120)
            .map_or(ev_text.len(), |(i, _)| i);
        if ev_text[..ev_end].chars().count() < 3 {
            continue;
        }
        if dated.encloses(Span::new(n.start(), n.end())) {
            continue;
        }
        let Ok(count) = n.as_str().parse::<u32>() else {
            continue;
        };
        let event = &ev_text[..ev_end];
        let end = NEXT_COUNT.find(event).map_or(event.len(), |m| m.start());
        let event = event[..end].trim_end_matches(['.', ' ']);
        if count == 0 || event.is_empty() {
            continue;
        }
        out.push(CountedMention {
            count,
            count_span: Span::new(n.start(), n.end()),
            event: event.to_string(),
            event_span: Span::new(ev.start(), ev.start() + event.len()),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The serializable view for `vblint extract`.

/// A location in the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loc {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo {
    /// "I", "1", "2.1", "a", "-".
    pub marker: String,
    pub level: u8,
    pub title: String,
    pub line: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<SectionInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitationInfo {
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub number: Option<u32>,
    pub symbol: Option<String>,
    pub family: Option<String>,
    pub name: Option<String>,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateInfo {
    pub text: String,
    /// ISO date; for a month reference, its first day.
    pub date: Option<Date>,
    pub precision: String,
    pub role: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnniversaryInfo {
    pub count: Option<u32>,
    pub event: String,
    pub base_date: Option<Date>,
    pub target_date: Option<Date>,
    pub line: u32,
}

/// The `document` member of `vblint extract` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// "document", "fragment" or "other" ([`crate::classify::Kind`]).
    pub kind: classify::Kind,
    /// The type: the type line's word, else the symbol's type code, else the classifier's
    /// reading (a Công văn by its "V/v", a sáng kiến by its heading).
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub confidence: classify::Confidence,
    /// What decided the kind, with lines.
    pub evidence: Vec<classify::Evidence>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub issuer: Option<String>,
    pub parent_issuer: Option<String>,
    pub place: Option<String>,
    pub issue_date: Option<Date>,
    pub title: Option<String>,
    pub plan_year: Option<i32>,
    pub school_year: Option<String>,
    pub legal_basis: Vec<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub signing_authority: Option<String>,
    pub recipients: Vec<String>,
    pub sections: Vec<SectionInfo>,
    pub citations: Vec<CitationInfo>,
    pub dates: Vec<DateInfo>,
    pub anniversaries: Vec<AnniversaryInfo>,
}

fn role_name(role: DateRole) -> String {
    serde_json::to_value(role)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

impl DocumentInfo {
    pub fn new(source: &SourceFile, a: &Analysis) -> Self {
        let s = &a.structure;
        let h = &s.header;
        let pos = |span: Span| source.position(span.start);
        let sections = section_tree(source, s);
        DocumentInfo {
            kind: a.document.kind,
            doc_type: match a.document.kind {
                classify::Kind::Other => a.document.doc_type.clone(),
                _ => h
                    .doc_type
                    .as_ref()
                    .map(|t| classify::type_name(&t.text))
                    .or_else(|| a.document.doc_type.clone()),
            },
            confidence: a.document.confidence,
            evidence: a.document.evidence.clone(),
            number: h
                .number
                .as_ref()
                .and_then(|n| n.number.as_ref())
                .map(|f| f.text.clone()),
            symbol: h
                .number
                .as_ref()
                .and_then(|n| n.symbol.as_ref())
                .map(|f| f.text.clone()),
            issuer: h.agency.as_ref().map(|f| f.text.clone()),
            parent_issuer: h.parent_agency.as_ref().map(|f| f.text.clone()),
            place: h.place_date.as_ref().map(|p| p.place.text.clone()),
            issue_date: a.issue_date,
            title: h.title.as_ref().map(|f| f.text.clone()),
            plan_year: a.plan_year,
            school_year: a.school_year.map(|(x, y)| format!("{x}-{y}")),
            legal_basis: s.basis.iter().map(|f| f.text.clone()).collect(),
            signer: s.signature.signer.as_ref().map(|f| f.text.clone()),
            signer_title: s.signature.titles.last().map(|f| f.text.clone()),
            signing_authority: s.signature.authority.as_ref().map(|f| f.text.clone()),
            recipients: s.recipients.iter().map(|f| f.text.clone()).collect(),
            sections,
            citations: a
                .citations
                .iter()
                .map(|c| {
                    let p = pos(c.span);
                    CitationInfo {
                        doc_type: c.doc_type.clone(),
                        number: c.symbol.as_ref().map(|s| s.number),
                        symbol: c.symbol.as_ref().map(|s| s.text.clone()),
                        family: c.symbol.as_ref().map(|s| {
                            serde_json::to_value(s.family)
                                .ok()
                                .and_then(|v| v.as_str().map(String::from))
                                .unwrap_or_default()
                        }),
                        name: c.name.clone(),
                        date: c.date.and_then(|i| a.dates[i].date),
                        issuer: c.issuer.clone(),
                        subject: c.subject.clone(),
                        line: p.line,
                        column: p.column,
                    }
                })
                .collect(),
            dates: a
                .dates
                .iter()
                .map(|d| {
                    let p = pos(d.span);
                    DateInfo {
                        text: source.text[d.span.start..d.span.end].to_string(),
                        date: d.date,
                        precision: match d.precision {
                            Precision::Day => "day".into(),
                            Precision::Month => "month".into(),
                        },
                        role: role_name(d.role),
                        line: p.line,
                        column: p.column,
                    }
                })
                .collect(),
            anniversaries: a
                .anniversaries
                .iter()
                .map(|x| AnniversaryInfo {
                    count: x.count,
                    event: x.event.clone(),
                    base_date: a.dates[x.base].date,
                    target_date: a.dates[x.target].date,
                    line: pos(x.span).line,
                })
                .collect(),
        }
    }
}

/// The numbered items as a tree (bullets are left out: they are paragraphs, not sections).
fn section_tree(source: &SourceFile, s: &Structure) -> Vec<SectionInfo> {
    fn build(source: &SourceFile, s: &Structure, parent: Option<usize>) -> Vec<SectionInfo> {
        s.items
            .iter()
            .enumerate()
            .filter(|(_, item)| item.parent == parent && !matches!(item.marker, Marker::Bullet(_)))
            .map(|(i, item)| SectionInfo {
                marker: item.marker.render(item.marker.ordinal().unwrap_or(0)),
                level: item.marker.level(),
                title: item.text.text.chars().take(120).collect(),
                line: source.position(item.marker_span.start).line,
                children: build(source, s, Some(i)),
            })
            .collect()
    }
    build(source, s, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anniversaries_with_and_without_count() {
        let text = "chào mừng 79 năm Cách mạng tháng Tám (19/8/1945 - 19/8/2024) và Quốc khánh Nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2024), 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2024)";
        let src = SourceFile::new("t", text);
        let a = analyze(&src, RuleData::builtin());
        let got: Vec<_> = a
            .anniversaries
            .iter()
            .map(|x| (x.count, x.event.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(79), "Cách mạng tháng Tám"),
                (None, "Quốc khánh Nước Cộng hòa xã hội chủ nghĩa Việt Nam"),
                (Some(80), "Ngày thành lập Quân đội nhân dân Việt Nam"),
            ]
        );
        assert_eq!(a.dates[0].role, DateRole::AnniversaryBase);
    }

    #[test]
    fn plan_year_and_school_year() {
        let src = SourceFile::new(
            "t",
            "Số: 12/KH-THCS\nA, ngày 05 tháng 9 năm 2024\nKẾ HOẠCH\nPhát động thi đua năm học 2024-2025\n",
        );
        let a = analyze(&src, RuleData::builtin());
        assert_eq!(a.school_year, Some((2024, 2025)));
        assert_eq!(a.plan_year, Some(2024));
        let src = SourceFile::new(
            "t",
            "KẾ HOẠCH\nPhát động phong trào thi đua yêu nước năm 2023\n",
        );
        assert_eq!(analyze(&src, RuleData::builtin()).plan_year, Some(2023));
    }
}
