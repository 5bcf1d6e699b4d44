//! Từ hoặc cụm từ lặp lại liền nhau: "Chỉ thị Chỉ thị", "thi đua thi đua", "các các".
//!
//! ## Vì sao
//! Lặp lại liền nhau gần như luôn là sơ suất khi soạn thảo (một cụm từ bị dán hai lần, một dòng bị
//! nối vào chính phần đầu của nó). Các cụm từ hai đến bốn âm tiết được so sánh, không phân biệt chữ
//! hoa, chữ thường. Một âm tiết đơn lặp lại chỉ bị báo khi là hư từ (`rules/function-words.toml`:
//! "các", "của", "và" …): âm tiết thực từ gặp lại chính nó ở chỗ tiếp giáp giữa hai từ
//! ("động viên viên chức"), và tiếng Việt có những từ láy đúng ("người người", "từ từ",
//! `rules/reduplication.toml`) — nhưng không phải trước một ngày: "ngày ngày 04/9/2020" là sơ suất.
//! Con số và các lần lặp cách nhau bởi dấu câu không bị báo. Từ lặp lại qua chỗ xuống dòng
//! ("… vào ngày" / "ngày 05/4/2024") được báo thấp hơn một mức: chỗ xuống dòng có thể là của một đề
//! mục.
//!
//! ## Ví dụ
//! ```text
//! theo tinh thần chỉ đạo của Chỉ thị Chỉ thị 1518/CT-UBND
//! ```
//!
//! ## Cách sửa
//! Xóa phần lặp: "Chỉ thị 1518/CT-UBND".

use super::{Context, Diagnostic};
use crate::lex::{self, TokenKind};
use crate::source::Span;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A word or phrase repeated twice in a row: \"Chỉ thị Chỉ thị\", \"thi đua thi đua\", \"các các\".";

/// Whether one repeated syllable is a slip: a function word that is no reduplication, or any of
/// "ngày", "tháng", "năm" doubled before a date ("ngày ngày 04 tháng 9" is no "every day").
fn flaggable_single(cx: &Context, word: &str, repeat_end: usize) -> bool {
    let word = word.to_lowercase();
    let date_follows = (word == "ngày" || word == "tháng" || word == "năm")
        && cx.source.text[repeat_end..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    date_follows
        || (!cx.data.reduplications.contains(&word) && cx.data.function_words.contains(&word))
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut ws = Vec::new();
    // A web page's title and menu above the header are not the document's text.
    let preamble_end = cx.analysis.structure.preamble.end;
    // The last word of the previous non-blank line, when no punctuation closes it.
    let mut tail: Option<lex::Token> = None;
    for (_, start, line) in cx.source.lines() {
        if start < preamble_end {
            continue;
        }
        lex::line_tokens(line, start, &mut ws);
        if let (Some(last), Some(first)) = (tail.take(), ws.first())
            && !first.punct_before
            && last.key == first.key
            && lex::same_word(&last, first)
            && flaggable_single(cx, last.text, first.span.end)
        {
            let word = last.text;
            let whole = Span::new(last.span.start, first.span.end);
            out.push(
                Diagnostic::new(
                    whole,
                    crate::tr!(
                        cx.lang,
                        "\"{word}\" bị lặp lại ở cuối dòng và đầu dòng sau",
                        "\"{word}\" is repeated at the end of a line and the start of the next"
                    ),
                )
                .help(cx.lang.pick(
                    "xóa một trong hai từ lặp lại",
                    "delete one of the two repeated words",
                ))
                .guess(),
            );
        }
        if let Some(last) = ws.last().filter(|w| !w.punct_after) {
            tail = Some(*last);
        } else if !ws.is_empty() || !line.trim().is_empty() {
            tail = None;
        }
        let mut i = 0;
        'scan: while i < ws.len() {
            for n in (1..=4).rev() {
                if i + 2 * n > ws.len() {
                    continue;
                }
                let first = &ws[i..i + n];
                let second = &ws[i + n..i + 2 * n];
                if !first.iter().zip(second).all(|(a, b)| a.key == b.key) {
                    continue;
                }
                let contiguous = first[..n - 1].iter().all(|w| !w.punct_after)
                    && !first[n - 1].punct_after
                    && second.iter().all(|w| !w.punct_before)
                    && second[..n - 1].iter().all(|w| !w.punct_after);
                if !contiguous || !first.iter().zip(second).all(|(a, b)| lex::same_word(a, b)) {
                    continue;
                }
                if first.iter().any(|w| w.kind != TokenKind::Word) {
                    continue;
                }
                if n == 1 && !flaggable_single(cx, first[0].text, second[0].span.end) {
                    continue;
                }
                let span = Span::new(first[0].span.start, second[n - 1].span.end);
                let phrase = cx.slice(Span::new(first[0].span.start, first[n - 1].span.end));
                out.push(
                    Diagnostic::new(
                        span,
                        crate::tr!(
                            cx.lang,
                            "\"{phrase}\" bị lặp lại liền nhau",
                            "\"{phrase}\" appears twice in a row"
                        ),
                    )
                    .fix(phrase.to_string()),
                );
                i += 2 * n;
                continue 'scan;
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_repeated_words_and_phrases() {
        let got = check_with(
            check,
            "theo tinh thần chỉ đạo của Chỉ thị Chỉ thị 1518/CT-UBND; phong trào thi đua thi đua yêu nước; các các đơn vị",
            None,
        );
        let fixes: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            fixes,
            vec![
                ("Chỉ thị Chỉ thị", "Chỉ thị"),
                ("thi đua thi đua", "thi đua"),
                ("các các", "các")
            ]
        );
    }

    #[test]
    fn the_function_word_list_loads() {
        assert!(
            crate::ruledata::RuleData::builtin()
                .function_words
                .contains("các")
                && crate::ruledata::RuleData::builtin().function_words.len() > 40
        );
    }

    #[test]
    fn accepts_reduplication_numbers_and_punctuation() {
        assert!(check_with(
            check,
            "người người thi đua, ngày ngày thi đua; từ từ; 10 10; Hà Nội, Hà Nội; thi đua. Thi đua; động viên viên chức",
            None
        )
        .is_empty());
    }
}
