//! Thời hạn rơi vào trước ngày ban hành của chính văn bản.
//!
//! ## Vì sao
//! Kế hoạch ban hành ngày 25/3/2024 không thể yêu cầu gửi báo cáo "trước ngày 15/3/2024": thời hạn
//! đã qua trước khi có ai đọc được văn bản. Trường hợp này gần như luôn do ngày bị chép từ kế hoạch
//! năm trước, hoặc do gõ nhầm ngày hay tháng.
//!
//! Thời hạn là những ngày đứng sau "trước ngày", "chậm nhất", "hạn chót", "hạn cuối", "thời hạn",
//! hoặc trong "nộp/gửi … (trước/vào) ngày". Thời hạn theo tháng ("trước tháng 12/2020") được tính
//! đến ngày cuối cùng của tháng. Khi văn bản không ghi ngày ban hành, dùng ngày tham chiếu
//! `reference-date` trong cấu hình.
//!
//! ## Ví dụ
//! ```text
//! Tân Phú, ngày 25 tháng 3 năm 2024
//! … gửi về Thường trực Hội đồng Thi đua và Khen thưởng quận trước ngày 15/3/2024.
//! ```
//!
//! ## Cách sửa
//! Sửa thời hạn thành một ngày sau ngày ban hành, hoặc sửa lại ngày ban hành.

use super::{Context, Diagnostic};
use crate::extract::dates::{DateMention, DateRole};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A deadline that falls before the issue date of the document itself.";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // A month deadline ("trước tháng 11/2020") runs to the month's last day.
    for (d, issued) in cx.dates_before_issue(DateRole::Deadline, DateMention::last_day) {
        out.push(
            Diagnostic::new(
                d.span,
                crate::tr!(
                    cx.lang,
                    "hạn {} đã qua trước {} {}: hạn phải sau ngày ban hành",
                    "the deadline \"{}\" falls before {} {}: a deadline must come after the issue date",
                    cx.slice(d.span),
                    cx.issue_date_phrase(),
                    issued.to_vietnamese()
                ),
            )
            .help(cx.lang.pick(
                "kiểm tra lại ngày/tháng/năm của hạn; có thể đây là hạn chép từ kế hoạch cũ",
                "check the deadline's day, month and year; it may have been copied from an old plan",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{flagged, header};

    #[test]
    fn flags_a_deadline_before_the_issue_date() {
        let text = header("25", "3", "2024") + "- gửi về Hội đồng quận trước ngày 15/3/2024.\n";
        assert_eq!(flagged(check, &text), ["15/3/2024"]);
    }

    #[test]
    fn accepts_later_deadlines_and_other_dates() {
        let text = header("25", "3", "2024")
            + "- Sơ kết trước ngày 22/5/2024; chậm nhất ngày 25/3/2024.\n- Kết quả năm 2023 (ngày 15/3/2023).\n";
        assert!(flagged(check, &text).is_empty());
    }

    #[test]
    fn month_deadlines_count_to_the_end_of_the_month() {
        let text = header("10", "12", "2020")
            + "- nộp hồ sơ trước tháng 12/2020.\n- nộp trước tháng 11/2020.\n";
        assert_eq!(flagged(check, &text), ["11/2020"]);
    }
}
