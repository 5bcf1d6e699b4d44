//! Every date and month reference in the text, with the role its context gives it.

use super::fast_regex::BoundaryRegex;
use super::span_index::DisjointSpans;
use crate::date::Date;
use crate::source::Span;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What a date means in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// The document's own date, in the header.
    Issue,
    /// The date of a cited document.
    Citation,
    /// "trước ngày", "chậm nhất", "hạn chót", "nộp/gửi … ngày".
    Deadline,
    /// "bắt đầu từ ngày".
    Start,
    /// "từ ngày X đến ngày Y": X.
    RangeStart,
    /// "từ ngày X đến ngày Y": Y.
    RangeEnd,
    /// The month heading a schedule item ("Tháng 9/2020: …").
    ScheduleMonth,
    /// The base date of an anniversary ("(11/6/1948 - 11/6/2023)": 11/6/1948).
    AnniversaryBase,
    /// The celebrated date of an anniversary (11/6/2023).
    AnniversaryTarget,
    /// Any other date.
    Mention,
}

/// How precise a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
}

/// One date or month reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// From the first digit of the day (or month) to the last digit of the year.
    pub span: Span,
    pub day: Option<u32>,
    pub month: u32,
    pub year: Option<i32>,
    /// The date, when it has a year and exists. For month references: the first of the month.
    pub date: Option<Date>,
    pub precision: Precision,
    pub role: DateRole,
    /// Spaces inside a numeric date ("29/12/ 2020").
    pub stray_spaces: bool,
    /// The separator of a numeric date ('/', '-', '.'), or ' ' for "ngày … tháng … năm …".
    pub separator: char,
}

impl DateMention {
    /// Whether day/month/year are given but form no real date (31/6, 29/02/2023, month 13).
    pub fn is_invalid(&self) -> bool {
        self.year.is_some() && self.date.is_none()
    }

    /// The last day the reference covers (the date itself, or the month's last day).
    pub fn last_day(&self) -> Option<Date> {
        match self.precision {
            Precision::Day => self.date,
            Precision::Month => self.date.map(Date::end_of_month),
        }
    }
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,2}) ?([/.-]) ?([0-9]{1,2}) ?([/.-]) ?([0-9]{4})").unwrap()
});
static VERBAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:ngày)\s+([0-9]{1,2})\s+(?i:tháng)\s+([0-9]{1,2})\s*,?\s*(?i:năm)\s+([0-9]{4})")
        .unwrap()
});
static VERBAL_NO_YEAR: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    BoundaryRegex::new(r"(?i:ngày)\s+([0-9]{1,2})\s+(?i:tháng)\s+([0-9]{1,2})\b").unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:tháng)\s+([0-9]{1,2})(?:\s*,\s*[0-9]{1,2})*\s*(?:/ ?|\s+(?i:năm)\s+)([0-9]{4})",
    )
    .unwrap()
});

fn is_digit_or_slash(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.' || c == '-')
}

/// Scans a text for dates. Roles are left as [`DateRole::Mention`]; [`assign_roles`] sets them.
pub fn scan(text: &str) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    // What the earlier, stronger patterns took. The matches of one pattern never overlap each
    // other, so each pattern's spans join the set once it has run.
    let mut covered = DisjointSpans::default();
    let mut taken: Vec<Span> = Vec::new();

    for c in VERBAL.captures_iter(text) {
        let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let span = Span::new(d.start(), y.end());
        push_date(
            &mut out,
            span,
            d.as_str(),
            m.as_str(),
            Some(y.as_str()),
            ' ',
            false,
        );
        taken.push(span);
    }
    covered.extend(taken.drain(..));
    for c in NUMERIC.captures_iter(text) {
        let (Some(whole), Some(d), Some(s1), Some(m), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        // Not inside a longer number or symbol ("12/2020/NĐ-CP" has no day; "1.2.3.2020").
        let before = text[..whole.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        // "(26/3/1931-26/3/2025)": a range written without spaces; the dash follows a year.
        let after_range_dash = before == Some('-') && {
            let head = &text.as_bytes()[..whole.start() - 1];
            head.len() >= 4 && head[head.len() - 4..].iter().all(u8::is_ascii_digit)
        };
        if (is_digit_or_slash(before) && !after_range_dash)
            || after.is_some_and(|c| c.is_ascii_digit() || c == '/')
        {
            continue;
        }
        if s1.as_str() != s2.as_str() {
            continue;
        }
        // "1.5.2020" style is rare in these documents and collides with numbering; require / or -.
        if s1.as_str() == "." {
            continue;
        }
        let span = Span::new(whole.start(), whole.end());
        if covered.overlaps(span) {
            continue;
        }
        let stray = whole.as_str().contains(' ');
        let sep = s1.as_str().chars().next().unwrap_or('/');
        push_date(
            &mut out,
            span,
            d.as_str(),
            m.as_str(),
            Some(y.as_str()),
            sep,
            stray,
        );
        taken.push(span);
    }
    covered.extend(taken.drain(..));
    for c in MONTH_YEAR.captures_iter(text) {
        let (Some(m), Some(y)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let span = Span::new(m.start(), y.end());
        if covered.overlaps(span) {
            continue;
        }
        let month: u32 = m.as_str().parse().unwrap_or(0);
        let year: Option<i32> = y.as_str().parse().ok();
        out.push(DateMention {
            span,
            day: None,
            month,
            year,
            date: year.and_then(|y| Date::new(y, month, 1)),
            precision: Precision::Month,
            role: DateRole::Mention,
            stray_spaces: false,
            separator: '/',
        });
        taken.push(span);
    }
    covered.extend(taken.drain(..));
    // The dated references so far, by start (no two start at the same byte: they are disjoint).
    let mut dated: Vec<(usize, Option<i32>)> = out.iter().map(|o| (o.span.start, o.year)).collect();
    dated.sort_unstable_by_key(|&(start, _)| start);
    // "từ ngày 16 tháng 6 đến hết tháng 12 năm 2024": a day without a year takes the year of the
    // next dated reference in the same sentence.
    for c in VERBAL_NO_YEAR.captures_iter(text) {
        let (Some(d), Some(m)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let span = Span::new(d.start(), m.end());
        if covered.overlaps(span) {
            continue;
        }
        let rest = &text[span.end..];
        let sentence_end = rest.find(['.', ';', '\n']).unwrap_or(rest.len());
        let year = dated
            .get(dated.partition_point(|&(start, _)| start < span.end))
            .filter(|&&(start, _)| start < span.end + sentence_end)
            .and_then(|&(_, year)| year);
        let Some(year) = year else { continue };
        let (day, month) = (
            d.as_str().parse().unwrap_or(0),
            m.as_str().parse().unwrap_or(0),
        );
        out.push(DateMention {
            span,
            day: Some(day),
            month,
            year: Some(year),
            date: Date::new(year, month, day),
            precision: Precision::Day,
            role: DateRole::Mention,
            stray_spaces: false,
            separator: ' ',
        });
    }
    out.sort_by_key(|d| d.span.start);
    out
}

fn push_date(
    out: &mut Vec<DateMention>,
    span: Span,
    day: &str,
    month: &str,
    year: Option<&str>,
    separator: char,
    stray_spaces: bool,
) {
    let day: u32 = day.parse().unwrap_or(0);
    let month: u32 = month.parse().unwrap_or(0);
    let year: Option<i32> = year.and_then(|y| y.parse().ok());
    out.push(DateMention {
        span,
        day: Some(day),
        month,
        year,
        date: year.and_then(|y| Date::new(y, month, day)),
        precision: Precision::Day,
        role: DateRole::Mention,
        stray_spaces,
        separator,
    });
}

static DEADLINE_BEFORE: LazyLock<BoundaryRegex> = LazyLock::new(|| {
    BoundaryRegex::new(
        r"(?i)(?:(?:trước|chậm nhất|hạn chót|hạn cuối|hạn nộp|thời hạn|muộn nhất|không quá)(?:\s+(?:là|vào|đến|trước))?(?:\s+(?:hết\s+)?(?:ngày|tháng))?|(?:nộp|gửi|báo cáo)\b[^.;:]{0,80}?\b(?:trước|vào|chậm nhất)\s+(?:ngày|tháng)|(?:nộp|gửi)\s+(?:về\s+\S+\s+)?(?:ngày|vào ngày))\s*$",
    )
    .unwrap()
});
/// A scheduled event's date is a deadline too: "tổ chức hội thi vào ngày 15/3/2024".
static EVENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:tổ chức|diễn ra|tiến hành|khai mạc|bế mạc|tổng kết|sơ kết|ra quân)\s[^.;:]{0,60}?(?:vào\s+)?(?:ngày|lúc[^.;:]{0,20}?ngày)\s*$")
        .expect("valid regex")
});
/// What was done already is no deadline: "đã tổ chức vào ngày …".
static PAST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)(?:đã|vừa|được tổ chức)\s").expect("valid regex"));
static START_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:bắt đầu|khởi động|triển khai|phát động)\s+(?:(?:thực hiện|từ)\s+)*(?:ngày|tháng)?\s*$")
        .unwrap()
});
static FROM_BEFORE: LazyLock<BoundaryRegex> =
    LazyLock::new(|| BoundaryRegex::new(r"(?i)\btừ\s+(?:ngày|tháng)?\s*$").unwrap());
static RANGE_BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:ngày|tháng)?\s*$").unwrap()
});
static SCHEDULE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\s\-+•*]*tháng\s*$").unwrap());

/// Sets each date's role from the words around it. Dates inside citations, anniversaries and the
/// header were marked by the caller beforehand and keep their roles.
pub fn assign_roles(text: &str, dates: &mut [DateMention]) {
    for i in 0..dates.len() {
        if dates[i].role != DateRole::Mention {
            continue;
        }
        let span = dates[i].span;
        let before = crate::source::line_before(text, span.start);
        // The words right before, within the current clause.
        let clause_start = before.rfind([';', '.', ':']).map_or(0, |p| p + 1);
        let clause = &before[clause_start..];

        if SCHEDULE_HEAD.is_match(before) && dates[i].precision == Precision::Month {
            let after = &text[span.end..];
            if after.trim_start().starts_with(':') {
                dates[i].role = DateRole::ScheduleMonth;
                continue;
            }
        }
        // "từ ngày X đến ngày Y"
        if let Some(next) = dates.get(i + 1).filter(|n| n.role == DateRole::Mention)
            && next.span.start > span.end
            && RANGE_BETWEEN.is_match(&text[span.end..next.span.start])
            && (FROM_BEFORE.is_match(clause) || dates[i].precision == Precision::Day)
        {
            dates[i].role = DateRole::RangeStart;
            dates[i + 1].role = DateRole::RangeEnd;
            continue;
        }
        if DEADLINE_BEFORE.is_match(clause)
            || (EVENT_BEFORE.is_match(clause) && !PAST.is_match(clause))
        {
            dates[i].role = DateRole::Deadline;
        } else if START_BEFORE.is_match(clause)
            || (FROM_BEFORE.is_match(clause) && clause.to_lowercase().contains("bắt đầu"))
        {
            dates[i].role = DateRole::Start;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(String, DateRole)> {
        let mut d = scan(text);
        assign_roles(text, &mut d);
        d.iter()
            .map(|d| (text[d.span.start..d.span.end].to_string(), d.role))
            .collect()
    }

    #[test]
    fn finds_every_written_form() {
        let d = scan("ngày 15 tháng 5 năm 2016, 29/12/ 2020, 15-5-2016 và tháng 12/2021; 1.2.2020");
        let spans: Vec<_> = d
            .iter()
            .map(|d| (d.day, d.month, d.year, d.stray_spaces))
            .collect();
        assert_eq!(
            spans,
            vec![
                (Some(15), 5, Some(2016), false),
                (Some(29), 12, Some(2020), true),
                (Some(15), 5, Some(2016), false),
                (None, 12, Some(2021), false),
            ]
        );
    }

    #[test]
    fn ignores_symbols_and_ranges_of_years() {
        assert!(scan("Nghị định 98/2023/NĐ-CP nhiệm kỳ 2021-2026").is_empty());
    }

    #[test]
    fn invalid_dates_are_kept_and_marked() {
        let d = scan("trước ngày 31/6/2021");
        assert_eq!(d.len(), 1);
        assert!(d[0].is_invalid());
    }

    #[test]
    fn roles_from_context() {
        assert_eq!(
            roles(
                "Gửi báo cáo sơ kết trước ngày 25/6/2021, báo cáo tổng kết trước ngày 15/12/2021."
            ),
            vec![
                ("25/6/2021".into(), DateRole::Deadline),
                ("15/12/2021".into(), DateRole::Deadline)
            ]
        );
        assert_eq!(
            roles("Thời gian phát động và thực hiện: bắt đầu từ ngày 19/02/2021."),
            vec![("19/02/2021".into(), DateRole::Start)]
        );
        assert_eq!(
            roles("thực hiện từ ngày 01/3/2021 đến ngày 28/02/2021"),
            vec![
                ("01/3/2021".into(), DateRole::RangeStart),
                ("28/02/2021".into(), DateRole::RangeEnd)
            ]
        );
        assert_eq!(
            roles("- Tháng 9/2020: Sau Lễ Khai giảng"),
            vec![("9/2020".into(), DateRole::ScheduleMonth)]
        );
        assert_eq!(
            roles("Đợt thứ hai từ ngày 16 tháng 6 đến hết tháng 12 năm 2024: thi đua"),
            vec![
                ("16 tháng 6".into(), DateRole::RangeStart),
                ("12 năm 2024".into(), DateRole::RangeEnd)
            ]
        );
    }
}
