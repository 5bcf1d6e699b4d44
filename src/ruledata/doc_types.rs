//! `doc-types.toml`: the type codes of document symbols ("KH", "QĐ").

use super::loading::{Src, check_codes};
use super::normalize::normalize_name;
use super::{Origin, RuleDataError};
use serde::Deserialize;
use toml::Spanned;

/// Which symbol family a type code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Văn bản hành chính: "số/LOẠI-CƠQUAN".
    Administrative,
    /// Văn bản quy phạm pháp luật: "số/năm/LOẠI-CƠQUAN".
    Normative,
    /// Văn bản của Đảng: "số-LOẠI/CƠQUAN".
    Party,
}

/// A type code and the type words it stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    pub code: String,
    /// Canonical first.
    pub names: Vec<String>,
    pub families: Vec<Family>,
    /// A copy code (SY, TrS, SL), not a document type.
    #[serde(default)]
    pub copy: bool,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// [`normalize_name`] of each of `names`, computed at load time.
    #[serde(skip)]
    pub name_keys: Vec<String>,
}

impl DocType {
    /// Whether `word` is one of this code's type words (case-insensitive, tone placement ignored).
    pub fn matches_name(&self, word: &str) -> bool {
        self.name_keys.contains(&normalize_name(word))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocTypesFile {
    #[serde(default, rename = "type")]
    types: Vec<Spanned<DocType>>,
}

pub(super) fn load(src: &Src) -> Result<Vec<DocType>, RuleDataError> {
    let file: DocTypesFile = src.parse()?;
    let entries = src.entries(file.types, |t, o| {
        t.origin = o;
        t.name_keys = t.names.iter().map(|n| normalize_name(n)).collect();
    });
    check_codes(
        src,
        "type",
        entries.iter().map(|(t, l)| (t.code.as_str(), *l)),
    )?;
    for (t, line) in &entries {
        src.require_all(*line, "names", &t.names)?;
        src.require(*line, "source", &t.source)?;
        if t.families.is_empty() {
            return Err(src.err(
                *line,
                crate::tr!(
                    src.lang,
                    "loại {}: families để trống: hãy ghi ít nhất một nhóm",
                    "type {}: families is empty: give at least one family",
                    t.code
                ),
            ));
        }
    }
    Ok(entries.into_iter().map(|(t, _)| t).collect())
}
