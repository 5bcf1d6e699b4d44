//! The command line: clap types with every help text in Vietnamese, value parsers, and the
//! localized [`command`] that `--help`, `vblint completions` and `vblint man` are made from.

use super::english;
use crate::date::Date;
use crate::finding::Severity;
use crate::lang::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// Ngôn ngữ của mọi thông báo, kết quả và trợ giúp: vi (mặc định) hoặc en. Không ghi thì đọc
    /// biến môi trường VBLINT_LANG, rồi khóa `lang` của vblint.toml.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
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
    /// Khởi động trang duyệt văn bản và API HTTP (máy chủ web cục bộ).
    Serve(ServeArgs),
    /// In tập lệnh gợi ý hoàn thành cho shell (bash, zsh, fish, elvish, powershell).
    Completions {
        /// Shell cần tập lệnh gợi ý.
        shell: clap_complete::Shell,
    },
    /// In trang hướng dẫn (man, định dạng roff), ví dụ `vblint man > vblint.1`.
    Man,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Địa chỉ lắng nghe (mặc định chỉ nhận kết nối từ chính máy này; địa chỉ khác thì in cảnh
    /// báo).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Mở trang trong trình duyệt của máy (xdg-open hoặc open); không mở được thì in địa chỉ.
    #[arg(long)]
    pub open: bool,
    /// Đòi tiêu đề `Authorization: Bearer TOKEN` ở mọi yêu cầu API.
    #[arg(long)]
    pub token: Option<String>,
    /// Cỡ lớn nhất của thân yêu cầu, tính bằng byte (lớn hơn thì trả lời 413).
    #[arg(long, default_value_t = crate::serve::DEFAULT_MAX_UPLOAD)]
    pub max_upload: usize,
    /// Số yêu cầu được kiểm tra cùng lúc (mặc định: mỗi lõi một yêu cầu); yêu cầu khác chờ trong
    /// hàng đợi có giới hạn (429 khi hàng đợi đầy, 503 sau 10 giây chờ).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Đối chiếu các ngày với ngày này (YYYY-MM-DD) trong văn bản không ghi ngày ban hành.
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<Date>,
    /// Đọc tệp cấu hình này thay vì `vblint.toml` tìm thấy từ thư mục hiện tại trở lên.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Thư mục dữ liệu quy tắc bổ sung (documents.toml, anniversaries.toml, …) đặt chồng lên
    /// dữ liệu có sẵn và mục `rules` của cấu hình. Lặp lại được.
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
    pub(super) fn is_machine_json(self) -> bool {
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
    /// Áp dụng các sửa an toàn cho tệp văn bản UTF-8 (nguyên tử, bản gốc giữ ở TỆP.bak), rồi báo
    /// những lỗi còn lại.
    #[arg(long, conflicts_with = "stdin_lines")]
    pub fix: bool,
    /// Cùng với --fix hoặc --diff, áp dụng cả những sửa làm đổi một ngày, một con số hay một từ.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// In các sửa dưới dạng unified diff (của văn bản trích ra, với .docx, .doc và PDF), không
    /// thay đổi tệp nào.
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
    /// Văn bản trích từ .docx, .doc hoặc PDF lớn hơn mức này bị báo lỗi, không ghi ra (tệp văn
    /// bản thì không giới hạn). Số byte, hoặc kèm đơn vị: 512K, 10M, 10MB, 1G (K = 1024 byte).
    #[arg(long, default_value = "50M", value_parser = parse_size)]
    pub max_file_size: u64,
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

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| crate::lang::unknown_message("--lang", s))
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

/// The same layout in English.
const HELP_TEMPLATE_EN: &str =
    "{before-help}{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}";

/// The command line definition with every text a person reads in Vietnamese: headings, the help
/// and version flags, at every level. `vblint completions` and `vblint man` are generated from it.
pub fn command() -> clap::Command {
    command_in(Lang::Vi)
}

/// [`command`] with every text in `lang`: in English, the help of each command and argument is
/// replaced by its entry in [`english`].
pub fn command_in(lang: Lang) -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command()
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(lang.pick("In phiên bản", "Print the version")),
        );
    let command = match lang {
        Lang::Vi => command,
        Lang::En => command
            .about(english::ABOUT)
            .long_about(english::LONG_ABOUT)
            .mut_subcommands(english::command),
    };
    localize(command, lang)
}

fn localize(command: clap::Command, lang: Lang) -> clap::Command {
    let command = match lang {
        Lang::Vi => command,
        Lang::En => english::arguments(command),
    };
    command
        .help_template(lang.pick(HELP_TEMPLATE, HELP_TEMPLATE_EN))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(lang.pick(
                    "In trợ giúp (-h: tóm tắt, --help: đầy đủ)",
                    "Print help (-h: summary, --help: in full)",
                )),
        )
        .subcommand_help_heading(lang.pick("Lệnh", "Commands"))
        .subcommand_value_name(lang.pick("LỆNH", "COMMAND"))
        .mut_args(move |arg| localize_arg(arg, lang))
        .mut_subcommands(move |sub| localize(sub, lang))
}

/// One argument's help in `lang`: heading, value name, default and choices (clap writes
/// "[default: …]" and "[possible values: …]" in English, so they are hidden and said here).
fn localize_arg(arg: clap::Arg, lang: Lang) -> clap::Arg {
    let heading = if arg.is_positional() {
        lang.pick("Đối số", "Arguments")
    } else {
        lang.pick("Tùy chọn", "Options")
    };
    let value_name = match arg.get_id().as_str() {
        "paths" => Some(lang.pick("ĐƯỜNG_DẪN", "PATH")),
        "files" => Some(lang.pick("TỆP", "FILE")),
        "threads" => Some("N"),
        "max_file_size" => Some(lang.pick("CỠ", "SIZE")),
        "globs" => Some(lang.pick("MẪU", "GLOB")),
        "reference_date" => Some(lang.pick("NGÀY", "DATE")),
        "output" | "config" | "files_from" => Some(lang.pick("TỆP", "FILE")),
        "rules_dirs" => Some(lang.pick("THƯ_MỤC", "DIR")),
        "format" | "fail_on" | "color" | "shell" => Some(lang.pick("GIÁ_TRỊ", "VALUE")),
        "select" | "ignore" => Some(lang.pick("QUY_TẮC", "RULES")),
        "id" => Some(lang.pick("MÃ", "ID")),
        _ => None,
    };
    let mut notes = Vec::new();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        let defaults = defaults.join(", ");
        notes.push(crate::tr!(
            lang,
            "mặc định: {defaults}",
            "default: {defaults}"
        ));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() && arg.get_action().takes_values() {
        let choices = choices.join(", ");
        notes.push(crate::tr!(
            lang,
            "một trong: {choices}",
            "one of: {choices}"
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every help and about text a person reads, with the command path it belongs to.
    fn help_texts(command: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
        let path = format!("{path} {}", command.get_name());
        if let Some(about) = command.get_about() {
            out.push((path.clone(), about.to_string()));
        }
        for arg in command.get_arguments() {
            for help in [arg.get_help(), arg.get_long_help()].into_iter().flatten() {
                out.push((format!("{path} {}", arg.get_id()), help.to_string()));
            }
        }
        for sub in command.get_subcommands() {
            help_texts(sub, &path, out);
        }
    }

    #[test]
    fn every_help_text_is_vietnamese() {
        let mut texts = Vec::new();
        help_texts(&command(), "", &mut texts);
        assert!(
            texts.len() > 40,
            "the walk sees the arguments: {}",
            texts.len()
        );
        // Vietnamese prose has letters outside ASCII (ă, ê, ơ, đ, tones); English help has none.
        let english: Vec<_> = texts.iter().filter(|(_, h)| h.is_ascii()).collect();
        assert!(
            english.is_empty(),
            "help texts not in Vietnamese: {english:?}"
        );
    }

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
