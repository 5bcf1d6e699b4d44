//! Trích dẫn có tên loại văn bản không khớp với chữ viết tắt tên loại trong ký hiệu:
//! "Công văn số 1428/KH-SGDĐT" (KH là Kế hoạch).
//!
//! ## Vì sao
//! Chữ viết tắt tên loại văn bản trong ký hiệu (Nghị định 30/2020/NĐ-CP, Phụ lục III;
//! `rules/doc-types.toml`) cho biết đó là loại văn bản gì; trích dẫn gọi một Kế hoạch là Công văn,
//! hay một Quyết định là Chỉ thị, sẽ làm người tìm văn bản hiểu sai. Công văn không có chữ viết tắt
//! tên loại ("134/UBND-PNV") và "Văn bản" là từ chung, nên cả hai đều không bị báo; chữ viết tắt
//! chưa biết được bỏ qua.
//!
//! ## Ví dụ
//! ```text
//! Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/5/2021 của Sở Giáo dục và Đào tạo
//! ```
//!
//! ## Cách sửa
//! Dùng tên loại mà chữ viết tắt chỉ: "Kế hoạch số 1428/KH-SGDĐT".

use super::{Context, Diagnostic};
use crate::ruledata::normalize_name;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A citation whose document type does not match the type abbreviation in its symbol: \"Công văn số 1428/KH-SGDĐT\" (KH is a plan).";

/// Type words that say nothing about the type.
const GENERIC: [&str; 2] = ["văn bản", "hiến pháp"];

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.analysis.citations {
        let (Some(word), Some(span), Some(symbol)) = (&c.doc_type, c.type_span, &c.symbol) else {
            continue;
        };
        let Some(code) = &symbol.type_code else {
            continue;
        };
        if GENERIC
            .iter()
            .any(|g| normalize_name(g) == normalize_name(word))
        {
            continue;
        }
        let Some(t) = cx.data.doc_type(code) else {
            continue;
        };
        if t.copy || t.matches_name(word) {
            continue;
        }
        let Some(canonical) = t.names.first() else {
            continue;
        };
        // Keep the case of the written word ("CÔNG VĂN" → "KẾ HOẠCH").
        let written = cx.slice(span);
        let fix = if written
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            canonical.to_uppercase()
        } else {
            canonical.clone()
        };
        out.push(
            Diagnostic::new(
                span,
                crate::tr!(
                    cx.lang,
                    "\"{written}\" không khớp với ký hiệu {}: mã {code} là {canonical}",
                    "\"{written}\" does not match the symbol \"{}\": the code \"{code}\" is \"{canonical}\"",
                    symbol.text
                ),
            )
            .fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_a_type_word_that_contradicts_the_code() {
        let got = check_with(
            check,
            "Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/5/2021 của Sở Giáo dục và Đào tạo",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Công văn");
        assert_eq!(got[0].1.fix.as_deref(), Some("Kế hoạch"));
    }

    #[test]
    fn accepts_matching_words_cong_van_and_generic_words() {
        let got = check_with(
            check,
            "Kế hoạch số 67/KH-PGDĐT; Công văn số 134/UBND-PNV; Văn bản số 12/KH-UBND; Chỉ thị 05-CT/TW; Nghị định số 98/2023/NĐ-CP; Luật số 06/2022/QH15; Quyết định số 24/2018/QĐ-UBND",
            None,
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
