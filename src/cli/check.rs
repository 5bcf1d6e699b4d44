//! `vblint check`: the reporter for the chosen format, a run over the inputs, `--fix`/`--diff`.

use super::args::{CheckArgs, Format};
use super::options::configured_options;
use super::{
    EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, color_wanted, commit_output, count_inputs, inputs,
    nothing_found, open_output, thread_pool, usage_error,
};
use crate::lang::Lang;
use crate::pipeline::Options;
use crate::report::Reporter;
use crate::report::csv::CsvReporter;
use crate::report::github::GithubReporter;
use crate::report::html::HtmlReporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::report::sarif::SarifReporter;
use crate::report::statistics::StatisticsReporter;
use crate::report::text::{Style, TextReporter};
use crate::run;
use crate::run::Inputs;
use crate::tr;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

pub(super) fn check(args: CheckArgs, requested: Option<Lang>) -> io::Result<i32> {
    let options = match configured_options(&args.input, &args.select, &args.ignore, requested) {
        Ok(o) => o,
        Err((e, _)) => return usage_error(e),
    };
    let lang = options.lang;
    let format = match (args.format, args.stdin_lines) {
        (None, true) | (Some(Format::Jsonl), true) => Format::Jsonl,
        (Some(_), true) => {
            return usage_error(
                lang.pick(
                    "--stdin-lines chỉ ghi kết quả dạng JSON Lines: bỏ --format hoặc dùng --format jsonl",
                    "--stdin-lines writes JSON Lines only: drop --format or use --format jsonl",
                )
                .to_string(),
            );
        }
        (format, false) => format.unwrap_or(Format::Text),
    };
    let mut output = match open_output(&args.input, lang) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let out = output.take_writer();
    let to_terminal = args.input.output.is_none() && io::stdout().is_terminal();
    if args.statistics && !matches!(format, Format::Text | Format::Concise | Format::Json) {
        return usage_error(
            lang.pick(
                "--statistics in ra dạng text hoặc --format json",
                "--statistics prints text or --format json",
            )
            .to_string(),
        );
    }
    let mut reporter = reporter_for(format, &args, out, lang);
    if args.stdin_lines {
        let stdin = io::stdin();
        let mut lock = stdin.lock();
        let outcome = run::serve_lines(
            &mut lock,
            &options,
            args.input.max_file_size,
            reporter.as_mut(),
        )?;
        drop(reporter);
        commit_output(output, args.input.output.as_deref(), lang)?;
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
        let inputs = match inputs(&args.input, &output.guarded, lang) {
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
    let inputs = match inputs(&args.input, &output.guarded, lang) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };
    let pool = thread_pool(args.input.threads)?;
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let bar = crate::progress::Bar::new(show_progress, to_terminal, lang);
    if show_progress {
        bar.count_in_background(count_inputs(&args.input, &output.guarded));
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
    drop(reporter);
    commit_output(output, args.input.output.as_deref(), lang)?;
    if !args.quiet && !format.is_machine_json() {
        if args.statistics {
            eprintln!("{}", outcome.summary.human(lang));
        } else {
            eprintln!("{}", outcome.summary.human_with_rules(lang));
        }
    }
    if outcome.summary.files == 0 {
        return usage_error(nothing_found(lang));
    }
    // An input that --fix could not fix is an error of the run, as an unreadable file is.
    let code = outcome.exit_code(args.fail_on, args.exit_zero);
    Ok(if fix_failed {
        code.max(EXIT_ERROR)
    } else {
        code
    })
}

/// The reporter for `--format` (or `--statistics`), writing to `out`.
fn reporter_for(
    format: Format,
    args: &CheckArgs,
    out: Box<dyn Write + Send>,
    lang: Lang,
) -> Box<dyn Reporter + Send> {
    match format {
        _ if args.statistics => Box::new(StatisticsReporter::new(
            out,
            format == Format::Json,
            Box::new(io::stderr()),
        )),
        Format::Text | Format::Concise => Box::new(
            TextReporter::new(
                out,
                Style {
                    color: color_wanted(args.color, args.input.output.is_some()),
                },
                format == Format::Concise,
            )
            .in_lang(lang)
            .with_errors_to(Box::new(io::stderr())),
        ),
        Format::Json => Box::new(JsonReporter::new(out)),
        Format::Jsonl => Box::new(JsonLinesReporter::new(out)),
        Format::Sarif => Box::new(SarifReporter::new(out).in_lang(lang)),
        Format::Github => Box::new(GithubReporter::new(out).in_lang(lang)),
        Format::Csv => Box::new(CsvReporter::new(out)),
        Format::Html => Box::new(HtmlReporter::new(out).in_lang(lang)),
    }
}

/// `--fix` / `--diff` over the inputs: (whether anything was or would be changed, whether some
/// input could not be fixed).
pub(super) fn fix_inputs(
    inputs: Inputs,
    options: &Options,
    args: &CheckArgs,
) -> io::Result<(bool, bool)> {
    let lang = options.lang;
    let mut changed = false;
    let mut failed = false;
    let mut stdout = io::stdout().lock();
    for input in inputs {
        let path = match input {
            Ok(crate::input::Input::File(p)) => p,
            Ok(_) => {
                eprintln!(
                    "vblint: {}",
                    lang.pick(
                        "--fix và --diff cần tệp, không đọc từ đầu vào chuẩn",
                        "--fix and --diff need files, not standard input",
                    )
                );
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
                let original = std::fs::read(&path)?;
                let backup = crate::output::replace_in_place(&path, &original, new.as_bytes())?;
                if !args.quiet {
                    let rules: Vec<String> =
                        applied.iter().map(|(r, n)| format!("{r}: {n}")).collect();
                    let total: usize = applied.iter().map(|(_, n)| n).sum();
                    let (rules, backup) = (rules.join(", "), backup.display());
                    eprintln!(
                        "vblint: {name}: {}",
                        tr!(
                            lang,
                            "đã sửa {total} lỗi ({rules}); bản gốc giữ ở {backup}",
                            "fixed {total} findings ({rules}); the original is kept as {backup}"
                        )
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

pub(super) fn fix_one(
    path: &Path,
    name: &str,
    options: &Options,
    args: &CheckArgs,
) -> Result<FixedText, String> {
    let lang = options.lang;
    let bytes = std::fs::read(path)
        .map_err(|e| tr!(lang, "không đọc được tệp: {e}", "cannot read the file: {e}"))?;
    if let Some(kind) = crate::container::Kind::of_path(path) {
        if !args.diff {
            return Err(lang
                .pick(
                    "--fix chỉ sửa tệp văn bản .txt; xem các sửa của tệp Word/PDF bằng --diff",
                    "--fix fixes .txt text files only; see the fixes of a Word/PDF file with --diff",
                )
                .to_string());
        }
        let extracted = crate::container::extract(
            kind,
            &bytes,
            &crate::container::Limits {
                lang,
                ..crate::container::Limits::default()
            },
        )?;
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
        lang.pick(
            "tệp không phải UTF-8: --fix chỉ sửa tệp UTF-8; chuyển sang Unicode trước bằng \
             vblint normalize --in-place",
            "the file is not UTF-8: --fix fixes UTF-8 files only; convert it to Unicode first \
             with vblint normalize --in-place",
        )
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
