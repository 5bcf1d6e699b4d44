//! Reading inputs: which files a run covers and how each one's bytes become text.

use crate::finding::FileReport;
use crate::lang::Lang;
use crate::pipeline::{self, Options};
use crate::tr;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions picked up when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "doc", "docx", "pdf"];

/// The default size limit for one file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 50 * 1024 * 1024;

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// Text given inline (streaming mode), with the name to report it under.
    Text {
        name: String,
        text: String,
    },
    /// Bytes received whole (an upload to `vblint serve`), with the file name to report them under;
    /// the name's extension or the bytes' signature says whether they are a .docx or PDF.
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
}

impl Input {
    pub fn display_path(&self) -> String {
        match self {
            Input::File(p) => p.to_string_lossy().into_owned(),
            Input::Stdin => "-".to_string(),
            Input::Text { name, .. } | Input::Bytes { name, .. } => name.clone(),
        }
    }
}

/// Whether a path's extension is one vblint reads when walking directories.
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads and checks one input; every failure becomes the report's error, never a panic.
pub fn check_input(input: &Input, options: &Options, max_file_size: u64) -> FileReport {
    let lang = options.lang;
    let path = input.display_path();
    let bytes = match input {
        Input::Text { text, .. } => {
            if text.len() as u64 > max_file_size {
                return FileReport::error(path, too_large(text.len() as u64, max_file_size, lang));
            }
            if text.is_empty() {
                return FileReport::error(
                    path,
                    lang.pick(
                        "văn bản rỗng: \"text\" không có nội dung",
                        "empty text: \"text\" has no content",
                    ),
                );
            }
            let decoded = crate::decode::decode_str(text);
            return pipeline::check_decoded(&path, decoded, options, text.len() as u64);
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin()
                .lock()
                .take(max_file_size + 1)
                .read_to_end(&mut buf)
            {
                Ok(_) => buf,
                Err(e) => {
                    let message = tr!(lang, "không đọc được stdin: {e}", "cannot read stdin: {e}");
                    return FileReport::error(path, message);
                }
            }
        }
        Input::File(p) => match read_file(p, max_file_size, lang) {
            Ok(bytes) => bytes,
            Err(e) => return FileReport::error(path, e),
        },
        Input::Bytes { bytes, .. } => {
            return check_named_bytes(&path, bytes, options, max_file_size);
        }
    };
    if bytes.len() as u64 > max_file_size {
        return FileReport::error(path, too_large(bytes.len() as u64, max_file_size, lang));
    }
    let container = match input {
        Input::File(p) => crate::container::Kind::of_path(p),
        _ => crate::container::Kind::sniff(&bytes),
    };
    if let Some(kind) = container {
        let limits = crate::container::Limits {
            max_text: max_file_size,
            lang,
            ..crate::container::Limits::default()
        };
        return crate::container::check_container_bytes_within(
            &path, kind, &bytes, options, &limits,
        );
    }
    if let Some(report) = binary_report(&path, &bytes, lang) {
        return report;
    }
    pipeline::check_owned_text_bytes(&path, bytes, options)
}

/// Checks bytes received under a name: a .docx or PDF by the name's extension, else by signature.
fn check_named_bytes(
    name: &str,
    bytes: &[u8],
    options: &Options,
    max_file_size: u64,
) -> FileReport {
    if bytes.len() as u64 > max_file_size {
        let message = too_large(bytes.len() as u64, max_file_size, options.lang);
        return FileReport::error(name, message);
    }
    let container = crate::container::Kind::of_path(Path::new(name))
        .or_else(|| crate::container::Kind::sniff(bytes));
    match container {
        Some(kind) => crate::container::check_container_bytes(name, kind, bytes, options),
        None => check_text_unless_binary(name, bytes, options),
    }
}

/// Checks the bytes of a text input: known binary formats are skipped with a note (never decoded
/// into garbage), the rest goes through the pipeline.
pub fn check_text_unless_binary(path: &str, bytes: &[u8], options: &Options) -> FileReport {
    binary_report(path, bytes, options.lang)
        .unwrap_or_else(|| pipeline::check_text_bytes(path, bytes, options))
}

/// The note for a known binary format, which is skipped.
fn binary_report(path: &str, bytes: &[u8], lang: Lang) -> Option<FileReport> {
    let kind = sniff_binary(bytes)?;
    Some(FileReport {
        bytes: bytes.len() as u64,
        ..FileReport::error(
            path,
            tr!(
                lang,
                "tệp nhị phân ({kind}), không phải văn bản: bỏ qua (binary file skipped)",
                "binary file ({kind}), not text: skipped"
            ),
        )
    })
}

/// Recognises binary formats by their magic numbers: images, PDF, ZIP containers (.docx, .xlsx,
/// .odt…), legacy Office files, executables. Text never starts with these bytes.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP"),
        (b"PK\x05\x06", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE/Office 97-2003"),
        (b"\x7fELF", "ELF"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
        (b"\x1f\x8b", "gzip"),
        (b"Rar!\x1a\x07", "RAR"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or_else(|| {
            (bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
                .then_some("WebP")
        })
}

fn too_large(size: u64, limit: u64, lang: Lang) -> String {
    tr!(
        lang,
        "tệp quá lớn: {size} byte, vượt giới hạn {limit} byte (--max-file-size)",
        "file too large: {size} bytes, over the limit of {limit} bytes (--max-file-size)"
    )
}

/// Reads a file up to the size limit.
fn read_file(path: &Path, limit: u64, lang: Lang) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| tr!(lang, "không mở được tệp: {e}", "cannot open the file: {e}"))?;
    let meta = file.metadata().map_err(|e| {
        tr!(
            lang,
            "không đọc được thông tin tệp: {e}",
            "cannot read the file's metadata: {e}"
        )
    })?;
    if meta.is_dir() {
        return Err(lang
            .pick("là thư mục, không phải tệp", "is a directory, not a file")
            .to_string());
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit, lang));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| tr!(lang, "không đọc được tệp: {e}", "cannot read the file: {e}"))?;
    Ok(bytes)
}

/// The longest a path or name is shown in a message, in characters.
pub const SHOWN_CHARS: usize = 200;

/// The beginning of a text read only in part (a line too long to keep): its first
/// [`SHOWN_CHARS`] characters and "…".
pub fn head(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}…", &s[..end]),
        None => s.to_string(),
    }
}

/// `s` cut to [`SHOWN_CHARS`] characters, the cut marked with "…" and the full length. A string
/// at most a little longer is kept whole, so that shortening twice changes nothing.
pub fn shorten(s: &str) -> String {
    if s.char_indices().nth(SHOWN_CHARS + 32).is_none() {
        return s.to_string();
    }
    let end = s
        .char_indices()
        .nth(SHOWN_CHARS)
        .map_or(s.len(), |(i, _)| i);
    format!("{}… ({} byte)", &s[..end], s.len())
}
