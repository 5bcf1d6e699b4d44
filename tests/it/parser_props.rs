//! Property tests of segmentation, extraction and the checks on generated plan-like text:
//! whatever the text, no panic, every span lies inside the text on character boundaries, every
//! reported position exists in the original, and findings come sorted.

use proptest::prelude::*;
use vblint::pipeline::{Options, check_decoded};

/// Pieces that plans are made of, including malformed ones.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Số: 21/KH-THPTLT".to_string()),
        Just("Số: /KH-PGDĐT".to_string()),
        Just("Lộc Ninh, ngày 05 tháng 3 năm 2021".to_string()),
        Just("Thủ Thừa, ngày    tháng    năm 2021".to_string()),
        Just("KẾ HOẠCH".to_string()),
        Just("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM          Độc lập - Tự do - Hạnh phúc".to_string()),
        Just("Căn cứ Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị về việc".to_string()),
        Just("Quyết định số 24/2018/QĐ-UBND ngày 28 tháng 12 năm 2019 của UBND tỉnh".to_string()),
        Just("I. MỤC ĐÍCH".to_string()),
        Just("IV.".to_string()),
        Just("1. ".to_string()),
        Just("6. Nội dung".to_string()),
        Just("a) ".to_string()),
        Just("đ) mục".to_string()),
        Just("- Tháng 12/2020: nộp vào cuối tháng 12/2019".to_string()),
        Just("+ trước ngày 31/6/2021".to_string()),
        Just("từ ngày 01/9/2021 đến ngày 31/5/2021".to_string()),
        Just("75 năm Ngày (11/6/1948 - 11/6/2024)".to_string()),
        Just("(11/6/1948 -".to_string()),
        Just("Chỉ thị Chỉ thị".to_string()),
        Just("34- CT/TW".to_string()),
        Just("29/12/ 2020".to_string()),
        Just("Trên đây là kế hoạch./.".to_string()),
        Just("Nơi nhận:".to_string()),
        Just("KT. HIỆU TRƯỞNG".to_string()),
        Just("Trần Thị Kim Nhãn".to_string()),
        Just("**".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("của".to_string()),
        Just("ngày".to_string()),
        Just("tháng".to_string()),
        Just("năm".to_string()),
        "[0-9/ .:-]{0,12}",
        "\\PC{0,20}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop_oneof![Just(" "), Just("\n"), Just(""), Just("   ")],
        ),
        0..40,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, sep)| f + sep).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_invariants_hold_on_plan_like_text(text in document()) {
        let decoded = vblint::decode::decode_str(&text);
        let analysed = decoded.text.clone();
        let original_lines: Vec<usize> = vblint::decode::split_lines(&text)
            .iter()
            .map(|l| l.chars().count())
            .collect();
        let options = Options { extract: true, ..Options::default() };
        let report = check_decoded("p.txt", decoded, &options, text.len() as u64);
        prop_assert!(report.error.is_none());
        let mut previous = (0, 0);
        for f in &report.findings {
            prop_assert!(f.text_span.start <= f.text_span.end && f.text_span.end <= analysed.len());
            prop_assert!(analysed.is_char_boundary(f.text_span.start));
            prop_assert!(analysed.is_char_boundary(f.text_span.end));
            prop_assert!(f.line >= 1 && (f.line as usize) <= original_lines.len());
            let width = original_lines[f.line as usize - 1] as u32;
            prop_assert!(f.column >= 1 && f.column <= width + 1, "column {} of {}", f.column, width);
            prop_assert!((f.end_line, f.end_column) >= (f.line, f.column));
            prop_assert!((f.line, f.column) >= previous);
            previous = (f.line, f.column);
        }
        let document = report.document.expect("extract requested");
        for c in &document.citations {
            prop_assert!(c.line >= 1 && (c.line as usize) <= original_lines.len());
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        let decoded = vblint::decode::decode_str(&text);
        let _ = check_decoded("p.txt", decoded, &Options::default(), 0);
    }
}
