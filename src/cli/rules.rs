//! `vblint rules` and `vblint rule ID`: the rule list and one rule's documentation.

use super::args::RulesArgs;
use super::options::load_config;
use super::{EXIT_OK, usage_error};
use crate::checks::{RULES, find_rule};
use crate::finding::Severity;
use std::io::{self, Write};
use std::path::Path;

pub(super) fn rules(args: RulesArgs) -> io::Result<i32> {
    let config = match load_config(args.config.as_deref(), Path::new(".")) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let selection = config.selection(&[], &[]);
    let mut out = io::stdout().lock();
    if args.json {
        let list: Vec<_> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "severity": selection.severity_of(r),
                    "default_severity": r.default_severity,
                    "enabled": selection.is_enabled(r.id),
                    "summary": r.summary(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        if let Some(p) = &config.path {
            writeln!(out, "# cấu hình: {}", p.display())?;
        }
        let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for r in RULES {
            let severity = selection.severity_of(r);
            let changed = if severity == r.default_severity {
                String::new()
            } else {
                format!(" (mặc định {})", r.default_severity)
            };
            writeln!(
                out,
                "{:<width$}  {:<7}  {:<3}  {}{changed}",
                r.id,
                severity.as_str(),
                if selection.is_enabled(r.id) {
                    "bật"
                } else {
                    "tắt"
                },
                r.summary()
            )?;
        }
    }
    Ok(EXIT_OK)
}

pub(super) fn rule(id: &str) -> io::Result<i32> {
    match find_rule(id) {
        Some(r) => {
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{} (mức mặc định: {}, {})\n",
                r.id,
                severity_word(r.default_severity),
                r.default_severity
            )?;
            writeln!(out, "{}", r.doc())?;
            Ok(EXIT_OK)
        }
        None => usage_error(format!("không có quy tắc: {id} (xem `vblint rules`)")),
    }
}

/// The severity in words, shown beside its id (the id is what `vblint.toml` takes).
fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
        Severity::Info => "thông tin",
    }
}
