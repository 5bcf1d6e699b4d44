//! The one serde type that every output format is derived from: a file's result, with its findings or
//! its error.

use crate::decode::EncodingReport;
use crate::extract::DocumentInfo;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One level lower: what a finding that rests on a guess is reported as.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a file. Positions are 1-based; columns count characters of the original line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's id (borrowed from the registry: a bulk run holds many findings).
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    /// What is wrong and what was expected.
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The text of the span, as repaired.
    pub excerpt: String,
    /// Replacement text for the span, when the fix is mechanical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// A hint for the reviewer when there is no mechanical fix, or why the fix is what it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Cow<'static, str>>,
    /// A human location for inputs whose lines are not file lines ("đoạn 12", "trang 2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Byte span in the analysed (repaired) text, for reporters that show the source line.
    #[serde(skip)]
    pub text_span: Span,
}

/// The result for one input: its findings, or the error that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub path: String,
    /// Echo of the caller's id in streaming mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    pub encoding: Option<EncodingReport>,
    pub findings: Vec<Finding>,
    pub error: Option<String>,
    /// The extracted structure (only in `vblint extract`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentInfo>,
    /// The analysed text (only with `vblint extract --text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Input size in bytes (for throughput figures; not part of the per-file contract).
    #[serde(skip)]
    pub bytes: u64,
}

impl FileReport {
    pub fn error(path: impl Into<String>, error: impl fmt::Display) -> Self {
        FileReport {
            path: path.into(),
            id: None,
            encoding: None,
            findings: Vec::new(),
            error: Some(error.to_string()),
            document: None,
            text: None,
            bytes: 0,
        }
    }

    /// The most severe finding's severity.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
