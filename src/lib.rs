//! vblint reads Vietnamese administrative documents — above all the school plans "Kế hoạch phát
//! động phong trào thi đua" — repairs their text, understands their structure and reports what is
//! wrong with them.
//!
//! # The pipeline
//!
//! 1. [`decode`]: bytes → NFC Unicode text, one line per original line, with a record of the
//!    encoding and of every repair; [`source`] maps every position back to the original line and
//!    character column.
//! 2. [`segment`]: header (agency, motto, "Số:", place and date, type and title), legal basis,
//!    numbered body sections, closing, "Nơi nhận", signature.
//! 3. [`extract`]: cited documents (type, number/symbol, date, issuer, subject), dates with their
//!    roles (issue date, deadline, start, period, schedule month, anniversary), plan year and
//!    school year.
//! 4. [`checks`]: the rules, one module each, over the analysis and the facts in [`ruledata`].
//! 5. [`report`]: text, concise, JSON, JSON Lines, SARIF, GitHub annotations, CSV and HTML output, all derived from [`finding::FileReport`].
//!
//! [`pipeline`] runs one input through stages 1–4; [`run`] runs many in parallel and streams the
//! reports in path order; [`output`] writes files without harming inputs; [`cli`] is the command
//! line.

pub mod checks;
pub mod cli;
pub mod config;
pub mod container;
pub mod date;
pub mod decode;
pub mod extract;
pub mod finding;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod ruledata;
pub mod run;
pub mod segment;
pub mod source;
