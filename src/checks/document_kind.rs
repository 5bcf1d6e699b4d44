//! Nội dung đầu vào được nhận định là loại gì, báo một lần cho mỗi tệp khi nhận định đó khiến cả
//! nhóm quy tắc không xét nó: đoạn trích không bị yêu cầu có phần đầu văn bản, bài tin hay sáng
//! kiến không bị yêu cầu có số, trích dẫn hay thời hạn.
//!
//! ## Vì sao
//! Không phải đầu vào nào cũng là văn bản hành chính: bài tin trên trang web viết về một kế hoạch,
//! đoạn giới thiệu trên trang chủ, bài trình chiếu, danh sách liên kết, báo cáo sáng kiến của giáo
//! viên, hay một phần kế hoạch bắt đầu từ giữa văn bản. Xét chúng theo quy tắc của một văn bản hoàn
//! chỉnh sẽ làm người thẩm định ngập trong các phát hiện sai; im lặng thì lại để họ thắc mắc vì sao
//! không có phát hiện nào. Vì vậy vblint báo một lần, ở mức thông tin (info), rằng nó đã nhận định
//! nội dung là gì, dựa trên dấu hiệu nào, và vì thế những quy tắc nào không chạy. `vblint extract`
//! cho cùng kết quả phân loại trong đối tượng `document` (`kind`, `type`, `confidence`,
//! `evidence`).
//!
//! ## Ví dụ
//! ```text
//! Thứ hai, 20/11/2023 - 08:15 | Lượt xem: 120
//! Sáng nay, Liên đội trường tổ chức lễ phát động phong trào thi đua …
//! ```
//!
//! ## Cách sửa
//! Không cần sửa khi phân loại đúng. Khi đó là văn bản hành chính mà vblint không nhận ra (phần đầu
//! văn bản bị thiếu hoặc hỏng), hãy khôi phục phần đầu — quốc hiệu và tiêu ngữ, "Số: …", địa danh
//! và ngày, tháng, năm ban hành, tên loại văn bản — thì các quy tắc về phần đầu văn bản sẽ chạy.

use super::{Context, Diagnostic};
use crate::classify::{Kind, Scope};
use crate::source::Span;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "What the input was taken to be, reported once per file when that keeps a group of rules from judging it (an excerpt needs no header, a news article no number, citations or deadlines).";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let doc = &cx.analysis.document;
    let skipped: Vec<&str> = [Scope::Header, Scope::Body]
        .into_iter()
        .filter(|s| !doc.kind.applies(*s))
        .map(|s| s.label(cx.lang))
        .collect();
    if skipped.is_empty() {
        return;
    }
    let lang = cx.lang;
    let evidence = if doc.evidence.is_empty() {
        lang.pick(
            "không thấy quốc hiệu, số, ngày ban hành, tên loại hay căn cứ pháp lý",
            "no national title, number, issue date, document type or legal basis seen",
        )
        .to_string()
    } else {
        doc.evidence
            .iter()
            .take(4)
            .map(|e| {
                let (what, line) = (evidence_in(&e.what, lang), e.line);
                crate::tr!(lang, "{what} (dòng {line})", "{what} (line {line})")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let label = doc.kind.label(lang);
    let kind = match (doc.kind, &doc.doc_type) {
        (Kind::Other, Some(t)) => crate::tr!(lang, "{label} ({t})", "{label} (\"{t}\")"),
        _ => label.to_string(),
    };
    let confidence = match doc.confidence {
        crate::classify::Confidence::High => lang.pick("cao", "high"),
        crate::classify::Confidence::Medium => lang.pick("trung bình", "medium"),
        crate::classify::Confidence::Low => lang.pick("thấp", "low"),
    };
    let skipped = skipped.join("; ");
    let message = crate::tr!(
        lang,
        "văn bản được nhận là {kind} (độ tin cậy {confidence}; căn cứ: {evidence}): không áp dụng các quy tắc về {skipped}",
        "the text is taken to be {kind} (confidence {confidence}; evidence: {evidence}): the rules on {skipped} do not apply"
    );
    out.push(Diagnostic::new(first_line(cx), message).help(lang.pick(
        "nếu đây là văn bản hành chính đầy đủ, kiểm tra phần đầu (quốc hiệu, \"Số: …\", địa danh và ngày ban hành, tên loại)",
        "if this is a whole administrative document, check its header (national title, \"Số: …\", place and issue date, document type)",
    )));
}

/// A piece of evidence as `crate::classify` words it (in Vietnamese, as `vblint extract` shows
/// it), in `lang`: the quoted words of the document stay as written.
fn evidence_in(what: &str, lang: crate::lang::Lang) -> String {
    if lang == crate::lang::Lang::Vi {
        return what.to_string();
    }
    const FIXED: [(&str, &str); 13] = [
        ("quốc hiệu", "national title"),
        ("tiêu ngữ", "motto"),
        ("số, ký hiệu", "number and symbol"),
        ("địa danh, ngày ban hành", "place and issue date"),
        ("tên loại văn bản", "document type"),
        ("căn cứ pháp lý", "legal basis"),
        ("các mục I, II…", "sections I, II…"),
        ("nơi nhận", "recipients (\"Nơi nhận\")"),
        ("thẩm quyền ký", "signing authority"),
        ("điều khoản (Điều 1…)", "articles (\"Điều 1…\")"),
        ("kính gửi", "addressee (\"Kính gửi\")"),
        (
            "văn bản qua trình xem tài liệu (có thể mất chữ)",
            "text from a document viewer (words may be lost)",
        ),
        (
            "ban hành kèm theo văn bản khác",
            "issued with another document",
        ),
    ];
    if let Some((_, en)) = FIXED.iter().find(|(vi, _)| *vi == what) {
        return (*en).to_string();
    }
    for (vi, en) in [
        ("tiêu đề ", "title "),
        ("dấu hiệu trang web ", "web page mark "),
    ] {
        if let Some(quoted) = what.strip_prefix(vi) {
            return format!("{en}{quoted}");
        }
    }
    // A phrase added to `classify` without its English here: quoted, so it reads as the
    // document-side text it then is.
    format!("\"{what}\"")
}

/// The first non-blank line of the text, where the finding is shown.
fn first_line(cx: &Context) -> Span {
    cx.source
        .lines()
        .find(|(_, _, l)| !l.trim().is_empty())
        .map_or(Span::new(0, 0), |(_, start, l)| {
            let lead = l.len() - l.trim_start().len();
            Span::new(start + lead, start + l.trim_end().len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn says_once_what_a_news_post_was_taken_for() {
        let got = check_with(
            check,
            "Tin tức | Lượt xem: 120\nSáng nay, Liên đội trường tổ chức lễ phát động phong trào thi đua.\n",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Tin tức | Lượt xem: 120");
        assert!(
            got[0].1.message.starts_with(
                "văn bản được nhận là không phải văn bản hành chính (độ tin cậy cao; căn cứ: dấu hiệu trang web \"Tin tức\" (dòng 1)"
            ),
            "{}",
            got[0].1.message
        );
    }

    #[test]
    fn silent_on_a_complete_document() {
        let got = check_with(
            check,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-THCS\nAn Phú, ngày 05 tháng 9 năm 2024\nKẾ HOẠCH\nPhát động thi đua\nCăn cứ Luật Thi đua, Khen thưởng;\n",
            None,
        );
        assert!(got.is_empty());
    }
}
