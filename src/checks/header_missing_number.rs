//! Phần đầu văn bản không có dòng "Số:", hoặc có dòng "Số:" nhưng thiếu số ("Số: /KH-PGDĐT").
//!
//! ## Vì sao
//! Nghị định 30/2020/NĐ-CP (Điều 8, Phụ lục I) quy định số, ký hiệu là thành phần bắt buộc của thể
//! thức: chúng xác định văn bản trong sổ đăng ký văn bản và trong mọi lần trích dẫn về sau. Số để
//! trống là dấu hiệu của bản dự thảo được gửi đi trước khi đăng ký, cấp số.
//!
//! Văn bản ban hành kèm theo văn bản khác (dòng "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày
//! …)" dưới trích yếu) mang số của văn bản đó và không bị báo.
//!
//! ## Ví dụ
//! ```text
//! Số: /KH-PGDĐT
//! ```
//!
//! ## Cách sửa
//! Đăng ký, cấp số cho văn bản và ghi số: "Số: 15/KH-PGDĐT".

use super::{Context, Diagnostic};
use crate::source::Span;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A header without a \"Số:\" line, or with a \"Số:\" line that lacks the number (\"Số: /KH-PGDĐT\").";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    // A báo cáo sáng kiến, a thư mời: types that carry no number by convention.
    // A plan issued with a decision has the decision's number.
    if !cx.analysis.document.numbered || cx.analysis.document.attached {
        return;
    }
    let header = &cx.analysis.structure.header;
    match &header.number {
        Some(line) if line.number.is_none() => out.push(
            Diagnostic::new(
                line.span,
                cx.lang.pick(
                    "số văn bản để trống: mong đợi \"Số: <số thứ tự>/<ký hiệu>\"",
                    "the document number is blank: expected \"Số: <số thứ tự>/<ký hiệu>\" (number/symbol)",
                ),
            )
            .help(cx.lang.pick(
                "điền số thứ tự đăng ký văn bản trước dấu \"/\" (ví dụ \"Số: 15/KH-PGDĐT\")",
                "fill in the registered number before the \"/\" (for example \"Số: 15/KH-PGDĐT\")",
            )),
        ),
        Some(_) => {}
        None => {
            let at = header.doc_type.as_ref().map_or(Span::new(0, 0), |t| t.span);
            out.push(
                Diagnostic::new(at, cx.lang.pick(
                    "không tìm thấy dòng \"Số: …\" (số và ký hiệu văn bản) ở phần đầu văn bản",
                    "no \"Số: …\" line (the document's number and symbol) found in the header",
                ))
                .help(cx.lang.pick(
                    "thêm \"Số: <số>/<ký hiệu>\" dưới tên cơ quan ban hành (Nghị định 30/2020/NĐ-CP)",
                    "add \"Số: <số>/<ký hiệu>\" under the issuer's name (Decree \"30/2020/NĐ-CP\")",
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
    fn flags_an_empty_or_missing_number() {
        assert_eq!(
            flagged(
                check,
                "Số: /KH-PGDĐT\n\nA, ngày 31 tháng 5 năm 2021\nKẾ HOẠCH\nx\n"
            ),
            ["Số: /KH-PGDĐT"]
        );
        assert_eq!(
            flagged(check, "\nKẾ HOẠCH\nPhát động thi đua\nCăn cứ"),
            ["KẾ HOẠCH"]
        );
    }

    #[test]
    fn accepts_a_text_issued_with_a_decision() {
        let text = "ỦY BAN NHÂN DÂN XÃ A\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nA, ngày 5 tháng 11 năm 2013\nKẾ HOẠCH\nPhổ cập giáo dục năm 2013\n(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 5/11/2013 của Ủy ban nhân dân xã A)\nI. MỤC ĐÍCH\n";
        assert!(flagged(check, text).is_empty());
        let alone = text.replace("(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 5/11/2013 của Ủy ban nhân dân xã A)\n", "");
        assert_eq!(flagged(check, &alone), ["KẾ HOẠCH"]);
    }

    #[test]
    fn accepts_a_numbered_header() {
        assert!(
            flagged(
                check,
                "Số: 21/KH-THPTLT\nA, ngày 05 tháng 3 năm 2021\nKẾ HOẠCH\nx\n"
            )
            .is_empty()
        );
    }
}
