//! Văn bản trộn lẫn cách đặt dấu thanh kiểu cũ và kiểu mới: "hoà" và "hòa", "Uỷ" và "Ủy", "khoá" và
//! "khóa".
//!
//! ## Vì sao
//! Cả hai cách đặt dấu đều đúng tiếng Việt, nhưng một văn bản nên dùng thống nhất một cách: trộn
//! lẫn trông cẩu thả, và làm hỏng việc tìm kiếm ("Ủy ban" không tìm thấy "Uỷ ban"). Dấu đặt lẫn lộn
//! cũng là dấu hiệu của văn bản ghép từ nhiều nguồn. Chỉ các vần mở "oa", "oe", "uy" có liên quan
//! ("hoàng", "quý" viết như nhau ở cả hai kiểu).
//!
//! Mỗi từ viết theo kiểu ít dùng hơn trong văn bản bị báo (khi hai kiểu ngang nhau, báo kiểu cũ),
//! sửa thành chính từ đó viết theo kiểu kia.
//!
//! ## Ví dụ
//! ```text
//! … Quốc hội khóa XV … Uỷ ban nhân dân tỉnh … Quốc hội khoá XV …
//! ```
//!
//! ## Cách sửa
//! Viết mọi từ như vậy theo kiểu chính của văn bản: "khóa", "Ủy".

use super::{Context, Diagnostic};
use crate::decode::tone::{ToneStyle, tone_style};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "Text that mixes the old and the new tone-mark placement: \"hoà\" and \"hòa\", \"Uỷ\" and \"Ủy\", \"khoá\" and \"khóa\".";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let counts = tone_style(&cx.source.text);
    if !counts.is_mixed() {
        return;
    }
    let minority = if counts.old > counts.new {
        ToneStyle::New
    } else {
        ToneStyle::Old
    };
    let (old, new) = (
        cx.lang.pick("kiểu cũ", "the old style"),
        cx.lang.pick("kiểu mới", "the new style"),
    );
    let (style_name, main_name) = match minority {
        ToneStyle::Old => (old, new),
        ToneStyle::New => (new, old),
    };
    for w in counts.words.iter().filter(|w| w.style == minority) {
        out.push(
            Diagnostic::new(
                w.span,
                crate::tr!(
                    cx.lang,
                    "\"{}\" đặt dấu thanh {style_name}, trong khi văn bản chủ yếu đặt dấu {main_name} ({} từ kiểu cũ, {} từ kiểu mới): mong đợi \"{}\"",
                    "\"{}\" places its tone mark in {style_name}, while the text mostly uses {main_name} (words: {} in the old style, {} in the new): expected \"{}\"",
                    w.word, counts.old, counts.new, w.other
                ),
            )
            .fix(w.other.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_the_minority_style() {
        let got = check_with(
            check,
            "Quốc hội khóa XV, Ủy ban nhân dân, hòa bình, Uỷ ban",
            None,
        );
        let fixes: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(fixes, vec![("Uỷ", Some("Ủy"))]);
    }

    #[test]
    fn accepts_one_consistent_style() {
        assert!(
            check_with(
                check,
                "Quốc hội khoá XV, Uỷ ban nhân dân, hoà bình, quý, hoàng",
                None
            )
            .is_empty()
        );
        assert!(check_with(check, "Quốc hội khóa XV, Ủy ban nhân dân, hòa bình", None).is_empty());
    }
}
