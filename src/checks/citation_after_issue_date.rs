//! A cited document dated after this document's own issue date.
//!
//! ## Why
//! A plan can only implement documents that existed when it was issued. A later citation date is a
//! typo in the citation or in the issue date, or the plan was redated without updating its basis.
//!
//! ## Example
//! ```text
//! Thủ Thừa, ngày 31 tháng 5 năm 2021
//! Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/6/2021 của Sở Giáo dục và Đào tạo …
//! ```
//!
//! ## Fix
//! Correct the cited date (or this document's issue date).

use super::{Context, Diagnostic};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(issued) = cx.issue_date() else {
        return;
    };
    for c in &cx.analysis.citations {
        let Some(di) = c.date else { continue };
        let date = &cx.analysis.dates[di];
        let Some(cited) = date.date else { continue };
        if cited > issued {
            let what = c
                .symbol
                .as_ref()
                .map(|s| s.text.clone())
                .or_else(|| c.name.clone())
                .unwrap_or_default();
            out.push(Diagnostic::new(
                date.span,
                format!(
                    "văn bản {what} được trích với ngày {} — sau {} {}",
                    cx.slice(date.span),
                    cx.issue_date_phrase(),
                    issued.to_vietnamese()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{flagged, header};

    #[test]
    fn flags_a_citation_from_the_future() {
        let text = header("31", "5", "2021")
            + "Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/6/2021 của Sở;\n";
        assert_eq!(flagged(check, &text), ["25/6/2021"]);
    }

    #[test]
    fn accepts_earlier_citations() {
        let text = header("31", "5", "2021")
            + "Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/5/2021 của Sở;\n";
        assert!(flagged(check, &text).is_empty());
    }
}
