//! One input through every stage: decode → mask → segment → classify → extract → check.

use crate::checks::{self, Context, RuleSelection};
use crate::config::PathRules;
use crate::date::Date;
use crate::decode::{self, Decoded};
use crate::extract::{self, DocumentInfo};
use crate::finding::FileReport;
use crate::lang::Lang;
use crate::mask;
use crate::ruledata::RuleData;
use crate::source::SourceFile;
use std::borrow::Cow;
use std::sync::Arc;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: RuleSelection,
    /// Judge dates against this when a document has no issue date.
    pub reference_date: Option<Date>,
    pub data: Arc<RuleData>,
    /// Rules ignored per path (`[[per-path]]` in `vblint.toml`).
    pub per_path: Arc<PathRules>,
    /// Attach the extracted structure (`vblint extract`).
    pub extract: bool,
    /// Attach the analysed text (`vblint extract --text`).
    pub include_text: bool,
    /// The language of messages and per-file errors.
    pub lang: Lang,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            selection: RuleSelection::default(),
            reference_date: None,
            data: Arc::new(RuleData::builtin().clone()),
            per_path: Arc::default(),
            extract: false,
            include_text: false,
            lang: Lang::Vi,
        }
    }
}

/// Checks raw bytes of a text file.
pub fn check_text_bytes(path: &str, bytes: &[u8], options: &Options) -> FileReport {
    match decode::decode(bytes) {
        Ok(decoded) => check_decoded(path, decoded, options, bytes.len() as u64),
        Err(e) => FileReport {
            bytes: bytes.len() as u64,
            ..FileReport::error(path, e.message(options.lang))
        },
    }
}

/// Checks the bytes of a text file it takes over, freeing them once decoded, so that a big file
/// is not held twice while it is analysed.
pub fn check_owned_text_bytes(path: &str, bytes: Vec<u8>, options: &Options) -> FileReport {
    let len = bytes.len() as u64;
    // Clean UTF-8 becomes the text itself; other bytes are freed once decoded.
    match decode::decode_owned(bytes) {
        Ok(decoded) => check_decoded(path, decoded, options, len),
        Err(e) => FileReport {
            bytes: len,
            ..FileReport::error(path, e.message(options.lang))
        },
    }
}

/// Checks decoded text.
pub fn check_decoded(path: &str, decoded: Decoded, options: &Options, bytes: u64) -> FileReport {
    let source = SourceFile::with_maps(path, decoded.text, decoded.line_maps);
    check_source(&source, Some(decoded.report), options, bytes)
}

/// Checks a prepared source.
pub fn check_source(
    source: &SourceFile,
    encoding: Option<decode::EncodingReport>,
    options: &Options,
    bytes: u64,
) -> FileReport {
    // The masked view moves into its source: one copy of the text, not two.
    let masked = match mask::mask(&source.text) {
        Cow::Owned(text) => Some(source.with_view(text)),
        Cow::Borrowed(_) => None,
    };
    let analysed = masked.as_ref().unwrap_or(source);
    let analysis = extract::analyze(analysed, &options.data);
    let cx = Context {
        source: analysed,
        original: source,
        analysis: &analysis,
        data: &options.data,
        encoding: encoding.as_ref(),
        reference_date: options.reference_date,
        lang: options.lang,
    };
    let path_ignores = options.per_path.ignored_for(&source.path);
    let findings = if path_ignores.is_empty() {
        checks::run(&cx, &options.selection)
    } else {
        let mut selection = options.selection.clone();
        selection.ignore.extend(path_ignores);
        checks::run(&cx, &selection)
    };
    FileReport {
        path: source.path.clone(),
        id: None,
        encoding,
        findings,
        error: None,
        document: options
            .extract
            .then(|| DocumentInfo::new(source, &analysis)),
        text: options.include_text.then(|| source.text.clone()),
        bytes,
    }
}
