//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns into
//! annotations on the pull request:
//!
//! ```text
//! ::error file=corpus/004.txt,line=75,col=310,endLine=75,endColumn=319,title=deadline-before-issue-date::hạn 15/3/2024 …
//! ```
//!
//! Severities map to `error`, `warning` and `notice`. Messages escape `%`, `\r`, `\n`; property
//! values also escape `:` and `,`. Files that could not be checked are `::error` commands with the
//! file and no line.

use super::{Reporter, Summary};
use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use std::io::{self, Write};

pub struct GithubReporter<W: Write> {
    out: W,
    lang: Lang,
}

impl<W: Write> GithubReporter<W> {
    pub fn new(out: W) -> Self {
        GithubReporter {
            out,
            lang: Lang::Vi,
        }
    }

    /// The reporter's own words ("sửa thành") in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl<W: Write> Reporter for GithubReporter<W> {
    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        let file = escape_property(&report.path.replace('\\', "/"));
        if let Some(error) = &report.error {
            writeln!(
                self.out,
                "::error file={file},title=vblint::{}",
                escape_data(error)
            )?;
        }
        for f in &report.findings {
            let mut message = f.message.clone();
            if let Some(fix) = &f.fix {
                message.push_str(&crate::tr!(
                    self.lang,
                    " (sửa thành: {fix})",
                    " (fix: {fix})"
                ));
            } else if let Some(help) = &f.help {
                message.push_str(&format!("\n{help}"));
            }
            writeln!(
                self.out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&f.rule),
                escape_data(&message)
            )?;
        }
        self.out.flush()
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_values() {
        assert_eq!(escape_data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
