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
use crate::lang::Lang;
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
    /// Where per-file errors go: with the findings (`None`), or apart (the CLI: standard error,
    /// so that a pipe of findings carries findings only).
    errors: Option<Box<dyn Write + Send>>,
    lang: Lang,
}

impl<W: Write> TextReporter<W> {
    pub fn new(out: W, style: Style, concise: bool) -> Self {
        TextReporter {
            out,
            style,
            concise,
            errors: None,
            lang: Lang::Vi,
        }
    }

    /// The reporter's own words ("sửa thành") in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Per-file errors written to `errors` instead of the output.
    pub fn with_errors_to(mut self, errors: Box<dyn Write + Send>) -> Self {
        self.errors = Some(errors);
        self
    }
}

/// Blanks as wide as `shown`'s first `caret` characters, tabs kept as tabs so that the caret
/// lines up under the span however the terminal expands them.
fn caret_indent(shown: &str, caret: usize) -> String {
    shown
        .chars()
        .take(caret)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}

/// How many characters of a span the caret marks: those on its first line, at most [`MAX_WIDTH`].
pub(crate) fn span_width(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end).map_or(1, |t| {
        t.chars().take_while(|&c| c != '\n').take(MAX_WIDTH).count()
    })
}

/// The visible part of the line of `text` holding byte `offset`: (text, caret column, caret
/// width). The line is trimmed at its end; a line wider than [`MAX_WIDTH`] is shown around the
/// offset, [`CONTEXT_BEFORE`] characters before it when the line goes on far enough, with "…"
/// where it is cut. Reads at most about [`MAX_WIDTH`] characters on each side of the offset, so a
/// file that is one huge line costs no more per finding than any other.
pub(crate) fn excerpt_at(text: &str, offset: usize, width: usize) -> (String, usize, usize) {
    let offset = crate::source::floor_char_boundary(text, offset);
    let width = width.clamp(1, MAX_WIDTH);
    // Up to MAX_WIDTH + 1 characters on each side: enough to tell whether the line goes on.
    let mut before: Vec<char> = text[..offset]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(MAX_WIDTH + 1)
        .collect();
    before.reverse();
    let rest = &text[offset..];
    let mut after: Vec<char> = rest
        .chars()
        .take_while(|&c| c != '\n')
        .take(MAX_WIDTH + 1)
        .collect();
    let cut_after = after.len() > MAX_WIDTH;
    let read: usize = after.iter().map(|c| c.len_utf8()).sum();
    // Stops at the first character that is not blank: never reads the rest of a long line.
    let more_text = || {
        rest[read..]
            .chars()
            .take_while(|&c| c != '\n')
            .any(|c| !c.is_whitespace())
    };
    if !(cut_after && more_text()) {
        // What follows on the line is blank: the line ends where its text ends.
        while after.last().is_some_and(|c| c.is_whitespace()) {
            after.pop();
        }
    }
    let (b, a) = (before.len(), after.len());
    // How many characters before the offset are shown, as if the whole line were at hand: all of
    // them on a short line; else CONTEXT_BEFORE of them, or more when the line ends soon after.
    let back = if b + a <= MAX_WIDTH {
        b
    } else if a + b.min(CONTEXT_BEFORE) < MAX_WIDTH {
        (MAX_WIDTH - a).min(b)
    } else {
        b.min(CONTEXT_BEFORE)
    };
    let ahead = (MAX_WIDTH - back).min(a);
    let mut shown: String = before[b - back..].iter().chain(&after[..ahead]).collect();
    let mut caret = back;
    if b > back {
        shown.insert(0, '…');
        caret += 1;
    }
    if a > ahead {
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
            let span_chars = span_width(text, f.text_span.start, f.text_span.end);
            let (shown, caret, width) = excerpt_at(text, f.text_span.start, span_chars);
            writeln!(self.out, "{pad} {}", s.gutter("|"))?;
            writeln!(self.out, "{} {} {shown}", s.gutter(&line_no), s.gutter("|"))?;
            writeln!(
                self.out,
                "{pad} {} {}{}",
                s.gutter("|"),
                caret_indent(&shown, caret),
                s.severity(f.severity, &"^".repeat(width))
            )?;
        }
        if let Some(help) = &f.help {
            // A help of several lines keeps its later lines under its first.
            let under = format!("\n{pad}   {}", " ".repeat("help: ".len()));
            let help = help.replace('\n', &under);
            writeln!(self.out, "{pad} {} help: {help}", s.gutter("="))?;
        }
        if let Some(fix) = &f.fix {
            let label = self.lang.pick("sửa thành", "fix");
            writeln!(self.out, "{pad} {} {label}: `{fix}`", s.gutter("="))?;
        }
        writeln!(self.out)
    }
}

impl<W: Write> Reporter for TextReporter<W> {
    fn file(&mut self, report: &FileReport, text: Option<&str>) -> io::Result<()> {
        if let Some(error) = &report.error {
            let head = self.style.severity(Severity::Error, "error");
            let path = crate::input::shorten(&report.path);
            match &mut self.errors {
                Some(errors) => {
                    writeln!(errors, "{head}: {path}: {error}")?;
                    errors.flush()?;
                }
                None => {
                    writeln!(self.out, "{head}: {path}: {error}")?;
                    if !self.concise {
                        writeln!(self.out)?;
                    }
                }
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

    /// The whole-line definition `excerpt_at` implements locally.
    fn window(line: &str, col: usize, width: usize) -> (String, usize, usize) {
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

    proptest::proptest! {
        /// Text before and after the line, long lines, trailing blanks: the local excerpt is the
        /// whole-line window (offsets within the line's text).
        #[test]
        fn excerpt_is_the_whole_line_window(
            before in "([a-z ]{0,20}\\n){0,2}",
            line in "[a-zđ ]{0,260}",
            blanks in " {0,120}",
            after in "(\\n[a-z ]{0,30}){0,2}",
            at in 0usize..400,
            width in 0usize..120,
        ) {
            let text = format!("{before}{line}{blanks}{after}");
            let line_start = before.len();
            let trimmed = format!("{line}{blanks}").trim_end().chars().count();
            let col = at.min(trimmed.saturating_sub(1));
            let offset = line_start + line.chars().take(col).map(char::len_utf8).sum::<usize>();
            let full_line = text[line_start..].split('\n').next().unwrap_or("");
            proptest::prop_assert_eq!(excerpt_at(&text, offset, width), window(full_line, col, width));
        }
    }

    #[test]
    fn windows_long_lines_around_the_span() {
        let line = "x".repeat(300) + "TARGET" + &"y".repeat(300);
        let (shown, caret, width) = excerpt_at(&line, 300, 6);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(caret).take(width).collect::<String>(),
            "TARGET"
        );
    }

    #[test]
    fn carets_keep_the_tabs_of_the_line() {
        assert_eq!(caret_indent("\tSố:\tx", 5), "\t   \t");
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let (shown, caret, width) = excerpt_at("Số: /KH-PGDĐT", 0, 13);
        assert_eq!((shown.as_str(), caret, width), ("Số: /KH-PGDĐT", 0, 13));
    }
}
