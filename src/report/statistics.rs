//! `--statistics` (as ruff's): instead of each finding, one line per rule that fired, with its
//! count and severity, most frequent first; `--format json` gives the same as a JSON array.
//!
//! ```text
//!     12  mixed-tone-style         info
//!      3  citation-missing-date    warning
//! ```

use super::{Reporter, Summary};
use crate::finding::{FileReport, Severity};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub struct StatisticsReporter<W: Write> {
    out: W,
    json: bool,
    /// Per rule: its count and the highest severity it was reported with.
    counts: BTreeMap<String, (u64, Severity)>,
    /// Where per-file errors go (the statistics count findings only).
    errors: Box<dyn Write + Send>,
}

impl<W: Write> StatisticsReporter<W> {
    pub fn new(out: W, json: bool, errors: Box<dyn Write + Send>) -> Self {
        StatisticsReporter {
            out,
            json,
            counts: BTreeMap::new(),
            errors,
        }
    }

    /// The rules, most frequent first, ties by id.
    fn rows(&self) -> Vec<(String, u64, Severity)> {
        let mut rows: Vec<_> = self
            .counts
            .iter()
            .map(|(rule, (n, s))| (rule.clone(), *n, *s))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    }
}

impl<W: Write> Reporter for StatisticsReporter<W> {
    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        if let Some(error) = &report.error {
            let path = crate::input::shorten(&report.path);
            writeln!(self.errors, "error: {path}: {error}")?;
        }
        for f in &report.findings {
            let entry = self
                .counts
                .entry(f.rule.to_string())
                .or_insert((0, f.severity));
            entry.0 += 1;
            entry.1 = entry.1.max(f.severity);
        }
        Ok(())
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            let list: Vec<_> = rows
                .iter()
                .map(|(rule, n, s)| serde_json::json!({"rule": rule, "count": n, "severity": s}))
                .collect();
            serde_json::to_writer_pretty(&mut self.out, &list).map_err(io::Error::from)?;
            writeln!(self.out)?;
        } else {
            let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
            for (rule, n, severity) in rows {
                writeln!(self.out, "{n:>6}  {rule:<width$}  {severity}")?;
            }
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.to_string().into(),
            severity,
            message: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            excerpt: String::new(),
            fix: None,
            help: None,
            location: None,
            text_span: crate::source::Span::new(0, 1),
        }
    }

    #[test]
    fn counts_per_rule_most_frequent_first() {
        let mut out = Vec::new();
        let mut r = StatisticsReporter::new(&mut out, false, Box::new(io::sink()));
        let mut report = FileReport::error("a.txt", "x");
        report.error = None;
        report.findings = vec![
            finding("symbol-spacing", Severity::Info),
            finding("invalid-date", Severity::Error),
            finding("symbol-spacing", Severity::Info),
        ];
        r.file(&report, None).expect("file");
        r.end(&Summary::default()).expect("end");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "     2  symbol-spacing  info\n     1  invalid-date    error\n"
        );
    }
}
