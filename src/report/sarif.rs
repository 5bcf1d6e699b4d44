//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, VS Code's SARIF
//! viewer, DefectDojo…).
//!
//! One run. `tool.driver.rules[]` lists every rule with its summary, full documentation (plain and
//! markdown) and default level; each result has `ruleId`, `ruleIndex`, `level`, `message.text`, one
//! physical location (relative URI with forward slashes, region with 1-based lines and columns and
//! the excerpt as snippet), `partialFingerprints` and, when the fix is mechanical, `fixes`. Columns
//! count Unicode code points (`columnKind: "unicodeCodePoints"`): Vietnamese text makes UTF-16 code
//! units and code points differ only outside the BMP, but NFD input would make bytes differ wildly.
//! Files that could not be checked become `invocations[0].toolExecutionNotifications`.
//!
//! Results are written as they come; only per-file errors are kept until the end.

use super::{Reporter, Summary};
use crate::checks::RULES;
use crate::finding::{FileReport, Finding, Severity};
use crate::lang::Lang;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of vblint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "vblintFinding/v1";

/// Said above a rule's Vietnamese documentation where English was asked for.
pub const EN_DOC_NOTE: &str = "(The full documentation of this rule is in Vietnamese.)";

pub struct SarifReporter<W: Write> {
    out: W,
    first: bool,
    errors: Vec<(String, String)>,
    lang: Lang,
}

impl<W: Write> SarifReporter<W> {
    pub fn new(out: W) -> Self {
        SarifReporter {
            out,
            first: true,
            errors: Vec::new(),
            lang: Lang::Vi,
        }
    }

    /// Rule descriptions and fix descriptions in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn to_io(e: serde_json::Error) -> io::Error {
    // Keeps the kind of I/O errors (a closed pipe ends the run quietly).
    io::Error::from(e)
}

/// The rule's `reportingDescriptor`: the summary (the documentation's first line) as short
/// description, and the whole documentation, summary line included, as full description and help.
/// In English the descriptions are the English summary, and the help is the Vietnamese
/// documentation under a line that says so.
fn rule_descriptor(index: usize, lang: Lang) -> Value {
    let rule = &RULES[index];
    let doc = rule.doc();
    let (full, help) = match lang {
        Lang::Vi => (doc.to_string(), doc.to_string()),
        Lang::En => (
            rule.summary_en.to_string(),
            format!("{}\n\n{EN_DOC_NOTE}\n\n{doc}", rule.summary_en),
        ),
    };
    json!({
        "id": rule.id,
        "name": camel_case(rule.id),
        "shortDescription": {"text": rule.summary_in(lang)},
        "fullDescription": {"text": full},
        "help": {"text": help, "markdown": help},
        "defaultConfiguration": {"level": level(rule.default_severity)},
        "properties": {"tags": [rule.id.split('-').next().unwrap_or(rule.id)]},
    })
}

fn camel_case(id: &str) -> String {
    let mut out = String::new();
    for (i, part) in id.split('-').enumerate() {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.extend(first.to_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

/// A path as a SARIF `artifactLocation.uri`: relative paths stay relative (forward slashes, no
/// leading `./`), absolute ones become `file:` URIs; everything outside the unreserved set and `/`
/// is percent-encoded (UTF-8), so Vietnamese file names and spaces are valid URI references.
pub fn path_to_uri(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let mut rel = unified.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    let absolute = rel.starts_with('/');
    let drive =
        rel.len() >= 2 && rel.as_bytes()[1] == b':' && rel.as_bytes()[0].is_ascii_alphabetic();
    let mut out = String::with_capacity(rel.len() + 8);
    if absolute {
        out.push_str("file://");
    } else if drive {
        out.push_str("file:///");
    }
    for (i, b) in rel.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.is_empty() {
        out.push_str("%2D");
    }
    out
}

/// A stable 64-bit FNV-1a hash.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Separator, so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A fingerprint that survives edits elsewhere in the file: rule, path, excerpt and which
/// occurrence of that (rule, excerpt) pair in the file this is — not line numbers.
pub fn fingerprint(rule: &str, path: &str, excerpt: &str, occurrence: usize) -> String {
    let occurrence = occurrence.to_string();
    let parts: [&[u8]; 4] = [
        rule.as_bytes(),
        path.as_bytes(),
        excerpt.as_bytes(),
        occurrence.as_bytes(),
    ];
    let a = fnv1a(&parts);
    let b = fnv1a(&[&a.to_le_bytes(), excerpt.as_bytes(), rule.as_bytes()]);
    format!("{a:016x}{b:016x}")
}

fn region(f: &Finding) -> Value {
    let start_line = f.line.max(1);
    let start_column = f.column.max(1);
    let end_line = f.end_line.max(start_line);
    let mut end_column = f.end_column.max(1);
    if end_line == start_line {
        end_column = end_column.max(start_column);
    }
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn result(f: &Finding, uri: &str, path: &str, occurrence: usize, lang: Lang) -> Value {
    let index = RULES.iter().position(|r| r.id == f.rule);
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str(". ");
        text.push_str(help);
    }
    let mut reg = region(f);
    reg["snippet"] = json!({"text": f.excerpt});
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": reg,
        }
    });
    if let Some(label) = &f.location {
        location["message"] = json!({"text": label});
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint(&f.rule, path, &f.excerpt, occurrence),
        },
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(fix) = &f.fix {
        let excerpt = &f.excerpt;
        let description = crate::tr!(
            lang,
            "thay \"{excerpt}\" bằng \"{fix}\"",
            "replace \"{excerpt}\" with \"{fix}\""
        );
        r["fixes"] = json!([{
            "description": {"text": description},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": region(f),
                    "insertedContent": {"text": fix},
                }],
            }],
        }]);
    }
    r
}

impl<W: Write> Reporter for SarifReporter<W> {
    fn begin(&mut self) -> io::Result<()> {
        let rules: Vec<Value> = (0..RULES.len())
            .map(|i| rule_descriptor(i, self.lang))
            .collect();
        let driver = json!({
            "name": "vblint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        });
        write!(
            self.out,
            "{{\"$schema\":\"{SARIF_SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":"
        )?;
        serde_json::to_writer(&mut self.out, &driver).map_err(to_io)?;
        write!(
            self.out,
            "}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )
    }

    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        if let Some(error) = &report.error {
            self.errors.push((report.path.clone(), error.clone()));
        }
        let uri = path_to_uri(&report.path);
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for f in &report.findings {
            let n = seen.entry((&f.rule, &f.excerpt)).or_default();
            let r = result(f, &uri, &report.path, *n, self.lang);
            *n += 1;
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.first = false;
            self.out.write_all(b"\n")?;
            serde_json::to_writer(&mut self.out, &r).map_err(to_io)?;
        }
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        let notifications: Vec<Value> = self
            .errors
            .iter()
            .map(|(path, error)| {
                json!({
                    "level": "error",
                    "message": {"text": format!("{path}: {error}")},
                    "descriptor": {"id": "file-not-checked"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_to_uri(path)}}}],
                })
            })
            .collect();
        let invocation = json!({
            // A file that could not be read is a run that did not do all it was asked.
            "executionSuccessful": self.errors.is_empty(),
            "toolExecutionNotifications": notifications,
            "properties": {
                "files": summary.files,
                "findings": summary.findings,
                "errors": summary.errors,
            },
        });
        self.out.write_all(b"\n],\"invocations\":[")?;
        serde_json::to_writer(&mut self.out, &invocation).map_err(to_io)?;
        self.out.write_all(b"]}]}\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_forward_slashes_and_percent_encoded() {
        assert_eq!(path_to_uri("./corpus/a b.txt"), "corpus/a%20b.txt");
        assert_eq!(path_to_uri("dir\\x.txt"), "dir/x.txt");
        assert_eq!(path_to_uri("/tmp/kế.txt"), "file:///tmp/k%E1%BA%BF.txt");
        assert_eq!(path_to_uri("C:\\a.txt"), "file:///C:/a.txt");
    }

    #[test]
    fn fingerprints_depend_on_occurrence_not_lines() {
        let a = fingerprint("duplicate-word", "a.txt", "Chỉ thị Chỉ thị", 0);
        assert_eq!(
            a,
            fingerprint("duplicate-word", "a.txt", "Chỉ thị Chỉ thị", 0)
        );
        assert_ne!(
            a,
            fingerprint("duplicate-word", "a.txt", "Chỉ thị Chỉ thị", 1)
        );
        assert_ne!(
            a,
            fingerprint("duplicate-word", "b.txt", "Chỉ thị Chỉ thị", 0)
        );
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn rule_names_are_camel_case() {
        assert_eq!(
            camel_case("deadline-before-issue-date"),
            "deadlineBeforeIssueDate"
        );
    }
}
