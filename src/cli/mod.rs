//! Command-line interface: arguments → a run → an exit code.
//!
//! [`args`] defines the command line, [`options`] turns it and the configuration into the
//! options of a run, and each command has its module.

mod args;
mod check;
mod completions;
mod english;
mod extract;
mod normalize;
mod options;
mod rules;
mod serve;

pub use args::{
    CheckArgs, Cli, ColorChoice, Command, ExtractArgs, Format, InputArgs, MAX_THREADS,
    NormalizeArgs, RulesArgs, ServeArgs, command, command_in, parse_size,
};
pub use normalize::normalize_report;

use crate::input::Input;
use crate::lang::Lang;
use crate::output::{FileId, Output};
use crate::run;
use crate::run::Inputs;
use crate::tr;
use check::check;
use completions::{completions, man};
use extract::extract;
use normalize::normalize;
use options::walk_options;
use rules::{rule, rules};
use serve::serve;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

/// Exit code when nothing at or above `--fail-on` was found.
pub const EXIT_OK: i32 = 0;

/// Exit code when findings at or above `--fail-on` were found.
pub const EXIT_FINDINGS: i32 = 1;

/// Exit code for usage errors, and when any input could not be read or decoded.
pub const EXIT_ERROR: i32 = 2;

/// Parses the process's arguments; help and version are printed, and any other error is said in
/// the language asked for (`--lang`, else `VBLINT_LANG`, else Vietnamese) and exits 2. The
/// returned [`Cli::lang`] is that language when one was asked for.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let env = std::env::var(crate::lang::ENV_VAR).ok();
    let requested = match Lang::requested(std::env::args_os(), env.as_deref()) {
        Ok(lang) => lang,
        Err(message) => {
            eprintln!("vblint: {message}");
            std::process::exit(EXIT_ERROR);
        }
    };
    let lang = requested.unwrap_or_default();
    let parsed = command_in(lang)
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(mut cli) => {
            cli.lang = requested;
            cli
        }
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            let see = lang.pick("xem `vblint --help`", "see `vblint --help`");
            eprintln!("vblint: {}\n({see})", usage_message(&e, lang));
            std::process::exit(EXIT_ERROR);
        }
    }
}

/// Said when no command is given: every command of `command`, in its order, so the list cannot
/// drift from the commands there are.
fn missing_command_message(command: &clap::Command, lang: Lang) -> String {
    let names: Vec<&str> = command
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    let list = match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => {
            let rest = rest.join(", ");
            tr!(lang, "{rest} hoặc {last}", "{rest} or {last}")
        }
        None => String::new(),
    };
    tr!(
        lang,
        "thiếu lệnh: hãy ghi một lệnh ({list}), ví dụ `vblint check TỆP`",
        "missing command: give one ({list}), for example `vblint check FILE`"
    )
}

/// A clap parse error in `lang`.
fn usage_message(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let suggestion = match e.get(ContextKind::SuggestedArg) {
        Some(s) => tr!(lang, "; có phải ý bạn là {s}?", "; did you mean {s}?"),
        None => String::new(),
    };
    match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            let choices = if valid.is_empty() {
                String::new()
            } else {
                tr!(
                    lang,
                    "; chọn một trong: {valid}",
                    "; choose one of: {valid}"
                )
            };
            if value.is_empty() {
                tr!(
                    lang,
                    "{arg} cần một giá trị{choices}",
                    "{arg} needs a value{choices}"
                )
            } else {
                tr!(
                    lang,
                    "giá trị '{value}' không hợp lệ cho {arg}{choices}",
                    "invalid value '{value}' for {arg}{choices}"
                )
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            tr!(
                lang,
                "giá trị '{value}' không hợp lệ cho {arg}{why}",
                "invalid value '{value}' for {arg}{why}"
            )
        }
        ErrorKind::UnknownArgument => tr!(
            lang,
            "không có tùy chọn {arg}{suggestion}",
            "no option {arg}{suggestion}"
        ),
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand);
            let suggested = match e.get(ContextKind::SuggestedSubcommand) {
                Some(s) => tr!(lang, "; có phải ý bạn là {s}?", "; did you mean {s}?"),
                None => String::new(),
            };
            tr!(
                lang,
                "không có lệnh {name}{suggested}",
                "no command {name}{suggested}"
            )
        }
        ErrorKind::MissingRequiredArgument => tr!(
            lang,
            "thiếu đối số bắt buộc: {arg}",
            "missing required argument: {arg}"
        ),
        ErrorKind::MissingSubcommand => missing_command_message(&args::command(), lang),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            tr!(
                lang,
                "{arg} không dùng cùng được với {prior}",
                "{arg} cannot be used with {prior}"
            )
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => tr!(
            lang,
            "số giá trị không đúng cho {arg}",
            "wrong number of values for {arg}"
        ),
        ErrorKind::NoEquals => tr!(
            lang,
            "{arg} cần dạng {arg}=GIÁ_TRỊ",
            "{arg} needs the form {arg}=VALUE"
        ),
        _ => {
            // Other kinds are rare; clap's own words, without its "error:" prefix.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("");
            first.trim_start_matches("error: ").to_string()
        }
    }
}

/// Runs a parsed command line and returns the exit code. `cli.lang` is the language asked for;
/// the commands that read a configuration fall back on its `lang`, the others on Vietnamese.
pub fn run(cli: Cli) -> i32 {
    let lang = cli.lang;
    let result = match cli.command {
        Command::Check(args) => check(args, lang),
        Command::Extract(args) => extract(args, lang),
        Command::Normalize(args) => normalize(args, lang.unwrap_or_default()),
        Command::Rules(args) => rules(args, lang),
        Command::Rule { id } => rule(&id, lang.unwrap_or_default()),
        Command::Serve(args) => serve(args, lang),
        Command::Completions { shell } => completions(shell, lang.unwrap_or_default()),
        Command::Man => man(lang.unwrap_or_default()),
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

/// Opens `-o` (or standard output). Refused, before anything is opened for writing, when the
/// output is one of the files named as inputs (it would be emptied before being read).
fn open_output(input: &InputArgs, lang: Lang) -> Result<Output, String> {
    let Some(path) = input.output.as_deref() else {
        return Ok(Output::stdout());
    };
    refuse_output_among(path, input.paths.iter().chain(&input.files_from), lang)?;
    Output::open(path).map_err(|e| {
        let name = shorten_path(path);
        tr!(
            lang,
            "-o {name}: không ghi được: {e}",
            "-o {name}: cannot write: {e}"
        )
    })
}

/// An error when `output` is the same file (device and inode) as one of `inputs`.
fn refuse_output_among<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a PathBuf>,
    lang: Lang,
) -> Result<(), String> {
    let Some(id) = crate::output::file_id(output) else {
        return Ok(());
    };
    match inputs
        .into_iter()
        .find(|p| p.as_os_str() != "-" && crate::output::file_id(p) == Some(id))
    {
        Some(p) => Err(tr!(
            lang,
            "tệp kết quả -o {} cũng là tệp đầu vào {}: ghi vào đó sẽ xóa văn bản trước khi đọc; \
             hãy ghi kết quả ra tệp khác",
            "the output file -o {} is also the input file {}: writing it would erase the text \
             before it is read; write the results to another file",
            shorten_path(output),
            shorten_path(p)
        )),
        None => Ok(()),
    }
}

/// A path for a message, cut to a readable length.
fn shorten_path(path: &Path) -> String {
    crate::input::shorten(&path.to_string_lossy())
}

fn thread_pool(threads: Option<usize>) -> io::Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        builder = builder.num_threads(n.clamp(1, MAX_THREADS));
    }
    builder.build().map_err(io::Error::other)
}

/// Makes the `-o` file visible once the report is complete; a failure names the file.
fn commit_output(output: Output, path: Option<&Path>, lang: Lang) -> io::Result<()> {
    output.commit().map_err(|e| {
        let name = path.map(shorten_path).unwrap_or_else(|| "-".to_string());
        io::Error::new(
            e.kind(),
            tr!(
                lang,
                "-o {name}: không ghi được: {e}",
                "-o {name}: cannot write: {e}"
            ),
        )
    })
}

/// Said (exit 2) when a run found nothing to check: an empty directory, a glob matching nothing.
fn nothing_found(lang: Lang) -> String {
    lang.pick(
        "không tìm thấy tệp nào để kiểm tra",
        "no file found to check",
    )
    .to_string()
}

fn color_wanted(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && io::stdout().is_terminal()
        }
    }
}

/// The inputs of a run: the paths given (unless only --files-from is), then the --files-from list;
/// never the `guarded` files (the `-o` output and its temporary file).
fn inputs(input: &InputArgs, guarded: &[FileId], lang: Lang) -> Result<Inputs, String> {
    let all = all_inputs(input, lang)?;
    if guarded.is_empty() {
        return Ok(all);
    }
    let guarded = guarded.to_vec();
    Ok(Box::new(all.filter(move |item| match item {
        Ok(Input::File(p)) => crate::output::file_id(p).is_none_or(|id| !guarded.contains(&id)),
        _ => true,
    })))
}

fn all_inputs(input: &InputArgs, lang: Lang) -> Result<Inputs, String> {
    let walk = walk_options(input, lang);
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
                return Err(lang.pick(
                    "--files-from - và tệp đầu vào - đều đọc từ đầu vào chuẩn (stdin): chỉ một trong hai được đọc stdin; hãy ghi danh sách tệp vào một tệp cho --files-from",
                    "--files-from - and the input file - both read standard input (stdin): only one of them can; write the list of files to a file for --files-from",
                ).to_string());
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
fn count_inputs(input: &InputArgs, guarded: &[FileId]) -> Option<Box<dyn FnOnce() -> u64 + Send>> {
    if input
        .files_from
        .as_ref()
        .is_some_and(|p| p.as_os_str() == "-")
    {
        return None;
    }
    let input = input.clone();
    let guarded = guarded.to_vec();
    Some(Box::new(move || {
        inputs(&input, &guarded, Lang::Vi).map_or(0, |i| i.count() as u64)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missing_command_message_names_every_command() {
        let command = args::command();
        let message = missing_command_message(&command, Lang::Vi);
        let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        assert!(names.contains(&"serve"), "{names:?}");
        for name in &names {
            assert!(message.contains(&format!(" {name}")), "{name} in {message}");
        }
        assert!(message.starts_with("thiếu lệnh: "), "{message}");
        // The list ends "…, man hoặc serve"-like: the last command after "hoặc".
        let last = names.last().copied().unwrap_or_default();
        assert!(message.contains(&format!("hoặc {last})")), "{message}");
    }

    #[test]
    fn a_parse_without_a_command_says_which_commands_there_are() {
        // What `Cli::from_arg_matches` gives when the matches hold no command (a bare `vblint`
        // prints the help instead).
        use clap::FromArgMatches;
        let e = Cli::from_arg_matches(&clap::ArgMatches::default())
            .map(|_| ())
            .expect_err("no command");
        assert_eq!(e.kind(), clap::error::ErrorKind::MissingSubcommand);
        assert_eq!(
            usage_message(&e, Lang::Vi),
            missing_command_message(&args::command(), Lang::Vi)
        );
    }
}
