//! Command-line interface: arguments → a run → an exit code.

use crate::checks::{RULES, RuleSelection, find_rule};
use crate::config::Config;
use crate::date::Date;
use crate::finding::Severity;
use crate::input::DEFAULT_MAX_FILE_SIZE;
use crate::pipeline::Options;
use crate::report::Reporter;
use crate::report::csv::CsvReporter;
use crate::report::github::GithubReporter;
use crate::report::html::HtmlReporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::report::sarif::SarifReporter;
use crate::report::text::{Style, TextReporter};
use crate::run::{self, Inputs, WalkOptions};
use crate::{decode, ruledata::RuleData};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exit code when nothing at or above `--fail-on` was found.
pub const EXIT_OK: i32 = 0;
/// Exit code when findings at or above `--fail-on` were found.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code for usage errors, and when any input could not be read or decoded.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "vblint",
    version,
    about = "Kiểm tra văn bản hành chính tiếng Việt (kế hoạch phát động thi đua): sửa mã hóa, hiểu cấu trúc, báo lỗi.",
    long_about = "vblint reads Vietnamese administrative documents (above all school plans \"Kế hoạch phát động phong trào thi đua\"), repairs their text encoding, segments and extracts their structure, citations and dates, and reports what is wrong with them.\n\nExit codes: 0 = nothing at or above --fail-on; 1 = findings; 2 = usage error or a file could not be checked."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check documents and report findings.
    Check(CheckArgs),
    /// Print each document's structure, citations and dates as JSON.
    Extract(ExtractArgs),
    /// Print the repaired UTF-8 NFC text of files (.txt in any encoding, .docx, PDF).
    Normalize(NormalizeArgs),
    /// List the rules with their severities.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Rule {
        /// The rule id, e.g. deadline-before-issue-date.
        id: String,
    },
    /// Start the reviewer's page and the HTTP API (local web server).
    Serve(ServeArgs),
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; another address prints a warning).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Open the page in the desktop's browser (xdg-open or open), else print its address.
    #[arg(long)]
    pub open: bool,
    /// Require `Authorization: Bearer TOKEN` on every API request.
    #[arg(long)]
    pub token: Option<String>,
    /// Largest request body in bytes (answered 413 above it).
    #[arg(long, default_value_t = crate::serve::DEFAULT_MAX_UPLOAD)]
    pub max_upload: usize,
    /// Requests checked at once (default: one per core); more wait in a bounded queue (429 when
    /// it is full, 503 after 10 s of waiting).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Judge dates against this date (YYYY-MM-DD) in documents without an issue date.
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// Read this configuration file instead of the `vblint.toml` found from the current directory.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A directory of extra rule data laid over the built-in data and the config's `rules`.
    /// Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories (directories are walked for .txt, .docx and .pdf files); `-` reads
    /// standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Files larger than this many bytes are reported as errors, not read.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Include hidden and git-ignored files when walking directories.
    #[arg(long)]
    pub no_ignore: bool,
    /// Only check files matching this glob when walking (ripgrep syntax; `!` excludes). Repeatable.
    #[arg(long = "glob", short = 'g')]
    pub globs: Vec<String>,
    /// Judge dates against this date (YYYY-MM-DD) in documents without an issue date.
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// Write output to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Read this configuration file instead of the `vblint.toml` found above the first path.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// A directory of extra rule data (documents.toml, anniversaries.toml, …) laid over the
    /// built-in data and the config's `rules`. Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Also check the paths listed in FILE (one per line; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// The --files-from list is NUL-separated (as written by `find -print0`).
    #[arg(long = "null", short = '0', requires = "files_from")]
    pub null: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with the source line.
    Text,
    /// One line per finding.
    Concise,
    /// One JSON document (the stable contract).
    Json,
    /// One JSON object per file, per line.
    Jsonl,
    /// SARIF 2.1.0 (code-scanning dashboards).
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One CSV row per finding (spreadsheets).
    Csv,
    /// One self-contained HTML report (totals, charts, sortable table of files).
    Html,
}

impl Format {
    /// The JSON formats, which carry the summary in their output instead of on standard error.
    fn is_machine_json(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl)
    }
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: text; jsonl with --stdin-lines).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only these rules (ids or prefixes, comma-separated; e.g. `citation,invalid-date`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules (ids or prefixes, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 when a finding at or above this severity is found.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    pub fail_on: Severity,
    /// Exit 0 even when findings are found (errors reading files still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// No summary or progress on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Streaming mode for distributed engines: read one request per line from standard input (a
    /// path, or {"id","path"} / {"id","text"} JSON) and write one JSON Lines result per request,
    /// echoing "id", flushed at once. Per-request errors are records, not an exit code.
    #[arg(long, conflicts_with_all = ["files_from", "paths"])]
    pub stdin_lines: bool,
    /// Apply the safe fixes to UTF-8 text files (atomically, the original kept as FILE.bak), then
    /// report what is left.
    #[arg(long, conflicts_with = "stdin_lines")]
    pub fix: bool,
    /// With --fix or --diff, apply the fixes that change a date, a number or a word too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff (of the text, for .docx, .doc and PDF) and change nothing.
    #[arg(long, conflicts_with_all = ["stdin_lines", "fix"])]
    pub diff: bool,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Include the analysed text of each file (to follow line numbers).
    #[arg(long)]
    pub text: bool,
    /// One JSON object per file per line instead of one document.
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(Args, Debug)]
pub struct NormalizeArgs {
    /// Files to repair (.doc, .docx and .pdf give their extracted text); `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write the repaired text to this file (one input only).
    #[arg(long, short = 'o', conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace each file with its repaired text, atomically, keeping the original as FILE.bak
    /// (a .docx is rewritten as the same document in Unicode fonts).
    #[arg(long)]
    pub in_place: bool,
    /// Write each .docx as the same document in Unicode (legacy-font runs decoded, fonts mapped),
    /// and each .doc as a Unicode .docx, into this directory under its own name (directories
    /// given are walked). `-o OUT.docx` does the same for one file.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "in_place"])]
    pub docx_out: Option<PathBuf>,
    /// Tell on standard error, per file, which encoding was detected and what was repaired.
    #[arg(long)]
    pub report: bool,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// Show severities and selection after this configuration file (default: the
    /// `vblint.toml` found from the current directory up).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("not a valid date (YYYY-MM-DD): {s}"))
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Extract(args) => extract(args),
        Command::Normalize(args) => normalize(args),
        Command::Rules(args) => rules(args),
        Command::Rule { id } => rule(&id),
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("vblint: {e}");
            EXIT_ERROR
        }
    }
}

fn usage_error(message: String) -> io::Result<i32> {
    eprintln!("vblint: {message}");
    Ok(EXIT_ERROR)
}

fn open_output(path: Option<&Path>) -> io::Result<Box<dyn Write + Send>> {
    Ok(match path {
        Some(p) => Box::new(io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(io::BufWriter::new(io::stdout())),
    })
}

fn thread_pool(threads: Option<usize>) -> io::Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.max(1));
    }
    builder.build().map_err(io::Error::other)
}

fn color_wanted(to_file: bool) -> bool {
    !to_file
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && io::stdout().is_terminal()
}

fn base_options(input: &InputArgs, selection: RuleSelection) -> Options {
    Options {
        selection,
        reference_date: input.reference_date,
        data: Arc::new(RuleData::builtin().clone()),
        per_path: Arc::default(),
        extract: false,
        include_text: false,
    }
}

/// The configuration: `--config FILE`, else the `vblint.toml` found above `start`, else none.
fn load_config(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Config::discover(start),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

/// Where to start looking for `vblint.toml`: the first path, or the current directory for stdin.
fn config_start(paths: &[PathBuf]) -> PathBuf {
    paths
        .first()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Options from the command line laid over the configuration file.
fn configured_options(
    input: &InputArgs,
    select: &[String],
    ignore: &[String],
) -> Result<Options, String> {
    let config = load_config(input.config.as_deref(), &config_start(&input.paths))?;
    let selection = config.selection(select, ignore);
    let unknown = selection.unknown_selectors();
    if !unknown.is_empty() {
        return Err(format!(
            "unknown rule(s): {} (see `vblint rules`)",
            unknown.join(", ")
        ));
    }
    let data = config
        .rule_data(&input.rules_dirs)
        .map_err(|e| e.to_string())?;
    let mut options = base_options(input, selection);
    options.data = Arc::new(data);
    options.reference_date = input.reference_date.or(config.reference_date);
    options.per_path = Arc::new(config.per_path);
    Ok(options)
}

fn walk_options(input: &InputArgs) -> WalkOptions {
    WalkOptions {
        no_ignore: input.no_ignore,
        globs: input.globs.clone(),
        ..WalkOptions::default()
    }
}

fn check(args: CheckArgs) -> io::Result<i32> {
    let options = match configured_options(&args.input, &args.select, &args.ignore) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let format = match (args.format, args.stdin_lines) {
        (None, true) | (Some(Format::Jsonl), true) => Format::Jsonl,
        (Some(_), true) => return usage_error("--stdin-lines writes --format jsonl".to_string()),
        (format, false) => format.unwrap_or(Format::Text),
    };
    let out = open_output(args.input.output.as_deref())?;
    let to_terminal = args.input.output.is_none() && io::stdout().is_terminal();
    let mut reporter: Box<dyn Reporter + Send> = match format {
        Format::Text | Format::Concise => Box::new(TextReporter::new(
            out,
            Style {
                color: color_wanted(args.input.output.is_some()),
            },
            format == Format::Concise,
        )),
        Format::Json => Box::new(JsonReporter::new(out)),
        Format::Jsonl => Box::new(JsonLinesReporter::new(out)),
        Format::Sarif => Box::new(SarifReporter::new(out)),
        Format::Github => Box::new(GithubReporter::new(out)),
        Format::Csv => Box::new(CsvReporter::new(out)),
        Format::Html => Box::new(HtmlReporter::new(out)),
    };
    if args.stdin_lines {
        let stdin = io::stdin();
        let mut lock = stdin.lock();
        let outcome = run::serve_lines(
            &mut lock,
            &options,
            args.input.max_file_size,
            reporter.as_mut(),
        )?;
        // Each request's error is in its record; only findings set the exit code.
        return Ok(
            if !args.exit_zero && outcome.summary.count_at_least(args.fail_on) > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            },
        );
    }
    let mut fix_failed = false;
    if args.fix || args.diff {
        let inputs = match inputs(&args.input) {
            Ok(i) => i,
            Err(e) => return usage_error(e),
        };
        let (changed, failed) = fix_inputs(inputs, &options, &args)?;
        fix_failed = failed;
        if args.diff {
            return Ok(if failed {
                EXIT_ERROR
            } else if changed {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            });
        }
    }
    let inputs = match inputs(&args.input) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };
    let pool = thread_pool(args.input.threads)?;
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let bar = crate::progress::Bar::new(show_progress, to_terminal);
    if show_progress {
        bar.count_in_background(count_inputs(&args.input));
    }
    let on_checked = |r: &crate::finding::FileReport| bar.on_checked(r);
    let around_emit = |write: &mut dyn FnMut() -> io::Result<()>| bar.around(write);
    let progress = run::Progress {
        on_checked: &on_checked,
        around_emit: &around_emit,
    };
    let outcome = pool.install(|| {
        run::run(
            inputs,
            &options,
            args.input.max_file_size,
            reporter.as_mut(),
            &progress,
        )
    });
    bar.finish();
    let outcome = outcome?;
    if !args.quiet && !format.is_machine_json() {
        eprintln!("{}", outcome.summary.human_with_rules());
    }
    // An input that --fix could not fix is an error of the run, as an unreadable file is.
    let code = outcome.exit_code(args.fail_on, args.exit_zero);
    Ok(if fix_failed {
        code.max(EXIT_ERROR)
    } else {
        code
    })
}

/// `--fix` / `--diff` over the inputs: (whether anything was or would be changed, whether some
/// input could not be fixed).
fn fix_inputs(inputs: Inputs, options: &Options, args: &CheckArgs) -> io::Result<(bool, bool)> {
    let mut changed = false;
    let mut failed = false;
    let mut stdout = io::stdout().lock();
    for input in inputs {
        let path = match input {
            Ok(crate::input::Input::File(p)) => p,
            Ok(_) => {
                eprintln!("vblint: --fix và --diff cần tệp, không đọc từ đầu vào chuẩn");
                failed = true;
                continue;
            }
            Err((p, e)) => {
                eprintln!("vblint: {p}: {e}");
                failed = true;
                continue;
            }
        };
        let name = path.to_string_lossy().into_owned();
        match fix_one(&path, &name, options, args) {
            Ok(Some((old, new, applied))) => {
                changed = true;
                if args.diff {
                    stdout.write_all(crate::fix::unified_diff(&name, &old, &new).as_bytes())?;
                    continue;
                }
                write_in_place(&path, new.as_bytes())?;
                if !args.quiet {
                    let rules: Vec<String> =
                        applied.iter().map(|(r, n)| format!("{r}: {n}")).collect();
                    let total: usize = applied.iter().map(|(_, n)| n).sum();
                    eprintln!(
                        "vblint: {name}: đã sửa {total} lỗi ({}); bản gốc giữ ở {name}.bak",
                        rules.join(", ")
                    );
                }
            }
            Ok(None) => {}
            Err(e) => {
                eprintln!("vblint: {name}: {e}");
                failed = true;
            }
        }
    }
    stdout.flush()?;
    Ok((changed, failed))
}

/// One input's text and fixed text, when a fix applies: UTF-8 text files are fixed in their own
/// lines and columns; the text of a .docx, .doc or PDF can be shown fixed (`--diff`) but not
/// written back.
type FixedText = Option<(String, String, Vec<(String, usize)>)>;

fn fix_one(
    path: &Path,
    name: &str,
    options: &Options,
    args: &CheckArgs,
) -> Result<FixedText, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("không đọc được tệp: {e}"))?;
    if let Some(kind) = crate::container::Kind::of_path(path) {
        if !args.diff {
            return Err(
                "--fix chỉ sửa tệp văn bản .txt; xem các sửa của tệp Word/PDF bằng --diff"
                    .to_string(),
            );
        }
        let extracted =
            crate::container::extract(kind, &bytes, &crate::container::Limits::default())?;
        let (source, report) = crate::container::source_of(name, &extracted);
        let checked =
            crate::pipeline::check_source(&source, Some(report), options, bytes.len() as u64);
        let edits = crate::fix::span_edits(&source.text, &checked.findings, args.unsafe_fixes);
        if edits.is_empty() {
            return Ok(None);
        }
        let new = crate::fix::apply(&source.text, &edits);
        return Ok(Some((source.text, new, Vec::new())));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        "tệp không phải UTF-8: --fix chỉ sửa tệp UTF-8; chuyển sang Unicode trước bằng \
         vblint normalize --in-place"
            .to_string()
    })?;
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let fixed = crate::fix::fix_text(name, body, options, args.unsafe_fixes);
    if fixed.text == body {
        return Ok(None);
    }
    Ok(Some((
        text.to_string(),
        format!("{bom}{}", fixed.text),
        fixed.applied,
    )))
}

/// The inputs of a run: the paths given (unless only --files-from is), then the --files-from list.
fn inputs(input: &InputArgs) -> Result<Inputs, String> {
    let walk = walk_options(input);
    let given = input.paths.clone();
    let explicit = !(input.files_from.is_some() && given == [PathBuf::from(".")]);
    let mut all: Inputs = if explicit {
        run::collect_inputs(&given, &walk)
    } else {
        Box::new(std::iter::empty())
    };
    if let Some(list) = &input.files_from {
        let reader: Box<dyn io::BufRead + Send> = if list.as_os_str() == "-" {
            if given.iter().any(|p| p.as_os_str() == "-") {
                return Err("--files-from - and - both read standard input".to_string());
            }
            Box::new(io::BufReader::new(io::stdin()))
        } else {
            match std::fs::File::open(list) {
                Ok(f) => Box::new(io::BufReader::new(f)),
                Err(e) => return Err(format!("--files-from {}: {e}", list.display())),
            }
        };
        all = Box::new(all.chain(run::read_path_list(reader, input.null, &walk)));
    }
    Ok(all)
}

/// A second, cheap pass over the same inputs to learn the total for the progress bar (not for
/// --files-from -, which can be read only once).
fn count_inputs(input: &InputArgs) -> Option<Box<dyn FnOnce() -> u64 + Send>> {
    if input
        .files_from
        .as_ref()
        .is_some_and(|p| p.as_os_str() == "-")
    {
        return None;
    }
    let input = input.clone();
    Some(Box::new(move || {
        inputs(&input).map_or(0, |i| i.count() as u64)
    }))
}

fn extract(args: ExtractArgs) -> io::Result<i32> {
    let mut options = match configured_options(&args.input, &[], &[]) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    options.selection = RuleSelection::default();
    options.extract = true;
    options.include_text = args.text;
    let out = open_output(args.input.output.as_deref())?;
    let mut reporter: Box<dyn Reporter + Send> = if args.jsonl {
        Box::new(JsonLinesReporter::new(out))
    } else {
        Box::new(JsonReporter::new(out))
    };
    let inputs = match inputs(&args.input) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };
    let pool = thread_pool(args.input.threads)?;
    let outcome = pool.install(|| {
        run::run(
            inputs,
            &options,
            args.input.max_file_size,
            reporter.as_mut(),
            &run::Progress::none(),
        )
    })?;
    Ok(if outcome.summary.errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}

fn normalize(args: NormalizeArgs) -> io::Result<i32> {
    if args.output.is_some() && args.files.len() != 1 {
        return usage_error("--output takes exactly one input file".to_string());
    }
    let mut code = EXIT_OK;
    // With --docx-out, a directory given stands for the .docx files under it, written to the same
    // relative paths under the output directory.
    let mut files: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for file in &args.files {
        match &args.docx_out {
            Some(out) if file.is_dir() => {
                files.extend(docx_files_under(file).into_iter().map(|(path, rel)| {
                    let target = out.join(rel);
                    (path, Some(target))
                }))
            }
            _ => files.push((file.clone(), None)),
        }
    }
    for (file, explicit_target) in &files {
        let file = file.as_path();
        let name = file.display().to_string();
        let bytes = if file.as_os_str() == "-" {
            let mut buf = Vec::new();
            io::Read::read_to_end(&mut io::stdin().lock(), &mut buf).map(|_| buf)
        } else {
            std::fs::read(file)
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("vblint: {name}: {e}");
                code = EXIT_ERROR;
                continue;
            }
        };
        let container = if file.as_os_str() == "-" {
            crate::container::Kind::sniff(&bytes)
        } else {
            crate::container::Kind::of_path(file)
        };
        if let Some(target) = explicit_target.clone().or_else(|| docx_target(file, &args)) {
            let Some(kind @ (crate::container::Kind::Docx | crate::container::Kind::Doc)) =
                container
            else {
                eprintln!(
                    "vblint: {name}: chỉ tệp .docx và .doc mới ghi được thành .docx Unicode; \
                     ghi văn bản bằng -o FILE.txt"
                );
                code = EXIT_ERROR;
                continue;
            };
            if let Err(e) = normalize_docx(file, kind, &target, &bytes, &args) {
                eprintln!("vblint: {name}: {e}");
                code = EXIT_ERROR;
            }
            continue;
        }
        if container.is_some() && args.in_place {
            return usage_error(format!(
                "{name}: --in-place rewrites text and .docx files only; write the text of a .doc or PDF with -o FILE.txt"
            ));
        }
        let decoded = match container {
            Some(kind) => normalize_container(&name, kind, &bytes),
            None => decode::decode(&bytes)
                .map(|d| (d.text, d.report))
                .map_err(|e| e.to_string()),
        };
        let (mut text, report) = match decoded {
            Ok(d) => d,
            Err(e) => {
                eprintln!("vblint: {name}: {e}");
                code = EXIT_ERROR;
                continue;
            }
        };
        if args.report {
            eprintln!("{}", normalize_report(&name, &report));
        }
        if !text.ends_with('\n') && (bytes.ends_with(b"\n") || container.is_some()) {
            text.push('\n');
        }
        if args.in_place {
            if file.as_os_str() == "-" {
                return usage_error("--in-place needs files, not standard input".to_string());
            }
            write_in_place(file, text.as_bytes())?;
        } else if let Some(out) = &args.output {
            write_atomically(out, text.as_bytes())?;
        } else {
            let mut stdout = io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(code)
}

/// The .docx and .doc files under a directory (as `check` walks it: `.gitignore` honoured,
/// sorted), each with its output path relative to the directory (`.docx`).
fn docx_files_under(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut out: Vec<(PathBuf, PathBuf)> = ignore::WalkBuilder::new(dir)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("doc"))
        })
        .filter_map(|p| {
            let rel = p.strip_prefix(dir).ok()?.with_extension("docx");
            Some((p, rel))
        })
        .collect();
    out.sort();
    out
}

/// Where a Unicode .docx is to be written for this input, if one is asked for: `--docx-out DIR`,
/// `--in-place` on a .docx, or `-o` naming a .docx.
fn docx_target(file: &Path, args: &NormalizeArgs) -> Option<PathBuf> {
    let is_docx = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    };
    if let Some(dir) = &args.docx_out {
        let name = file
            .file_name()
            .map_or_else(|| "-.docx".into(), |n| n.to_owned());
        return Some(dir.join(Path::new(&name).with_extension("docx")));
    }
    if args.in_place && is_docx(file) {
        return Some(file.to_path_buf());
    }
    args.output.clone().filter(|o| is_docx(o))
}

/// Writes the Unicode rewrite of a .docx to `target` (atomically; with `FILE.bak` for
/// `--in-place`), never over its input otherwise.
fn normalize_docx(
    file: &Path,
    kind: crate::container::Kind,
    target: &Path,
    bytes: &[u8],
    args: &NormalizeArgs,
) -> Result<(), String> {
    let same = match (std::fs::canonicalize(file), target.parent()) {
        (Ok(input), Some(dir)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .ok()
                .zip(target.file_name())
                .is_some_and(|(d, n)| d.join(n) == input)
        }
        _ => false,
    };
    if same && !args.in_place {
        return Err(format!(
            "{} là chính tệp đầu vào: dùng --in-place (giữ bản sao .bak) hoặc một tệp/thư mục khác",
            target.display()
        ));
    }
    let limits = crate::container::Limits::default();
    let converted = match kind {
        crate::container::Kind::Doc => crate::container::unicode_docx::Converted {
            bytes: crate::container::doc::to_docx(bytes, &limits)?,
            ..Default::default()
        },
        _ => crate::container::unicode_docx::convert(bytes, &limits)?,
    };
    if args.report && kind == crate::container::Kind::Docx {
        eprintln!(
            "{}: {} đoạn văn bản phông cũ chuyển sang Unicode, {} tên phông đổi sang phông Unicode",
            file.display(),
            converted.decoded_texts,
            converted.renamed_fonts
        );
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let written = if args.in_place {
        write_in_place(file, &converted.bytes)
    } else {
        write_atomically(target, &converted.bytes)
    };
    written.map_err(|e| format!("không ghi được {}: {e}", target.display()))
}

/// The repaired text of a .docx or PDF (what `check` reads: one line per paragraph for .docx) and
/// its decode report.
fn normalize_container(
    name: &str,
    kind: crate::container::Kind,
    bytes: &[u8],
) -> Result<(String, decode::EncodingReport), String> {
    let extracted = crate::container::extract(kind, bytes, &crate::container::Limits::default())?;
    let (source, report) = crate::container::source_of(name, &extracted);
    Ok((source.text, report))
}

/// One line per file: encoding, confidence and what was repaired.
pub fn normalize_report(name: &str, r: &decode::EncodingReport) -> String {
    let mut s = format!(
        "{name}: {} (độ tin cậy {:.2}){}",
        r.name,
        r.confidence,
        if r.bom { ", có BOM" } else { "" }
    );
    if r.normalized_lines > 0 {
        s.push_str(&format!(", {} dòng chuẩn hóa NFC", r.normalized_lines));
    }
    if r.replaced > 0 {
        s.push_str(&format!(", {} chuỗi byte lỗi thay bằng U+FFFD", r.replaced));
    }
    if r.repairs.is_empty() {
        s.push_str(", không có đoạn nào cần sửa");
    } else {
        let mut lines: Vec<u32> = r.repairs.iter().map(|x| x.line).collect();
        lines.dedup();
        s.push_str(&format!(
            ", đã sửa {} đoạn trên các dòng {}",
            r.repairs.len(),
            lines
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s
}

/// Writes to a temporary file beside the target, then renames it over the target.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.vblint-{}.tmp", std::process::id()));
    // A file replaced keeps its permissions.
    let permissions = std::fs::metadata(target).ok().map(|m| m.permissions());
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Some(p) = permissions {
            std::fs::set_permissions(&tmp, p)?;
        }
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Keeps the original as FILE.bak and replaces FILE atomically.
fn write_in_place(file: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut backup = file.as_os_str().to_owned();
    backup.push(".bak");
    std::fs::copy(file, PathBuf::from(backup))?;
    write_atomically(file, bytes)
}

fn rules(args: RulesArgs) -> io::Result<i32> {
    let config = match load_config(args.config.as_deref(), Path::new(".")) {
        Ok(c) => c,
        Err(e) => return usage_error(e),
    };
    let selection = config.selection(&[], &[]);
    let mut out = io::stdout().lock();
    if args.json {
        let list: Vec<_> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "severity": selection.severity_of(r),
                    "default_severity": r.default_severity,
                    "enabled": selection.is_enabled(r.id),
                    "summary": r.summary(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        if let Some(p) = &config.path {
            writeln!(out, "# cấu hình: {}", p.display())?;
        }
        let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for r in RULES {
            let severity = selection.severity_of(r);
            let changed = if severity == r.default_severity {
                String::new()
            } else {
                format!(" (mặc định {})", r.default_severity)
            };
            writeln!(
                out,
                "{:<width$}  {:<7}  {:<3}  {}{changed}",
                r.id,
                severity.as_str(),
                if selection.is_enabled(r.id) {
                    "on"
                } else {
                    "off"
                },
                r.summary()
            )?;
        }
    }
    Ok(EXIT_OK)
}

/// `vblint serve`: the options `check` would build from the same `--config`/`--rules`, then the
/// server until Ctrl-C.
fn serve(args: ServeArgs) -> io::Result<i32> {
    let input = InputArgs {
        paths: vec![PathBuf::from(".")],
        threads: None,
        max_file_size: args.max_upload as u64,
        no_ignore: false,
        globs: Vec::new(),
        reference_date: args.reference_date,
        output: None,
        config: args.config,
        rules_dirs: args.rules_dirs,
        files_from: None,
        null: false,
    };
    let options = match configured_options(&input, &[], &[]) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let jobs = args.jobs.unwrap_or_else(crate::serve::default_jobs);
    let limits = crate::serve::Limits::new(args.max_upload, jobs);
    let config = crate::serve::ServeConfig {
        addr: args.addr,
        open: args.open,
        token: args.token,
        limits,
    };
    Ok(crate::serve::run(config, options))
}

fn rule(id: &str) -> io::Result<i32> {
    match find_rule(id) {
        Some(r) => {
            let mut out = io::stdout().lock();
            writeln!(out, "{} ({})\n", r.id, r.default_severity)?;
            writeln!(out, "{}", r.doc())?;
            Ok(EXIT_OK)
        }
        None => usage_error(format!("unknown rule: {id} (see `vblint rules`)")),
    }
}
