//! Năm hoặc năm học sớm hơn năm của chính kế hoạch trong phần nội dung hướng tới thời gian sắp tới:
//! "xây dựng kế hoạch công tác của Hội đồng năm 2021" trong kế hoạch năm 2023; "năm học 2021 –
//! 2022" trong kế hoạch năm 2024 — dấu hiệu của văn bản chép từ kế hoạch cũ mà không sửa năm.
//!
//! ## Vì sao
//! Kế hoạch được viết lại mỗi năm từ kế hoạch năm trước, và năm ghi trong các nhiệm vụ rất dễ bị bỏ
//! sót. Một nhiệm vụ gắn với năm đã qua thì không thể thực hiện. Ở đây độ chính xác quan trọng hơn
//! độ bao phủ, nên một năm chỉ bị báo khi nó sớm hơn năm của kế hoạch từ một đến năm năm (năm ghi ở
//! trích yếu; với kế hoạch năm học là năm học của kế hoạch) và không rơi vào trường hợp nào sau
//! đây: nó là một phần của ngày tháng, của trích dẫn (kể cả trích yếu của văn bản được trích dẫn),
//! của ngày kỷ niệm, của đoạn trích nguyên văn hay của trích yếu; nó mở đầu một giai đoạn
//! ("giai đoạn", "nhiệm kỳ", "từ năm … đến", "2021-2025"); hoặc mệnh đề chứa nó mang tính nhìn lại
//! ("kết quả", "đã đạt", "so với", "tổng kết", "năm qua", "cao hơn" …) hay nêu tên một văn bản pháp
//! luật ("Luật …", "Nghị định …"). Năm học chứa năm của kế hoạch ("năm học 2020-2021" trong kế
//! hoạch năm 2021) là năm học của chính kế hoạch.
//!
//! ## Ví dụ
//! ```text
//! Phát động phong trào thi đua yêu nước năm 2023
//! …
//! 4. Đổi mới, nâng cao chất lượng hoạt động của Hội đồng Thi đua - Khen thưởng, xây dựng kế
//! hoạch công tác của Hội đồng năm 2021, phân công nhiệm vụ cụ thể …
//! ```
//!
//! ## Cách sửa
//! Ghi năm của kế hoạch (ở đây là "năm 2023") nếu nhiệm vụ thuộc kế hoạch này; nếu câu văn nhìn lại
//! một năm trước, hãy nói rõ điều đó ("kết quả năm 2021").

use super::support::{clause_ends, inside_quotes};
use super::{Context, Diagnostic};
use crate::extract::Analysis;
use crate::extract::fast_regex::BoundaryRegex;
use crate::extract::span_index::SpanIndex;
use crate::lang::Lang;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A year or school year earlier than the plan's own in text about what is to come: the mark of a document copied from an old plan without its years updated.";

// Scanned over the whole text: `BoundaryRegex` keeps the `\b` patterns on the DFA.
static SCHOOL_YEAR: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    BoundaryRegex::new(r"(?i)\bnăm học\s*([0-9]{4})(\s*[-–—]\s*)([0-9]{4})").expect("valid regex")
});
static YEAR: LazyLock<BoundaryRegex> =
    LazyLock::new(|| BoundaryRegex::new(r"(?i)\bnăm\s+([0-9]{4})\b").expect("valid regex"));
static RANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-–—]|đến|tới)\s*(?:năm\s*)?[0-9]{4}").expect("valid regex")
});
/// Words that make a clause look back, or name a period or a legal text.
static LOOKS_BACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:kết quả|so với|đã|đạt được|tổng kết|sơ kết|năm qua|vừa qua|trước đây|",
        r"thành tích|từ năm|từ|giai đoạn|nhiệm kỳ|kỷ niệm|thành lập|ban hành|khóa|khoá|",
        r"cao hơn|thấp hơn|tăng|giảm|bằng|như|kế thừa|phát huy|duy trì|tiếp tục|ghi nhận|",
        r"công nhận|được tặng|tặng)\b",
        r"|\b(?:Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Kế hoạch số|Công văn|Đề án|Chương trình|Hướng dẫn|Kết luận)\b",
    ))
    .expect("valid regex")
});
static LOOKS_BACK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;:\n]{0,40}?\b(?:cao hơn|thấp hơn|vừa qua|đã qua|trước đó|so với)\b")
        .expect("valid regex")
});

/// Most years a stale year lies before the plan's (older years are history, not copies).
const WINDOW: i32 = 5;

/// The years that are the plan's own.
#[derive(Debug, Clone, Copy)]
struct PlanYears {
    plan_year: i32,
    /// The title's school year, for a school-year plan.
    own_school: Option<(i32, i32)>,
    /// The earliest calendar year that is the plan's own.
    first_year: i32,
    /// The earliest school-year end that is the plan's own.
    school_end: i32,
}

fn plan_years(a: &Analysis) -> Option<PlanYears> {
    let plan_year = a.plan_year?;
    let title_text = a
        .structure
        .header
        .title
        .as_ref()
        .map_or("", |t| t.text.as_str())
        .to_lowercase();
    let own_school = a.school_year.filter(|_| title_text.contains("năm học"));
    let first_year = own_school.map_or(plan_year, |(y1, _)| y1.min(plan_year));
    let first_year = a.issue_date.map_or(first_year, |d| first_year.min(d.year));
    let school_end = own_school.map_or(plan_year, |(_, y2)| y2);
    let school_end = a.issue_date.map_or(school_end, |d| {
        // A plan issued before September still lives in the school year ending that summer.
        school_end.min(if d.month >= 9 { d.year + 1 } else { d.year })
    });
    Some(PlanYears {
        plan_year,
        own_school,
        first_year,
        school_end,
    })
}

/// Where a year is never stale: the header, dates, anniversaries, citations with their clause,
/// the legal basis, quotations.
struct Excluded<'a> {
    text: &'a str,
    after_header: usize,
    spans: SpanIndex,
}

impl<'a> Excluded<'a> {
    fn new(cx: &Context<'a>) -> Excluded<'a> {
        let a = cx.analysis;
        let clauses = a
            .citations
            .iter()
            .zip(clause_ends(cx))
            .map(|(c, end)| Span::new(c.span.start, end));
        let spans = a
            .dates
            .iter()
            .map(|d| d.span)
            .chain(a.anniversaries.iter().map(|x| x.span))
            .chain(clauses)
            .chain(a.structure.basis.iter().map(|b| b.span));
        Excluded {
            text: cx.source.text.as_str(),
            after_header: a.structure.header.title.as_ref().map_or(0, |t| t.span.end),
            spans: SpanIndex::new(spans),
        }
    }

    fn contains(&self, pos: usize) -> bool {
        pos < self.after_header || self.spans.contains(pos) || inside_quotes(self.text, pos)
    }
}

/// The clause before `pos` on its line, at most its last 80 bytes.
fn clause_before(text: &str, pos: usize) -> &str {
    let before = crate::source::line_before(text, pos);
    let start = before.rfind([';', '.', ':', '(']).map_or(0, |p| p + 1);
    let mut s = start.max(before.len().saturating_sub(80));
    while !before.is_char_boundary(s) {
        s += 1;
    }
    &before[s..]
}

/// What [`LOOKS_BACK_AFTER`] can see after `end`: its match (40 characters and a word, at most 172
/// bytes) and the character after it, cut at the line end. A window, not the rest of the file: the
/// regex engine's work on an anchored search grows with the haystack's length.
fn after_window(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    let rest = &rest[..crate::source::floor_char_boundary(rest, 256)];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// Whether the words around `start..end` look back, start a period or name a legal text.
fn looks_back(text: &str, start: usize, end: usize) -> bool {
    LOOKS_BACK.is_match(clause_before(text, start))
        || LOOKS_BACK_AFTER.is_match(after_window(text, end))
        || RANGE_AFTER.is_match(&text[end..])
}

/// "năm học 2021 – 2022" in a plan whose own school year is later: the finding, if stale.
fn stale_school_year(
    text: &str,
    plan: PlanYears,
    excluded: &Excluded,
    c: &regex::Captures,
    lang: Lang,
) -> Option<Diagnostic> {
    let (whole, y1, sep, y2) = (c.get(0)?, c.get(1)?, c.get(2)?, c.get(3)?);
    let (from, to) = (
        y1.as_str().parse::<i32>().ok()?,
        y2.as_str().parse::<i32>().ok()?,
    );
    let school_end = plan.school_end;
    if to != from + 1 || to >= school_end || to < school_end - WINDOW {
        return None;
    }
    if excluded.contains(whole.start()) || looks_back(text, whole.start(), whole.end()) {
        return None;
    }
    let own = format!("{}{}{}", school_end - 1, sep.as_str(), school_end);
    let plan_label = plan_label(plan.plan_year, plan.own_school, lang);
    Some(
        Diagnostic::new(
            Span::new(y1.start(), y2.end()),
            crate::tr!(
                lang,
                "năm học {from}-{to} đã qua so với kế hoạch {plan_label}: có thể là năm học chép từ kế hoạch cũ",
                "the school year {from}-{to} is past for a plan for {plan_label}: it may have been copied from an old plan"
            ),
        )
        .help(crate::tr!(
            lang,
            "nếu đây là nhiệm vụ của kế hoạch này, sửa thành năm học {own}; nếu là kết quả đã qua, nói rõ (\"kết quả năm học {from}-{to}\")",
            "if this is a task of this plan, make it the school year {own}; if it is a past result, say so (\"kết quả năm học {from}-{to}\")"
        )),
    )
}

/// "năm 2021" in a plan for a later year: the finding, if stale.
fn stale_year(
    text: &str,
    plan: PlanYears,
    excluded: &Excluded,
    c: &regex::Captures,
    lang: Lang,
) -> Option<Diagnostic> {
    let (whole, y) = (c.get(0)?, c.get(1)?);
    let year = y.as_str().parse::<i32>().ok()?;
    let first_year = plan.first_year;
    if year >= first_year || year < first_year - WINDOW {
        return None;
    }
    if excluded.contains(whole.start()) || looks_back(text, whole.start(), whole.end()) {
        return None;
    }
    let plan_label = plan_label(plan.plan_year, plan.own_school, lang);
    Some(
        Diagnostic::new(
            Span::new(y.start(), y.end()),
            crate::tr!(
                lang,
                "năm {year} đã qua so với kế hoạch {plan_label}: có thể là năm chép từ kế hoạch cũ",
                "the year {year} is past for a plan for {plan_label}: it may have been copied from an old plan"
            ),
        )
        .help(crate::tr!(
            lang,
            "nếu đây là nhiệm vụ của kế hoạch này, sửa thành năm {first_year}; nếu là việc đã qua, nói rõ (\"kết quả năm {year}\")",
            "if this is a task of this plan, make it {first_year}; if it is past work, say so (\"kết quả năm {year}\")"
        )),
    )
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan) = plan_years(cx.analysis) else {
        return;
    };
    let text = cx.source.text.as_str();
    let excluded = Excluded::new(cx);
    let mut school_spans: Vec<Span> = Vec::new();
    for c in SCHOOL_YEAR.captures_iter(text) {
        if let Some(whole) = c.get(0) {
            school_spans.push(Span::new(whole.start(), whole.end()));
        }
        out.extend(stale_school_year(text, plan, &excluded, &c, cx.lang));
    }
    // "năm 2021" inside "năm học 2020-2021" was judged with its school year.
    let school_spans = SpanIndex::new(school_spans);
    for c in YEAR.captures_iter(text) {
        if c.get(0).is_some_and(|w| school_spans.contains(w.start())) {
            continue;
        }
        out.extend(stale_year(text, plan, &excluded, &c, cx.lang));
    }
}

fn plan_label(plan_year: i32, school: Option<(i32, i32)>, lang: Lang) -> String {
    match school {
        Some((a, b)) => crate::tr!(lang, "năm học {a}-{b}", "the school year {a}-{b}"),
        None => crate::tr!(lang, "năm {plan_year}", "{plan_year}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{flagged, header};

    #[test]
    fn flags_years_of_an_old_plan_in_tasks() {
        let text = header("24", "02", "2023")
            + "4. Đổi mới hoạt động của Hội đồng Thi đua - Khen thưởng, xây dựng kế hoạch công tác của Hội đồng năm 2021, phân công nhiệm vụ.\n- Hoàn thành nhiệm vụ năm học 2020 – 2021 của ngành.\n";
        assert_eq!(flagged(check, &text), ["2020 – 2021", "2021"]);
    }

    #[test]
    fn accepts_retrospective_periods_citations_and_the_current_school_year() {
        let text = header("25", "3", "2024")
            + "Phát huy kết quả năm học 2022-2023; so với năm 2023; Phấn đấu chỉ số của năm 2024 cao hơn so với năm 2023; thành tích đã đạt được trong năm học 2021-2022.\n- Bình xét thi đua năm học 2023 – 2024 theo quy định; giai đoạn 2021-2025; nhiệm kỳ 2020 - 2025; từ năm 2020 đến năm 2025.\n- Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2023 của UBND huyện về thi đua năm 2023; Luật Thi đua, khen thưởng năm 2022; ngày 15 tháng 5 năm 2022; chủ đề “năm 2022”.\n";
        let got = flagged(check, &text);
        assert!(got.is_empty(), "{got:?}");
        let text = "Số: 21/KH-THPT\nLộc Ninh, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nPhát động thi đua năm 2021\n- Tỉ lệ tốt nghiệp năm học 2020-2021; nhiệm vụ năm 2021.\n";
        assert!(flagged(check, text).is_empty());
    }
}
