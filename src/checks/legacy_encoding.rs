//! Text that reached us in a legacy Vietnamese encoding, or damaged by one, and was repaired.
//!
//! ## Why
//! Many school documents were typed in TCVN3 (ABC, `.VnTime` fonts) or VNI-Windows fonts and reach
//! reviewers as raw legacy bytes, or as Unicode files in which the legacy bytes were read through
//! Windows-1252 ("Céng hoµ x· héi", "Soá"), or as UTF-8 read as Windows-1252 ("Sá»‘"). Such text
//! cannot be searched, indexed or published; a single damaged word ("Soá: 21/KH-THPTLT") even hides
//! the document's number. vblint repairs the text before checking it; this rule says where it did.
//!
//! One finding per repaired word or span, with the repaired text as the fix and the original line
//! and columns as the location. A file that is legacy-encoded as a whole gets one finding at line 1
//! naming the encoding.
//!
//! ## Example
//! ```text
//!     Soá: 21/KH-THPTLT        (VNI "Số" read as Windows-1252)
//! ```
//!
//! ## Fix
//! Replace the damaged text with the repaired text, or convert the whole file with
//! `vblint normalize --in-place FILE`.

use super::{Context, Diagnostic};
use crate::decode::Repair;
use crate::source::Span;

/// A readable name for a damage or encoding label.
fn describe(label: &str) -> String {
    match label {
        "tcvn3" => "TCVN3 (ABC, phông .VnTime)".into(),
        "vni-windows" => "VNI-Windows (phông VNI-Times)".into(),
        "viscii" => "VISCII".into(),
        "vps" => "VPS".into(),
        "viqr" => "VIQR".into(),
        "windows-1258" => "Windows-1258".into(),
        "tcvn3-as-cp1252" => "TCVN3 bị đọc nhầm thành Windows-1252".into(),
        "vni-as-cp1252" => "VNI bị đọc nhầm thành Windows-1252".into(),
        "utf8-as-cp1252" => "UTF-8 bị đọc nhầm thành Windows-1252 (mojibake)".into(),
        "tcvn3-u-as-soft-hyphen" => "chữ ư của TCVN3 còn là dấu gạch mềm U+00AD".into(),
        "tcvn3-u-lost" => "chữ ư của TCVN3 bị mất khi chuyển mã".into(),
        "vni-letters-left" => "chữ một byte của VNI (ị, ỉ, ĩ, ỵ) còn ở dạng Latin-1".into(),
        other => other.to_string(),
    }
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
                format!(
                    "tệp được mã hóa bằng bảng mã cũ {} (độ tin cậy {:.0}%); vblint đã chuyển sang Unicode để kiểm tra",
                    describe(&report.name),
                    report.confidence * 100.0
                ),
            )
            .help("chuyển tệp sang Unicode (UTF-8): vblint normalize --in-place TỆP"),
        );
        return;
    }
    if let Some(damage) = &report.damage {
        out.push(
            Diagnostic::new(
                first_line,
                format!(
                    "toàn bộ văn bản bị hỏng mã ({}), {} dòng đã được sửa",
                    describe(damage),
                    report.repaired_lines.len()
                ),
            )
            .help("chuyển tệp sang Unicode đúng: vblint normalize --in-place TỆP"),
        );
    }
    for r in &report.repairs {
        let Some(span) = repaired_span(cx, r) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                span,
                format!(
                    "chữ bị hỏng mã ({}): \"{}\" được sửa thành \"{}\"",
                    describe(&r.encoding),
                    r.original,
                    r.repaired
                ),
            )
            .fix(r.repaired.clone())
            .original(r.original.clone()),
        );
    }
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
    fn accepts_clean_unicode() {
        let report =
            legacy_findings("Số: 21/KH-THPTLT, hoá học, khoá XV, Hoàng Văn Thụ\n".as_bytes());
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}
