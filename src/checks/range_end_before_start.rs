//! Khoảng thời gian "từ ngày X đến ngày Y" có ngày kết thúc Y trước ngày bắt đầu X.
//!
//! ## Vì sao
//! Khoảng thời gian bị đảo ngược thì không thể thực hiện, và thường che giấu một năm bị sai hoặc
//! ngày và tháng bị đảo chỗ. Mốc cuối tháng được tính đến ngày cuối cùng của tháng ("từ ngày 16
//! tháng 6 đến hết tháng 12 năm 2024").
//!
//! ## Ví dụ
//! ```text
//! Thời gian thực hiện: từ ngày 01/9/2021 đến ngày 31/5/2021.
//! ```
//!
//! ## Cách sửa
//! Sửa ngày kết thúc (ở đây có lẽ là 31/5/2022) hoặc ngày bắt đầu.

use super::{Context, Diagnostic};
use crate::extract::dates::DateRole;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "A period \"từ ngày X đến ngày Y\" whose end Y comes before its start X.";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for pair in cx.analysis.dates.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        if from.role != DateRole::RangeStart || to.role != DateRole::RangeEnd {
            continue;
        }
        let (Some(start), Some(end)) = (from.date, to.last_day()) else {
            continue;
        };
        if end < start {
            out.push(
                Diagnostic::new(
                    from.span.cover(to.span),
                    crate::tr!(
                        cx.lang,
                        "khoảng thời gian kết thúc ({}) trước khi bắt đầu ({})",
                        "the period ends (\"{}\") before it starts (\"{}\")",
                        cx.slice(to.span),
                        cx.slice(from.span)
                    ),
                )
                .help(cx.lang.pick(
                    "ngày kết thúc phải sau ngày bắt đầu; kiểm tra năm và thứ tự ngày/tháng",
                    "the end must follow the start; check the years and the day/month order",
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
    fn flags_a_reversed_period() {
        assert_eq!(
            flagged(check, "thực hiện từ ngày 01/9/2021 đến ngày 31/5/2021."),
            ["01/9/2021 đến ngày 31/5/2021"]
        );
    }

    #[test]
    fn accepts_forward_periods() {
        assert!(
            flagged(
                check,
                "từ ngày 01/9/2021 đến ngày 31/5/2022; từ ngày 16 tháng 6 đến hết tháng 12 năm 2024"
            )
            .is_empty()
        );
    }
}
