//! Command-line interface: arguments → a run → an exit code.

use crate::checks::{RULES, RuleSelection, find_rule};
use crate::config::Config;
use crate::date::Date;
use crate::finding::Severity;
use crate::input::Input;
use crate::output::{FileId, Output};
use crate::pipeline::Options;
use crate::report::Reporter;
use crate::report::csv::CsvReporter;
use crate::report::github::GithubReporter;
use crate::report::html::HtmlReporter;
use crate::report::json::{JsonLinesReporter, JsonReporter};
use crate::report::sarif::SarifReporter;
use crate::report::statistics::StatisticsReporter;
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
    long_about = "vblint đọc văn bản hành chính tiếng Việt (nhất là kế hoạch \"Kế hoạch phát động phong trào thi đua\" của trường học), sửa bảng mã của văn bản, phân đoạn và trích cấu trúc, văn bản được trích dẫn và các ngày, rồi báo những gì sai.\n\nMã thoát: 0 = không có lỗi từ mức --fail-on trở lên; 1 = có lỗi; 2 = dùng sai lệnh, có tệp không kiểm tra được, hoặc không tìm thấy tệp nào."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Kiểm tra văn bản và báo các lỗi tìm thấy.
    Check(CheckArgs),
    /// In cấu trúc, văn bản được trích dẫn và các ngày của từng văn bản dưới dạng JSON.
    Extract(ExtractArgs),
    /// In văn bản đã sửa (UTF-8, NFC) của các tệp (.txt ở mọi bảng mã, .docx, PDF).
    Normalize(NormalizeArgs),
    /// Liệt kê các quy tắc cùng mức độ.
    Rules(RulesArgs),
    /// In tài liệu của một quy tắc.
    Rule {
        /// Mã quy tắc, ví dụ deadline-before-issue-date.
        id: String,
    },
    /// Start the reviewer's page and the HTTP API (local web server).
    Serve(ServeArgs),
    /// In tập lệnh gợi ý hoàn thành cho shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// Shell.
        shell: clap_complete::Shell,
    },
    /// In trang hướng dẫn (man, định dạng roff), ví dụ `vblint man > vblint.1`.
    Man,
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

/// Khi nào tô màu kết quả dạng văn bản.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Trên terminal, trừ khi đặt NO_COLOR.
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Tệp hoặc thư mục (thư mục được duyệt tìm tệp .txt, .docx và .pdf); `-` đọc đầu vào
    /// chuẩn.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Số luồng xử lý, từ 1 đến 256 (mặc định: mỗi lõi một luồng).
    #[arg(long, short = 'j', value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Tệp lớn hơn mức này bị báo lỗi, không đọc; cùng giới hạn áp dụng cho văn bản trích từ
    /// .docx, PDF và văn bản gửi kèm trong --stdin-lines. Số byte, hoặc kèm đơn vị:
    /// 512K, 10M, 10MB, 1G (K = 1024 byte).
    #[arg(long, default_value = "50M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Khi duyệt thư mục, gồm cả tệp ẩn và tệp bị .gitignore bỏ qua.
    #[arg(long)]
    pub no_ignore: bool,
    /// Khi duyệt thư mục, chỉ kiểm tra tệp khớp mẫu glob này (cú pháp ripgrep; `!` để loại). Lặp lại được.
    #[arg(long = "glob", short = 'g')]
    pub globs: Vec<String>,
    /// Đối chiếu các ngày với ngày này (YYYY-MM-DD) trong văn bản không ghi ngày ban hành.
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// Ghi kết quả vào tệp này thay vì đầu ra chuẩn (không được là một tệp đầu vào).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Đọc tệp cấu hình này thay vì `vblint.toml` tìm thấy phía trên đường dẫn đầu tiên.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Thư mục dữ liệu quy tắc bổ sung (documents.toml, anniversaries.toml, …) đặt chồng lên
    /// dữ liệu có sẵn và mục `rules` của cấu hình. Lặp lại được.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Kiểm tra thêm các đường dẫn liệt kê trong TỆP (mỗi dòng một đường dẫn; `-` đọc đầu vào chuẩn).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// Danh sách --files-from phân cách bằng NUL (như `find -print0` ghi ra).
    #[arg(long = "null", short = '0', requires = "files_from")]
    pub null: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Chẩn đoán kiểu rustc, kèm dòng văn bản.
    Text,
    /// Mỗi lỗi một dòng.
    Concise,
    /// Một tài liệu JSON (hợp đồng ổn định).
    Json,
    /// Mỗi tệp một đối tượng JSON, mỗi đối tượng một dòng.
    Jsonl,
    /// SARIF 2.1.0 (bảng điều khiển quét mã).
    Sarif,
    /// Chú thích cho GitHub Actions.
    Github,
    /// Mỗi lỗi một dòng CSV (bảng tính).
    Csv,
    /// Một báo cáo HTML độc lập (tổng số, biểu đồ, bảng tệp sắp xếp được).
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
    /// Định dạng kết quả (mặc định: text; jsonl với --stdin-lines).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Chỉ các quy tắc này (mã hoặc tiền tố, phân cách bằng dấu phẩy; ví dụ `citation,invalid-date`).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Bỏ qua các quy tắc này (mã hoặc tiền tố, phân cách bằng dấu phẩy).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Thoát với mã 1 khi có lỗi ở mức này trở lên.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    pub fail_on: Severity,
    /// Thoát với mã 0 cả khi có lỗi tìm thấy (tệp không đọc được vẫn thoát với mã 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Không in tóm tắt và tiến độ ra đầu ra lỗi chuẩn.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Thay vì từng lỗi, in số lần mỗi quy tắc báo lỗi (JSON với --format json).
    #[arg(long, conflicts_with = "stdin_lines")]
    pub statistics: bool,
    /// Tô màu kết quả dạng văn bản: auto (terminal không đặt NO_COLOR), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Chế độ dòng chảy cho hệ tính toán phân tán: đọc mỗi dòng đầu vào chuẩn một yêu cầu (một
    /// đường dẫn, hoặc JSON {"id","path"} / {"id","text"}) và ghi mỗi yêu cầu một kết quả JSON Lines
    /// kèm "id", ghi ngay. Lỗi của từng yêu cầu nằm trong bản ghi, không đổi mã thoát.
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
    /// Kèm văn bản đã phân tích của mỗi tệp (để dò theo số dòng).
    #[arg(long)]
    pub text: bool,
    /// Mỗi tệp một đối tượng JSON trên một dòng thay vì một tài liệu.
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(Args, Debug)]
pub struct NormalizeArgs {
    /// Các tệp cần sửa (.doc, .docx và .pdf cho văn bản trích ra); `-` đọc đầu vào chuẩn.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Ghi văn bản đã sửa vào tệp này (chỉ một tệp đầu vào).
    #[arg(long, short = 'o', conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Thay mỗi tệp bằng văn bản đã sửa, nguyên tử, xuyên qua liên kết tượng trưng, giữ quyền
    /// truy cập; bản gốc giữ ở TỆP.bak (hoặc TỆP.bak.1, TỆP.bak.2, … nếu đã có: không bao giờ
    /// ghi đè bản sao lưu). Tệp .docx được ghi lại thành chính văn bản đó bằng phông Unicode.
    #[arg(long)]
    pub in_place: bool,
    /// Ghi mỗi tệp .docx thành chính văn bản đó bằng Unicode (đoạn phông cũ được giải mã, phông
    /// được đổi), và mỗi tệp .doc thành một .docx Unicode, vào thư mục này với tên của nó (thư mục
    /// đầu vào được duyệt). `-o RA.docx` làm như vậy cho một tệp.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "in_place"])]
    pub docx_out: Option<PathBuf>,
    /// Báo ra đầu ra lỗi chuẩn, cho từng tệp, bảng mã phát hiện được và những gì đã sửa.
    #[arg(long)]
    pub report: bool,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// In dưới dạng JSON.
    #[arg(long)]
    pub json: bool,
    /// Hiện mức độ và lựa chọn quy tắc theo tệp cấu hình này (mặc định: `vblint.toml` tìm
    /// thấy từ thư mục hiện tại trở lên).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("không phải ngày hợp lệ (YYYY-MM-DD): {s}"))
}

/// The most worker threads accepted: more cannot make a 2- to 64-core machine faster, and each
/// thread costs a stack.
pub const MAX_THREADS: usize = 256;

fn parse_threads(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        Ok(0) => Err("số luồng phải từ 1 trở lên".to_string()),
        Ok(_) => Err(format!("tối đa {MAX_THREADS} luồng")),
        Err(_) => Err(format!("không phải số luồng: {s}")),
    }
}

/// A size in bytes: a number, optionally followed by K, M or G (powers of 1024), with or without
/// a trailing B ("10M", "10MB", "512K", "1G", "1048576").
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let upper = t.to_ascii_uppercase();
    let upper = upper.strip_suffix("IB").map_or(upper.as_str(), |u| u);
    let upper = upper.strip_suffix('B').unwrap_or(upper);
    let (digits, unit) = match upper.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&upper[..i], Some(c)),
        _ => (upper, None),
    };
    let shift = match unit {
        None => 0,
        Some('K') => 10,
        Some('M') => 20,
        Some('G') => 30,
        Some('T') => 40,
        Some(_) => return Err(format!("đơn vị không hợp lệ trong {s} (dùng K, M, G)")),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("không phải kích thước: {s} (ví dụ 10M, 512K, 1G, 1048576)"))?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("kích thước quá lớn: {s}"))
}

/// The help layout with Vietnamese headings (clap's own are English).
const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command line definition with every text a person reads in Vietnamese: headings, the help
/// and version flags, at every level. `vblint completions` and `vblint man` are generated from it.
pub fn command() -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command()
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help("In phiên bản"),
        );
    localize(command)
}

fn localize(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP_TEMPLATE)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("In trợ giúp (-h: tóm tắt, --help: đầy đủ)"),
        )
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(localize_arg)
        .mut_subcommands(localize)
}

/// One argument's help in Vietnamese: heading, value name, default and choices (clap writes
/// "[default: …]" and "[possible values: …]" in English, so they are hidden and said here).
fn localize_arg(arg: clap::Arg) -> clap::Arg {
    let heading = if arg.is_positional() {
        "Đối số"
    } else {
        "Tùy chọn"
    };
    let value_name = match arg.get_id().as_str() {
        "paths" => Some("ĐƯỜNG_DẪN"),
        "files" => Some("TỆP"),
        "threads" => Some("N"),
        "max_file_size" => Some("CỠ"),
        "globs" => Some("MẪU"),
        "reference_date" => Some("NGÀY"),
        "output" | "config" | "files_from" => Some("TỆP"),
        "rules_dirs" => Some("THƯ_MỤC"),
        "format" | "fail_on" | "color" | "shell" => Some("GIÁ_TRỊ"),
        "select" | "ignore" => Some("QUY_TẮC"),
        "id" => Some("MÃ"),
        _ => None,
    };
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        notes.push(format!("mặc định: {}", defaults.join(", ")));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && arg.get_action().takes_values() {
        notes.push(format!("một trong: {}", choices.join(", ")));
    }
    let mut arg = arg
        .help_heading(heading)
        .hide_default_value(true)
        .hide_possible_values(true);
    if let Some(name) = value_name
        && arg.get_action().takes_values()
    {
        arg = arg.value_name(name);
    }
    if notes.is_empty() {
        return arg;
    }
    let note = format!(" [{}]", notes.join("; "));
    let short = arg.get_help().map(|h| format!("{h}{note}"));
    let long = arg.get_long_help().map(|h| format!("{h}{note}"));
    if let Some(h) = short {
        arg = arg.help(h);
    }
    if let Some(h) = long {
        arg = arg.long_help(h);
    }
    arg
}

/// Parses the process's arguments; help and version are printed, and any other error is said in
/// Vietnamese and exits 2.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
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
            eprintln!("vblint: {}\n(xem `vblint --help`)", usage_message(&e));
            std::process::exit(EXIT_ERROR);
        }
    }
}

/// A clap parse error in Vietnamese.
fn usage_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let suggestion = match e.get(ContextKind::SuggestedArg) {
        Some(s) => format!("; có phải ý bạn là {s}?"),
        None => String::new(),
    };
    match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue);
            let choices = if valid.is_empty() {
                String::new()
            } else {
                format!("; chọn một trong: {valid}")
            };
            if value.is_empty() {
                format!("{arg} cần một giá trị{choices}")
            } else {
                format!("giá trị '{value}' không hợp lệ cho {arg}{choices}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho {arg}{why}")
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn {arg}{suggestion}"),
        ErrorKind::InvalidSubcommand => {
            let name = get(ContextKind::InvalidSubcommand);
            let suggested = match e.get(ContextKind::SuggestedSubcommand) {
                Some(s) => format!("; có phải ý bạn là {s}?"),
                None => String::new(),
            };
            format!("không có lệnh {name}{suggested}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand => {
            "thiếu lệnh: check, extract, normalize, rules, rule, completions hoặc man".to_string()
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            format!("{arg} không dùng cùng được với {prior}")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị không đúng cho {arg}")
        }
        ErrorKind::NoEquals => format!("{arg} cần dạng {arg}=GIÁ_TRỊ"),
        _ => {
            // Other kinds are rare; clap's own words, without its "error:" prefix.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("");
            first.trim_start_matches("error: ").to_string()
        }
    }
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
        Command::Completions { shell } => completions(shell),
        Command::Man => man(),
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
fn open_output(input: &InputArgs) -> Result<Output, String> {
    let Some(path) = input.output.as_deref() else {
        return Ok(Output::stdout());
    };
    refuse_output_among(path, input.paths.iter().chain(&input.files_from))?;
    Output::open(path).map_err(|e| format!("-o {}: không ghi được: {e}", shorten_path(path)))
}

/// An error when `output` is the same file (device and inode) as one of `inputs`.
fn refuse_output_among<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a PathBuf>,
) -> Result<(), String> {
    let Some(id) = crate::output::file_id(output) else {
        return Ok(());
    };
    match inputs
        .into_iter()
        .find(|p| p.as_os_str() != "-" && crate::output::file_id(p) == Some(id))
    {
        Some(p) => Err(format!(
            "tệp kết quả -o {} cũng là tệp đầu vào {}: ghi vào đó sẽ xóa văn bản trước khi đọc; \
             hãy ghi kết quả ra tệp khác",
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
fn commit_output(output: Output, path: Option<&Path>) -> io::Result<()> {
    output.commit().map_err(|e| {
        let name = path.map(shorten_path).unwrap_or_else(|| "-".to_string());
        io::Error::new(e.kind(), format!("-o {name}: không ghi được: {e}"))
    })
}

/// Said (exit 2) when a run found nothing to check: an empty directory, a glob matching nothing.
const NOTHING_FOUND: &str = "không tìm thấy tệp nào để kiểm tra";

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

fn completions(shell: clap_complete::Shell) -> io::Result<i32> {
    let mut command = command();
    clap_complete::generate(shell, &mut command, "vblint", &mut io::stdout().lock());
    Ok(EXIT_OK)
}

fn man() -> io::Result<i32> {
    clap_mangen::Man::new(command()).render(&mut io::stdout().lock())?;
    Ok(EXIT_OK)
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
    // "citation," and "a,,b" name no empty rule: blank items are dropped.
    let nonblank = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let selection = config.selection(&nonblank(select), &nonblank(ignore));
    let unknown = selection.unknown_selectors();
    if !unknown.is_empty() {
        return Err(format!(
            "không có quy tắc: {} (xem `vblint rules`)",
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
    let mut output = match open_output(&args.input) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let out = output.take_writer();
    let to_terminal = args.input.output.is_none() && io::stdout().is_terminal();
    if args.statistics && !matches!(format, Format::Text | Format::Concise | Format::Json) {
        return usage_error("--statistics in ra dạng text hoặc --format json".to_string());
    }
    let mut reporter: Box<dyn Reporter + Send> = match format {
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
            .with_errors_to(Box::new(io::stderr())),
        ),
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
        drop(reporter);
        commit_output(output, args.input.output.as_deref())?;
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
        let inputs = match inputs(&args.input, &output.guarded) {
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
    let inputs = match inputs(&args.input, &output.guarded) {
        Ok(i) => i,
        Err(e) => return usage_error(e),
    };
    let pool = thread_pool(args.input.threads)?;
    let show_progress = !args.quiet && io::stderr().is_terminal();
    let bar = crate::progress::Bar::new(show_progress, to_terminal);
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
    commit_output(output, args.input.output.as_deref())?;
    if !args.quiet && !format.is_machine_json() {
        if args.statistics {
            eprintln!("{}", outcome.summary.human());
        } else {
            eprintln!("{}", outcome.summary.human_with_rules());
        }
    }
    if outcome.summary.files == 0 {
        return usage_error(NOTHING_FOUND.to_string());
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
                let original = std::fs::read(&path)?;
                let backup = crate::output::replace_in_place(&path, &original, new.as_bytes())?;
                if !args.quiet {
                    let rules: Vec<String> =
                        applied.iter().map(|(r, n)| format!("{r}: {n}")).collect();
                    let total: usize = applied.iter().map(|(_, n)| n).sum();
                    eprintln!(
                        "vblint: {name}: đã sửa {total} lỗi ({}); bản gốc giữ ở {}",
                        rules.join(", "),
                        backup.display()
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

/// The inputs of a run: the paths given (unless only --files-from is), then the --files-from list;
/// never the `guarded` files (the `-o` output and its temporary file).
fn inputs(input: &InputArgs, guarded: &[FileId]) -> Result<Inputs, String> {
    let all = all_inputs(input)?;
    if guarded.is_empty() {
        return Ok(all);
    }
    let guarded = guarded.to_vec();
    Ok(Box::new(all.filter(move |item| match item {
        Ok(Input::File(p)) => crate::output::file_id(p).is_none_or(|id| !guarded.contains(&id)),
        _ => true,
    })))
}

fn all_inputs(input: &InputArgs) -> Result<Inputs, String> {
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
        inputs(&input, &guarded).map_or(0, |i| i.count() as u64)
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
    let mut output = match open_output(&args.input) {
        Ok(o) => o,
        Err(e) => return usage_error(e),
    };
    let out = output.take_writer();
    let mut reporter: Box<dyn Reporter + Send> = if args.jsonl {
        Box::new(JsonLinesReporter::new(out))
    } else {
        Box::new(JsonReporter::new(out))
    };
    let inputs = match inputs(&args.input, &output.guarded) {
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
    drop(reporter);
    commit_output(output, args.input.output.as_deref())?;
    if outcome.summary.files == 0 {
        return usage_error(NOTHING_FOUND.to_string());
    }
    Ok(if outcome.summary.errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}

fn normalize(args: NormalizeArgs) -> io::Result<i32> {
    if args.output.is_some() && args.files.len() != 1 {
        return usage_error("--output chỉ nhận đúng một tệp đầu vào".to_string());
    }
    if args.in_place && args.files.iter().any(|f| f.as_os_str() == "-") {
        return usage_error(
            "--in-place cần tệp, không dùng được với đầu vào chuẩn (-)".to_string(),
        );
    }
    if let Some(out) = &args.output
        && let Err(e) = refuse_output_among(out, &args.files)
    {
        return usage_error(e);
    }
    // Every file is attempted; each failure is named, and the run exits 2 at the end.
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
        let result = match explicit_target.clone().or_else(|| docx_target(file, &args)) {
            Some(target) => normalize_docx(file, &target, &args).map_err(io::Error::other),
            None => normalize_one(file, &args),
        };
        if let Err(e) = result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Err(e);
            }
            eprintln!("vblint: {}: {e}", shorten_path(file));
            code = EXIT_ERROR;
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
fn normalize_docx(file: &Path, target: &Path, args: &NormalizeArgs) -> Result<(), String> {
    let bytes = &std::fs::read(file).map_err(|e| format!("không đọc được: {e}"))?;
    let Some(kind @ (crate::container::Kind::Docx | crate::container::Kind::Doc)) =
        crate::container::Kind::of_path(file)
    else {
        return Err(
            "chỉ tệp .docx và .doc mới ghi được thành .docx Unicode; ghi văn bản bằng -o TỆP.txt"
                .to_string(),
        );
    };
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
        crate::output::replace_in_place(file, bytes, &converted.bytes).map(|_| ())
    } else {
        crate::output::write_file(target, &converted.bytes)
    };
    written.map_err(|e| format!("không ghi được {}: {e}", target.display()))
}

/// Repairs one file and writes it where asked (stdout, `-o`, or in place).
fn normalize_one(file: &Path, args: &NormalizeArgs) -> io::Result<()> {
    let name = file.display().to_string();
    let stdin = file.as_os_str() == "-";
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(file)
    }
    .map_err(|e| io::Error::new(e.kind(), format!("không đọc được: {e}")))?;
    let container = if stdin {
        crate::container::Kind::sniff(&bytes)
    } else {
        crate::container::Kind::of_path(file)
    };
    if container.is_some() && args.in_place {
        return Err(io::Error::other(
            "--in-place chỉ ghi lại tệp văn bản và tệp .docx; hãy lưu văn bản của tệp .doc hoặc PDF bằng -o TỆP.txt",
        ));
    }
    let decoded = match container {
        Some(kind) => normalize_container(&name, kind, &bytes),
        None => decode::decode(&bytes)
            .map(|d| (d.text, d.report))
            .map_err(|e| e.to_string()),
    };
    let (mut text, report) = decoded.map_err(io::Error::other)?;
    if args.report {
        eprintln!("{}", normalize_report(&name, &report));
    }
    if !text.ends_with('\n') && (bytes.ends_with(b"\n") || container.is_some()) {
        text.push('\n');
    }
    if args.in_place {
        crate::output::replace_in_place(file, &bytes, text.as_bytes())?;
    } else if let Some(out) = &args.output {
        crate::output::write_file(out, text.as_bytes()).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("-o {}: không ghi được: {e}", shorten_path(out)),
            )
        })?;
    } else {
        let mut stdout = io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
    }
    Ok(())
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
        None => usage_error(format!("không có quy tắc: {id} (xem `vblint rules`)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units_are_powers_of_1024() {
        assert_eq!(
            parse_size("50M"),
            Ok(crate::input::DEFAULT_MAX_FILE_SIZE),
            "the default is written 50M"
        );
        for (s, n) in [
            ("1048576", 1 << 20),
            ("512K", 512 << 10),
            ("10MB", 10 << 20),
            ("10mib", 10 << 20),
            ("1G", 1 << 30),
            (" 3k ", 3 << 10),
        ] {
            assert_eq!(parse_size(s), Ok(n), "{s}");
        }
        for s in ["", "M", "10X", "-1", "1.5M", "99999999999T"] {
            assert!(parse_size(s).is_err(), "{s}");
        }
    }
}
