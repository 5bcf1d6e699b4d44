//! Trích dẫn có cơ quan ban hành được nêu tên không khớp với chữ viết tắt tên cơ quan ban hành
//! trong ký hiệu: "Kế hoạch số 67/KH-PGDĐT … của Ủy ban nhân dân huyện Tam Nông" (PGDĐT là Phòng
//! Giáo dục và Đào tạo).
//!
//! ## Vì sao
//! Chữ viết tắt tên cơ quan ban hành trong ký hiệu (`rules/issuers.toml`) cho biết ai ban hành văn
//! bản; nêu tên một cơ quan khác sẽ đưa người đọc đến nhầm cơ quan, và thường cho thấy ký hiệu hoặc
//! cơ quan ban hành đã bị chép từ một trích dẫn khác. Để bảo đảm chính xác, quy tắc chỉ báo khi cơ
//! quan được nêu tên nhận ra được là một cơ quan *khác* trong danh mục (nêu tên Phòng cho chữ viết
//! tắt của UBND, nêu tên UBND cho chữ viết tắt của Sở); chữ viết tắt chưa biết và tên chưa biết đều
//! được bỏ qua.
//!
//! ## Ví dụ
//! ```text
//! Căn cứ Kế hoạch số 67/KH-PGDĐT ngày 17 tháng 02 năm 2023 của Ủy ban nhân dân (UBND) huyện Tam Nông
//! ```
//!
//! ## Cách sửa
//! Nêu đúng cơ quan mà chữ viết tắt chỉ ("của Phòng Giáo dục và Đào tạo huyện Tam Nông"), hoặc sửa
//! lại ký hiệu.

use super::{Context, Diagnostic};
use crate::ruledata::Issuer;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A citation whose named issuer does not match the issuer abbreviation in its symbol: \"Kế hoạch số 67/KH-PGDĐT … của Ủy ban nhân dân huyện Tam Nông\".";

/// The issuer entry for a symbol's issuer part: "UBND-PNV" → UBND, "QH15" → QH.
pub(crate) fn issuer_of<'a>(cx: &'a Context, code: &str) -> Option<&'a Issuer> {
    let first = code.split('-').next().unwrap_or(code);
    cx.data
        .issuer(code)
        .or_else(|| cx.data.issuer(first))
        .or_else(|| {
            let stripped = first.trim_end_matches(|c: char| c.is_ascii_digit());
            cx.data.issuer(stripped).filter(|i| i.term_suffix)
        })
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for c in &cx.analysis.citations {
        let (Some(named), Some(span), Some(symbol)) = (&c.issuer, c.issuer_span, &c.symbol) else {
            continue;
        };
        let Some(own) = issuer_of(cx, &symbol.issuer_code) else {
            continue;
        };
        if own.matches_name(named) {
            continue;
        }
        let Some(other) = cx.data.issuers.iter().find(|i| {
            i.code != own.code && i.matches_name(named) && !i.names.iter().eq(own.names.iter())
        }) else {
            continue;
        };
        // "15/KH-BTC … của Ban Tổ chức Hội thi": BTC is also a Ban Tổ chức.
        if own
            .also
            .iter()
            .any(|a| named.to_lowercase().starts_with(&a.to_lowercase()))
        {
            continue;
        }
        let own_name = own.names.first().map_or(own.code.as_str(), String::as_str);
        let other_name = other
            .names
            .first()
            .map_or(other.code.as_str(), String::as_str);
        let d = Diagnostic::new(
                span,
                crate::tr!(
                    cx.lang,
                    "cơ quan ban hành \"{named}\" ({other_name}) không khớp với ký hiệu {}: mã {} là {own_name}",
                    "the issuer \"{named}\" (\"{other_name}\") does not match the symbol \"{}\": the code \"{}\" is \"{own_name}\"",
                    symbol.text, own.code
                ),
            )
            .help(crate::tr!(
                cx.lang,
                "ghi đúng cơ quan ban hành ({own_name} …) hoặc sửa lại số, ký hiệu",
                "name the right issuer (\"{own_name} …\") or correct the number and symbol"
            ));
        // An abbreviation that also stands for other bodies makes the finding a guess.
        out.push(if own.also.is_empty() { d } else { d.guess() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::flagged;

    #[test]
    fn flags_another_body_than_the_code() {
        assert_eq!(
            flagged(
                check,
                "Căn cứ Kế hoạch số 67/KH-PGDĐT ngày 17 tháng 02 năm 2023 của Ủy ban nhân dân (UBND) huyện Tam Nông về việc phát động"
            ),
            ["Ủy ban nhân dân (UBND) huyện Tam Nông"]
        );
    }

    #[test]
    fn accepts_the_right_body_and_unknown_names() {
        assert!(flagged(
            check,
            "Kế hoạch số 67/KH-PGDĐT ngày 17/02/2023 của Phòng GD&ĐT huyện Tam Nông; Kế hoạch số 79/KH-UBND ngày 14/3/2024 của Ủy ban nhân dân quận Tân Phú; Chỉ thị số 25-CT/TU ngày 12/8/2014 của Ban Thường vụ Thành ủy Thành phố; Công văn số 134/UBND-PNV ngày 29/7/2020 của UBND huyện Vĩnh Thuận; Kế hoạch số 5/KH-ABC của Liên đội"
        )
        .is_empty());
    }
}
