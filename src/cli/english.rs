//! The command line's help in English (`--lang en`): the about of each command and the help of
//! each argument, by command and argument id. The Vietnamese texts are the doc comments in
//! [`super::args`]; `every_help_text_has_its_english` holds the two lists together.

use clap::Command;

pub(super) const ABOUT: &str = "Checks Vietnamese administrative documents (school emulation plans): repairs their encoding, reads their structure, reports what is wrong.";

pub(super) const LONG_ABOUT: &str = "vblint reads Vietnamese administrative documents (above all the school plans \"Kế hoạch phát động phong trào thi đua\"), repairs their encoding, segments them and extracts their structure, cited documents and dates, then reports what is wrong.\n\nExit codes: 0 = nothing at or above --fail-on; 1 = findings; 2 = usage error, a file that could not be checked, or no file found.";

/// The about of each subcommand.
fn about(name: &str) -> Option<&'static str> {
    Some(match name {
        "check" => "Check documents and report the problems found.",
        "extract" => "Print each document's structure, cited documents and dates as JSON.",
        "normalize" => {
            "Print the repaired text (UTF-8, NFC) of files (.txt in any encoding, .docx, PDF)."
        }
        "rules" => "List the rules with their severities.",
        "rule" => "Print one rule's documentation.",
        "serve" => "Start the reviewer's page and the HTTP API (a local web server).",
        "completions" => "Print a shell completion script (bash, zsh, fish, elvish, powershell).",
        "man" => "Print the manual page (roff), for example `vblint man > vblint.1`.",
        _ => return None,
    })
}

/// The help of argument `id` of command `command`.
fn argument(command: &str, id: &str) -> Option<&'static str> {
    Some(match (command, id) {
        ("normalize", "files") => {
            "Files to repair (.doc, .docx and .pdf for their extracted text); `-` reads standard input."
        }
        ("normalize", "max_file_size") => {
            "Text extracted from a .docx, .doc or PDF larger than this is reported as an error, not written (text files have no limit). Bytes, or with a unit: 512K, 10M, 10MB, 1G (K = 1024 bytes)."
        }
        ("normalize", "output") => "Write the repaired text to this file (one input file only).",
        ("serve", "config") => {
            "Read this configuration file instead of the `vblint.toml` found from the current directory up."
        }
        ("rules", "config") => {
            "Show severities and selection as this configuration file sets them (default: the `vblint.toml` found from the current directory up)."
        }
        (_, "config") => {
            "Read this configuration file instead of the `vblint.toml` found above the first path."
        }
        (_, "lang") => {
            "Language of every message, report and help text: vi (default) or en. Without it, the VBLINT_LANG environment variable, then the `lang` key of vblint.toml."
        }
        (_, "paths") => {
            "Files or directories (directories are walked for .txt, .docx and .pdf files); `-` reads standard input."
        }
        (_, "threads") => "Worker threads, 1 to 256 (default: one per core).",
        (_, "max_file_size") => {
            "Files larger than this are reported as errors, not read; the same limit applies to text extracted from .docx and PDF and to text sent in --stdin-lines. Bytes, or with a unit: 512K, 10M, 10MB, 1G (K = 1024 bytes)."
        }
        (_, "no_ignore") => {
            "When walking directories, include hidden files and files .gitignore skips."
        }
        (_, "globs") => {
            "When walking directories, check only files matching this glob (ripgrep syntax; `!` excludes). Repeatable."
        }
        (_, "reference_date") => {
            "Judge dates against this date (YYYY-MM-DD) in documents that state no issue date."
        }
        (_, "output") => {
            "Write the results to this file instead of standard output (it must not be an input file)."
        }
        (_, "rules_dirs") => {
            "Extra rule-data directory (documents.toml, anniversaries.toml, …) laid over the built-in data and the configuration's `rules`. Repeatable."
        }
        (_, "files_from") => {
            "Also check the paths listed in FILE (one per line; `-` reads standard input)."
        }
        (_, "null") => "The --files-from list is NUL-separated (as `find -print0` writes it).",
        (_, "format") => "Output format (default: text; jsonl with --stdin-lines).",
        (_, "select") => {
            "Only these rules (ids or prefixes, comma-separated; for example `citation,invalid-date`)."
        }
        (_, "ignore") => "Skip these rules (ids or prefixes, comma-separated).",
        (_, "fail_on") => "Exit with code 1 when there are findings at this severity or above.",
        (_, "exit_zero") => {
            "Exit with code 0 even when findings are found (unreadable files still exit with 2)."
        }
        (_, "quiet") => "Print no summary and no progress on standard error.",
        (_, "statistics") => {
            "Instead of each finding, print how many times each rule fired (JSON with --format json)."
        }
        (_, "color") => "Color text output: auto (a terminal without NO_COLOR), always, never.",
        (_, "stdin_lines") => {
            "Streaming mode for distributed systems: read one request per line of standard input (a path, or JSON {\"id\",\"path\"} / {\"id\",\"text\"}) and write one JSON Lines result per request with its \"id\", at once. A request's error is in its record and does not change the exit code."
        }
        (_, "fix") => {
            "Apply the safe fixes to UTF-8 text files (atomically, the original kept as FILE.bak), then report the remaining findings."
        }
        (_, "unsafe_fixes") => {
            "With --fix or --diff, also apply the fixes that change a date, a number or a word."
        }
        (_, "diff") => {
            "Print the fixes as a unified diff (of the extracted text for .docx, .doc and PDF), changing no file."
        }
        (_, "text") => "Include each file's analysed text (to follow line numbers).",
        (_, "jsonl") => "One JSON object per file, one per line, instead of one document.",
        (_, "in_place") => {
            "Replace each file with its repaired text, atomically, through symbolic links, keeping permissions; the original is kept as FILE.bak (or FILE.bak.1, FILE.bak.2, … if one exists: a backup is never overwritten). A .docx file is written back as the same document in Unicode fonts."
        }
        (_, "docx_out") => {
            "Write each .docx file as the same document in Unicode (legacy-font runs decoded, fonts changed), and each .doc file as a Unicode .docx, into this directory under its own name (input directories are walked). `-o OUT.docx` does so for one file."
        }
        (_, "report") => {
            "Report on standard error, for each file, the encoding detected and what was repaired."
        }
        (_, "json") => "Print as JSON.",
        (_, "id") => "The rule's id, for example deadline-before-issue-date.",
        (_, "shell") => "The shell to write the completion script for.",
        (_, "addr") => {
            "Address to listen on (by default only connections from this machine; another address prints a warning)."
        }
        (_, "open") => {
            "Open the page in this machine's browser (xdg-open or open); if that fails, print the address."
        }
        (_, "token") => "Require the header `Authorization: Bearer TOKEN` on every API request.",
        (_, "max_upload") => "Largest request body, in bytes (larger ones get 413).",
        (_, "jobs") => {
            "Requests checked at once (default: one per core); others wait in a bounded queue (429 when it is full, 503 after waiting 10 seconds)."
        }
        _ => return None,
    })
}

/// A subcommand with its about in English.
pub(super) fn command(command: Command) -> Command {
    match about(command.get_name()) {
        Some(text) => command.about(text).long_about(None::<&str>),
        None => command,
    }
}

/// `command`'s own arguments with their help in English (the help and version flags are added
/// after, in their language).
pub(super) fn arguments(command: Command) -> Command {
    let name = command.get_name().to_string();
    command.mut_args(move |arg| match argument(&name, arg.get_id().as_str()) {
        Some(text) => {
            let has_long = arg.get_long_help().is_some();
            let arg = arg.help(text);
            if has_long { arg.long_help(text) } else { arg }
        }
        None => arg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument of the Vietnamese command line, with its path.
    fn ids(command: &Command, path: &str, out: &mut Vec<(String, String, String)>) {
        for arg in command.get_arguments() {
            if arg.get_help().is_some() && !["help", "version"].contains(&arg.get_id().as_str()) {
                out.push((
                    path.to_string(),
                    command.get_name().to_string(),
                    arg.get_id().to_string(),
                ));
            }
        }
        for sub in command.get_subcommands() {
            ids(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_help_text_has_its_english() {
        let mut all = Vec::new();
        let command = super::super::args::command();
        ids(&command, "vblint", &mut all);
        assert!(all.len() > 40, "the walk sees the arguments: {}", all.len());
        let missing: Vec<_> = all
            .iter()
            .filter(|(_, command, id)| argument(command, id).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "arguments without English help: {missing:?}"
        );
        for sub in command.get_subcommands() {
            assert!(about(sub.get_name()).is_some(), "{}", sub.get_name());
        }
    }
}
