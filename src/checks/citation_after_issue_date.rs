//! Văn bản được trích dẫn có ngày ban hành sau ngày ban hành của chính văn bản này.
//!
//! ## Vì sao
//! Kế hoạch chỉ có thể triển khai những văn bản đã có vào lúc kế hoạch được ban hành. Ngày của văn
//! bản được trích dẫn muộn hơn là do gõ nhầm ở trích dẫn hoặc ở ngày ban hành, hoặc kế hoạch đã
//! được ghi lại ngày mà không cập nhật căn cứ.
//!
//! ## Ví dụ
//! ```text
//! Thủ Thừa, ngày 31 tháng 5 năm 2021
//! Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/6/2021 của Sở Giáo dục và Đào tạo …
//! ```
//!
//! ## Cách sửa
//! Sửa lại ngày của văn bản được trích dẫn (hoặc ngày ban hành của văn bản này).

use super::{Context, Diagnostic};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "A cited document dated after the issue date of the citing document itself.";

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
            let (written, phrase) = (cx.slice(date.span), cx.issue_date_phrase());
            let issued = issued.to_vietnamese();
            out.push(Diagnostic::new(
                date.span,
                crate::tr!(
                    cx.lang,
                    "văn bản {what} được trích với ngày {written} — sau {phrase} {issued}",
                    "document \"{what}\" is cited with the date \"{written}\", after {phrase} {issued}"
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
