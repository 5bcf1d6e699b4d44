//! Helpers shared by every test module, each once: running the binary ([`run`]), the golden
//! harness ([`golden`]), the .docx builders, test-only legacy encoders, seeds and the Chromium finder
//! ([`fixtures`]).

mod fixtures;
mod golden;
mod run;

pub use fixtures::*;
pub use golden::{assert_bytes_golden, assert_text_golden, assert_text_goldens};
pub use run::{TempDir, soffice, temp_dir, vblint, vblint_in};
