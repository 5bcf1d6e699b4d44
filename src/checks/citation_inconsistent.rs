//! Cùng một số và ký hiệu được trích dẫn với ngày ban hành hoặc cơ quan ban hành khác nhau trong
//! một văn bản.
//!
//! ## Vì sao
//! Một ký hiệu xác định một văn bản; hai ngày hoặc hai cơ quan ban hành cho cùng một ký hiệu nghĩa
//! là một trong các lần trích dẫn bị sai. Số văn bản của Đảng được đánh lại từ đầu mỗi nhiệm kỳ (có
//! văn bản 34-CT/TW năm 2014 và một văn bản 34-CT/TW khác năm 2024), nên với ký hiệu của Đảng, chỉ
//! những ngày cách nhau dưới một năm mới được coi là cùng một văn bản bị trích dẫn không thống
//! nhất.
//!
//! ## Ví dụ
//! ```text
//! Chỉ thị số 13/CT-UBND ngày 29/12/2020 … (đoạn sau) … Chỉ thị số 13/CT-UBND ngày 29/11/2020
//! ```
//!
//! ## Cách sửa
//! Ở mọi lần trích dẫn, ghi đúng ngày ban hành và cơ quan ban hành thực của văn bản.

use super::{Context, Diagnostic};
use crate::extract::citations::SymbolFamily;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "The same number and symbol cited with different issue dates or issuers within one document.";

/// Issuer names compared loosely: case, "Ủy ban nhân dân" = "UBND", one being a prefix of the other
/// ("Bộ Chính trị" and "Bộ Chính trị khóa XII").
fn same_issuer(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.to_lowercase()
            .replace("ủy ban nhân dân", "ubnd")
            .replace("uỷ ban nhân dân", "ubnd")
            .replace(['(', ')'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    a.starts_with(&b) || b.starts_with(&a)
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let a = cx.analysis;
    for (i, later) in a.citations.iter().enumerate() {
        let Some(symbol) = &later.symbol else {
            continue;
        };
        let Some(first) = a.citations[..i]
            .iter()
            .find(|c| c.symbol.as_ref().is_some_and(|s| s.text == symbol.text))
        else {
            continue;
        };
        let first_line = cx.source.position(first.span.start).line;
        if let (Some(di), Some(dj)) = (first.date, later.date) {
            let (d1, d2) = (&a.dates[di], &a.dates[dj]);
            let far_apart = match (d1.date, d2.date) {
                (Some(x), Some(y)) => {
                    (x.year - y.year).abs() >= 1 && (x.month, x.day) != (y.month, y.day)
                }
                _ => false,
            };
            let party_other_term = symbol.family == SymbolFamily::Party && far_apart;
            if d1.date != d2.date && !party_other_term {
                out.push(
                    Diagnostic::new(
                        d2.span,
                        crate::tr!(
                            cx.lang,
                            "{} được trích với ngày {} nhưng ở dòng {first_line} là {}",
                            "\"{}\" is cited with the date \"{}\" but on line {first_line} with \"{}\"",
                            symbol.text,
                            cx.slice(d2.span),
                            cx.slice(d1.span)
                        ),
                    )
                    .help(cx.lang.pick(
                        "một số hiệu chỉ ứng với một văn bản: thống nhất ngày ban hành ở mọi lần trích",
                        "one number and symbol is one document: give it the same issue date every time it is cited",
                    )),
                );
                continue;
            }
        }
        if let (Some(i1), Some(i2), Some(span)) = (&first.issuer, &later.issuer, later.issuer_span)
            && !same_issuer(i1, i2)
        {
            out.push(Diagnostic::new(
                span,
                crate::tr!(
                    cx.lang,
                    "{} được trích là của \"{i2}\" nhưng ở dòng {first_line} là của \"{i1}\"",
                    "\"{}\" is cited as issued by \"{i2}\" but on line {first_line} by \"{i1}\"",
                    symbol.text
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::flagged;

    #[test]
    fn flags_different_dates_and_issuers() {
        let text = "Chỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND tỉnh Bình Phước về việc x;\nChỉ thị số 13/CT-UBND ngày 29/11/2020 của UBND tỉnh Bình Phước;\nChỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND huyện Lộc Ninh;";
        assert_eq!(flagged(check, text), ["29/11/2020", "UBND huyện Lộc Ninh"]);
    }

    #[test]
    fn accepts_consistent_mentions_and_party_symbols_of_other_terms() {
        let text = "Chỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND tỉnh Bình Phước;\ntheo Chỉ thị số 13/CT-UBND ngày 29/12/ 2020 của Ủy ban nhân dân tỉnh Bình Phước;\nChỉ thị số 34-CT/TW ngày 07/4/2014; Chỉ thị số 34-CT/TW ngày 24/5/2024";
        assert!(flagged(check, text).is_empty());
    }
}
