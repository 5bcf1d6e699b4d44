//! Ngày kỷ niệm có mốc ngày ghi trong văn bản trái với danh mục: "Ngày Nhà giáo Việt Nam
//! (20/11/1983 - 20/11/2024)" trong khi Ngày Nhà giáo Việt Nam có từ ngày 20/11/1982.
//!
//! ## Vì sao
//! Mốc ngày của một ngày kỷ niệm quốc gia là sự kiện đã được xác định (Nghị định 145/2013/NĐ-CP,
//! Điều 4, và các nguồn khác ghi trong `rules/anniversaries.toml`); mốc sai bị chép sang mọi lần
//! tính số năm về sau và làm số năm cũng sai theo. Sự kiện được nhận ra qua tên hoặc tên gọi khác
//! của nó trong danh mục (không phân biệt chữ hoa, chữ thường; dấu phải đúng chính xác); các sự
//! kiện của địa phương ("Ngày tái lập huyện") không được kiểm tra.
//!
//! ## Ví dụ
//! ```text
//! chào mừng 42 năm ngày Nhà giáo Việt Nam (20/11/1983 - 20/11/2024)
//! ```
//!
//! ## Cách sửa
//! Ghi đúng mốc ngày theo danh mục (ở đây là 20/11/1982), rồi kiểm tra lại số năm.

use super::support::format_date_like;
use super::{Context, Diagnostic};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "An anniversary whose base date in the text differs from the registry: \"Ngày Nhà giáo Việt Nam (20/11/1983 - 20/11/2024)\" while that day dates from 20/11/1982.";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let dates = &cx.analysis.dates;
    for a in &cx.analysis.anniversaries {
        let Some(base) = dates.get(a.base) else {
            continue;
        };
        let Some(stated) = base.date else {
            continue;
        };
        let Some(event) = super::anniversary_count::event_at_start(cx, &a.event)
            .or_else(|| cx.data.anniversary_by_name(&a.event))
        else {
            continue;
        };
        if event.base_date == stated {
            continue;
        }
        let written = cx.slice(base.span);
        let (name, right) = (&event.name, event.base_date.to_vietnamese());
        out.push(
            Diagnostic::new(
                base.span,
                crate::tr!(
                    cx.lang,
                    "{name} là ngày {right}, không phải {written}",
                    "\"{name}\" is on {right}, not \"{written}\""
                ),
            )
            .fix(format_date_like(base, written, event.base_date)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_a_wrong_base_date() {
        let got = check_with(
            check,
            "chào mừng 42 năm ngày Nhà giáo Việt Nam (20/11/1983 - 20/11/2024)",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "20/11/1983");
        assert_eq!(got[0].1.fix.as_deref(), Some("20/11/1982"));
    }

    #[test]
    fn accepts_right_dates_and_local_events() {
        assert!(check_with(
            check,
            "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024), 40 năm Ngày tái lập huyện Tam Nông (23/02/1983 - 23/02/2023), 79 năm Cách mạng tháng Tám (19/8/1945 - 19/8/2024)",
            None
        )
        .is_empty());
    }
}
