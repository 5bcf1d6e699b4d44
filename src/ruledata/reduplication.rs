//! `reduplication.toml`: syllables that Vietnamese correctly doubles ("người người").

use super::RuleDataError;
use super::loading::Src;
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReduplicationFile {
    #[serde(default)]
    word: Vec<Spanned<ReduplicationEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReduplicationEntry {
    text: String,
    source: String,
}

pub(super) fn load(src: &Src) -> Result<HashSet<String>, RuleDataError> {
    let file: ReduplicationFile = src.parse()?;
    let mut set = HashSet::new();
    for s in file.word {
        let line = src.entry_line(s.span().start);
        let w = s.into_inner();
        src.require(line, "text", &w.text)?;
        src.require(line, "source", &w.source)?;
        if !set.insert(w.text.to_lowercase()) {
            return Err(src.err(
                line,
                format!(
                    "từ {} trùng với một mục trước: mỗi từ chỉ ghi một lần",
                    w.text
                ),
            ));
        }
    }
    Ok(set)
}
