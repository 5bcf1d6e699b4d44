//! A document that mixes old and new tone placement: "hoà" and "hòa", "Uỷ" and "Ủy", "khoá" and
//! "khóa".
//!
//! ## Why
//! Both placements are correct Vietnamese, but one document should use one of them consistently:
//! mixing them looks careless, and it breaks search ("Ủy ban" does not find "Uỷ ban"). Mixed
//! placement is also the mark of text pasted together from several sources. Only the open rhymes
//! "oa", "oe", "uy" are concerned ("hoàng", "quý" are the same in both styles).
//!
//! Each word in the less used style is reported (on a tie, the old style), with the word in the
//! other style as the fix.
//!
//! ## Example
//! ```text
//! … Quốc hội khóa XV … Uỷ ban nhân dân tỉnh … Quốc hội khoá XV …
//! ```
//!
//! ## Fix
//! Write every such word in the document's main style: "khóa", "Ủy".

use super::{Context, Diagnostic};
use crate::decode::tone::{ToneStyle, tone_style};

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
    let (style_name, main_name) = match minority {
        ToneStyle::Old => ("kiểu cũ", "kiểu mới"),
        ToneStyle::New => ("kiểu mới", "kiểu cũ"),
    };
    for w in counts.words.iter().filter(|w| w.style == minority) {
        out.push(
            Diagnostic::new(
                w.span,
                format!(
                    "\"{}\" đặt dấu thanh {style_name}, trong khi văn bản chủ yếu đặt dấu {main_name} ({} từ kiểu cũ, {} từ kiểu mới): mong đợi \"{}\"",
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
