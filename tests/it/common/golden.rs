//! The one golden harness: every golden of the test suite is an [insta] snapshot, kept next to what
//! it describes (`corpus/expected/`, `tests/fixtures/golden/`, `tests/golden/`), with a full diff on
//! a mismatch.
//!
//! After an intended change: `cargo insta review` (or `INSTA_UPDATE=always cargo test --release`,
//! then `git diff`). With `CI=true`, insta writes nothing and a mismatch or a missing snapshot fails.
//!
//! A text snapshot's body is the golden text itself; insta compares it with its end trimmed and
//! CRLF read as LF, so byte-exact goldens (CSV, whose records end in CRLF) are binary snapshots: a
//! `.snap` header and the exact bytes beside it (`NAME.snap.EXT`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The directory of a family of goldens, from the package root.
pub fn golden_dir(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)
}

/// Snapshots named as their files (no module prefix), stored in `dir`, without the expression.
fn settings(dir: &str, description: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(golden_dir(dir));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings
}

/// Checks one text golden: `dir/NAME.snap`. `description` says what it is the output of.
pub fn assert_text_golden(dir: &str, name: &str, description: &str, content: &str) {
    settings(dir, description).bind(|| insta::assert_snapshot!(name, content));
}

/// Checks one byte-exact golden: `dir/NAME.snap` and `dir/NAME.snap.EXT` (`name_and_ext` is
/// `NAME.EXT`, NAME without a dot: insta splits at the first). On a mismatch the line diff is
/// printed first, since insta shows none for bytes.
pub fn assert_bytes_golden(dir: &str, name_and_ext: &str, description: &str, content: &[u8]) {
    let (name, ext) = name_and_ext
        .split_once('.')
        .expect("a byte golden's name ends with its extension");
    let stored = golden_dir(dir).join(format!("{name}.snap.{ext}"));
    if let Ok(old) = std::fs::read(&stored)
        && old != content
    {
        let (old, new) = (
            String::from_utf8_lossy(&old),
            String::from_utf8_lossy(content),
        );
        let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
        eprintln!(
            "{} differs (CR shown as ␍):\n{}",
            stored.display(),
            diff.unified_diff()
                .header("stored", "new")
                .to_string()
                .replace('\r', "␍")
        );
    }
    settings(dir, description).bind(|| {
        insta::assert_binary_snapshot!(name_and_ext, content.to_vec());
    });
}

/// Checks every `(name, content)` of a family of text goldens, all of them before failing (insta
/// prints each diff, and outside CI writes each `.snap.new`), then lists those that differ.
pub fn assert_text_goldens(dir: &str, goldens: impl IntoIterator<Item = (String, String, String)>) {
    let mut differing = Vec::new();
    let mut count = 0;
    for (name, description, content) in goldens {
        count += 1;
        let checked = catch_unwind(AssertUnwindSafe(|| {
            assert_text_golden(dir, &name, &description, &content)
        }));
        if checked.is_err() {
            differing.push(name);
        }
    }
    assert!(count > 0, "no goldens were produced for {dir}");
    assert!(
        differing.is_empty(),
        "{} of {count} goldens in {dir} differ (diffs above; accept with `cargo insta review`):\n  {}",
        differing.len(),
        differing.join("\n  ")
    );
}
