//! Ngày bắt đầu của kế hoạch ("bắt đầu từ ngày …") sớm hơn ngày ban hành.
//!
//! ## Vì sao
//! Không thể phát động phong trào trước khi kế hoạch phát động nó được ban hành. Ngày bắt đầu trước
//! ngày ban hành nghĩa là hoặc kế hoạch được ban hành muộn (và cần nói rõ điều đó), hoặc có một
//! ngày bị sai. Đây là cảnh báo, không phải lỗi: ngày bắt đầu lùi về trước vẫn có khi kế hoạch
//! chính thức hóa một đợt phát động đã diễn ra.
//!
//! Chỉ tính những mốc bắt đầu được ghi rõ ("bắt đầu từ ngày", "phát động từ ngày",
//! "triển khai từ ngày"); ngày đầu của khoảng thời gian "từ ngày … đến ngày …" không phải là ngày
//! bắt đầu (kế hoạch có thể bao trùm cả năm).
//!
//! ## Ví dụ
//! ```text
//! Lộc Ninh, ngày 05 tháng 3 năm 2021
//! Thời gian phát động và thực hiện: bắt đầu từ ngày 19/02/2021.
//! ```
//!
//! ## Cách sửa
//! Dời ngày bắt đầu về ngày ban hành hoặc muộn hơn, hoặc sửa lại ngày ban hành.

use super::{Context, Diagnostic};
use crate::extract::dates::DateRole;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "A plan start date (\"bắt đầu từ ngày …\") earlier than its issue date.";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (d, issued) in cx.dates_before_issue(DateRole::Start, |d| d.date) {
        out.push(
            Diagnostic::new(
                d.span,
                crate::tr!(
                    cx.lang,
                    "ngày bắt đầu {} sớm hơn {} {}",
                    "the start date \"{}\" is earlier than {} {}",
                    cx.slice(d.span),
                    cx.issue_date_phrase(),
                    issued.to_vietnamese()
                ),
            )
            .help(cx.lang.pick(
                "ngày bắt đầu thực hiện kế hoạch nên từ ngày ban hành trở đi",
                "a plan should start on or after its issue date",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{flagged, header};

    #[test]
    fn flags_a_start_before_issue() {
        let text = header("05", "3", "2021") + "Thời gian thực hiện: bắt đầu từ ngày 19/02/2021.\n";
        assert_eq!(flagged(check, &text), ["19/02/2021"]);
    }

    #[test]
    fn accepts_a_later_start_and_periods() {
        let text = header("05", "3", "2021")
            + "bắt đầu từ ngày 08/3/2021. Thời gian: từ ngày 01/01/2021 đến ngày 31/12/2021.\n";
        assert!(flagged(check, &text).is_empty());
    }
}
