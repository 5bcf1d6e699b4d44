//! Tên phong trào thi đua trích trong ngoặc kép gần giống nhưng không đúng tên chính thức:
//! "Cả nước chung tay xây dựng nông thôn mới" thay cho "Cả nước chung sức xây dựng nông thôn mới";
//! hoặc phong trào đã đổi tên mà vẫn được trích theo tên cũ sau khi đổi tên.
//!
//! ## Vì sao
//! Các phong trào toàn quốc và của ngành (`rules/movements.toml`) có tên chính thức, do các quyết
//! định phát động ấn định; kế hoạch trích sai tên thì trông cẩu thả trong mắt người thẩm định và có
//! thể làm lẫn hai phong trào ("chung tay" thuộc phong trào vì người nghèo, "chung sức" thuộc phong
//! trào xây dựng nông thôn mới). Mỗi cụm từ trong ngoặc kép (“…” hoặc "…") từ bốn âm tiết trở lên
//! được so với các tên chính thức theo từng âm tiết (khoảng cách chỉnh sửa tính trên âm tiết, không
//! phân biệt chữ hoa, chữ thường và bỏ qua dấu câu); cụm từ bị báo khi ít nhất 75 % của nó trùng
//! với một tên nhưng không phải chính tên đó, tên gọi khác của nó, hay tên đó có thêm từ (các biến
//! thể địa phương như "Đổi mới, sáng tạo trong dạy và học, ứng dụng công nghệ thông tin …" được
//! chấp nhận). Tên cũ của phong trào đã đổi tên được chấp nhận đến một năm sau khi hết giai đoạn
//! của nó (`to`).
//!
//! ## Ví dụ
//! ```text
//! đặc biệt là các phong trào thi đua "Cả nước chung tay xây dựng nông thôn mới"
//! ```
//!
//! ## Cách sửa
//! Trích đúng tên chính thức: "Cả nước chung sức xây dựng nông thôn mới".

use super::{Context, Diagnostic};
use crate::ruledata::{Movement, name_syllables, syllable_keys};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "A quoted emulation movement name close to but not its official name, or a renamed movement still cited by its old name after the change.";

static QUOTED: LazyLock<Regex> =
    // Unbounded classes keep the regex on its DFA (a bounded `{3,300}` over a Unicode class does
    // not); the length limits are applied in `check`.
    LazyLock::new(|| Regex::new(r#"“([^”\n]+)”|"([^"\n]+)""#).expect("valid regex"));
static PERIOD_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*,?\s*(?:giai đoạn|năm học|năm)\s+[0-9]{4}(?:\s*[-–—]\s*[0-9]{4})?\s*$")
        .expect("valid regex")
});

/// The edit distance of two syllable-key sequences, in the rows of `rows` (kept between calls:
/// every quoted phrase is compared with every name).
fn edit_distance(a: &[u64], b: &[u64], rows: &mut (Vec<usize>, Vec<usize>)) -> usize {
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    for (i, x) in a.iter().enumerate() {
        cur.clear();
        cur.resize(b.len() + 1, i + 1);
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(prev, cur);
    }
    prev[b.len()]
}

/// Similarity in [0, 1]: 1 − distance / longer length.
fn similarity(a: &[u64], b: &[u64], rows: &mut (Vec<usize>, Vec<usize>)) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    // The distance is at least the length difference: skip pairs that cannot reach the threshold.
    let shorter = a.len().min(b.len());
    if (longer - shorter) as f64 / longer as f64 > 1.0 - THRESHOLD {
        return 0.0;
    }
    1.0 - edit_distance(a, b, rows) as f64 / longer as f64
}

const THRESHOLD: f64 = 0.75;

/// Whether a movement's name may be used in `year` (old names get one year's grace).
fn usable_in(m: &Movement, year: Option<i32>) -> bool {
    let Some(year) = year else { return true };
    m.from.is_none_or(|f| year >= f - 1) && m.to.is_none_or(|t| year <= t + 1)
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.source.text.as_str();
    let year = cx.analysis.plan_year;
    let movements = cx.data.movements();
    let names: Vec<(&Movement, &Vec<u64>)> = movements
        .iter()
        .flat_map(|m| m.name_keys.iter().map(move |k| (m, k)))
        .collect();
    let mut rows = (Vec::new(), Vec::new());
    for cap in QUOTED.captures_iter(text) {
        let Some(inner) = cap.get(1).or_else(|| cap.get(2)) else {
            continue;
        };
        if !(3..=300).contains(&inner.as_str().chars().count()) {
            continue;
        }
        // The period tail has a year: no digit, no tail.
        let quoted = if inner.as_str().bytes().any(|b| b.is_ascii_digit()) {
            PERIOD_TAIL.replace(inner.as_str(), "")
        } else {
            std::borrow::Cow::Borrowed(inner.as_str())
        };
        let words = name_syllables(&quoted);
        if words.len() < 4 {
            continue;
        }
        let keys = syllable_keys(&words);
        // Exact names (or names extended with more words) are fine, unless out of period.
        let exact = names
            .iter()
            .filter(|(_, n)| keys == **n || (keys.len() > n.len() && keys.starts_with(n)))
            .map(|(m, _)| *m)
            .collect::<Vec<_>>();
        let span = Span::new(inner.start(), inner.start() + quoted.len());
        if !exact.is_empty() {
            if exact.iter().any(|m| usable_in(m, year)) {
                continue;
            }
            // Only an old name, after its period: point to the new one.
            let Some(old) = exact.first() else { continue };
            let Some(new) = old.renamed_to.as_deref() else {
                continue;
            };
            if old
                .name_syllables
                .first()
                .is_some_and(|n| words.len() != n.len())
            {
                continue; // an extended old name: leave it to the reader
            }
            out.push(
                Diagnostic::new(
                    span,
                    crate::tr!(
                        cx.lang,
                        "phong trào \"{}\" đã đổi tên (áp dụng đến năm {}); tên hiện hành: \"{new}\"",
                        "the movement \"{}\" was renamed (its name applied until {}); its current name: \"{new}\"",
                        old.name,
                        old.to.unwrap_or_default()
                    ),
                )
                .fix(new.to_string()),
            );
            continue;
        }
        let best = names
            .iter()
            .filter(|(m, _)| usable_in(m, year))
            .map(|(m, k)| (similarity(&keys, k, &mut rows), *m))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let Some((sim, m)) = best else { continue };
        if sim < THRESHOLD {
            continue;
        }
        // "phong trào xây dựng “Trường học thân thiện, học sinh tích cực”": the words before the
        // opening quote complete the canonical name.
        let before = name_syllables(crate::source::line_before(
            text,
            cap.get(0).map_or(0, |c| c.start()),
        ));
        let with_lead = m.name_syllables.iter().any(|n| {
            n.len() > words.len()
                && n.ends_with(&words)
                && before.ends_with(&n[..n.len() - words.len()])
        });
        if with_lead {
            continue;
        }
        out.push(
            Diagnostic::new(
                span,
                crate::tr!(
                    cx.lang,
                    "tên phong trào \"{}\" gần giống nhưng không đúng tên chính thức \"{}\"",
                    "the movement name \"{}\" is close to but not its official name \"{}\"",
                    quoted,
                    m.name
                ),
            )
            .fix(m.name.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::check_with;

    #[test]
    fn flags_near_misses_with_the_canonical_name() {
        let got = check_with(
            check,
            "các phong trào thi đua \"Cả nước chung tay xây dựng nông thôn mới\", chủ đề “Đổi mới, sáng tạo trong dạy học”",
            None,
        );
        let got: Vec<_> = got
            .iter()
            .map(|(s, d)| (s.as_str(), d.fix.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Cả nước chung tay xây dựng nông thôn mới",
                    Some("Cả nước chung sức xây dựng nông thôn mới")
                ),
                (
                    "Đổi mới, sáng tạo trong dạy học",
                    Some("Đổi mới, sáng tạo trong dạy và học")
                ),
            ]
        );
    }

    #[test]
    fn flags_an_old_name_after_the_renaming() {
        let text = "KẾ HOẠCH\nPhát động phong trào thi đua yêu nước năm 2023\nphong trào “Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”\n";
        let got = check_with(check, text, None);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].1.fix.as_deref(),
            Some("Vì người nghèo - Không để ai bị bỏ lại phía sau")
        );
    }

    #[test]
    fn accepts_canonical_names_extensions_and_other_quotes() {
        let text = "KẾ HOẠCH\nPhát động phong trào thi đua năm 2024\nPhong trào thi đua “Cả nước chung sức xây dựng Nông thôn mới”; “Cán bộ, công chức, viên chức thi đua thực hiện Văn hóa công sở”; “Dạy tốt - Học tốt”; “Đổi mới, sáng tạo trong dạy và học, ứng dụng công nghệ thông tin và đẩy mạnh chuyển đổi số trong giáo dục”; “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030”; “Cán bộ, công chức, viên chức thi đua năng động, sáng tạo, dám nghĩ, dám làm vì lợi ích chung”; “tự chuyển hóa”\n";
        let got = check_with(check, text, None);
        assert!(got.is_empty(), "{got:?}");
    }
}
