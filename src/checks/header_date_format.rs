//! Ngày ban hành viết thiếu số 0 ở đầu mà Nghị định 30/2020/NĐ-CP yêu cầu cho ngày nhỏ hơn 10 và
//! cho tháng 1, tháng 2 — hoặc có số 0 ở chỗ không được có ("tháng 03").
//!
//! ## Vì sao
//! Phụ lục I Nghị định 30/2020/NĐ-CP quy định cách ghi: "ngày 05 tháng 01 năm 2020",
//! "ngày 29 tháng 6 năm 2019". Người thẩm định ở cấp trên trả lại văn bản vì lỗi này.
//!
//! ## Ví dụ
//! ```text
//! Lộc Ninh, ngày 5 tháng 3 năm 2021
//! ```
//!
//! ## Cách sửa
//! Ghi "ngày 05 tháng 3 năm 2021".

use super::{Context, Diagnostic};
use crate::lang::Lang;
use crate::segment::Field;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "An issue date without the leading zero that Decree 30/2020 asks for days below 10 and for months 1 and 2, or with one where none belongs (\"tháng 03\").";

fn expected_form(value: u32, zero_below: u32) -> String {
    if value < zero_below {
        format!("{value:02}")
    } else {
        value.to_string()
    }
}

fn check_part(field: &Field, day: bool, lang: Lang, out: &mut Vec<Diagnostic>) {
    let zero_below = if day { 10 } else { 3 };
    let Ok(value) = field.text.parse::<u32>() else {
        return;
    };
    let want = expected_form(value, zero_below);
    if want != field.text {
        let written = &field.text;
        let message = match (day, lang) {
            (true, Lang::Vi) => format!(
                "ngày ban hành ghi là \"{written}\"; theo Nghị định 30/2020/NĐ-CP (ngày nhỏ hơn 10 ghi thêm số 0 phía trước) phải là \"{want}\""
            ),
            (false, Lang::Vi) => format!(
                "tháng ban hành ghi là \"{written}\"; theo Nghị định 30/2020/NĐ-CP (chỉ tháng 1 và 2 ghi thêm số 0 phía trước) phải là \"{want}\""
            ),
            (true, Lang::En) => format!(
                "the issue day is written \"{written}\"; Decree \"30/2020/NĐ-CP\" (a day below 10 takes a leading 0) asks for \"{want}\""
            ),
            (false, Lang::En) => format!(
                "the issue month is written \"{written}\"; Decree \"30/2020/NĐ-CP\" (only months 1 and 2 take a leading 0) asks for \"{want}\""
            ),
        };
        out.push(Diagnostic::new(field.span, message).fix(want));
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(pd) = &cx.analysis.structure.header.place_date else {
        return;
    };
    if let Some(day) = &pd.day {
        check_part(day, true, cx.lang, out);
    }
    if let Some(month) = &pd.month {
        check_part(month, false, cx.lang, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_missing_and_extra_zeros() {
        let got = check_with(
            check,
            "Số: 1/KH-X\nAn Phú, ngày 5 tháng 03 năm 2021\nKẾ HOẠCH\nx\n",
            None,
        );
        let fixes: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(fixes, vec![("5", Some("05")), ("03", Some("3"))]);
        let got = check_with(
            check,
            "Số: 1/KH-X\nAn Phú, ngày 15 tháng 1 năm 2021\nKẾ HOẠCH\nx\n",
            None,
        );
        assert_eq!(got[0].1.fix.as_deref(), Some("01"));
    }

    #[test]
    fn accepts_the_prescribed_form() {
        for date in [
            "ngày 05 tháng 3 năm 2021",
            "ngày 29 tháng 6 năm 2019",
            "ngày 05 tháng 01 năm 2020",
        ] {
            let text = format!("Số: 1/KH-X\nAn Phú, {date}\nKẾ HOẠCH\nx\n");
            assert!(check_with(check, &text, None).is_empty(), "{date}");
        }
    }
}
