//! No place-and-date line ("Lộc Ninh, ngày 05 tháng 3 năm 2021") in the header, or one left
//! unfilled ("ngày   tháng   năm 2021").
//!
//! ## Why
//! The issue date is a required component (Nghị định 30/2020/NĐ-CP, Điều 8): it fixes when the
//! document takes effect, and every deadline in it is read against it. Without it, vblint can only
//! judge dates against the configured `reference-date`.
//!
//! A text issued with another document ("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày …)"
//! under its title) is dated by that document and is not flagged.
//!
//! ## Example
//! ```text
//! KẾ HOẠCH
//! Phát động phong trào thi đua yêu nước năm 2023
//! ```
//!
//! ## Fix
//! Add "<Địa danh>, ngày dd tháng mm năm yyyy" under the national motto.

use super::{Context, Diagnostic};
use crate::source::Span;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let header = &cx.analysis.structure.header;
    // A plan issued with a decision ("Ban hành kèm theo Quyết định số … ngày …") is dated by it.
    if cx.analysis.document.attached {
        return;
    }
    match &header.place_date {
        Some(pd) if pd.day.is_none() || pd.month.is_none() || pd.year.is_none() => out.push(
            Diagnostic::new(pd.span, "ngày ban hành chưa điền đủ ngày, tháng, năm")
                .help("ghi đủ \"ngày dd tháng mm năm yyyy\" khi ký ban hành"),
        ),
        Some(_) => {}
        None => {
            let at = header.doc_type.as_ref().map_or(Span::new(0, 0), |t| t.span);
            out.push(
                Diagnostic::new(at, "không tìm thấy địa danh và ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu văn bản")
                    .help("thêm \"<Địa danh>, ngày dd tháng mm năm yyyy\" dưới tiêu ngữ"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::flagged;

    #[test]
    fn flags_a_missing_or_unfilled_date() {
        assert_eq!(flagged(check, "KẾ HOẠCH\nPhát động\n"), ["KẾ HOẠCH"]);
        assert_eq!(
            flagged(
                check,
                "Số: 1/KH-X\nThủ Thừa, ngày    tháng    năm 2021\nKẾ HOẠCH\nx\n"
            ),
            ["Thủ Thừa, ngày    tháng    năm 2021"]
        );
    }

    #[test]
    fn accepts_a_text_issued_with_a_decision() {
        let text = "ỦY BAN NHÂN DÂN XÃ A\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nPhổ cập giáo dục năm 2013\n(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 5/11/2013 của Ủy ban nhân dân xã A)\nI. MỤC ĐÍCH\n";
        assert!(flagged(check, text).is_empty());
        // The same plan without the line that attaches it lacks its date.
        let alone = text.replace("(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 5/11/2013 của Ủy ban nhân dân xã A)\n", "");
        assert_eq!(flagged(check, &alone), ["KẾ HOẠCH"]);
    }

    #[test]
    fn accepts_a_dated_header() {
        assert!(
            flagged(
                check,
                "Số: 1/KH-X\nThủ Thừa, ngày 31 tháng 5 năm 2021\nKẾ HOẠCH\nx\n"
            )
            .is_empty()
        );
    }
}
