//! Ngày không tồn tại: 31/6, 29/02 trong năm không nhuận, tháng 13, ngày 0.
//!
//! ## Vì sao
//! Ngày không có thật thì không ai thực hiện đúng hạn hay kiểm tra được, và thường là gõ nhầm từ
//! một ngày gần đó. Mọi cách viết ngày đều được kiểm tra: "31/6/2021", "31-6-2021",
//! "ngày 31 tháng 6 năm 2021", "tháng 13/2021".
//!
//! ## Ví dụ
//! ```text
//! Gửi báo cáo trước ngày 31/6/2021.
//! ```
//!
//! ## Cách sửa
//! Ghi đúng ngày cần ghi (ở đây có lẽ là 30/6/2021 hoặc 01/7/2021).

use super::{Context, Diagnostic};
use crate::date::{days_in_month, is_leap_year};
use crate::extract::dates::DateMention;
use crate::lang::Lang;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "A date that does not exist: 31/6, 29/02 in a common year, month 13, day 0.";

fn reason(d: &DateMention, lang: Lang) -> Option<String> {
    let year = d.year?;
    if d.date.is_some() {
        return None;
    }
    let month = d.month;
    if !(1..=12).contains(&month) {
        return Some(crate::tr!(
            lang,
            "tháng {month} không tồn tại (chỉ có tháng 1 đến 12)",
            "there is no month {month} (months run from 1 to 12)"
        ));
    }
    let day = d.day?;
    let max = days_in_month(year, month);
    Some(if month == 2 && day == 29 && !is_leap_year(year) {
        crate::tr!(
            lang,
            "năm {year} không phải năm nhuận: tháng 2 chỉ có 28 ngày",
            "{year} is not a leap year: February has only 28 days"
        )
    } else if day == 0 {
        lang.pick("ngày 0 không tồn tại", "there is no day 0")
            .to_string()
    } else {
        crate::tr!(
            lang,
            "tháng {month} chỉ có {max} ngày",
            "month {month} has only {max} days"
        )
    })
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for d in &cx.analysis.dates {
        if let Some(why) = reason(d, cx.lang) {
            let written = cx.slice(d.span);
            out.push(Diagnostic::new(
                d.span,
                crate::tr!(
                    cx.lang,
                    "ngày {written} không tồn tại: {why}",
                    "the date \"{written}\" does not exist: {why}"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{check_with, flagged};

    #[test]
    fn flags_impossible_dates() {
        let got = check_with(
            check,
            "trước ngày 31/6/2021, ngày 29 tháng 02 năm 2023, tháng 13/2021, 29/2/2024",
            None,
        );
        let msgs: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            msgs,
            vec![
                (
                    "31/6/2021",
                    "ngày 31/6/2021 không tồn tại: tháng 6 chỉ có 30 ngày"
                ),
                (
                    "29 tháng 02 năm 2023",
                    "ngày 29 tháng 02 năm 2023 không tồn tại: năm 2023 không phải năm nhuận: tháng 2 chỉ có 28 ngày"
                ),
                (
                    "13/2021",
                    "ngày 13/2021 không tồn tại: tháng 13 không tồn tại (chỉ có tháng 1 đến 12)"
                ),
            ]
        );
    }

    #[test]
    fn says_why_in_english() {
        let got = crate::checks::test_support::check_in(
            check,
            "trước ngày 31/6/2021, ngày 29 tháng 02 năm 2023, tháng 13/2021, ngày 0/5/2021",
            None,
            crate::lang::Lang::En,
        );
        let msgs: Vec<_> = got.iter().map(|(_, d)| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "the date \"31/6/2021\" does not exist: month 6 has only 30 days",
                "the date \"29 tháng 02 năm 2023\" does not exist: 2023 is not a leap year: February has only 28 days",
                "the date \"13/2021\" does not exist: there is no month 13 (months run from 1 to 12)",
                "the date \"0/5/2021\" does not exist: there is no day 0",
            ]
        );
    }

    #[test]
    fn accepts_real_dates() {
        assert!(
            flagged(
                check,
                "ngày 29/02/2024, 30/6/2021, 31-12-2020, tháng 12/2021"
            )
            .is_empty()
        );
    }
}
