//! `vblint.toml`: project configuration, found by walking up from the checked path (or given
//! with `--config FILE`).
//!
//! ```toml
//! select = ["citation", "anniversary"]      # rule ids or prefixes; empty = all
//! ignore = ["header-date-format"]
//! rules = ["./rules-binhphuoc"]              # extra rule-data directories, over the built-ins
//! reference-date = "2024-09-05"             # for documents that state no issue date
//! lang = "en"                               # messages in English (default "vi")
//!
//! [severity]
//! stale-year = "info"
//!
//! [[per-path]]
//! glob = "archive/**"                       # relative to the directory of vblint.toml
//! ignore = ["stale-year"]
//! ```
//!
//! Command-line flags override the file: `--select`/`--ignore` replace its lists,
//! `--reference-date` its date, `--lang` (or `VBLINT_LANG`) its language, and `--rules DIR` adds
//! directories after its own. Errors name the file and the line and are usage errors (exit 2); they
//! are said in the language asked for on the command line, since the file's own is not read yet.

use crate::checks::{RULES, RuleSelection};
use crate::date::Date;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::ruledata::{RuleData, line_of};
use crate::tr;
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for.
pub const FILE_NAME: &str = "vblint.toml";

/// A problem in a configuration file: the same type as a rule-data file's, since a
/// configuration's `rules` errors pass through unchanged. Displays as `FILE:LINE: message`.
pub type ConfigError = crate::ruledata::DataFileError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    per_path: Vec<Spanned<RawPerPath>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    reference_date: Option<Spanned<String>>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerPath {
    glob: Spanned<String>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

/// Rules ignored for files matching a glob.
#[derive(Debug, Clone)]
pub struct PathIgnore {
    pub glob: String,
    pub matcher: GlobMatcher,
    pub ignore: Vec<String>,
}

/// Per-path ignores, with the directory their globs are relative to.
#[derive(Debug, Clone, Default)]
pub struct PathRules {
    pub base: PathBuf,
    pub entries: Vec<PathIgnore>,
}

impl PathRules {
    /// The rules ignored for `path` (as given on the command line or found by walking).
    pub fn ignored_for(&self, path: &str) -> Vec<String> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
        let base = std::path::absolute(&self.base).unwrap_or_else(|_| self.base.clone());
        let rel = abs.strip_prefix(&base).unwrap_or(Path::new(path));
        self.entries
            .iter()
            .filter(|e| e.matcher.is_match(rel) || e.matcher.is_match(path))
            .flat_map(|e| e.ignore.iter().cloned())
            .collect()
    }
}

/// A parsed configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: HashMap<String, Severity>,
    pub per_path: PathRules,
    /// Extra rule-data directories, resolved against the file's directory.
    pub rules: Vec<PathBuf>,
    pub reference_date: Option<Date>,
    /// The language of messages (`lang = "vi"` or `"en"`).
    pub lang: Option<Lang>,
}

fn known_selector(s: &str) -> bool {
    s == "ALL"
        || s == "all"
        || RULES
            .iter()
            .any(|r| r.id == s || r.id.strip_prefix(s).is_some_and(|x| x.starts_with('-')))
}

impl Config {
    /// Finds `vblint.toml` in the directory of `start` or any parent.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(start).ok()?;
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        Self::load_in(path, Lang::Vi)
    }

    /// [`Config::load`] with its errors in `lang`.
    pub fn load_in(path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.display().to_string(),
            line: None,
            message: tr!(lang, "không đọc được: {e}", "cannot read it: {e}"),
        })?;
        Self::parse_in(path, &text, lang)
    }

    /// Parses a configuration's text; `path` names it in errors and anchors relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        Self::parse_in(path, text, Lang::Vi)
    }

    /// [`Config::parse`] with its errors in `lang`.
    pub fn parse_in(path: &Path, text: &str, lang: Lang) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let err = |offset: Option<usize>, message: String| ConfigError {
            file: file.clone(),
            line: offset.map(|o| line_of(text, o)),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let why = e.message();
            let message = tr!(
                lang,
                "cấu hình TOML không hợp lệ: {why}",
                "invalid TOML configuration: {why}"
            );
            err(e.span().map(|s| s.start), message)
        })?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let selectors = |list: Vec<Spanned<String>>| -> Result<Vec<String>, ConfigError> {
            list.into_iter()
                .map(|s| {
                    let start = s.span().start;
                    let v = s.into_inner();
                    if known_selector(&v) {
                        Ok(v)
                    } else {
                        Err(err(
                            Some(start),
                            tr!(
                                lang,
                                "không có quy tắc {v:?} (xem `vblint rules`)",
                                "no rule {v:?} (see `vblint rules`)"
                            ),
                        ))
                    }
                })
                .collect()
        };
        let select = selectors(raw.select)?;
        let ignore = selectors(raw.ignore)?;
        let mut severity = HashMap::new();
        for (id, level) in raw.severity {
            let start = level.span().start;
            if !RULES.iter().any(|r| r.id == id) {
                return Err(err(
                    Some(start),
                    tr!(
                        lang,
                        "[severity]: không có quy tắc {id:?}",
                        "[severity]: no rule {id:?}"
                    ),
                ));
            }
            let level = level.into_inner();
            let Some(sev) = Severity::parse(&level) else {
                return Err(err(
                    Some(start),
                    tr!(
                        lang,
                        "[severity] {id}: {level:?} không phải info, warning hoặc error",
                        "[severity] {id}: {level:?} is not info, warning or error"
                    ),
                ));
            };
            severity.insert(id, sev);
        }
        let mut entries = Vec::new();
        for p in raw.per_path {
            let p = p.into_inner();
            let start = p.glob.span().start;
            let glob = p.glob.into_inner();
            let matcher = Glob::new(&glob)
                .map_err(|e| {
                    err(
                        Some(start),
                        tr!(
                            lang,
                            "[[per-path]] mẫu glob {glob:?} không hợp lệ: {e}",
                            "[[per-path]] invalid glob {glob:?}: {e}"
                        ),
                    )
                })?
                .compile_matcher();
            entries.push(PathIgnore {
                glob,
                matcher,
                ignore: selectors(p.ignore)?,
            });
        }
        let mut rules = Vec::new();
        for r in raw.rules {
            let start = r.span().start;
            let dir = base.join(r.into_inner());
            if !dir.is_dir() {
                let shown = dir.display();
                return Err(err(
                    Some(start),
                    tr!(
                        lang,
                        "thư mục dữ liệu quy tắc {shown} không tồn tại",
                        "the rule-data directory {shown} does not exist"
                    ),
                ));
            }
            rules.push(dir);
        }
        let reference_date = match raw.reference_date {
            None => None,
            Some(s) => {
                let start = s.span().start;
                let v = s.into_inner();
                Some(Date::parse_iso(&v).ok_or_else(|| {
                    err(
                        Some(start),
                        tr!(
                            lang,
                            "reference-date {v:?} không phải ngày hợp lệ (YYYY-MM-DD)",
                            "reference-date {v:?} is not a valid date (YYYY-MM-DD)"
                        ),
                    )
                })?)
            }
        };
        let config_lang =
            match raw.lang {
                None => None,
                Some(s) => {
                    let start = s.span().start;
                    let v = s.into_inner();
                    Some(Lang::parse(&v).ok_or_else(|| {
                        err(Some(start), crate::lang::unknown_message("lang", &v))
                    })?)
                }
            };
        Ok(Config {
            path: Some(path.to_path_buf()),
            select,
            ignore,
            severity,
            per_path: PathRules { base, entries },
            rules,
            reference_date,
            lang: config_lang,
        })
    }

    /// The selection after command-line overrides (non-empty CLI lists replace the file's).
    pub fn selection(&self, cli_select: &[String], cli_ignore: &[String]) -> RuleSelection {
        RuleSelection {
            select: if cli_select.is_empty() {
                self.select.clone()
            } else {
                cli_select.to_vec()
            },
            ignore: if cli_ignore.is_empty() {
                self.ignore.clone()
            } else {
                cli_ignore.to_vec()
            },
            severity: self.severity.clone(),
        }
    }

    /// The built-in rule data with the file's directories and then `extra` laid over it.
    pub fn rule_data(&self, extra: &[PathBuf]) -> Result<RuleData, ConfigError> {
        self.rule_data_in(extra, Lang::Vi)
    }

    /// [`Config::rule_data`] with its errors in `lang`.
    pub fn rule_data_in(&self, extra: &[PathBuf], lang: Lang) -> Result<RuleData, ConfigError> {
        let mut data = RuleData::builtin().clone();
        for dir in self.rules.iter().chain(extra) {
            data.merge(RuleData::load_dir_in(dir, lang)?);
        }
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_file() {
        let text = r#"
select = ["citation", "anniversary-count"]
ignore = ["citation-missing-date"]
reference-date = "2024-09-05"

[severity]
stale-year = "info"

[[per-path]]
glob = "archive/**"
ignore = ["stale-year"]
"#;
        let c = Config::parse(Path::new("/tmp/proj/vblint.toml"), text).expect("valid");
        assert_eq!(c.select, ["citation", "anniversary-count"]);
        assert_eq!(c.severity.get("stale-year"), Some(&Severity::Info));
        assert_eq!(c.reference_date, Date::new(2024, 9, 5));
        assert_eq!(
            c.per_path.ignored_for("/tmp/proj/archive/2021/a.txt"),
            ["stale-year"]
        );
        assert!(c.per_path.ignored_for("/tmp/proj/new/a.txt").is_empty());
        let sel = c.selection(&[], &["stale".into()]);
        assert_eq!(sel.ignore, ["stale"]);
        assert_eq!(sel.select, ["citation", "anniversary-count"]);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("select = [\"citaton\"]\n", 1, "không có quy tắc"),
            (
                "\n[severity]\nstale-year = \"loud\"\n",
                3,
                "không phải info",
            ),
            (
                "reference-date = \"2024-02-30\"\n",
                1,
                "không phải ngày hợp lệ",
            ),
            ("\n\nselekt = []\n", 3, "TOML không hợp lệ: unknown field"),
            ("[[per-path]]\nglob = \"a/**[\"\n", 2, "glob"),
            ("rules = [\"./does-not-exist-xyz\"]\n", 1, "không tồn tại"),
        ];
        for (text, line, what) in cases {
            let e = Config::parse(Path::new("vblint.toml"), text).expect_err(text);
            assert_eq!(e.line, Some(line), "{text}: {e}");
            assert!(e.message.contains(what), "{text}: {e}");
            assert!(e.to_string().starts_with(&format!("vblint.toml:{line}: ")));
        }
    }
}
