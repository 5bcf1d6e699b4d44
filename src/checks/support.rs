//! What several rules share: finding a citation's registry entry, naming it, writing a date
//! the way the document writes dates, the end of a citation's clause, quotation marks.
//!
//! Rules import helpers from here and never from one another, so a rule can be changed or
//! removed without touching the others (the `no_rule_imports_another_rule` test in
//! `checks/mod.rs` holds this). Not a rule: `build.rs` skips this file when it collects rule docs.

use super::Context;
use crate::date::Date;
use crate::extract::citations::{Citation, SymbolFamily};
use crate::extract::dates::{DateMention, Precision};
use crate::ruledata::{KnownDocument, normalize_name};

/// The registry entry a citation refers to, if it can be told without guessing: same symbol (or,
/// for a Luật cited by name, same name) and a date consistent with it.
pub fn registry_entry<'a>(cx: &'a Context, c: &Citation) -> Option<&'a KnownDocument> {
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
pub fn citation_label(c: &Citation) -> String {
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
pub fn format_date_like(like: &DateMention, text: &str, date: Date) -> String {
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

/// The end of a citation's clause: the next ";", sentence end, line end or next citation.
pub fn clause_end(cx: &Context, c: &Citation) -> usize {
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
pub fn clause_ends(cx: &Context) -> Vec<usize> {
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

/// Whether `pos` is inside quotation marks on its line.
pub fn inside_quotes(text: &str, pos: usize) -> bool {
    let before = crate::source::line_before(text, pos);
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    open > close || before.matches('"').count() % 2 == 1
}
