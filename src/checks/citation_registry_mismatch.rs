//! A document of the registry (`rules/documents.toml`) cited with a wrong date, issuer or period:
//! "Chỉ thị số 05-CT/TW ngày 16/5/2016" when Chỉ thị 05-CT/TW is dated 15/5/2016.
//!
//! ## Why
//! A citation is how a reviewer finds the document a plan implements; a wrong date, a wrong
//! issuer or a wrong period in the quoted title ("Đề án “Xây dựng xã hội học tập giai đoạn
//! 2021 - 2023”" for an Đề án of 2021 - 2030) points to a document that does not exist, and is
//! usually a slip in retyping or a copy from a wrong source. The citation is matched on its
//! symbol and its date: Party symbols repeat across terms (a 34-CT/TW of 2014 and another of
//! 2024), so when the cited year matches none of the entries with that symbol, nothing is
//! guessed. A Luật cited by name is matched on its name and date.
//!
//! ## Example
//! ```text
//! Tiếp tục triển khai thực hiện Chỉ thị số 05-CT/TW ngày 16/5/2016 của Bộ Chính trị
//! ```
//!
//! ## Fix
//! Write the registry's date ("15/5/2016"), issuer or period; if the plan means another
//! document, correct the symbol instead.

use super::{Context, Diagnostic};
use crate::date::Date;
use crate::extract::citations::{Citation, SymbolFamily};
use crate::extract::dates::{DateMention, Precision};
use crate::ruledata::{KnownDocument, normalize_name};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)giai đoạn\s*(?:từ\s*)?(?:năm\s*)?([0-9]{4})(\s*(?:[-–—]|đến)\s*(?:năm\s*)?)([0-9]{4})",
    )
    .expect("valid regex")
});

/// The registry entry a citation refers to, if it can be told without guessing: same symbol (or,
/// for a Luật cited by name, same name) and a date consistent with it.
pub(crate) fn registry_entry<'a>(cx: &'a Context, c: &Citation) -> Option<&'a KnownDocument> {
    let candidates: Vec<&KnownDocument> = match (&c.symbol, &c.name) {
        (Some(s), _) => cx.data.documents_by_symbol(&s.text).collect(),
        (None, Some(name)) => {
            let key = normalize_name(name);
            cx.data
                .documents
                .iter()
                .filter(|d| d.keys.name.as_ref() == Some(&key))
                .collect()
        }
        (None, None) => return None,
    };
    let cited_year = c
        .date
        .and_then(|i| cx.analysis.dates.get(i))
        .and_then(|d| d.year);
    match cited_year {
        Some(y) => {
            let same_year: Vec<_> = candidates
                .iter()
                .filter(|d| d.issue_year() == Some(y))
                .collect();
            match same_year.as_slice() {
                [one] => Some(**one),
                // Numbers restart every year (and every Party term): a date in another year is
                // another document, or a slip the other rules see; do not guess.
                _ => None,
            }
        }
        // Without a date, only symbols that are unique for longer than a year: legal normative
        // ones (their year is in the symbol) and Party ones (numbered per term).
        None if candidates.len() == 1
            && c.symbol
                .as_ref()
                .is_some_and(|s| s.family != SymbolFamily::Administrative) =>
        {
            candidates.first().copied()
        }
        None => None,
    }
}

/// How a citation names its document: "Chỉ thị 05-CT/TW".
pub(crate) fn citation_label(c: &Citation) -> String {
    let what = c
        .symbol
        .as_ref()
        .map(|s| s.text.clone())
        .or_else(|| c.name.clone())
        .unwrap_or_default();
    match &c.doc_type {
        Some(t) => format!("{t} {what}"),
        None => what,
    }
}

/// A date written the way `like` is written (separator, leading zeros, verbal form).
pub(crate) fn format_date_like(like: &DateMention, text: &str, date: Date) -> String {
    let pad_day = text.starts_with('0');
    let month_text = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .nth(1)
        .unwrap_or("");
    let pad_month = month_text.starts_with('0') && month_text.len() == 2;
    let day = if pad_day {
        format!("{:02}", date.day)
    } else {
        date.day.to_string()
    };
    let month = if pad_month || (like.separator == ' ' && pad_day && date.month < 3) {
        format!("{:02}", date.month)
    } else {
        date.month.to_string()
    };
    match (like.precision, like.separator) {
        (Precision::Month, _) => {
            if text.contains("năm") {
                format!("{month} năm {}", date.year)
            } else {
                format!("{month}/{}", date.year)
            }
        }
        (Precision::Day, ' ') => format!("{day} tháng {month} năm {}", date.year),
        (Precision::Day, sep) => format!("{day}{sep}{month}{sep}{}", date.year),
    }
}

/// Whether the cited issuer is the document's (a name or alias, possibly followed by more words
/// such as "khóa XII", or a shortening of one).
fn issuer_agrees(doc: &KnownDocument, cited: &str) -> bool {
    let cited = normalize_name(cited);
    let word_prefix = |long: &str, short: &str| {
        long.len() > short.len() && long.starts_with(short) && long[short.len()..].starts_with(' ')
    };
    doc.keys.issuers.iter().any(|n| {
        cited == *n || word_prefix(&cited, n) || (word_prefix(n, &cited) && cited.contains(' '))
    })
}

/// The end of a citation's clause: the next ";", sentence end, line end or next citation.
pub(crate) fn clause_end(cx: &Context, c: &Citation) -> usize {
    let next = cx
        .analysis
        .citations
        .iter()
        .map(|o| o.span.start)
        .filter(|s| *s > c.span.end)
        .min();
    clause_end_before(cx.source.text.as_str(), c.span.end, next)
}

/// [`clause_end`] of every citation, in order: one sort instead of a scan per citation.
pub(crate) fn clause_ends(cx: &Context) -> Vec<usize> {
    let mut starts: Vec<usize> = cx.analysis.citations.iter().map(|c| c.span.start).collect();
    starts.sort_unstable();
    cx.analysis
        .citations
        .iter()
        .map(|c| {
            let next = starts
                .get(starts.partition_point(|&s| s <= c.span.end))
                .copied();
            clause_end_before(cx.source.text.as_str(), c.span.end, next)
        })
        .collect()
}

/// The clause end after byte `from`: the first ";" or line end, or an earlier ". ", and never past
/// the start of the next citation.
fn clause_end_before(text: &str, from: usize, next_citation: Option<usize>) -> usize {
    // Nothing past the next citation can matter: search no further.
    let limit = next_citation.map_or(text.len(), |n| n.clamp(from, text.len()));
    let rest = text.get(from..limit).unwrap_or("");
    let mut end = rest.find([';', '\n']).unwrap_or(rest.len());
    if let Some(p) = rest[..end].find(". ") {
        end = p;
    }
    from + end
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.analysis.citations {
        let Some(doc) = registry_entry(cx, c) else {
            continue;
        };
        let label = citation_label(c);
        // Date.
        if let Some(mention) = c.date.and_then(|i| cx.analysis.dates.get(i))
            && mention.precision == Precision::Day
        {
            let written = cx.slice(mention.span);
            match (doc.date, mention.date) {
                (Some(real), Some(cited)) if real != cited => {
                    let right = format_date_like(mention, written, real);
                    out.push(
                        Diagnostic::new(
                            mention.span,
                            format!("{label} ban hành ngày {right}, không phải {written}"),
                        )
                        .fix(right),
                    );
                }
                _ => {}
            }
        }
        // Issuer.
        if let (Some(issuer), Some(span)) = (&c.issuer, c.issuer_span)
            && !issuer_agrees(doc, issuer)
        {
            out.push(
                Diagnostic::new(
                    span,
                    format!("{label} do {} ban hành, không phải {issuer}", doc.issuer),
                )
                .fix(doc.issuer.clone()),
            );
        }
        // Period quoted in the title.
        if let Some(period) = doc.period {
            let text = cx.source.text.as_str();
            let end = clause_end(cx, c);
            let start = c.span.end.min(end);
            for m in PERIOD.captures_iter(&text[start..end]) {
                let (Some(a), Some(sep), Some(b)) = (m.get(1), m.get(2), m.get(3)) else {
                    continue;
                };
                let (Ok(from), Ok(to)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>())
                else {
                    continue;
                };
                if (from, to) != (period.from, period.to) {
                    let span = Span::new(start + a.start(), start + b.end());
                    out.push(
                        Diagnostic::new(
                            span,
                            format!(
                                "tên của {label} ghi giai đoạn {period}, không phải {from}-{to}",
                            ),
                        )
                        .fix(format!(
                            "{}{}{}",
                            period.from,
                            sep.as_str(),
                            period.to
                        )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_a_wrong_date_with_the_registry_date_in_the_same_style() {
        let got = check_with(
            check,
            "- Tiếp tục triển khai thực hiện có hiệu quả Chỉ thị số 05-CT/TW ngày 16/5/2016 của Bộ Chính trị về đẩy mạnh",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "16/5/2016");
        assert_eq!(got[0].1.fix.as_deref(), Some("15/5/2016"));
        let got = check_with(
            check,
            "Chỉ thị số 05-CT/TW ngày 16 tháng 5 năm 2016 của Bộ Chính trị",
            None,
        );
        assert_eq!(got[0].1.fix.as_deref(), Some("15 tháng 5 năm 2016"));
    }

    #[test]
    fn flags_a_wrong_issuer_and_a_wrong_period() {
        let got = check_with(
            check,
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Bí thư về đẩy mạnh; Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2023”. Tiếp",
            None,
        );
        let got: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Ban Bí thư", Some("Bộ Chính trị")),
                ("2021 - 2023", Some("2021 - 2030"))
            ]
        );
    }

    #[test]
    fn accepts_right_citations_and_does_not_guess_between_terms() {
        let got = check_with(
            check,
            "Chỉ thị 05-CT/TW ngày 15-5-2016 của Bộ Chính trị khóa XII; Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ; Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022; Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”",
            None,
        );
        assert!(got.is_empty(), "{got:?}");
        // Another term's 34-CT/TW is not the registry's.
        assert!(
            check_with(
                check,
                "Chỉ thị số 34-CT/TW ngày 24/5/2024 của Bộ Chính trị",
                None
            )
            .is_empty()
        );
    }
}
