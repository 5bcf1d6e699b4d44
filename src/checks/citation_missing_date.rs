//! Lần viện dẫn đầu tiên của một văn bản có số mà không ghi ngày ban hành: "theo tinh thần chỉ đạo
//! của Chỉ thị 1518/CT-UBND" mà không có "ngày …".
//!
//! ## Vì sao
//! Nghị định 30/2020/NĐ-CP yêu cầu khi viện dẫn văn bản lần đầu phải ghi tên loại, số, ký hiệu,
//! ngày, tháng, năm ban hành, tên cơ quan ban hành và trích yếu nội dung; các lần viện dẫn tiếp
//! theo có thể chỉ ghi tên loại và số, ký hiệu. Thiếu ngày ban hành thì người đọc không biết văn
//! bản nào được nói đến, vì số văn bản hành chính được đánh lại từ đầu mỗi năm và số văn bản của
//! Đảng từ đầu mỗi nhiệm kỳ. Luật hoặc Pháp lệnh được viện dẫn bằng tên nên không cần số lẫn ngày;
//! dòng "Số:" của chính kế hoạch không phải là trích dẫn; ký hiệu nằm trong dấu ngoặc kép (chủ đề
//! hoặc tên gọi được trích nguyên văn) được bỏ qua.
//!
//! ## Ví dụ
//! ```text
//! theo dõi việc thực hiện theo tinh thần chỉ đạo của Chỉ thị 1518/CT-UBND; tham mưu
//! ```
//!
//! ## Cách sửa
//! Ghi thêm ngày ban hành sau ký hiệu, và cơ quan ban hành: "Chỉ thị số 1518/CT-UBND ngày … của
//! UBND tỉnh …". Khi văn bản có trong danh mục, bản sửa tự thêm ngày ban hành.

use super::support::{inside_quotes, registry_entry};
use super::{Context, Diagnostic};
use crate::ruledata::{normalize_name, normalize_symbol};
use crate::source::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "The first citation of a numbered document without its issue date: \"Chỉ thị 1518/CT-UBND\" with no \"ngày …\".";

/// Types cited by name, without number or date.
const BY_NAME: [&str; 4] = ["luật", "bộ luật", "pháp lệnh", "hiến pháp"];

/// A year or date right after the symbol, in a form the extractor does not take as a citation
/// date ("năm 2014", "ngày 15/5", "(15/5/2016)").
static DATED_OTHERWISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*\(?\s*(?:(?:ban hành\s+)?(?:năm|ngày|ngay)\s+[0-9]|[0-9]{1,2}\s*[/-]\s*[0-9]{1,2}\s*[/-]\s*[0-9]{4})")
        .expect("valid regex")
});

/// "Kế hoạch số 12/KH-PGDĐT và số 13/KH-PGDĐT ngày 05/9/2023": two documents share one date.
static SHARED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:,|và)\s*(?:số\s*)?[0-9]{1,5}\s*[/-]\s*[\p{L}0-9/.&-]+\s*,?\s*(?:ngày|ngay)\s+[0-9]")
        .expect("valid regex")
});
/// "Ngày 21/02/2014, Thủ tướng Chính phủ đã ký Quyết định số 281/QĐ-TTg": the date opens the clause.
static DATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[.;:]\s*)(?:vào\s+)?ngày\s+[0-9]{1,2}\s*[/-]\s*[0-9]{1,2}\s*[/-]\s*[0-9]{4}\s*,[^;.]{0,100}$")
        .expect("valid regex")
});

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.source.text.as_str();
    let mut seen: HashSet<String> = HashSet::new();
    // The document's own number: a web page's title above the header names the document itself.
    let own = cx
        .analysis
        .structure
        .header
        .number
        .as_ref()
        .and_then(|n| {
            Some(format!(
                "{}/{}",
                n.number.as_ref()?.text,
                n.symbol.as_ref()?.text
            ))
        })
        .map(|s| normalize_symbol(&s));
    let mut preamble = cx.analysis.structure.preamble;
    // A fragment or a web page whose first line names a document is titled by it.
    if cx.analysis.document.kind != crate::classify::Kind::Document
        && let Some((idx, start, line)) = cx.source.lines().find(|(_, _, l)| !l.trim().is_empty())
        && idx + 1 < cx.source.line_count()
        && line.len() <= 240
        && !line.contains(';')
        && !line.trim_end().ends_with(['.', ':'])
    {
        preamble.end = preamble.end.max(start + line.len());
    }
    for c in &cx.analysis.citations {
        if c.span.start < preamble.end
            || c.symbol
                .as_ref()
                .is_some_and(|s| own.as_deref() == Some(normalize_symbol(&s.text).as_str()))
        {
            continue;
        }
        let (Some(symbol), Some(word), Some(type_span)) = (&c.symbol, &c.doc_type, c.type_span)
        else {
            continue;
        };
        if !seen.insert(normalize_symbol(&symbol.text)) {
            continue; // not the first mention
        }
        if c.date.is_some()
            || BY_NAME
                .iter()
                .any(|b| normalize_name(b) == normalize_name(word))
        {
            continue;
        }
        if inside_quotes(text, type_span.start)
            || DATED_OTHERWISE.is_match(&text[symbol.span.end..])
            || SHARED_DATE.is_match(&text[symbol.span.end..])
            || DATE_BEFORE.is_match(crate::source::line_before(text, type_span.start))
        {
            continue;
        }
        let span = Span::new(type_span.start, symbol.span.end);
        let written = cx.slice(span);
        let symbol = &symbol.text;
        let mut d = Diagnostic::new(
            span,
            crate::tr!(
                cx.lang,
                "lần trích dẫn đầu tiên của {word} {symbol} thiếu ngày ban hành",
                "the first citation of \"{word} {symbol}\" lacks its issue date"
            ),
        );
        match registry_entry(cx, c).and_then(|doc| doc.date) {
            Some(date) => {
                d = d.fix(format!("{written} ngày {}", date.to_vietnamese()));
            }
            None => {
                d = d.help(cx.lang.pick(
                    "ghi đủ số, ký hiệu, ngày ban hành và cơ quan ban hành ở lần trích dẫn đầu tiên (Nghị định 30/2020/NĐ-CP)",
                    "give the number, symbol, issue date and issuer at the first citation (Decree \"30/2020/NĐ-CP\")",
                ));
            }
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{check_with, flagged};

    #[test]
    fn flags_the_first_undated_mention() {
        assert_eq!(
            flagged(
                check,
                "theo tinh thần chỉ đạo của Chỉ thị 1518/CT-UBND; tham mưu. Thực hiện Chỉ thị 1518/CT-UBND"
            ),
            ["Chỉ thị 1518/CT-UBND"]
        );
        let got = check_with(check, "Nghị quyết số 29-NQ/TW về đổi mới căn bản", None);
        assert_eq!(
            got[0].1.fix.as_deref(),
            Some("Nghị quyết số 29-NQ/TW ngày 04/11/2013")
        );
    }

    #[test]
    fn accepts_dated_first_mentions_laws_quotes_and_later_mentions() {
        assert!(flagged(
            check,
            "Chỉ thị số 13/CT-UBND ngày 29/12/2020 của UBND tỉnh; theo Chỉ thị số 13/CT-UBND; Luật số 06/2022/QH15; chủ đề “Quyết tâm thực hiện Nghị quyết số 98/2023/QH15 của Quốc hội”; Chỉ thị 34-CT/TW năm 2014"
        )
        .is_empty());
    }
}
