//! Phần đầu văn bản không có dòng địa danh và ngày, tháng, năm ban hành
//! ("Lộc Ninh, ngày 05 tháng 3 năm 2021"), hoặc có nhưng để trống ("ngày   tháng   năm 2021").
//!
//! ## Vì sao
//! Ngày, tháng, năm ban hành là thành phần bắt buộc của thể thức (Nghị định 30/2020/NĐ-CP, Điều 8):
//! nó xác định thời điểm văn bản có hiệu lực, và mọi thời hạn trong văn bản đều được xét theo ngày
//! này. Thiếu ngày ban hành, vblint chỉ có thể xét các ngày theo ngày tham chiếu `reference-date`
//! trong cấu hình.
//!
//! Văn bản ban hành kèm theo văn bản khác (dòng "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày
//! …)" dưới trích yếu) mang ngày của văn bản đó và không bị báo.
//!
//! ## Ví dụ
//! ```text
//! KẾ HOẠCH
//! Phát động phong trào thi đua yêu nước năm 2023
//! ```
//!
//! ## Cách sửa
//! Thêm dòng "<Địa danh>, ngày dd tháng mm năm yyyy" dưới tiêu ngữ.

use super::{Context, Diagnostic};
use crate::source::Span;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A header without the place and issue date line (\"Lộc Ninh, ngày 05 tháng 3 năm 2021\"), or with that line left blank.";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let header = &cx.analysis.structure.header;
    // A plan issued with a decision ("Ban hành kèm theo Quyết định số … ngày …") is dated by it.
    if cx.analysis.document.attached {
        return;
    }
    match &header.place_date {
        Some(pd) if pd.day.is_none() || pd.month.is_none() || pd.year.is_none() => out.push(
            Diagnostic::new(
                pd.span,
                cx.lang.pick(
                    "ngày ban hành chưa điền đủ ngày, tháng, năm",
                    "the issue date lacks its day, month or year",
                ),
            )
            .help(cx.lang.pick(
                "ghi đủ \"ngày dd tháng mm năm yyyy\" khi ký ban hành",
                "write the whole \"ngày dd tháng mm năm yyyy\" when the document is signed",
            )),
        ),
        Some(_) => {}
        None => {
            let at = header.doc_type.as_ref().map_or(Span::new(0, 0), |t| t.span);
            out.push(
                Diagnostic::new(at, cx.lang.pick(
                    "không tìm thấy địa danh và ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu văn bản",
                    "no place and issue date (\"…, ngày … tháng … năm …\") found in the document header",
                ))
                .help(cx.lang.pick(
                    "thêm \"<Địa danh>, ngày dd tháng mm năm yyyy\" dưới tiêu ngữ",
                    "add \"<Địa danh>, ngày dd tháng mm năm yyyy\" (place, date) under the motto",
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
