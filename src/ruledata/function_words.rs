//! `function-words.toml`: function words (hư từ) that never correctly stand twice in a row.

use super::RuleDataError;
use super::loading::{Src, line_of};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunctionWordsFile {
    words: Vec<Spanned<String>>,
}

pub(super) fn load(src: &Src) -> Result<HashSet<String>, RuleDataError> {
    let file: FunctionWordsFile = src.parse()?;
    let mut set = HashSet::new();
    for w in file.words {
        let line = line_of(src.text, w.span().start);
        let w = w.into_inner();
        src.require(line, "word", &w)?;
        if w.split_whitespace().count() != 1 {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "{w:?} không phải một âm tiết: mỗi mục chỉ ghi một tiếng",
                    "{w:?} is not one syllable: write one syllable per entry"
                ),
            ));
        }
        if !set.insert(w.to_lowercase()) {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "từ {w} trùng với một mục trước: mỗi từ chỉ ghi một lần",
                    "the word {w} repeats an earlier entry: write each word once"
                ),
            ));
        }
    }
    Ok(set)
}
