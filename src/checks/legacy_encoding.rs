//! Văn bản nhận được ở bảng mã tiếng Việt cũ, hoặc bị bảng mã cũ làm hỏng, và đã được khôi phục.
//!
//! ## Vì sao
//! Nhiều văn bản của nhà trường được gõ bằng TCVN3 (ABC, phông `.VnTime`) hoặc phông VNI-Windows và
//! đến tay người thẩm định dưới dạng byte thô của bảng mã cũ, hoặc dưới dạng tệp Unicode trong đó
//! các byte cũ đã bị đọc theo Windows-1252 ("Céng hoµ x· héi", "Soá"), hoặc UTF-8 bị đọc theo
//! Windows-1252 ("Sá»‘"). Văn bản như vậy không tìm kiếm, lập chỉ mục hay công bố được; chỉ một từ
//! hỏng ("Soá: 21/KH-THPTLT") cũng đủ che mất số của văn bản. vblint khôi phục văn bản trước khi
//! kiểm tra; quy tắc này cho biết nó đã khôi phục ở đâu.
//!
//! Mỗi từ hoặc đoạn đã khôi phục là một phát hiện, sửa thành văn bản đã khôi phục, với vị trí là
//! dòng và cột trong tệp gốc. Tệp mã hóa toàn bộ bằng bảng mã cũ có một phát hiện ở dòng 1, nêu tên
//! bảng mã.
//!
//! Chữ bị đổi khi lấy văn bản từ PDF ("phổ thơng", "Phịng", "tun dương", "phƣơng") và dấu thanh
//! bị tách khỏi chữ ("thiêt hai ̀ ̣" cho "thiệt hại") được báo ở mức thấp hơn một bậc (info): lỗi
//! thường nằm ở lớp văn bản của PDF hay trang xem tài liệu, không ở văn bản gốc.
//!
//! ## Ví dụ
//! ```text
//!     Soá: 21/KH-THPTLT        (chữ "Số" gõ bằng VNI, bị đọc theo Windows-1252)
//! ```
//!
//! ## Cách sửa
//! Thay văn bản hỏng bằng văn bản đã khôi phục, hoặc chuyển cả tệp bằng `vblint normalize
//! --in-place FILE`.

use super::{Context, Diagnostic};
use crate::decode::Repair;
use crate::decode::repair::Damage;
use crate::lang::Lang;
use crate::source::Span;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str =
    "Text received in a legacy Vietnamese encoding, or damaged by one, and restored.";

/// A readable name for an encoding name or damage label: the charset's entry in
/// [`crate::decode::charsets`], or the damage's description. Every label the decoder emits has
/// one (see the test); a label from elsewhere is shown as it is.
fn describe(label: &str) -> &str {
    crate::decode::charsets::describe(label)
        .or_else(|| Damage::from_label(label).map(Damage::description))
        .unwrap_or(label)
}

/// The span of a repair in the repaired text: the occurrence of the repaired word on its line
/// whose original column is the repair's.
fn repaired_span(cx: &Context, r: &Repair) -> Option<Span> {
    let idx = (r.line as usize).checked_sub(1)?;
    let line = cx.source.line(idx);
    let start = cx.source.line_start(idx);
    let mut fallback = None;
    for (at, _) in line.match_indices(r.repaired.as_str()) {
        let span = Span::new(start + at, start + at + r.repaired.len());
        if cx.source.position(span.start).column == r.column {
            return Some(span);
        }
        fallback.get_or_insert(span);
    }
    fallback
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(report) = cx.encoding else { return };
    let first_line = Span::new(0, cx.source.line(0).len());
    let whole_file = !matches!(report.name.as_str(), "utf-8" | "utf-16le" | "utf-16be");
    if whole_file {
        out.push(
            Diagnostic::new(
                first_line,
                crate::tr!(
                    cx.lang,
                    "tệp được mã hóa bằng bảng mã cũ {} (độ tin cậy {:.0}%); vblint đã chuyển sang Unicode để kiểm tra",
                    // The charset descriptions are Vietnamese; its name is what English readers
                    // look up.
                    "the file is in the legacy encoding {} (confidence {:.0}%); vblint converted it to Unicode to check it",
                    cx.lang.pick(describe(&report.name), report.name.as_str()),
                    report.confidence * 100.0
                ),
            )
            .help(cx.lang.pick(
                "chuyển tệp sang Unicode (UTF-8): vblint normalize --in-place TỆP",
                "convert the file to Unicode (UTF-8): vblint normalize --in-place FILE",
            )),
        );
        return;
    }
    if let Some(damage) = &report.damage {
        out.push(
            Diagnostic::new(
                first_line,
                crate::tr!(
                    cx.lang,
                    "toàn bộ văn bản bị hỏng mã ({}), {} dòng đã được sửa",
                    "the whole text is mis-encoded ({}); {} lines were repaired",
                    cx.lang.pick(describe(damage), damage.as_str()),
                    report.repaired_lines.len()
                ),
            )
            .help(cx.lang.pick(
                "chuyển tệp sang Unicode đúng: vblint normalize --in-place TỆP",
                "convert the file to proper Unicode: vblint normalize --in-place FILE",
            )),
        );
    }
    for r in &report.repairs {
        let Some(span) = repaired_span(cx, r) else {
            continue;
        };
        let from_pdf = Damage::from_label(&r.encoding).is_some_and(Damage::from_pdf_text_layer);
        out.push(if from_pdf {
            pdf_text_layer(span, r, cx.lang)
        } else {
            Diagnostic::new(
                span,
                crate::tr!(
                    cx.lang,
                    "chữ bị hỏng mã ({}): \"{}\" được sửa thành \"{}\"",
                    "mis-encoded word ({}): \"{}\" was repaired to \"{}\"",
                    cx.lang.pick(describe(&r.encoding), r.encoding.as_str()),
                    r.original,
                    r.repaired
                ),
            )
            .fix(r.repaired.clone())
            .original(r.original.clone())
        });
    }
}

/// Words a PDF's text layer changed. The PDF itself most likely shows them right, so they are
/// reported one severity lower, as a notice that the text was read so.
fn pdf_text_layer(span: Span, r: &Repair, lang: Lang) -> Diagnostic {
    Diagnostic::new(
        span,
        crate::tr!(
            lang,
            "{}: \"{}\" được đọc là \"{}\"",
            "{}: \"{}\" was read as \"{}\"",
            lang.pick(describe(&r.encoding), r.encoding.as_str()),
            r.original,
            r.repaired
        ),
    )
    .help(lang.pick(
        "tệp PDF gốc có thể vẫn đúng; nếu văn bản được chép từ trang xem tài liệu, hãy lấy lại từ tệp gốc",
        "the original PDF may well be right; if the text was copied from a document viewer, take it again from the original file",
    ))
    .fix(r.repaired.clone())
    .original(r.original.clone())
    .guess()
}

#[cfg(test)]
mod tests {
    use crate::finding::FileReport;
    use crate::pipeline::{Options, check_text_bytes};

    fn legacy_findings(bytes: &[u8]) -> FileReport {
        let options = Options {
            selection: crate::checks::RuleSelection {
                select: vec!["legacy-encoding".into()],
                ..Default::default()
            },
            ..Options::default()
        };
        check_text_bytes("t.txt", bytes, &options)
    }

    #[test]
    fn flags_a_damaged_word_with_its_original_position() {
        let report = legacy_findings("    Soá: 21/KH-THPTLT    Lộc Ninh\n".as_bytes());
        assert_eq!(report.findings.len(), 1);
        let f = &report.findings[0];
        assert_eq!((f.line, f.column, f.end_column), (1, 5, 8));
        assert_eq!(f.excerpt, "Soá", "the original text the span covers");
        assert_eq!(f.fix.as_deref(), Some("Số"));
    }

    #[test]
    fn flags_a_wholly_legacy_file_once() {
        let tcvn3 = crate::decode::encode::encode_tcvn3(
            "Kế hoạch phát động phong trào thi đua năm học 2024-2025\nPhòng Giáo dục và Đào tạo\n",
        );
        let report = legacy_findings(&tcvn3);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].line, 1);
        assert!(report.findings[0].message.contains("TCVN3"));
    }

    #[test]
    fn every_label_the_decoder_emits_is_described() {
        use crate::decode::charsets::{CHARSETS, describe as of_charset};
        use crate::decode::repair::Damage;
        for c in CHARSETS {
            assert!(of_charset(c.name).is_some(), "{}", c.name);
        }
        for d in Damage::ALL {
            assert_ne!(super::describe(d.label()), d.label(), "{d:?}");
        }
    }

    #[test]
    fn accepts_clean_unicode() {
        let report =
            legacy_findings("Số: 21/KH-THPTLT, hoá học, khoá XV, Hoàng Văn Thụ\n".as_bytes());
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}
