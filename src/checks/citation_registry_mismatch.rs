//! Văn bản có trong danh mục (`rules/documents.toml`) được trích dẫn sai ngày ban hành, sai cơ quan
//! ban hành hoặc sai giai đoạn: "Chỉ thị số 05-CT/TW ngày 16/5/2016" trong khi Chỉ thị 05-CT/TW ban
//! hành ngày 15/5/2016.
//!
//! ## Vì sao
//! Trích dẫn là cách người thẩm định tìm đến văn bản mà kế hoạch triển khai; sai ngày, sai cơ quan
//! ban hành hoặc sai giai đoạn trong tên văn bản được trích ("Đề án “Xây dựng xã hội học tập giai
//! đoạn 2021 - 2023”" cho một Đề án giai đoạn 2021 - 2030) sẽ chỉ đến một văn bản không có thật, và
//! thường là do gõ lại nhầm hoặc chép từ nguồn sai. Trích dẫn được đối chiếu theo ký hiệu và ngày:
//! ký hiệu của Đảng lặp lại qua các nhiệm kỳ (có văn bản 34-CT/TW năm 2014 và một văn bản khác năm
//! 2024), nên khi năm được trích không khớp với mục nào mang ký hiệu đó thì không đoán. Luật được
//! trích dẫn bằng tên thì được đối chiếu theo tên và ngày.
//!
//! ## Ví dụ
//! ```text
//! Tiếp tục triển khai thực hiện Chỉ thị số 05-CT/TW ngày 16/5/2016 của Bộ Chính trị
//! ```
//!
//! ## Cách sửa
//! Ghi đúng ngày ("15/5/2016"), cơ quan ban hành hoặc giai đoạn theo danh mục; nếu kế hoạch muốn
//! nói đến một văn bản khác thì sửa lại ký hiệu.

use super::support::{citation_label, clause_end, format_date_like, registry_entry};
use super::{Context, Diagnostic};
use crate::extract::dates::Precision;
use crate::ruledata::{KnownDocument, normalize_name};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A document in the registry (`rules/documents.toml`) cited with the wrong issue date, issuer or period: \"Chỉ thị số 05-CT/TW ngày 16/5/2016\" for a directive issued on 15/5/2016.";

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)giai đoạn\s*(?:từ\s*)?(?:năm\s*)?([0-9]{4})(\s*(?:[-–—]|đến)\s*(?:năm\s*)?)([0-9]{4})",
    )
    .expect("valid regex")
});

/// Whether the cited issuer is the document's (a name or alias, possibly followed by more words
/// such as "khóa XII", or a shortening of one).
fn issuer_agrees(doc: &KnownDocument, cited: &str) -> bool {
    let cited = normalize_name(cited);
    let word_prefix = |long: &str, short: &str| {
        long.len() > short.len() && long.starts_with(short) && long[short.len()..].starts_with(' ')
    };
    doc.keys.issuers.iter().any(|n| {
        cited == *n || word_prefix(&cited, n) || (word_prefix(n, &cited) && cited.contains(' '))
    })
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.analysis.citations {
        let Some(doc) = registry_entry(cx, c) else {
            continue;
        };
        let label = citation_label(c);
        // Date.
        if let Some(mention) = c.date.and_then(|i| cx.analysis.dates.get(i))
            && mention.precision == Precision::Day
        {
            let written = cx.slice(mention.span);
            match (doc.date, mention.date) {
                (Some(real), Some(cited)) if real != cited => {
                    let right = format_date_like(mention, written, real);
                    out.push(
                        Diagnostic::new(
                            mention.span,
                            crate::tr!(
                                cx.lang,
                                "{label} ban hành ngày {right}, không phải {written}",
                                "\"{label}\" was issued on {right}, not \"{written}\""
                            ),
                        )
                        .fix(right),
                    );
                }
                _ => {}
            }
        }
        // Issuer.
        if let (Some(issuer), Some(span)) = (&c.issuer, c.issuer_span)
            && !issuer_agrees(doc, issuer)
        {
            out.push(
                Diagnostic::new(
                    span,
                    crate::tr!(
                        cx.lang,
                        "{label} do {} ban hành, không phải {issuer}",
                        "\"{label}\" was issued by \"{}\", not \"{issuer}\"",
                        doc.issuer
                    ),
                )
                .fix(doc.issuer.clone()),
            );
        }
        // Period quoted in the title.
        if let Some(period) = doc.period {
            let text = cx.source.text.as_str();
            let end = clause_end(cx, c);
            let start = c.span.end.min(end);
            for m in PERIOD.captures_iter(&text[start..end]) {
                let (Some(a), Some(sep), Some(b)) = (m.get(1), m.get(2), m.get(3)) else {
                    continue;
                };
                let (Ok(from), Ok(to)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>())
                else {
                    continue;
                };
                if (from, to) != (period.from, period.to) {
                    let span = Span::new(start + a.start(), start + b.end());
                    out.push(
                        Diagnostic::new(
                            span,
                            crate::tr!(
                                cx.lang,
                                "tên của {label} ghi giai đoạn {period}, không phải {from}-{to}",
                                "the title of \"{label}\" names the period {period}, not {from}-{to}",
                            ),
                        )
                        .fix(format!(
                            "{}{}{}",
                            period.from,
                            sep.as_str(),
                            period.to
                        )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_a_wrong_date_with_the_registry_date_in_the_same_style() {
        let got = check_with(
            check,
            "- Tiếp tục triển khai thực hiện có hiệu quả Chỉ thị số 05-CT/TW ngày 16/5/2016 của Bộ Chính trị về đẩy mạnh",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "16/5/2016");
        assert_eq!(got[0].1.fix.as_deref(), Some("15/5/2016"));
        let got = check_with(
            check,
            "Chỉ thị số 05-CT/TW ngày 16 tháng 5 năm 2016 của Bộ Chính trị",
            None,
        );
        assert_eq!(got[0].1.fix.as_deref(), Some("15 tháng 5 năm 2016"));
    }

    #[test]
    fn flags_a_wrong_issuer_and_a_wrong_period() {
        let got = check_with(
            check,
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Ban Bí thư về đẩy mạnh; Quyết định số 1373/QĐ-TTg ngày 30 tháng 7 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2023”. Tiếp",
            None,
        );
        let got: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Ban Bí thư", Some("Bộ Chính trị")),
                ("2021 - 2023", Some("2021 - 2030"))
            ]
        );
    }

    #[test]
    fn accepts_right_citations_and_does_not_guess_between_terms() {
        let got = check_with(
            check,
            "Chỉ thị 05-CT/TW ngày 15-5-2016 của Bộ Chính trị khóa XII; Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ; Luật Thi đua, khen thưởng ngày 15 tháng 06 năm 2022; Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”",
            None,
        );
        assert!(got.is_empty(), "{got:?}");
        // Another term's 34-CT/TW is not the registry's.
        assert!(
            check_with(
                check,
                "Chỉ thị số 34-CT/TW ngày 24/5/2024 của Bộ Chính trị",
                None
            )
            .is_empty()
        );
    }
}
