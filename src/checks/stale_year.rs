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
use crate::extract::fast_regex::BoundaryRegex;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

// Scanned over the whole text: `BoundaryRegex` keeps the `\b` patterns on the DFA.
static SCHOOL_YEAR: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    BoundaryRegex::new(r"(?i)\bnăm học\s*(\d{4})(\s*[-–—]\s*)(\d{4})").expect("valid regex")
});
static YEAR: LazyLock<BoundaryRegex> =
    LazyLock::new(|| BoundaryRegex::new(r"(?i)\bnăm\s+(\d{4})\b").expect("valid regex"));
static RANGE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-–—]|đến|tới)\s*(?:năm\s*)?\d{4}").expect("valid regex"));
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

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let a = cx.analysis;
    let Some(plan_year) = a.plan_year else {
        return;
    };
    let text = cx.source.text.as_str();
    let title = a.structure.header.title.as_ref();
    let title_text = title.map_or("", |t| t.text.as_str()).to_lowercase();
    let school_plan = title_text.contains("năm học");
    let own_school = a.school_year.filter(|_| school_plan);
    // The earliest calendar year and the earliest school-year end that are the plan's own.
    let first_year = own_school.map_or(plan_year, |(y1, _)| y1.min(plan_year));
    let first_year = a.issue_date.map_or(first_year, |d| first_year.min(d.year));
    let school_end = own_school.map_or(plan_year, |(_, y2)| y2);
    let school_end = a.issue_date.map_or(school_end, |d| {
        // A plan issued before September still lives in the school year ending that summer.
        school_end.min(if d.month >= 9 { d.year + 1 } else { d.year })
    });
    let after_header = title.map_or(0, |t| t.span.end);

    let clauses: Vec<Span> = a
        .citations
        .iter()
        .zip(clause_ends(cx))
        .map(|(c, end)| Span::new(c.span.start, end))
        .collect();
    let excluded = |pos: usize| -> bool {
        pos < after_header
            || a.dates
                .iter()
                .any(|d| d.span.start <= pos && pos < d.span.end)
            || a.anniversaries
                .iter()
                .any(|x| x.span.start <= pos && pos < x.span.end)
            || clauses.iter().any(|c| c.start <= pos && pos < c.end)
            || a.structure
                .basis
                .iter()
                .any(|b| b.span.start <= pos && pos < b.span.end)
            || inside_quotes(text, pos)
    };
    let clause_before = |pos: usize| -> &str {
        let before = crate::source::line_before(text, pos);
        let start = before.rfind([';', '.', ':', '(']).map_or(0, |p| p + 1);
        // At most the last 80 bytes (on a char boundary).
        let mut s = start.max(before.len().saturating_sub(80));
        while !before.is_char_boundary(s) {
            s += 1;
        }
        &before[s..]
    };
    let looks_back = |start: usize, end: usize| -> bool {
        LOOKS_BACK.is_match(clause_before(start))
            || LOOKS_BACK_AFTER.is_match(&text[end..])
            || RANGE_AFTER.is_match(&text[end..])
    };

    let mut school_spans: Vec<Span> = Vec::new();
    for c in SCHOOL_YEAR.captures_iter(text) {
        let (Some(whole), Some(y1), Some(sep), Some(y2)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        school_spans.push(Span::new(whole.start(), whole.end()));
        let (Ok(from), Ok(to)) = (y1.as_str().parse::<i32>(), y2.as_str().parse::<i32>()) else {
            continue;
        };
        if to != from + 1 || to >= school_end || to < school_end - WINDOW {
            continue;
        }
        if excluded(whole.start()) || looks_back(whole.start(), whole.end()) {
            continue;
        }
        let span = Span::new(y1.start(), y2.end());
        let own = format!("{}{}{}", school_end - 1, sep.as_str(), school_end);
        out.push(
            Diagnostic::new(
                span,
                format!(
                    "năm học {from}-{to} đã qua so với kế hoạch {}: có thể là năm học chép từ kế hoạch cũ",
                    plan_label(plan_year, own_school)
                ),
            )
            .help(format!(
                "nếu đây là nhiệm vụ của kế hoạch này, sửa thành năm học {own}; nếu là kết quả đã qua, nói rõ (\"kết quả năm học {from}-{to}\")"
            )),
        );
    }
    for c in YEAR.captures_iter(text) {
        let (Some(whole), Some(y)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if school_spans
            .iter()
            .any(|s| s.start <= whole.start() && whole.start() < s.end)
        {
            continue;
        }
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        if year >= first_year || year < first_year - WINDOW {
            continue;
        }
        if excluded(whole.start()) || looks_back(whole.start(), whole.end()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Span::new(y.start(), y.end()),
                format!(
                    "năm {year} đã qua so với kế hoạch {}: có thể là năm chép từ kế hoạch cũ",
                    plan_label(plan_year, own_school)
                ),
            )
            .help(format!(
                "nếu đây là nhiệm vụ của kế hoạch này, sửa thành năm {first_year}; nếu là việc đã qua, nói rõ (\"kết quả năm {year}\")"
            )),
        );
    }
}

fn plan_label(plan_year: i32, school: Option<(i32, i32)>) -> String {
    match school {
        Some((a, b)) => format!("năm học {a}-{b}"),
        None => format!("năm {plan_year}"),
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
