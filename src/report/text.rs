//! `--format text`: rustc-style diagnostics for a person, and `--format concise`: one line each.
//!
//! ```text
//! error[deadline-before-issue-date]: hạn 15/3/2024 đã qua trước ngày ban hành văn bản 25/03/2024
//!   --> corpus/004.txt:75:307
//!    |
//! 75 | …Thường trực Hội đồng Thi đua và Khen thưởng quận trước ngày 15/3/2024.
//!    |                                                              ^^^^^^^^^
//!    = help: kiểm tra lại ngày/tháng/năm của hạn
//! ```
//!
//! Long paragraphs are windowed around the span so the caret stays on screen.

use super::{Reporter, Summary};
use crate::finding::{FileReport, Finding, Severity};
use std::io::{self, Write};

/// Characters of context kept before the span in a windowed line.
const CONTEXT_BEFORE: usize = 40;
/// The widest source line shown.
const MAX_WIDTH: usize = 100;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, severity: Severity, s: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s)
    }

    fn gutter(&self, s: &str) -> String {
        self.paint("1;34", s)
    }

    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

pub struct TextReporter<W: Write> {
    out: W,
    style: Style,
    concise: bool,
}

impl<W: Write> TextReporter<W> {
    pub fn new(out: W, style: Style, concise: bool) -> Self {
        TextReporter {
            out,
            style,
            concise,
        }
    }
}

/// The line of `text` holding byte `offset`, and that offset's character column in it.
pub(crate) fn line_at(text: &str, offset: usize) -> (&str, usize) {
    let offset = crate::source::floor_char_boundary(text, offset);
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    (&text[start..end], text[start..offset].chars().count())
}

/// The visible part of a line: (text, caret column, caret width).
pub fn window(line: &str, col: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let width = width.clamp(1, MAX_WIDTH);
    let mut from = 0;
    if chars.len() > MAX_WIDTH {
        from = col.saturating_sub(CONTEXT_BEFORE);
        if from + MAX_WIDTH > chars.len() {
            from = chars.len().saturating_sub(MAX_WIDTH).min(col);
        }
    }
    let to = (from + MAX_WIDTH).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut caret = col - from;
    if from > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, caret, width)
}

impl<W: Write> TextReporter<W> {
    fn finding(&mut self, report: &FileReport, f: &Finding, text: Option<&str>) -> io::Result<()> {
        let s = self.style;
        let head = s.severity(f.severity, &format!("{}[{}]", f.severity, f.rule));
        if self.concise {
            return writeln!(
                self.out,
                "{}:{}:{}: {head} {}",
                report.path, f.line, f.column, f.message
            );
        }
        writeln!(self.out, "{head}: {}", s.bold(&f.message))?;
        let line_no = f.line.to_string();
        let pad = " ".repeat(line_no.len());
        let location = f
            .location
            .as_ref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        writeln!(
            self.out,
            "{pad}{} {}:{}:{}{location}",
            s.gutter("-->"),
            report.path,
            f.line,
            f.column
        )?;
        if let Some(text) = text.filter(|t| f.text_span.end <= t.len()) {
            let (line, col) = line_at(text, f.text_span.start);
            let span_chars = text
                .get(f.text_span.start..f.text_span.end)
                .map_or(1, |t| t.split('\n').next().unwrap_or("").chars().count());
            let (shown, caret, width) = window(line, col, span_chars);
            writeln!(self.out, "{pad} {}", s.gutter("|"))?;
            writeln!(self.out, "{} {} {shown}", s.gutter(&line_no), s.gutter("|"))?;
            writeln!(
                self.out,
                "{pad} {} {}{}",
                s.gutter("|"),
                " ".repeat(caret),
                s.severity(f.severity, &"^".repeat(width))
            )?;
        }
        if let Some(help) = &f.help {
            writeln!(self.out, "{pad} {} help: {help}", s.gutter("="))?;
        }
        if let Some(fix) = &f.fix {
            writeln!(self.out, "{pad} {} sửa thành: `{fix}`", s.gutter("="))?;
        }
        writeln!(self.out)
    }
}

impl<W: Write> Reporter for TextReporter<W> {
    fn file(&mut self, report: &FileReport, text: Option<&str>) -> io::Result<()> {
        if let Some(error) = &report.error {
            let head = self.style.severity(Severity::Error, "error");
            writeln!(self.out, "{head}: {}: {error}", report.path)?;
            if !self.concise {
                writeln!(self.out)?;
            }
        }
        for f in &report.findings {
            self.finding(report, f, text)?;
        }
        self.out.flush()
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }

    fn wants_text(&self) -> bool {
        !self.concise
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_long_lines_around_the_span() {
        let line = "x".repeat(300) + "TARGET" + &"y".repeat(300);
        let (shown, caret, width) = window(&line, 300, 6);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(caret).take(width).collect::<String>(),
            "TARGET"
        );
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let (shown, caret, width) = window("Số: /KH-PGDĐT", 0, 13);
        assert_eq!((shown.as_str(), caret, width), ("Số: /KH-PGDĐT", 0, 13));
    }
}
