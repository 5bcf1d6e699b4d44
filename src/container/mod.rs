//! Container formats: the files reviewers actually receive (.docx, .doc Word 97–2003, PDF with a
//! text layer).
//!
//! Each reader turns the file into the lines a reader of the document sees — one per paragraph for
//! .docx and .doc (legacy fonts decoded; numbering rendered for .docx), one per text line for PDF — with a location
//! label per line ("đoạn 12", "chú thích 1", "chú thích cuối i", "trang 2"). The lines then go
//! through the same stage as any Unicode text ([`crate::decode::decode_str`]: span-level repair,
//! NFC) and the same pipeline;
//! [`crate::source::SourceFile::with_line_labels`] makes every finding carry its location.
//!
//! Safety: the readers work under [`Limits`] (uncompressed bytes, compression ratio, ZIP entries,
//! XML depth); every failure is a per-file error; and since PDF interpretation in third-party code
//! can panic on malformed input, the readers run under `catch_unwind` as a last resort, with the
//! default panic message silenced for those threads.

pub mod doc;
pub mod docx;
pub mod legacy;
pub mod numbering;
pub mod pdf;
pub mod unicode_docx;
pub mod xml;

use crate::finding::FileReport;
use crate::lang::Lang;
use crate::pipeline::{self, Options};
use crate::source::SourceFile;
use std::cell::Cell;
use std::path::Path;

/// The container formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Doc,
    Docx,
    Pdf,
}

impl Kind {
    /// The container kind of a path, by extension.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("docx") {
            Some(Kind::Docx)
        } else if ext.eq_ignore_ascii_case("doc") {
            Some(Kind::Doc)
        } else if ext.eq_ignore_ascii_case("pdf") {
            Some(Kind::Pdf)
        } else {
            None
        }
    }

    /// The container kind of unnamed bytes (stdin), by signature.
    pub fn sniff(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else if bytes.starts_with(b"PK\x03\x04") {
            Some(Kind::Docx)
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            Some(Kind::Doc)
        } else {
            None
        }
    }
}

/// Extensions of the container formats, picked up when walking directories.
pub const EXTENSIONS: &[&str] = &["doc", "docx", "pdf"];

/// Bounds on what reading one container may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Total uncompressed bytes read from one file (ZIP parts, PDF streams).
    pub max_uncompressed: u64,
    /// Largest compression ratio accepted for a part over 1 MB.
    pub max_ratio: u64,
    /// Most entries in a ZIP archive.
    pub max_entries: usize,
    /// Most bytes of extracted text (UTF-8): the reader stops as soon as it has produced more,
    /// so a huge document costs no more than a text file at the `--max-file-size` limit.
    pub max_text: u64,
    /// The language of the reader's errors: they are made where the limits are checked, so they
    /// travel together.
    pub lang: Lang,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uncompressed: 200_000_000,
            max_ratio: 100,
            max_entries: 10_000,
            max_text: crate::input::DEFAULT_MAX_FILE_SIZE,
            lang: Lang::Vi,
        }
    }
}

/// The text of a container: lines as a reader sees them and a location label for each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub lines: Vec<String>,
    pub labels: Vec<String>,
    /// Legacy font families met, with how many text pieces used them ("tcvn3: 12").
    pub legacy_fonts: Vec<String>,
}

impl Extracted {
    /// The lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The error of a reader that produced more than [`Limits::max_text`] bytes of text.
pub fn text_too_large(limits: &Limits) -> String {
    let max = limits.max_text;
    crate::tr!(
        limits.lang,
        "văn bản trích ra vượt giới hạn {max} byte (--max-file-size): không đọc tiếp",
        "the extracted text is over the limit of {max} bytes (--max-file-size): reading stopped"
    )
}

/// Reads a container's text, never panicking.
pub fn extract(kind: Kind, bytes: &[u8], limits: &Limits) -> Result<Extracted, String> {
    install_quiet_panic_hook();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
        Kind::Doc => doc::read(bytes, limits),
        Kind::Docx => docx::read(bytes, limits),
        Kind::Pdf => pdf::read(bytes, limits),
    }));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let format = match kind {
                Kind::Doc => ".doc",
                Kind::Docx => ".docx",
                Kind::Pdf => "PDF",
            };
            let what: String = what.chars().take(200).collect();
            Err(crate::tr!(
                limits.lang,
                "tệp {format} hỏng: thư viện đọc {format} gặp lỗi nội bộ (panic đã được chặn: {what})",
                "damaged {format} file: the {format} reading library failed internally (the panic was caught: {what})"
            ))
        }
    }
}

/// Checks a container file: extract, repair (span level), run the pipeline, label the lines.
pub fn check_container_bytes(
    path: &str,
    kind: Kind,
    bytes: &[u8],
    options: &Options,
) -> FileReport {
    let limits = Limits {
        lang: options.lang,
        ..Limits::default()
    };
    check_container_bytes_within(path, kind, bytes, options, &limits)
}

/// [`check_container_bytes`] under the given limits.
pub fn check_container_bytes_within(
    path: &str,
    kind: Kind,
    bytes: &[u8],
    options: &Options,
    limits: &Limits,
) -> FileReport {
    match extract(kind, bytes, limits) {
        Ok(extracted) => check_extracted(path, extracted, options, bytes.len() as u64),
        Err(e) => FileReport {
            bytes: bytes.len() as u64,
            ..FileReport::error(path, e)
        },
    }
}

/// Runs extracted lines through the decode stage and the pipeline.
pub fn check_extracted(
    path: &str,
    extracted: Extracted,
    options: &Options,
    bytes: u64,
) -> FileReport {
    let source = source_of(path, &extracted);
    let (source, report) = source;
    pipeline::check_source(&source, Some(report), options, bytes)
}

/// The source file of extracted lines, with its location labels, and the decode report.
pub fn source_of(path: &str, extracted: &Extracted) -> (SourceFile, crate::decode::EncodingReport) {
    // Lines never contain breaks (readers split on them), so decode keeps the line count.
    let text: String = extracted
        .lines
        .iter()
        .map(|l| l.replace(['\r', '\n'], " "))
        .collect::<Vec<_>>()
        .join("\n");
    let decoded = crate::decode::decode_str(&text);
    let source = SourceFile::with_maps(path, decoded.text, decoded.line_maps)
        .with_line_labels(extracted.labels.clone());
    (source, decoded.report)
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that stays silent while a container is being read on this thread
/// (the panic is caught and reported as the file's error) and defers to the previous hook otherwise.
fn install_quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}
