//! Văn bản được trích dẫn đã hết hiệu lực vào ngày ban hành của văn bản này (hoặc vào ngày tham
//! chiếu trong cấu hình), được báo kèm văn bản thay thế: Nghị định 91/2017/NĐ-CP trong một kế hoạch
//! năm 2024, khi Nghị định 98/2023/NĐ-CP đã thay thế nó từ ngày 01/01/2024.
//!
//! ## Vì sao
//! Kế hoạch lấy một văn bản đã hết hiệu lực làm căn cứ là áp dụng những quy định không còn giá trị
//! (tiêu chuẩn và thủ tục khen thưởng đã thay đổi theo Luật Thi đua, khen thưởng 2022 và Nghị định
//! 98/2023/NĐ-CP). Điều này xảy ra khi chép lại kế hoạch năm trước. Hiệu lực lấy từ
//! `rules/documents.toml` (`expired`, `superseded_by`); văn bản bị thay thế mà không rõ ngày hết
//! hiệu lực được coi là hết hiệu lực khi văn bản thay thế có hiệu lực (hoặc được ban hành).
//!
//! ## Ví dụ
//! ```text
//! Tân Phú, ngày 25 tháng 3 năm 2024
//! …
//! Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết …
//! ```
//!
//! ## Cách sửa
//! Trích dẫn văn bản thay thế (ở đây là Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ),
//! hoặc nêu rõ vì sao văn bản cũ vẫn được áp dụng (chẳng hạn khi xét khen thưởng cho một giai đoạn
//! trước).

use super::support::{citation_label, registry_entry};
use super::{Context, Diagnostic};
use crate::date::Date;
use crate::ruledata::KnownDocument;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A cited document no longer in force on the issue date (or the configured reference date), reported with the document that replaced it.";

/// The day a document stopped applying, from `expired` or else from its successor.
fn end_of(cx: &Context, doc: &KnownDocument) -> Option<Date> {
    if let Some(e) = doc.expired {
        return Some(e);
    }
    let next = doc.superseded_by.as_deref()?;
    let successor = cx.data.documents_by_symbol(next).next()?;
    successor.effective.or(successor.date)
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(today) = cx.issue_date() else {
        return;
    };
    for c in &cx.analysis.citations {
        let Some(doc) = registry_entry(cx, c) else {
            continue;
        };
        let Some(end) = end_of(cx, doc) else {
            continue;
        };
        if today < end {
            continue;
        }
        let span = c
            .symbol
            .as_ref()
            .map(|s| s.span)
            .or(c
                .type_span
                .map(|t| crate::source::Span::new(t.start, c.span.end)))
            .unwrap_or(c.span);
        let label = citation_label(c);
        let lang = cx.lang;
        let successor = doc.superseded_by.as_deref().map(|s| {
            let d = cx.data.documents_by_symbol(s).next();
            let kind = d.map_or("", |d| d.doc_type.as_str());
            let name = format!("{kind} {s}");
            let name = name.trim();
            match d.and_then(|d| d.date) {
                Some(date) => {
                    let date = date.to_vietnamese();
                    crate::tr!(lang, "{name} ngày {date}", "\"{name}\" of {date}")
                }
                None => crate::tr!(lang, "{name}", "\"{name}\""),
            }
        });
        let (end, phrase, today) = (
            end.to_vietnamese(),
            cx.issue_date_phrase(),
            today.to_vietnamese(),
        );
        let mut message = crate::tr!(
            lang,
            "{label} đã hết hiệu lực từ ngày {end} (trước {phrase} {today})",
            "\"{label}\" ceased to apply on {end} (before {phrase} {today})"
        );
        if let Some(s) = &successor {
            message.push_str(&crate::tr!(
                lang,
                "; văn bản thay thế: {s}",
                "; replaced by: {s}"
            ));
        }
        out.push(
            Diagnostic::new(span, message).help(match successor {
                Some(s) => crate::tr!(
                    lang,
                    "trích dẫn văn bản đang có hiệu lực: {s}",
                    "cite the document in force: {s}"
                ),
                None => lang
                    .pick(
                        "bỏ trích dẫn hoặc thay bằng văn bản đang có hiệu lực",
                        "drop the citation or replace it with the document in force",
                    )
                    .to_string(),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{check_with, header};

    #[test]
    fn flags_a_repealed_decree_with_its_successor() {
        let text = header("25", "3", "2024")
            + "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết;\n";
        let got = check_with(check, &text, None);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "91/2017/NĐ-CP");
        assert!(
            got[0].1.message.contains("98/2023/NĐ-CP"),
            "{}",
            got[0].1.message
        );
    }

    #[test]
    fn accepts_documents_in_force_and_undated_plans() {
        let text = header("25", "3", "2023")
            + "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n";
        assert!(check_with(check, &text, None).is_empty());
        let text = header("25", "3", "2024")
            + "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ\n";
        assert!(check_with(check, &text, None).is_empty());
        assert!(
            check_with(
                check,
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017",
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn judges_against_the_reference_date_when_there_is_no_issue_date() {
        let got = check_with(
            check,
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
            Date::new(2024, 9, 5),
        );
        assert_eq!(got.len(), 1);
    }
}
