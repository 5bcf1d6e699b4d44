//! Facts the checks rely on, kept as TOML data under `rules/` so that a province can add its own
//! without touching code. The files are compiled into the binary as defaults; `load_dir` reads a
//! user directory holding any subset of the same file names, and `merge` lays it over the defaults.
//!
//! Every file is validated at load: syntax, field types, dates, non-empty `source`, unique keys,
//! canonical order and cross references. Errors name the file and the line of the offending entry.

//!
//! One module per data file (its types, its TOML shape, its loader and checks); [`loading`] holds
//! the list of files and reads them, [`links`] merges and checks cross references, [`normalize`]
//! the comparison keys the rules share.

mod anniversaries;
mod doc_types;
mod documents;
mod function_words;
mod issuers;
mod links;
mod loading;
mod movements;
pub mod normalize;
mod reduplication;

pub use anniversaries::{Anniversary, NormalizedNames};
pub use doc_types::{DocType, Family};
pub use documents::{DocumentKeys, KnownDocument, Period};
pub use issuers::Issuer;
pub use loading::FILE_NAMES;
pub(crate) use loading::line_of;
pub use movements::{Movement, Scope, name_syllables, syllable_keys};
pub use normalize::{normalize_code, normalize_name, normalize_symbol};

use normalize::is_mark;
use std::collections::HashSet;
use std::fmt;

/// All rule data, validated.
#[derive(Debug, Clone, Default)]
pub struct RuleData {
    /// Syllables that Vietnamese correctly doubles ("người người"), lower case.
    pub reduplications: HashSet<String>,
    /// Function words (hư từ) that never correctly stand twice in a row, lower case.
    pub function_words: HashSet<String>,
    /// National documents plans cite, in canonical order (year, date, symbol).
    pub documents: Vec<KnownDocument>,
    /// Anniversaries with their base dates, by base date.
    pub anniversaries: Vec<Anniversary>,
    /// Type codes of document symbols, by code.
    pub doc_types: Vec<DocType>,
    /// Issuer codes of document symbols, by code.
    pub issuers: Vec<Issuer>,
    /// Emulation movements, by name.
    pub movements: Vec<Movement>,
}

/// Where an entry was defined, for messages that point back into the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

/// A problem in a TOML file vblint reads: a rule-data file, or the configuration
/// ([`crate::config::ConfigError`] is this type). Displays as `FILE:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFileError {
    pub file: String,
    /// 1-based; `None` when the error is about the file as a whole (unreadable, unknown name).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for DataFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DataFileError {}

/// A problem in a rule-data file.
pub type RuleDataError = DataFileError;

impl RuleData {
    /// Registry entries with this symbol (spaces, dash style and the case of Đ ignored). Several
    /// entries may share a symbol (Party symbols repeat across terms): match the date too.
    pub fn documents_by_symbol<'a>(
        &'a self,
        symbol: &str,
    ) -> impl Iterator<Item = &'a KnownDocument> + 'a {
        let key = normalize_symbol(symbol);
        self.documents.iter().filter(move |d| d.keys.symbol == key)
    }

    /// The type code, exactly (case matters), Đ look-alikes and spaces ignored.
    pub fn doc_type(&self, code: &str) -> Option<&DocType> {
        let key = normalize_code(code);
        self.doc_types
            .iter()
            .find(|t| normalize_code(&t.code) == key)
    }

    /// The issuer code, exactly (case matters), Đ look-alikes and spaces ignored.
    pub fn issuer(&self, code: &str) -> Option<&Issuer> {
        let key = normalize_code(code);
        self.issuers.iter().find(|i| normalize_code(&i.code) == key)
    }

    /// The anniversary one of whose names occurs in `text` as whole words (case-insensitive,
    /// diacritics-exact, tone placement ignored); the longest matching name wins.
    pub fn anniversary_by_name(&self, text: &str) -> Option<&Anniversary> {
        let hay = normalize_name(text);
        let mut best: Option<(usize, &Anniversary)> = None;
        for a in &self.anniversaries {
            let excluded = &a.normalized.not_followed_by;
            for needle in &a.normalized.names {
                if needle.is_empty() || best.is_some_and(|(len, _)| len >= needle.len()) {
                    continue;
                }
                if find_words(&hay, needle, excluded) {
                    best = Some((needle.len(), a));
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// The emulation movements, by name.
    pub fn movements(&self) -> &[Movement] {
        &self.movements
    }
}

/// Whether `needle` occurs in `hay` at word boundaries, not followed by an excluded word.
fn find_words(hay: &str, needle: &str, excluded: &[String]) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || is_mark(c);
    hay.match_indices(needle).any(|(i, _)| {
        let before_ok = hay[..i].chars().next_back().is_none_or(|c| !word_char(c));
        let rest = &hay[i + needle.len()..];
        let after_ok = rest.chars().next().is_none_or(|c| !word_char(c));
        let next_word: String = rest
            .trim_start()
            .chars()
            .take_while(|&c| word_char(c))
            .collect();
        before_ok && after_ok && !excluded.contains(&next_word)
    })
}
