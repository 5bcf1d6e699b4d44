//! `vblint rules` and `vblint rule ID`: the rule list and one rule's documentation.

use super::args::RulesArgs;
use super::options::{load_config, run_lang};
use super::{EXIT_OK, usage_error};
use crate::checks::{RULES, find_rule};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::tr;
use std::io::{self, Write};
use std::path::Path;

pub(super) fn rules(args: RulesArgs, requested: Option<Lang>) -> io::Result<i32> {
    let config = match load_config(args.config.as_deref(), Path::new("."), requested) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let lang = run_lang(requested, &config);
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
                    "summary": r.summary_in(lang),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        if let Some(p) = &config.path {
            let label = lang.pick("cấu hình", "configuration");
            writeln!(out, "# {label}: {}", p.display())?;
        }
        let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for r in RULES {
            let severity = selection.severity_of(r);
            let changed = if severity == r.default_severity {
                String::new()
            } else {
                let default = r.default_severity;
                tr!(lang, " (mặc định {default})", " (default {default})")
            };
            writeln!(
                out,
                "{:<width$}  {:<7}  {:<3}  {}{changed}",
                r.id,
                severity.as_str(),
                if selection.is_enabled(r.id) {
                    lang.pick("bật", "on")
                } else {
                    lang.pick("tắt", "off")
                },
                r.summary_in(lang)
            )?;
        }
    }
    Ok(EXIT_OK)
}

pub(super) fn rule(id: &str, lang: Lang) -> io::Result<i32> {
    match find_rule(id) {
        Some(r) => {
            let mut out = io::stdout().lock();
            let severity = r.default_severity;
            // The id is what `vblint.toml` takes; in Vietnamese it follows the word for it.
            let head = match lang {
                Lang::Vi => format!(
                    "{id} (mức mặc định: {}, {severity})",
                    severity_word(severity)
                ),
                Lang::En => format!("{id} (default severity: {severity})"),
            };
            writeln!(out, "{head}\n")?;
            if lang == Lang::En {
                // The long documentation is written in Vietnamese only.
                writeln!(
                    out,
                    "{}\n\n{}\n",
                    r.summary_en,
                    crate::report::sarif::EN_DOC_NOTE
                )?;
            }
            writeln!(out, "{}", r.doc())?;
            Ok(EXIT_OK)
        }
        None => usage_error(tr!(
            lang,
            "không có quy tắc: {id} (xem `vblint rules`)",
            "no rule: {id} (see `vblint rules`)"
        )),
    }
}

/// The severity in Vietnamese words, shown beside its id.
fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
        Severity::Info => "thông tin",
    }
}
