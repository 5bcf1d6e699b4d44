//! A citation whose type word disagrees with the type code of its symbol: "Công văn số
//! 1428/KH-SGDĐT" (KH is a Kế hoạch).
//!
//! ## Why
//! The type code in a symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III; `rules/doc-types.toml`)
//! says what kind of document it is; a citation that calls a Kế hoạch a Công văn, or a Quyết
//! định a Chỉ thị, misleads the reader looking for it. A Công văn has no type code
//! ("134/UBND-PNV") and "Văn bản" is a generic word, so neither is flagged; unknown codes are
//! left alone.
//!
//! ## Example
//! ```text
//! Thực hiện Công văn số 1428/KH-SGDĐT ngày 25/5/2021 của Sở Giáo dục và Đào tạo
//! ```
//!
//! ## Fix
//! Use the type the code stands for: "Kế hoạch số 1428/KH-SGDĐT".

use super::{Context, Diagnostic};
use crate::ruledata::normalize_name;

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
                format!(
                    "\"{written}\" không khớp với ký hiệu {}: mã {code} là {canonical}",
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
