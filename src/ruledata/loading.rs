//! Reading rule data: the list of files (the one place their names are written), the built-in
//! copies, a user directory, and the helpers every file's loader uses for errors with lines.

use super::Origin;
use super::normalize::normalize_code;
use super::{RuleData, RuleDataError};
use crate::lang::Lang;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;
use toml::Spanned;

/// One rule-data file: its name (under `rules/` and in a user directory), the copy compiled into
/// the binary, and where its entries go in [`RuleData`].
pub(super) struct DataFile {
    pub name: &'static str,
    builtin: &'static str,
    load: fn(&Src, &mut RuleData) -> Result<(), RuleDataError>,
}

/// A [`DataFile`] entry: the name is written once, for the table, the built-in copy and the loader.
macro_rules! data_file {
    ($name:literal, $field:ident, $load:path) => {
        DataFile {
            name: $name,
            builtin: include_str!(concat!("../../rules/", $name)),
            load: |src, data| {
                data.$field = $load(src)?;
                Ok(())
            },
        }
    };
}

/// Every rule-data file, in load order. Adding a file: its module with a `load`, one line here.
pub(super) const FILES: [DataFile; 7] = [
    data_file!(
        "reduplication.toml",
        reduplications,
        super::reduplication::load
    ),
    data_file!(
        "function-words.toml",
        function_words,
        super::function_words::load
    ),
    data_file!("documents.toml", documents, super::documents::load),
    data_file!(
        "anniversaries.toml",
        anniversaries,
        super::anniversaries::load
    ),
    data_file!("doc-types.toml", doc_types, super::doc_types::load),
    data_file!("issuers.toml", issuers, super::issuers::load),
    data_file!("movements.toml", movements, super::movements::load),
];

/// The rule-data file names, as they appear under `rules/` and in a user directory.
pub const FILE_NAMES: [&str; FILES.len()] = {
    let mut names = [""; FILES.len()];
    let mut i = 0;
    while i < FILES.len() {
        names[i] = FILES[i].name;
        i += 1;
    }
    names
};

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A file being loaded: its display name and text, for errors with line numbers.
pub(super) struct Src<'a> {
    pub file: &'a str,
    pub text: &'a str,
    /// The language of its errors.
    pub lang: Lang,
}

impl Src<'_> {
    pub(super) fn err(&self, line: usize, message: impl Into<String>) -> RuleDataError {
        RuleDataError {
            file: self.file.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    pub(super) fn parse<T: DeserializeOwned>(&self) -> Result<T, RuleDataError> {
        toml::from_str(self.text).map_err(|e| RuleDataError {
            file: self.file.to_string(),
            line: e.span().map(|s| line_of(self.text, s.start)),
            message: {
                let why = e.message().trim();
                crate::tr!(
                    self.lang,
                    "dữ liệu TOML không hợp lệ: {why}",
                    "invalid TOML data: {why}"
                )
            },
        })
    }

    /// The line where an entry's table starts: the `[[...]]` header above the entry's span.
    pub(super) fn entry_line(&self, start: usize) -> usize {
        let end = (start + 2).min(self.text.len());
        let head = self.text.get(..end).unwrap_or(self.text);
        let header = match head.rfind("\n[[") {
            Some(i) => i + 1,
            None if self.text.starts_with("[[") => 0,
            None => start,
        };
        line_of(self.text, header)
    }

    /// The entries with their lines and origins set.
    pub(super) fn entries<T>(
        &self,
        items: Vec<Spanned<T>>,
        set_origin: impl Fn(&mut T, Origin),
    ) -> Vec<(T, usize)> {
        items
            .into_iter()
            .map(|s| {
                let line = self.entry_line(s.span().start);
                let mut v = s.into_inner();
                set_origin(
                    &mut v,
                    Origin {
                        file: self.file.to_string(),
                        line,
                    },
                );
                (v, line)
            })
            .collect()
    }

    pub(super) fn require(
        &self,
        line: usize,
        what: &str,
        value: &str,
    ) -> Result<(), RuleDataError> {
        if value.trim().is_empty() {
            Err(self.err(
                line,
                crate::tr!(
                    self.lang,
                    "{what} để trống: hãy ghi {what} cho mục này",
                    "{what} is empty: give this entry its {what}"
                ),
            ))
        } else {
            Ok(())
        }
    }

    pub(super) fn require_all(
        &self,
        line: usize,
        what: &str,
        values: &[String],
    ) -> Result<(), RuleDataError> {
        if values.is_empty() {
            return Err(self.err(
                line,
                crate::tr!(
                    self.lang,
                    "{what} để trống: hãy ghi ít nhất một giá trị {what} cho mục này",
                    "{what} is empty: give this entry at least one {what}"
                ),
            ));
        }
        values.iter().try_for_each(|v| self.require(line, what, v))
    }
}

/// Shared checks for code-keyed files: non-empty code, unique, sorted.
pub(super) fn check_codes<'a>(
    src: &Src,
    what: &str,
    codes: impl Iterator<Item = (&'a str, usize)>,
) -> Result<(), RuleDataError> {
    let mut prev: Option<&str> = None;
    let mut seen = HashSet::new();
    for (code, line) in codes {
        src.require(line, "code", code)?;
        if !seen.insert(normalize_code(code)) {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "mã {what} {code} trùng với một mục trước: mỗi mã chỉ ghi một lần",
                    "the {what} code {code} repeats an earlier entry: write each code once"
                ),
            ));
        }
        if let Some(p) = prev
            && p > code
        {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "sai thứ tự (theo mã): {code} phải đứng trước {p}",
                    "out of order (by code): {code} must come before {p}"
                ),
            ));
        }
        prev = Some(code);
    }
    Ok(())
}

impl RuleData {
    /// The data compiled into the binary.
    pub fn builtin() -> &'static RuleData {
        static DATA: OnceLock<RuleData> = OnceLock::new();
        DATA.get_or_init(|| {
            Self::try_builtin()
                .unwrap_or_else(|e| panic!("dữ liệu quy tắc gắn sẵn không hợp lệ: {e}"))
        })
    }

    /// The built-in data, validated (what `builtin` returns, with the error instead of a panic).
    pub fn try_builtin() -> Result<RuleData, RuleDataError> {
        let mut data = RuleData::default();
        for file in &FILES {
            data.load_text(
                &format!("rules/{}", file.name),
                file.name,
                file.builtin,
                Lang::Vi,
            )?;
        }
        data.check_links(&data, Lang::Vi)?;
        Ok(data)
    }

    /// Parses one file's text into this (empty for that file) data. `kind` is the file name.
    fn load_text(
        &mut self,
        display: &str,
        kind: &str,
        text: &str,
        lang: Lang,
    ) -> Result<(), RuleDataError> {
        let src = Src {
            file: display,
            text,
            lang,
        };
        match FILES.iter().find(|f| f.name == kind) {
            Some(f) => (f.load)(&src, self)?,
            None => {
                return Err(RuleDataError {
                    file: display.to_string(),
                    line: None,
                    message: {
                        let names = FILE_NAMES.join(", ");
                        crate::tr!(
                            lang,
                            "không phải tệp dữ liệu quy tắc: tên tệp phải là một trong {names} (tệp .toml khác không được để trong thư mục này)",
                            "not a rule-data file: its name must be one of {names} (no other .toml file may be in this directory)"
                        )
                    },
                });
            }
        }
        Ok(())
    }

    /// Reads the rule-data files present in `dir` (any subset of `FILE_NAMES`; another `.toml`
    /// file there is an error, to catch misspelt names). Cross references (`superseded_by`,
    /// `renamed_from`/`renamed_to`) may point into the built-in data.
    pub fn load_dir(dir: &Path) -> Result<RuleData, RuleDataError> {
        Self::load_dir_in(dir, Lang::Vi)
    }

    /// [`RuleData::load_dir`] with its errors in `lang`.
    pub fn load_dir_in(dir: &Path, lang: Lang) -> Result<RuleData, RuleDataError> {
        let mut data = RuleData::default();
        let read_dir = std::fs::read_dir(dir).map_err(|e| RuleDataError {
            file: dir.display().to_string(),
            line: None,
            message: crate::tr!(
                lang,
                "không đọc được thư mục dữ liệu quy tắc: {e}",
                "cannot read the rule-data directory: {e}"
            ),
        })?;
        let mut paths: Vec<_> = read_dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let display = path.display().to_string();
            let kind = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path).map_err(|e| RuleDataError {
                file: display.clone(),
                line: None,
                message: crate::tr!(lang, "không đọc được: {e}", "cannot read it: {e}"),
            })?;
            data.load_text(&display, &kind, &text, lang)?;
        }
        let mut known = Self::try_builtin()?;
        known.merge(data.clone());
        data.check_links(&known, lang)?;
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_counts_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
