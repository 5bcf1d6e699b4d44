//! Stage 5: writing results. Every format is derived from [`FileReport`]; reporters stream, one
//! file at a time, in path order.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod sarif;
pub mod statistics;
pub mod text;

use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::io;
use std::time::Duration;

/// Totals over a run; the `summary` member of JSON output.
///
/// Serialized as `files`, `findings`, `by_rule`, `by_severity`, `errors` (the contract), then
/// `repaired_files` (when not zero), `bytes`, and the timing members `elapsed_ms`, `mb_per_s` and
/// `files_per_s`, which differ from run to run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub files: u64,
    pub findings: u64,
    pub by_rule: BTreeMap<String, u64>,
    pub by_severity: BTreeMap<String, u64>,
    /// Files that could not be checked.
    pub errors: u64,
    /// Files whose text was repaired from a legacy encoding.
    pub repaired_files: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// The timing members of `summary`, for tests that compare outputs of two runs.
pub const TIMING_MEMBERS: &[&str] = &["elapsed_ms", "mb_per_s", "files_per_s"];

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            files: u64,
            findings: u64,
            by_rule: &'a BTreeMap<String, u64>,
            by_severity: &'a BTreeMap<String, u64>,
            errors: u64,
            #[serde(skip_serializing_if = "is_zero")]
            repaired_files: u64,
            bytes: u64,
            elapsed_ms: u64,
            mb_per_s: f64,
            files_per_s: f64,
        }
        Out {
            files: self.files,
            findings: self.findings,
            by_rule: &self.by_rule,
            by_severity: &self.by_severity,
            errors: self.errors,
            repaired_files: self.repaired_files,
            bytes: self.bytes,
            elapsed_ms: self.elapsed.as_millis().min(u64::MAX as u128) as u64,
            mb_per_s: round1(self.mb_per_s()),
            files_per_s: round1(self.files_per_s()),
        }
        .serialize(s)
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Summary {
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.bytes += report.bytes;
        if report.error.is_some() {
            self.errors += 1;
        }
        if report
            .encoding
            .as_ref()
            .is_some_and(|e| !e.repairs.is_empty())
        {
            self.repaired_files += 1;
        }
        for f in &report.findings {
            self.findings += 1;
            *self.by_rule.entry(f.rule.to_string()).or_default() += 1;
            *self.by_severity.entry(f.severity.to_string()).or_default() += 1;
        }
    }

    pub fn count_at_least(&self, severity: Severity) -> u64 {
        self.by_severity
            .iter()
            .filter(|(s, _)| Severity::parse(s).is_some_and(|s| s >= severity))
            .map(|(_, n)| n)
            .sum()
    }

    /// MB (10^6 bytes) per second; 0 when no time was measured.
    pub fn mb_per_s(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        }
    }

    /// Files per second; 0 when no time was measured.
    pub fn files_per_s(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.files as f64 / secs
        } else {
            0.0
        }
    }

    /// Severity counts in order error, warning, info.
    pub fn severity_count(&self, severity: Severity) -> u64 {
        self.by_severity
            .get(severity.as_str())
            .copied()
            .unwrap_or(0)
    }

    /// The human summary with one line per rule, for standard error.
    pub fn human_with_rules(&self, lang: Lang) -> String {
        let mut s = self.human(lang);
        let mut rules: Vec<(&String, &u64)> = self.by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, n) in rules {
            s.push_str(&format!("\n  {n:>6}  {rule}"));
        }
        s
    }

    /// "12 tệp, 5 lỗi, 3 cảnh báo, 1 thông tin; 0 tệp không kiểm tra được; 0,1 s (24,5 MB/s)".
    pub fn human(&self, lang: Lang) -> String {
        let get = |s: &str| self.by_severity.get(s).copied().unwrap_or(0);
        let secs = self.elapsed.as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        // A rate over a few milliseconds says nothing ("47571 tệp/s" for one file).
        let rate = if secs >= MIN_SECONDS_FOR_RATE {
            let (mb_per_s, files_per_s) = (mb / secs, self.files as f64 / secs);
            crate::tr!(
                lang,
                ", {mb_per_s:.1} MB/s, {files_per_s:.0} tệp/s",
                ", {mb_per_s:.1} MB/s, {files_per_s:.0} files/s"
            )
        } else {
            String::new()
        };
        let (files, errors) = (self.files, self.errors);
        let (error, warning, info) = (get("error"), get("warning"), get("info"));
        match lang {
            Lang::Vi => format!(
                "{files} tệp: {error} lỗi (error), {warning} cảnh báo (warning), {info} thông tin (info); {errors} tệp không kiểm tra được; {secs:.2} s{rate}"
            ),
            Lang::En => {
                // English counts agree in number ("1 file", "2 files").
                let n = |n: u64, one: &str| {
                    if n == 1 {
                        format!("{n} {one}")
                    } else {
                        format!("{n} {one}s")
                    }
                };
                format!(
                    "{}: {}, {}, {info} info; {} could not be checked; {secs:.2} s{rate}",
                    n(files, "file"),
                    n(error, "error"),
                    n(warning, "warning"),
                    n(errors, "file"),
                )
            }
        }
    }
}

/// Runs shorter than this get no throughput in the human summary.
pub const MIN_SECONDS_FOR_RATE: f64 = 0.5;

/// A streaming output format.
pub trait Reporter {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, report: &FileReport, text: Option<&str>) -> io::Result<()>;
    fn end(&mut self, summary: &Summary) -> io::Result<()>;
    /// Whether the reporter wants the analysed text of each file (to show source lines).
    fn wants_text(&self) -> bool {
        false
    }
}
