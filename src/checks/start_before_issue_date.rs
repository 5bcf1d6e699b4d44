//! The plan's start date ("bắt đầu từ ngày …") earlier than its issue date.
//!
//! ## Why
//! A movement cannot be launched before the plan that launches it is issued. A start date before
//! the issue date means either the plan was issued late (and should say so) or a date is wrong.
//! It is a warning, not an error: backdated starts happen when a plan formalises a launch that
//! already took place.
//!
//! Only explicit starts count ("bắt đầu từ ngày", "phát động từ ngày", "triển khai từ ngày"); the
//! first date of a period "từ ngày … đến ngày …" is not a start (a plan may cover a whole year).
//!
//! ## Example
//! ```text
//! Lộc Ninh, ngày 05 tháng 3 năm 2021
//! Thời gian phát động và thực hiện: bắt đầu từ ngày 19/02/2021.
//! ```
//!
//! ## Fix
//! Move the start to the issue date or later, or correct the issue date.

use super::{Context, Diagnostic};
use crate::extract::dates::DateRole;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (d, issued) in cx.dates_before_issue(DateRole::Start, |d| d.date) {
        out.push(
            Diagnostic::new(
                d.span,
                format!(
                    "ngày bắt đầu {} sớm hơn {} {}",
                    cx.slice(d.span),
                    cx.issue_date_phrase(),
                    issued.to_vietnamese()
                ),
            )
            .help("ngày bắt đầu thực hiện kế hoạch nên từ ngày ban hành trở đi"),
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
