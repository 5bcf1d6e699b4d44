//! Ký hiệu văn bản quy phạm pháp luật có năm khác với năm của ngày ban hành được trích dẫn:
//! "24/2018/QĐ-UBND ngày 28/12/2019".
//!
//! ## Vì sao
//! Văn bản quy phạm pháp luật ghi năm ban hành trong số, ký hiệu ("số/năm/LOẠI-CƠQUAN", Luật Ban
//! hành văn bản quy phạm pháp luật 2015, Điều 10). Ngày ban hành thuộc một năm khác cho thấy số,
//! năm hoặc ngày đã bị chép sai, và trích dẫn chỉ đến một văn bản có thể không tồn tại.
//!
//! ## Ví dụ
//! ```text
//! Căn cứ Quyết định số 24/2018/QĐ-UBND ngày 28/12/2019 của UBND tỉnh Kiên Giang
//! ```
//!
//! ## Cách sửa
//! Kiểm tra văn bản được trích dẫn và sửa lại ngày ban hành hoặc ký hiệu.

use super::{Context, Diagnostic};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A legal normative document whose symbol carries a year other than that of its cited issue date: \"24/2018/QĐ-UBND ngày 28/12/2019\".";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.analysis.citations {
        let (Some(symbol), Some(di)) = (&c.symbol, c.date) else {
            continue;
        };
        let date = &cx.analysis.dates[di];
        let (Some(symbol_year), Some(date_year)) = (symbol.year, date.year) else {
            continue;
        };
        if symbol_year != date_year {
            out.push(
                Diagnostic::new(
                    date.span,
                    crate::tr!(
                        cx.lang,
                        "năm trong số hiệu {} là {symbol_year} nhưng ngày ban hành được trích là {} (năm {date_year})",
                        "the year in the number \"{}\" is {symbol_year} but the cited issue date is \"{}\" (year {date_year})",
                        symbol.text,
                        cx.slice(date.span)
                    ),
                )
                .help(cx.lang.pick(
                    "văn bản quy phạm pháp luật ban hành trong năm ghi ở số hiệu; kiểm tra lại ngày hoặc số hiệu",
                    "a legal normative document is issued in the year its number carries; check the date or the number",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::flagged;

    #[test]
    fn flags_a_date_in_another_year() {
        assert_eq!(
            flagged(
                check,
                "Căn cứ Quyết định số 24/2018/QĐ-UBND ngày 28/12/2019 của UBND tỉnh"
            ),
            ["28/12/2019"]
        );
    }

    #[test]
    fn accepts_matching_years_and_other_families() {
        assert!(flagged(
            check,
            "Quyết định số 24/2018/QĐ-UBND ngày 28 tháng 12 năm 2018; Chỉ thị 13/CT-UBND ngày 29/12/2020; Chỉ thị 05-CT/TW ngày 15/5/2016"
        )
        .is_empty());
    }
}
