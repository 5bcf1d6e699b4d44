//! Trong một mục của lịch thực hiện mở đầu bằng tháng ("- Tháng 12/2020: …"), một ngày hoặc tháng
//! nằm ngoài khoảng thời gian của mục, ở một năm khác: "- Tháng 12/2020: Tổ chức thẩm định và chấm,
//! nộp vào cuối tháng 12/2019".
//!
//! ## Vì sao
//! Lịch thực hiện ("Kế hoạch, thời gian", "Lịch thực hiện") liệt kê công việc theo từng tháng; một
//! ngày trong mục mà thuộc năm khác gần như luôn là năm còn sót lại từ kế hoạch năm trước. Một mục
//! có thể gồm nhiều tháng ("Tháng 2, 3/2021"). Để bảo đảm chính xác, chỉ những ngày ở năm khác với
//! năm ghi ở đầu mục mới bị báo, và chỉ khi tháng của chúng là một tháng mà mục bao gồm hoặc cách
//! xa từ ba tháng trở lên (thời hạn vào đầu tháng sau là bình thường). Ngày trong trích dẫn và ngày
//! kỷ niệm không phải là ngày của lịch thực hiện.
//!
//! ## Ví dụ
//! ```text
//! - Tháng 6/2021: Gửi hồ sơ đề nghị khen thưởng về phòng Giáo dục và Đào tạo (đầu tháng 6/2020)
//! ```
//!
//! ## Cách sửa
//! Dùng năm ghi ở đầu mục ("đầu tháng 6/2021"), hoặc chuyển công việc sang mục của tháng tương ứng.

use super::support::format_date_like;
use super::{Context, Diagnostic};
use crate::date::Date;
use crate::extract::dates::DateRole;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "In a schedule item that opens with a month (\"- Tháng 12/2020: …\"), a date or month in another year, outside the item's period.";

/// Months as an absolute count, for distances.
fn index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.source.text.as_str();
    let dates = &cx.analysis.dates;
    for (i, head) in dates.iter().enumerate() {
        if head.role != DateRole::ScheduleMonth {
            continue;
        }
        let Some(year) = head.year else { continue };
        // Months the heading covers: every number before the year ("2, 3/2021").
        let written = cx.slice(head.span);
        let before_year = written.rsplit_once(['/', ' ']).map_or("", |(m, _)| m);
        let months: Vec<u32> = before_year
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|p| p.parse().ok())
            .filter(|m| (1..=12).contains(m))
            .collect();
        let (Some(&first), Some(&last)) = (months.iter().min(), months.iter().max()) else {
            continue;
        };
        let (start, end) = (index(year, first), index(year, last));
        // The item: the rest of the heading's line.
        let line_end = text[head.span.end..]
            .find('\n')
            .map_or(text.len(), |p| head.span.end + p);
        for d in dates[i + 1..]
            .iter()
            .take_while(|d| d.span.start < line_end)
        {
            if matches!(
                d.role,
                DateRole::Citation
                    | DateRole::AnniversaryBase
                    | DateRole::AnniversaryTarget
                    | DateRole::Issue
                    | DateRole::ScheduleMonth
            ) {
                continue;
            }
            let (Some(dy), Some(date)) = (d.year, d.date) else {
                continue;
            };
            if dy == year {
                continue;
            }
            let at = index(dy, d.month);
            if (start..=end).contains(&at) {
                continue;
            }
            let distance = if at < start { start - at } else { at - end };
            let same_month = months.contains(&d.month);
            if !same_month && distance < 3 {
                continue;
            }
            let shown = cx.slice(d.span);
            let mut diag = Diagnostic::new(
                d.span,
                crate::tr!(
                    cx.lang,
                    "\"{shown}\" nằm ngoài thời gian của mục \"Tháng {written}\": năm {dy} khác năm {year} của mục",
                    "\"{shown}\" falls outside the item \"Tháng {written}\": the year {dy} is not the item's year {year}"
                ),
            );
            diag = match Date::new(year, date.month, date.day) {
                Some(fixed) if same_month => diag.fix(format_date_like(d, shown, fixed)),
                _ => diag.help(crate::tr!(
                    cx.lang,
                    "kiểm tra lại năm; mục này là tháng {written}",
                    "check the year; this item is the month \"{written}\""
                )),
            };
            out.push(diag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_dates_of_another_year_in_a_month_item() {
        let got = check_with(
            check,
            "- Tháng 12/2020: Tổ chức thẩm định và chấm, nộp vào cuối tháng 12/2019.\n- Tháng 6/2021: Gửi hồ sơ về phòng Giáo dục và Đào tạo (đầu tháng 6/2020)\n",
            None,
        );
        let got: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![("12/2019", Some("12/2020")), ("6/2020", Some("6/2021"))]
        );
    }

    #[test]
    fn accepts_dates_inside_the_period_and_early_next_month() {
        let got = check_with(
            check,
            "- Tháng 2, 3/2021: Hội nghị ngày 15/3/2021.\n- Tháng 12/2020: nộp trước ngày 05/01/2021; theo Chỉ thị số 13/CT-UBND ngày 29/12/2019.\n",
            None,
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
