//! A period "từ ngày X đến ngày Y" whose end Y comes before its start X.
//!
//! ## Why
//! A reversed period is impossible to carry out and usually hides a wrong year or swapped day and
//! month. Month ends count to the month's last day ("từ ngày 16 tháng 6 đến hết tháng 12 năm 2024").
//!
//! ## Example
//! ```text
//! Thời gian thực hiện: từ ngày 01/9/2021 đến ngày 31/5/2021.
//! ```
//!
//! ## Fix
//! Correct the end (here probably 31/5/2022) or the start.

use super::{Context, Diagnostic};
use crate::extract::dates::DateRole;

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
                    format!(
                        "khoảng thời gian kết thúc ({}) trước khi bắt đầu ({})",
                        cx.slice(to.span),
                        cx.slice(from.span)
                    ),
                )
                .help("ngày kết thúc phải sau ngày bắt đầu; kiểm tra năm và thứ tự ngày/tháng"),
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
