//! vblint reads Vietnamese administrative documents — above all the school plans "Kế hoạch phát
//! động phong trào thi đua" — repairs their text, understands their structure and reports what is
//! wrong with them.
//!
//! # The pipeline
//!
//! 1. [`decode`]: bytes → NFC Unicode text, one line per original line, with a record of the
//!    encoding and of every repair; [`source`] maps every position back to the original line and
//!    character column.
//!    [`mask`] then blanks what surrounds the document but is not its text (HTML tags, page
//!    markers, a web page's posting time), byte for byte, for the stages after it.
//!    [`lex`] splits a line of that view into tokens (words and numbers with their spans, kinds,
//!    punctuation flags and case-insensitive keys) for the rules that compare words.
//! 2. [`segment`]: header (agency, motto, "Số:", place and date, type and title) found wherever it
//!    is in the first part of the text, legal basis, numbered body sections, closing, "Nơi nhận",
//!    signature; then [`classify`] decides what the text is (document and its type, fragment, or
//!    not an administrative document), which decides the rules that judge it.
//! 3. [`extract`]: cited documents (type, number/symbol, date, issuer, subject), dates with their
//!    roles (issue date, deadline, start, period, schedule month, anniversary), plan year and
//!    school year.
//! 4. [`checks`]: the rules, one module each, over the analysis and the facts in [`ruledata`].
//! 5. [`report`]: text, concise, JSON, JSON Lines, SARIF, GitHub annotations, CSV and HTML output, all derived from [`finding::FileReport`].
//!
//! [`container`] reads .docx, .doc and text PDFs into the text stage 1 repairs; [`numerals`] is
//! the Roman numerals the segmenter and Word's list numbering share.
//!
//! [`lang`] is the language of everything a person reads (Vietnamese, or English with
//! `--lang en`): the rules, the reports and the command line write each text in both, side by side.
//!
//! [`fix`] applies the findings' fixes (`check --fix`, `--diff`).
//!
//! [`pipeline`] runs one input through stages 1–4; [`run`] runs many in parallel and streams the
//! reports in path order; [`output`] writes files without harming inputs; [`cli`] is the command
//! line; [`serve`] is the same checking behind a local web server (a reviewer's page and an HTTP
//! API).

pub mod checks;
pub mod classify;
pub mod cli;
pub mod config;
pub mod container;
pub mod date;
pub mod decode;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod input;
pub mod lang;
pub mod lex;
pub mod mask;
pub mod numerals;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod ruledata;
pub mod run;
pub mod segment;
pub mod serve;
pub mod source;
