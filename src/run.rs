//! Running over many inputs: collecting paths, checking them in parallel, streaming results in path
//! order with bounded memory.
//!
//! Inputs are an iterator, not a list: directories are walked lazily (entries sorted per directory,
//! so the order is the path order and deterministic), `--files-from` lists are read line by line.
//! [`run`] pulls one batch of [`BATCH`] inputs, checks it on the rayon pool while the previous
//! batch's reports are written and the next batch's paths are collected, so at most two batches of
//! reports are alive at once whatever the number of files.

use crate::finding::{FileReport, Severity};
use crate::input::{self, Input};
use crate::lang::Lang;
use crate::pipeline::Options;
use crate::report::{Reporter, Summary};
use crate::tr;
use std::ffi::OsString;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Files per parallel batch. Results of at most two batches are held at once, which bounds memory
/// whatever the number of files.
pub const BATCH: usize = 256;

/// How the run walks directories.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Include hidden files and ignore `.gitignore`/`.ignore` rules.
    pub no_ignore: bool,
    /// Extensions to pick up in directories (lower case, without dot).
    pub extensions: Vec<String>,
    /// Glob overrides (`--glob`), ripgrep syntax; `!` negates.
    pub globs: Vec<String>,
    /// The language of the errors of paths that cannot be walked.
    pub lang: Lang,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            no_ignore: false,
            extensions: input::TEXT_EXTENSIONS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            globs: Vec::new(),
            lang: Lang::Vi,
        }
    }
}

/// An input or a per-path error found while collecting.
pub type Collected = Result<Input, (String, String)>;

/// A stream of inputs.
pub type Inputs = Box<dyn Iterator<Item = Collected> + Send>;

/// Expands paths into inputs: files as given, directories walked (sorted), `-` as stdin. Lazy: a
/// directory is walked as the run consumes it.
pub fn collect_inputs(paths: &[PathBuf], walk: &WalkOptions) -> Inputs {
    let paths = paths.to_vec();
    let walk = walk.clone();
    Box::new(
        paths
            .into_iter()
            .flat_map(move |path| expand_path(path, &walk)),
    )
}

/// One given path: a file, stdin, a walked directory, or an error record.
fn expand_path(path: PathBuf, walk: &WalkOptions) -> Inputs {
    if path.as_os_str() == "-" {
        Box::new(std::iter::once(Ok(Input::Stdin)))
    } else if path.is_dir() {
        walk_dir(&path, walk)
    } else if path.exists() || path.symlink_metadata().is_ok() {
        Box::new(std::iter::once(Ok(Input::File(path))))
    } else {
        Box::new(std::iter::once(Err((
            path.to_string_lossy().into_owned(),
            walk.lang
                .pick(
                    "không tìm thấy tệp hoặc thư mục",
                    "no such file or directory",
                )
                .to_string(),
        ))))
    }
}

/// Walks a directory as ripgrep does (hidden files and `.gitignore`/`.ignore` rules honoured unless
/// `--no-ignore`; symlinks not followed, so loops are impossible), in path order, lazily.
fn walk_dir(dir: &Path, walk: &WalkOptions) -> Inputs {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(!walk.no_ignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_path(|a, b| a.cmp(b));
    if !walk.globs.is_empty() {
        let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
        for glob in &walk.globs {
            if let Err(e) = overrides.add(glob) {
                let error = tr!(
                    walk.lang,
                    "mẫu --glob không hợp lệ: {e}",
                    "invalid --glob pattern: {e}"
                );
                return Box::new(std::iter::once(Err((glob.clone(), error))));
            }
        }
        match overrides.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => {
                let record = Err((dir.to_string_lossy().into_owned(), e.to_string()));
                return Box::new(std::iter::once(record));
            }
        }
    }
    let extensions = walk.extensions.clone();
    // A positive glob chooses the files itself; exclusions only narrow the usual extensions.
    let globbed = walk.globs.iter().any(|g| !g.starts_with('!'));
    let root = dir.to_string_lossy().into_owned();
    Box::new(builder.build().filter_map(move |entry| match entry {
        Ok(e) => {
            let is_file = e.file_type().is_some_and(|t| t.is_file());
            let wanted = e
                .path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)));
            (is_file && (wanted || globbed)).then(|| Ok(Input::File(e.into_path())))
        }
        Err(e) => Some(Err((
            walk_error_path(&e).unwrap_or_else(|| root.clone()),
            { e.to_string() },
        ))),
    }))
}

fn walk_error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.to_string_lossy().into_owned()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// The longest path accepted from a list (Linux's PATH_MAX): a longer entry cannot name a file,
/// so it becomes an error record, shown shortened, and is never held whole in memory.
pub const MAX_PATH_BYTES: u64 = 4096;

/// Reads a list of paths (`--files-from`), one per line or NUL-separated, lazily. Empty entries are
/// skipped; bytes that are not UTF-8 stay as they are in the path (on Unix).
pub fn read_path_list(reader: Box<dyn BufRead + Send>, nul: bool, walk: &WalkOptions) -> Inputs {
    let sep = if nul { b'\0' } else { b'\n' };
    let walk = walk.clone();
    let mut reader = reader;
    let mut failed = false;
    let entries = std::iter::from_fn(move || {
        if failed {
            return None;
        }
        loop {
            let mut buf = Vec::new();
            match reader
                .by_ref()
                .take(MAX_PATH_BYTES + 1)
                .read_until(sep, &mut buf)
            {
                Ok(0) => return None,
                Ok(_) => {
                    if buf.last() == Some(&sep) {
                        buf.pop();
                    } else if buf.len() as u64 > MAX_PATH_BYTES {
                        if let Err(e) = skip_until(&mut reader, sep) {
                            failed = true;
                            return Some(Err(("--files-from".to_string(), e.to_string())));
                        }
                        let shown = input::head(&String::from_utf8_lossy(&buf));
                        let error = tr!(
                            walk.lang,
                            "đường dẫn quá dài (hơn {MAX_PATH_BYTES} byte)",
                            "path too long (over {MAX_PATH_BYTES} bytes)"
                        );
                        return Some(Err((shown, error)));
                    }
                    if !nul && buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                    if buf.is_empty() {
                        continue;
                    }
                    return Some(Ok(PathBuf::from(os_string_from_bytes(buf))));
                }
                Err(e) => {
                    failed = true;
                    return Some(Err(("--files-from".to_string(), e.to_string())));
                }
            }
        }
    });
    Box::new(entries.flat_map(move |entry| -> Inputs {
        match entry {
            Ok(path) => expand_path(path, &walk),
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    }))
}

/// A path from raw bytes: exact on Unix, lossy elsewhere.
pub fn os_string_from_bytes(bytes: Vec<u8>) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        OsString::from_vec(bytes)
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Result of a run.
pub struct RunOutcome {
    pub summary: Summary,
}

impl RunOutcome {
    /// 0: nothing at or above `fail_on`; 1: findings; 2: a file could not be checked.
    pub fn exit_code(&self, fail_on: Severity, exit_zero: bool) -> i32 {
        if self.summary.errors > 0 {
            2
        } else if !exit_zero && self.summary.count_at_least(fail_on) > 0 {
            1
        } else {
            0
        }
    }
}

/// Writes one report (the closure given to [`Progress::around_emit`]).
pub type EmitFn<'a> = &'a mut dyn FnMut() -> io::Result<()>;

/// Hooks for progress display: `on_checked` runs on a worker as each file is done; `around_emit`
/// wraps the writing of each report (to hide a progress bar while output is drawn on the terminal).
pub struct Progress<'a> {
    pub on_checked: &'a (dyn Fn(&FileReport) + Sync),
    pub around_emit: &'a (dyn Fn(EmitFn) -> io::Result<()> + Sync),
}

impl Progress<'_> {
    pub fn none() -> Progress<'static> {
        Progress {
            on_checked: &|_| {},
            around_emit: &|f| f(),
        }
    }
}

/// Checks every input and streams reports, in input order, to the reporter.
pub fn run(
    inputs: Inputs,
    options: &Options,
    max_file_size: u64,
    reporter: &mut (dyn Reporter + Send),
    progress: &Progress,
) -> io::Result<RunOutcome> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let want_text = reporter.wants_text();
    let user_wants_text = options.include_text;
    let options = Options {
        include_text: options.include_text || want_text,
        ..options.clone()
    };
    reporter.begin()?;
    let check = |item: &Collected| -> FileReport {
        let report = match item {
            Ok(input) => input::check_input(input, &options, max_file_size),
            Err((path, error)) => FileReport::error(path.clone(), error),
        };
        (progress.on_checked)(&report);
        report
    };
    let mut emit = |batch: Vec<FileReport>, summary: &mut Summary| -> io::Result<()> {
        for mut report in batch {
            summary.add(&report);
            // Text fetched only for showing source lines is not part of the report itself.
            let text = if user_wants_text {
                None
            } else {
                report.text.take()
            };
            (progress.around_emit)(&mut || {
                reporter.file(&report, text.as_deref().or(report.text.as_deref()))
            })?;
        }
        Ok(())
    };
    let mut inputs = inputs;
    let mut next: Vec<Collected> = inputs.by_ref().take(BATCH).collect();
    let mut pending: Option<Vec<FileReport>> = None;
    while !next.is_empty() {
        let chunk = std::mem::take(&mut next);
        let previous = pending.take();
        let (reports, (emitted, collected)) = rayon::join(
            || {
                use rayon::prelude::*;
                chunk.par_iter().map(check).collect::<Vec<_>>()
            },
            || {
                let emitted = match previous {
                    Some(batch) => emit(batch, &mut summary),
                    None => Ok(()),
                };
                // Walk on while the workers check: the next batch is ready when they are.
                let collected: Vec<Collected> = inputs.by_ref().take(BATCH).collect();
                (emitted, collected)
            },
        );
        emitted?;
        next = collected;
        pending = Some(reports);
    }
    if let Some(batch) = pending {
        emit(batch, &mut summary)?;
    }
    summary.elapsed = started.elapsed();
    reporter.end(&summary)?;
    Ok(RunOutcome { summary })
}

/// One request of the line-streaming mode (`check --stdin-lines`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LineRequest {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    text: Option<String>,
    /// The name to report inline text under (default: the id, or `-`).
    #[serde(default)]
    name: Option<String>,
}

/// Turns one stdin line into an input (and the id to echo), or an error record.
fn parse_line(line: Vec<u8>, lang: Lang) -> (Option<serde_json::Value>, Collected) {
    let starts_json = line
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if !starts_json {
        let path = PathBuf::from(os_string_from_bytes(line));
        return (None, Ok(Input::File(path)));
    }
    let lossy = || input::shorten(&String::from_utf8_lossy(&line[..line.len().min(4096)]));
    let request: LineRequest = match serde_json::from_slice(&line) {
        Ok(r) => r,
        Err(e) => {
            // Valid JSON of the wrong shape ({"id":4,"text":123}) still has an id to echo.
            let id = serde_json::from_slice::<serde_json::Value>(&line)
                .ok()
                .and_then(|v| v.get("id").cloned());
            let error = tr!(
                lang,
                "dòng JSON không hợp lệ: {e}",
                "invalid JSON line: {e}"
            );
            return (id, Err((lossy(), error)));
        }
    };
    let id = request.id;
    let input = match (request.path, request.text) {
        (Some(path), None) => Ok(Input::File(PathBuf::from(path))),
        (path_or_name, Some(text)) => {
            let name = request
                .name
                .or(path_or_name)
                .or_else(|| {
                    id.as_ref().map(|v| match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                })
                .unwrap_or_else(|| "-".to_string());
            Ok(Input::Text { name, text })
        }
        (None, None) => Err((
            lossy(),
            lang.pick(
                "dòng JSON cần \"path\" hoặc \"text\"",
                "a JSON line needs \"path\" or \"text\"",
            )
            .to_string(),
        )),
    };
    (id, input)
}

/// Line-streaming mode for distributed engines (Spark `RDD.pipe`, GNU parallel, Ray): reads one
/// request per line from `reader` (a path, or `{"id","path"}` / `{"id","text"}` JSON), writes one
/// JSON Lines record per request to `reporter` as soon as it is checked, echoing `id`, flushed.
/// Requests are handled in order, one at a time: the engine provides the parallelism.
pub fn serve_lines<R: BufRead>(
    reader: &mut R,
    options: &Options,
    max_file_size: u64,
    reporter: &mut dyn Reporter,
) -> io::Result<RunOutcome> {
    let started = Instant::now();
    let mut summary = Summary::default();
    // A JSON line may escape every byte of a text of max_file_size bytes (\uXXXX: 6 bytes each).
    let line_limit = max_file_size.saturating_mul(6).saturating_add(4096);
    reporter.begin()?;
    loop {
        let mut line = Vec::new();
        let n = reader
            .by_ref()
            .take(line_limit)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let complete = line.last() == Some(&b'\n');
        if complete {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
        } else if n as u64 >= line_limit {
            // Too long: skip the rest of the line and say so.
            skip_until(reader, b'\n')?;
            let name = input::head(&String::from_utf8_lossy(&line[..line.len().min(4096)]));
            let report = FileReport::error(
                name,
                options.lang.pick(
                    "dòng quá dài (line too long, --max-file-size)",
                    "line too long (--max-file-size)",
                ),
            );
            summary.add(&report);
            reporter.file(&report, None)?;
            continue;
        }
        // Blank lines (a trailing newline, a separator between batches) are skipped without a
        // record, as documented in the README.
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let (id, item) = parse_line(line, options.lang);
        let mut report = match &item {
            Ok(input) => input::check_input(input, options, max_file_size),
            Err((path, error)) => FileReport::error(path.clone(), error),
        };
        report.id = id;
        summary.add(&report);
        reporter.file(&report, None)?;
    }
    summary.elapsed = started.elapsed();
    reporter.end(&summary)?;
    Ok(RunOutcome { summary })
}

/// Consumes the rest of a line (up to and including `sep`).
fn skip_until<R: BufRead + ?Sized>(reader: &mut R, sep: u8) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(pos) = buf.iter().position(|&b| b == sep) {
            reader.consume(pos + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
    }
}
