//! Applying the findings' fixes to a UTF-8 text file (`vblint check --fix`, `--diff`).
//!
//! A finding's fix replaces its span (original line and character columns) by the repaired text.
//! As in ruff, fixes are split by what they may change:
//! - **safe** fixes change only the form, never what the document says: spaces inside a number or
//!   date (`symbol-spacing`), a damaged word repaired (`legacy-encoding`), the zero padding of the
//!   issue date (`header-date-format`: "ngày 5" → "ngày 05", the same day), the tone placement
//!   made consistent (`mixed-tone-style`: "khoá" → "khóa", the same word);
//! - every other fix is **unsafe**: it changes a date, a number, a name or a word (an anniversary
//!   count, a citation's date or issuer, a numbering marker, a repeated word removed), and is
//!   applied only with `--unsafe-fixes`.
//!
//! A round applies every safe fix and at most one unsafe fix (two unsafe fixes can be two answers
//! to the same contradiction); a fix overlapping one already taken is left for the next round;
//! rounds repeat on the fixed text, checked again, until nothing is left to fix, so that a second
//! `--fix` finds nothing.

use crate::finding::Finding;
use crate::pipeline::{self, Options};

/// Rules whose fixes never change what the document says.
pub const SAFE_RULES: &[&str] = &[
    "symbol-spacing",
    "legacy-encoding",
    "header-date-format",
    "mixed-tone-style",
];

/// Whether a rule's fix is safe (applied by `--fix` without `--unsafe-fixes`).
pub fn is_safe(rule: &str) -> bool {
    SAFE_RULES.contains(&rule)
}

/// One replacement in the original text: bytes `start..end` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub rule: String,
}

/// The byte offset of a 1-based (line, character column) in `text`; a column past the end of its
/// line (the line break excluded) is the end of the line.
fn offset(text: &str, line_starts: &[usize], line: u32, column: u32) -> Option<usize> {
    let start = *line_starts.get((line as usize).checked_sub(1)?)?;
    let rest = &text[start..];
    let line_text = rest.split('\n').next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let skip = (column as usize).checked_sub(1)?;
    let within = line_text
        .char_indices()
        .nth(skip)
        .map_or(line_text.len(), |(i, _)| i);
    (skip <= line_text.chars().count()).then_some(start + within)
}

/// The edits the findings ask for, non-overlapping, in text order: safe fixes, and unsafe ones too
/// when `unsafe_fixes`. Findings without a fix, or whose fix equals the text already there, are
/// skipped.
pub fn edits(text: &str, findings: &[Finding], unsafe_fixes: bool) -> Vec<Edit> {
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut all: Vec<Edit> = findings
        .iter()
        .filter(|f| unsafe_fixes || is_safe(&f.rule))
        .filter_map(|f| {
            let replacement = f.fix.clone()?;
            let start = offset(text, &line_starts, f.line, f.column)?;
            let end = offset(text, &line_starts, f.end_line, f.end_column)?;
            (start <= end && text.get(start..end)? != replacement).then(|| Edit {
                start,
                end,
                replacement,
                rule: f.rule.to_string(),
            })
        })
        .collect();
    all.sort_by_key(|e| (e.start, e.end));
    without_overlaps(all)
}

/// The edits the findings ask for in the analysed text itself (their byte spans), for inputs whose
/// lines are not file lines (.docx, .doc, PDF): the same selection as [`edits`].
pub fn span_edits(text: &str, findings: &[Finding], unsafe_fixes: bool) -> Vec<Edit> {
    let mut all: Vec<Edit> = findings
        .iter()
        .filter(|f| unsafe_fixes || is_safe(&f.rule))
        .filter_map(|f| {
            let replacement = f.fix.clone()?;
            let (start, end) = (f.text_span.start, f.text_span.end);
            (start <= end && text.get(start..end)? != replacement).then(|| Edit {
                start,
                end,
                replacement,
                rule: f.rule.to_string(),
            })
        })
        .collect();
    all.sort_by_key(|e| (e.start, e.end));
    without_overlaps(all)
}

/// Edits in text order with those overlapping an earlier one left out (for the next round).
fn without_overlaps(sorted: Vec<Edit>) -> Vec<Edit> {
    let mut out: Vec<Edit> = Vec::with_capacity(sorted.len());
    for e in sorted {
        if out
            .last()
            .is_some_and(|last| e.start < last.end || e.start == last.start)
        {
            continue;
        }
        out.push(e);
    }
    out
}

/// The text with the edits applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The result of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, per rule, over all rounds.
    pub applied: Vec<(String, usize)>,
}

/// The edits of one round: every safe edit, and at most one unsafe edit — two unsafe fixes may be
/// two answers to one contradiction (an anniversary's count, or its base date), so the next
/// one is chosen only after the text is checked again.
fn round(mut edits: Vec<Edit>) -> Vec<Edit> {
    let mut unsafe_taken = false;
    edits.retain(|e| {
        if is_safe(&e.rule) {
            return true;
        }
        !std::mem::replace(&mut unsafe_taken, true)
    });
    edits
}

/// Fixes a UTF-8 text: checks it, applies the fixes, and again on the result, until no fix is left
/// (at most 100 rounds).
pub fn fix_text(path: &str, text: &str, options: &Options, unsafe_fixes: bool) -> Fixed {
    let mut current = text.to_string();
    let mut applied: Vec<(String, usize)> = Vec::new();
    for _ in 0..100 {
        let report = pipeline::check_text_bytes(path, current.as_bytes(), options);
        let edits = round(edits(&current, &report.findings, unsafe_fixes));
        if edits.is_empty() {
            break;
        }
        for e in &edits {
            match applied.iter_mut().find(|(r, _)| *r == e.rule) {
                Some((_, n)) => *n += 1,
                None => applied.push((e.rule.clone(), 1)),
            }
        }
        current = apply(&current, &edits);
    }
    applied.sort();
    Fixed {
        text: current,
        applied,
    }
}

/// A unified diff between a file's text and its fixed text (empty when equal).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, line: u32, col: u32, end: u32, fix: &str) -> Finding {
        Finding {
            rule: rule.to_string().into(),
            severity: crate::finding::Severity::Warning,
            message: String::new(),
            line,
            column: col,
            end_line: line,
            end_column: end,
            excerpt: String::new(),
            fix: Some(fix.to_string()),
            help: None,
            location: None,
            text_span: Default::default(),
        }
    }

    #[test]
    fn edits_map_character_columns_and_skip_overlaps_and_unsafe_fixes() {
        let text = "Số 34- CT/TW\r\nngày 5 tháng 3\n";
        let findings = [
            finding("symbol-spacing", 1, 4, 13, "34-CT/TW"),
            finding("symbol-spacing", 1, 5, 8, "x"),
            finding("header-date-format", 2, 6, 7, "05"),
            finding("anniversary-count", 2, 14, 15, "4"),
        ];
        let e = edits(text, &findings, false);
        assert_eq!(e.len(), 2);
        assert_eq!(apply(text, &e), "Số 34-CT/TW\r\nngày 05 tháng 3\n");
        let e = edits(text, &findings, true);
        assert_eq!(apply(text, &e), "Số 34-CT/TW\r\nngày 05 tháng 4\n");
        // A fix that is already the text is no edit; a column beyond the line is none either.
        assert!(edits(text, &[finding("symbol-spacing", 2, 6, 7, "5")], false).is_empty());
        assert!(edits(text, &[finding("symbol-spacing", 2, 40, 41, "5")], false).is_empty());
    }

    #[test]
    fn diff_is_unified_and_empty_when_nothing_changes() {
        let d = unified_diff("kh.txt", "a\nb\n", "a\nc\n");
        assert!(
            d.starts_with("--- a/kh.txt\n+++ b/kh.txt\n@@ -1,2 +1,2 @@\n"),
            "{d}"
        );
        assert!(d.contains("-b\n+c\n"));
        assert_eq!(unified_diff("kh.txt", "a\n", "a\n"), "");
    }
}
