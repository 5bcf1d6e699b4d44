//! Ngày kỷ niệm có số năm ghi trong văn bản không khớp với các mốc ngày đi kèm:
//! "N năm … (d/m/Y1 - d/m/Y2)" với N ≠ Y2 − Y1; hoặc, khi không ghi mốc ngày,
//! "kỷ niệm N năm Ngày X" có N không khớp với năm gốc của X trong danh mục và năm của kế hoạch.
//!
//! ## Vì sao
//! Kế hoạch thường liệt kê các ngày kỷ niệm trong năm kèm mốc ngày; số năm hay bị giữ nguyên từ kế
//! hoạch năm trước mà không tăng lên, hoặc bị tính nhầm. Số năm bằng năm kỷ niệm trừ năm gốc: "94
//! năm Ngày thành lập Đảng (03/02/1930 - 03/02/2024)". Khi không ghi mốc ngày, năm gốc lấy từ
//! `rules/anniversaries.toml` (tên sự kiện phải đứng ngay đầu cụm từ sau "N năm") và năm kỷ niệm
//! lấy từ kế hoạch: năm của kế hoạch, năm sau đó (kế hoạch chuẩn bị cho các ngày lễ lớn của năm
//! sau) hoặc một trong hai năm của năm học.
//!
//! ## Ví dụ
//! ```text
//! kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2024)
//! Phát động phong trào thi đua năm 2024 … kỷ niệm 41 năm Ngày Nhà giáo Việt Nam
//! ```
//!
//! ## Cách sửa
//! Ghi số năm đúng theo các mốc ngày (ở đây là 76), hoặc sửa lại mốc ngày; khi không ghi mốc ngày,
//! ghi số năm tính theo năm của kế hoạch (ở đây 2024 − 1982 = 42).

use super::{Context, Diagnostic};
use crate::ruledata::{Anniversary, normalize_name};

/// The one-sentence summary in English (`vblint rules --lang en`, SARIF); the documentation above is
/// the Vietnamese one.
pub const SUMMARY_EN: &str = "An anniversary whose count of years does not match its dates (\"N năm … (d/m/Y1 - d/m/Y2)\" with N ≠ Y2 − Y1), or, without dates, the registry base year and the plan year.";

/// The registry event an "N năm <event>" phrase starts with (a leading "Ngày" is optional on
/// both sides); the longest name wins.
pub(crate) fn event_at_start<'a>(cx: &'a Context, event: &str) -> Option<&'a Anniversary> {
    let strip = |s: &str| s.strip_prefix("ngày ").unwrap_or(s).to_string();
    let ev = strip(&normalize_name(event));
    let mut best: Option<(usize, &Anniversary)> = None;
    for a in &cx.data.anniversaries {
        for name in &a.normalized.names {
            let n = name.strip_prefix("ngày ").unwrap_or(name);
            if n.is_empty() || best.is_some_and(|(len, _)| len >= n.len()) {
                continue;
            }
            let Some(rest) = ev.strip_prefix(n) else {
                continue;
            };
            if rest.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let next: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            if a.normalized.not_followed_by.contains(&next) {
                continue;
            }
            best = Some((n.len(), a));
        }
    }
    best.map(|(_, a)| a)
}

/// "kỷ niệm N năm Ngày X" without dates, against the registry and the plan's years.
fn check_counted(cx: &Context, out: &mut Vec<Diagnostic>) {
    let a = cx.analysis;
    let Some(plan_year) = a.plan_year else {
        return;
    };
    for m in &a.counted {
        let Some(event) = event_at_start(cx, &m.event) else {
            continue;
        };
        let base = event.base_date.year;
        let mut targets = vec![plan_year, plan_year + 1];
        if let Some((y1, y2)) = a.school_year {
            targets.extend([y1, y2]);
        }
        if let Some(d) = a.issue_date {
            targets.extend([d.year, d.year + 1]);
        }
        let count = i64::from(m.count);
        if targets.iter().any(|t| i64::from(t - base) == count) {
            continue;
        }
        let target = match a.school_year {
            Some((y1, y2)) if a.plan_year == Some(y1) => {
                if event.base_date.month >= 9 {
                    y1
                } else {
                    y2
                }
            }
            _ => plan_year,
        };
        let expected = target - base;
        if expected <= 0 {
            continue;
        }
        let (count, name) = (m.count, &event.name);
        out.push(
            Diagnostic::new(
                m.count_span,
                crate::tr!(
                    cx.lang,
                    "kỷ niệm {count} năm {name}: {name} là năm {base}, đến năm {target} là {expected} năm",
                    "the anniversary counts {count} years of \"{name}\", which dates from {base}: in {target} that is {expected} years"
                ),
            )
            .fix(expected.to_string()),
        );
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let dates = &cx.analysis.dates;
    for a in &cx.analysis.anniversaries {
        let (Some(count), Some(span)) = (a.count, a.count_span) else {
            continue;
        };
        let (Some(base), Some(target)) = (dates[a.base].year, dates[a.target].year) else {
            continue;
        };
        let expected = target - base;
        if let Some(unit) = a.wrong_unit {
            out.push(
                Diagnostic::new(
                    unit,
                    crate::tr!(
                        cx.lang,
                        "kỷ niệm {count} \"ngày\" trong khi mốc thời gian ({base} - {target}) tính bằng năm; mong đợi \"{count} năm\"",
                        "anniversary of {count} \"ngày\" (days) while the dates ({base} - {target}) count years; expected \"{count} năm\" (years)"
                    ),
                )
                .fix("năm"),
            );
        }
        if expected > 0 && i64::from(count) != i64::from(expected) {
            out.push(
                Diagnostic::new(
                    span,
                    crate::tr!(
                        cx.lang,
                        "số năm kỷ niệm {count} không khớp với mốc thời gian ({base} - {target} là {expected} năm)",
                        "the anniversary count {count} does not match the dates ({base} - {target} is {expected} years)"
                    ),
                )
                .fix(expected.to_string()),
            );
        }
    }
    check_counted(cx, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::test_support::{check_with, header};

    #[test]
    fn checks_undated_counts_against_the_registry_and_plan_year() {
        let text = header("05", "3", "2024")
            + "kỷ niệm 41 năm Ngày Nhà giáo Việt Nam; chào mừng 94 năm Ngày thành lập Đảng Cộng sản Việt Nam, hướng tới 50 năm Ngày giải phóng miền Nam, thống nhất đất nước; 30 năm thành lập trường\n";
        let got = check_with(check, &text, None);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "41");
        assert_eq!(got[0].1.fix.as_deref(), Some("42"));
    }

    #[test]
    fn accepts_the_school_years_and_other_events() {
        let text = "Số: 12/KH-THCS\nAn Phú, ngày 05 tháng 9 năm 2024\nKẾ HOẠCH\nPhát động phong trào thi đua năm học 2024-2025\nchào mừng 42 năm Ngày Nhà giáo Việt Nam, 95 năm Ngày thành lập Đảng Cộng sản Việt Nam, 20 năm Ngày thành lập Đảng bộ xã\n";
        assert!(check_with(check, text, None).is_empty());
    }

    #[test]
    fn flags_a_wrong_count_with_the_right_one_as_fix() {
        let got = check_with(
            check,
            "kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2024)",
            None,
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "75");
        assert_eq!(got[0].1.fix.as_deref(), Some("76"));
    }

    #[test]
    fn accepts_right_counts() {
        let got = check_with(
            check,
            "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024), 49 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2024)",
            None,
        );
        assert!(got.is_empty());
    }
}
