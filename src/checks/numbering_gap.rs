//! Số thứ tự bị bỏ cách, lặp lại hoặc sai thứ tự giữa các mục cùng cấp: 1, 2, 3, 4, 6; I, II, IV;
//! a), c).
//!
//! ## Vì sao
//! Các phần được dẫn chiếu bằng số ("theo mục III.2"); số bị bỏ cách khiến người đọc đi tìm một
//! phần không có, và thường là do một phần đã bị xóa hoặc chuyển chỗ mà không đánh số lại. Danh
//! sách được so sánh giữa các mục cùng cấp: các mục cùng kiểu (I., 1., 1.1., a)) dưới cùng một mục
//! cha. Danh sách chữ cái theo thứ tự tiếng Việt a, b, c, d, đ, e, g, h, i, k, …
//!
//! ## Ví dụ
//! ```text
//! III. GIẢI PHÁP THỰC HIỆN
//! 1. … 2. … 3. … 4. …
//! 6. Căn cứ vào chức năng, nhiệm vụ …
//! ```
//!
//! ## Cách sửa
//! Đánh số lại mục (ở đây 6. → 5.), hoặc khôi phục mục bị thiếu.

use super::{Context, Diagnostic};
use crate::classify::Kind;
use crate::segment::{Item, Marker};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "Item numbers that skip, repeat or go out of order among items of one level: 1, 2, 3, 4, 6; I, II, IV; a), c).";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let items = &cx.analysis.structure.items;
    for (i, item) in items.iter().enumerate() {
        let Some(n) = item.marker.ordinal() else {
            continue;
        };
        let previous = items[..i]
            .iter()
            .rev()
            .find(|p| p.parent == item.parent && p.marker.same_kind(&item.marker));
        let expected = previous
            .and_then(|p| p.marker.ordinal())
            .map_or(1, |p| p + 1);
        if n == expected {
            continue;
        }
        // A list that starts at 2 under a heading is only flagged for top-level sections; deeper
        // lists that start late are often continuations of a list split by a table.
        if previous.is_none() && !matches!(item.marker, Marker::Roman(_)) && item.parent.is_some() {
            continue;
        }
        // A fragment starts mid-document: its first items continue lists that began before it.
        if previous.is_none() && cx.analysis.document.kind == Kind::Fragment {
            continue;
        }
        out.push(diagnostic(cx, item, previous, n, expected));
    }
}

fn diagnostic(
    cx: &Context,
    item: &Item,
    previous: Option<&Item>,
    n: u32,
    expected: u32,
) -> Diagnostic {
    let written = cx.slice(item.marker_span).to_string();
    let want = item.marker.render(expected);
    let have = item.marker.render(n);
    let lang = cx.lang;
    let message = match previous {
        None => crate::tr!(
            lang,
            "mục đầu tiên được đánh số \"{have}\"; mong đợi \"{want}\"",
            "the first item is numbered \"{have}\"; expected \"{want}\""
        ),
        Some(p) => {
            let prev = p.marker.render(p.marker.ordinal().unwrap_or(0));
            if n == expected - 1 {
                crate::tr!(
                    lang,
                    "số mục \"{have}\" bị lặp lại (mục trước cũng là \"{prev}\"); mong đợi \"{want}\"",
                    "the item number \"{have}\" is repeated (the previous item is \"{prev}\" too); expected \"{want}\""
                )
            } else if n > expected {
                let missing: Vec<String> = (expected..n).map(|k| item.marker.render(k)).collect();
                let missing = missing.join("\", \"");
                crate::tr!(
                    lang,
                    "đánh số bị nhảy: sau \"{prev}\" là \"{have}\", thiếu \"{missing}\"",
                    "the numbering skips: \"{have}\" follows \"{prev}\", \"{missing}\" is missing"
                )
            } else {
                crate::tr!(
                    lang,
                    "đánh số không theo thứ tự: sau \"{prev}\" là \"{have}\"; mong đợi \"{want}\"",
                    "the numbering is out of order: \"{have}\" follows \"{prev}\"; expected \"{want}\""
                )
            }
        }
    };
    let fix = written.replacen(&have, &want, 1);
    Diagnostic::new(item.marker_span, message).fix(fix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    fn run(text: &str) -> Vec<(String, String)> {
        check_with(check, text, None)
            .into_iter()
            .map(|(s, d)| (s, d.fix.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn flags_skips_repeats_and_letters() {
        let text = "I. MỤC ĐÍCH\n1. a\n2. b\n3. c\n4. d\n6. e\nII. NỘI DUNG\n1. x\n1. y\na) p\nc) q\nIV. TỔ CHỨC\n";
        assert_eq!(
            run(text),
            vec![
                ("6.".into(), "5.".into()),
                ("1.".into(), "2.".into()),
                ("c)".into(), "b)".into()),
                ("IV.".into(), "III.".into()),
            ]
        );
    }

    #[test]
    fn accepts_well_numbered_lists() {
        let text = "I. A\n1. a\n2. b\na) x\nb) y\nc) z\nd) t\nđ) u\ne) v\n3. c\nII. B\n1. a\n- bullet\n+ sub\n";
        assert!(run(text).is_empty());
    }
}
