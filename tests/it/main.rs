//! vblint's integration tests, in one binary (as ripgrep's `tests/tests.rs`): one module per area,
//! the shared helpers once in `common` (running the binary, the golden harness, .docx builders and
//! test-only legacy encoders).
//!
//! Run one area with `cargo test --release --test it -- docx::`. Goldens are insta snapshots; after
//! an intended change, `cargo insta review` (see `common::golden`).

mod common;

mod bulk;
mod cli;
mod corpus;
mod decode_corpus;
mod decode_phrases;
mod decode_props;
mod decode_tables;
mod doc;
mod docx;
mod fix;
mod formats;
mod hostile;
mod html_browser;
mod lang;
mod parser_props;
mod pdf;
mod recipes;
mod ruledata;
mod serve_api;
mod serve_browser;
mod unicode_docx;
