//! Khoảng trắng thừa bên trong số, ký hiệu văn bản hoặc bên trong ngày tháng: "43 /KH-LAX",
//! "34- CT/TW", "29/12/ 2020".
//!
//! ## Vì sao
//! Nghị định 30/2020/NĐ-CP ghi số và ký hiệu liền nhau, không có khoảng trắng ("Số: 21/KH-THPTLT").
//! Một khoảng trắng thừa làm hỏng việc tìm kiếm trong sổ văn bản, làm ký hiệu bị ngắt dòng giữa
//! chừng, và thường là chỗ công cụ chuyển đổi hoặc việc gõ lại đã làm sai.
//!
//! ## Ví dụ
//! ```text
//! Chỉ thị số 34- CT/TW ngày 07 tháng 4 năm 2014
//! ```
//!
//! ## Cách sửa
//! Bỏ các khoảng trắng: "34-CT/TW".

use super::{Context, Diagnostic};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "Stray spaces inside a document number and symbol or inside a date: \"43 /KH-LAX\", \"34- CT/TW\", \"29/12/ 2020\".";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for symbol in &cx.analysis.spaced_symbols {
        out.push(
            Diagnostic::new(
                symbol.span,
                crate::tr!(
                    cx.lang,
                    "số, ký hiệu \"{}\" có khoảng trắng thừa; mong đợi \"{}\"",
                    "the number and symbol \"{}\" have stray spaces; expected \"{}\"",
                    cx.slice(symbol.span),
                    symbol.text
                ),
            )
            .fix(symbol.text.clone()),
        );
    }
    // "Số: /KH- THCSMH": a header symbol without its number is no citation symbol; its spacing
    // is checked here.
    if let Some(n) = &cx.analysis.structure.header.number
        && n.number.is_none()
        && let Some(sym) = &n.symbol
        && cx.slice(sym.span).contains(char::is_whitespace)
    {
        out.push(
            Diagnostic::new(
                sym.span,
                crate::tr!(
                    cx.lang,
                    "ký hiệu \"{}\" có khoảng trắng thừa; mong đợi \"{}\"",
                    "the symbol \"{}\" has stray spaces; expected \"{}\"",
                    cx.slice(sym.span),
                    sym.text
                ),
            )
            .fix(sym.text.clone()),
        );
    }
    for d in cx.analysis.dates.iter().filter(|d| d.stray_spaces) {
        let written = cx.slice(d.span);
        let fixed: String = written.chars().filter(|c| *c != ' ').collect();
        out.push(
            Diagnostic::new(
                d.span,
                crate::tr!(
                    cx.lang,
                    "ngày \"{written}\" có khoảng trắng thừa; mong đợi \"{fixed}\"",
                    "the date \"{written}\" has stray spaces; expected \"{fixed}\""
                ),
            )
            .fix(fixed),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_spaced_symbols_and_dates() {
        let got = check_with(
            check,
            "Số: 43 /KH-LAX\nChỉ thị số 34- CT/TW ngày 29/12/ 2020",
            None,
        );
        let fixes: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            fixes,
            vec![
                ("43 /KH-LAX", "43/KH-LAX"),
                ("34- CT/TW", "34-CT/TW"),
                ("29/12/ 2020", "29/12/2020")
            ]
        );
    }

    #[test]
    fn accepts_tight_symbols_and_year_ranges() {
        assert!(
            check_with(
                check,
                "Số: 43/KH-LAX; 05-CT/TW ngày 15/5/2016; năm học 2020- 2021",
                None
            )
            .is_empty()
        );
    }
}
