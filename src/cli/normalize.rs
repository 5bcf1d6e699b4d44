//! `vblint normalize`: the repaired text of each input, to standard output, `-o`, in place
//! (atomically, with a backup) or as Unicode .docx files.

use super::args::NormalizeArgs;
use super::{EXIT_ERROR, EXIT_OK, refuse_output_among, shorten_path, usage_error};
use crate::decode;
use crate::lang::Lang;
use crate::tr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(super) fn normalize(args: NormalizeArgs, lang: Lang) -> io::Result<i32> {
    if args.output.is_some() && args.files.len() != 1 {
        return usage_error(
            lang.pick(
                "--output chỉ nhận đúng một tệp đầu vào",
                "--output takes exactly one input file",
            )
            .to_string(),
        );
    }
    if args.in_place && args.files.iter().any(|f| f.as_os_str() == "-") {
        return usage_error(
            lang.pick(
                "--in-place cần tệp, không dùng được với đầu vào chuẩn (-)",
                "--in-place needs files; it cannot be used with standard input (-)",
            )
            .to_string(),
        );
    }
    if let Some(out) = &args.output
        && let Err(e) = refuse_output_among(out, &args.files, lang)
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
            Some(target) => normalize_docx(file, &target, &args, lang).map_err(io::Error::other),
            None => normalize_one(file, &args, lang),
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
pub(super) fn docx_files_under(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
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
pub(super) fn docx_target(file: &Path, args: &NormalizeArgs) -> Option<PathBuf> {
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
pub(super) fn normalize_docx(
    file: &Path,
    target: &Path,
    args: &NormalizeArgs,
    lang: Lang,
) -> Result<(), String> {
    let bytes = &std::fs::read(file)
        .map_err(|e| tr!(lang, "không đọc được: {e}", "cannot read it: {e}"))?;
    let Some(kind @ (crate::container::Kind::Docx | crate::container::Kind::Doc)) =
        crate::container::Kind::of_path(file)
    else {
        return Err(lang
            .pick(
                "chỉ tệp .docx và .doc mới ghi được thành .docx Unicode; ghi văn bản bằng -o TỆP.txt",
                "only .docx and .doc files can be written as Unicode .docx; write the text with -o FILE.txt",
            )
            .to_string());
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
        return Err(tr!(
            lang,
            "{} là chính tệp đầu vào: dùng --in-place (giữ bản sao .bak) hoặc một tệp/thư mục khác",
            "{} is the input file itself: use --in-place (keeps a .bak copy) or another file or directory",
            target.display()
        ));
    }
    let limits = crate::container::Limits {
        lang,
        max_text: args.max_file_size,
        ..crate::container::Limits::default()
    };
    let converted = match kind {
        crate::container::Kind::Doc => crate::container::unicode_docx::Converted {
            bytes: crate::container::doc::to_docx(bytes, &limits)?,
            ..Default::default()
        },
        _ => crate::container::unicode_docx::convert(bytes, &limits)?,
    };
    if args.report && kind == crate::container::Kind::Docx {
        let (name, texts, fonts) = (
            file.display(),
            converted.decoded_texts,
            converted.renamed_fonts,
        );
        eprintln!(
            "{}",
            tr!(
                lang,
                "{name}: {texts} đoạn văn bản phông cũ chuyển sang Unicode, {fonts} tên phông đổi sang phông Unicode",
                "{name}: {texts} legacy-font text runs converted to Unicode, {fonts} font names changed to Unicode fonts"
            )
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
    written.map_err(|e| {
        let shown = target.display();
        tr!(
            lang,
            "không ghi được {shown}: {e}",
            "cannot write {shown}: {e}"
        )
    })
}

/// Repairs one file and writes it where asked (stdout, `-o`, or in place).
pub(super) fn normalize_one(file: &Path, args: &NormalizeArgs, lang: Lang) -> io::Result<()> {
    let name = file.display().to_string();
    let stdin = file.as_os_str() == "-";
    let bytes = if stdin {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(file)
    }
    .map_err(|e| {
        io::Error::new(
            e.kind(),
            tr!(lang, "không đọc được: {e}", "cannot read it: {e}"),
        )
    })?;
    let container = if stdin {
        crate::container::Kind::sniff(&bytes)
    } else {
        crate::container::Kind::of_path(file)
    };
    if container.is_some() && args.in_place {
        return Err(io::Error::other(lang.pick(
            "--in-place chỉ ghi lại tệp văn bản và tệp .docx; hãy lưu văn bản của tệp .doc hoặc PDF bằng -o TỆP.txt",
            "--in-place rewrites text files and .docx files only; save the text of a .doc or PDF file with -o FILE.txt",
        )));
    }
    let ends_with_newline = bytes.ends_with(b"\n");
    // The input is needed again only to back it up; otherwise the decoder takes it over (clean
    // UTF-8 becomes the text itself), so the input and the text are not held at once.
    let (decoded, original) = match container {
        Some(kind) => {
            let decoded = normalize_container(&name, kind, &bytes, args.max_file_size, lang);
            drop(bytes);
            (decoded, None)
        }
        None if args.in_place => (
            decode::decode(&bytes)
                .map(|d| (d.text, d.report))
                .map_err(|e| e.message(lang)),
            Some(bytes),
        ),
        None => (
            decode::decode_owned(bytes)
                .map(|d| (d.text, d.report))
                .map_err(|e| e.message(lang)),
            None,
        ),
    };
    let (mut text, report) = decoded.map_err(io::Error::other)?;
    if args.report {
        eprintln!("{}", normalize_report(&name, &report, lang));
    }
    if !text.ends_with('\n') && (ends_with_newline || container.is_some()) {
        text.push('\n');
    }
    if let Some(original) = &original {
        crate::output::replace_in_place(file, original, text.as_bytes())?;
    } else if let Some(out) = &args.output {
        crate::output::write_file(out, text.as_bytes()).map_err(|e| {
            let shown = shorten_path(out);
            io::Error::new(
                e.kind(),
                tr!(
                    lang,
                    "-o {shown}: không ghi được: {e}",
                    "-o {shown}: cannot write: {e}"
                ),
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
pub(super) fn normalize_container(
    name: &str,
    kind: crate::container::Kind,
    bytes: &[u8],
    max_text: u64,
    lang: Lang,
) -> Result<(String, decode::EncodingReport), String> {
    let limits = crate::container::Limits {
        lang,
        max_text,
        ..crate::container::Limits::default()
    };
    let extracted = crate::container::extract(kind, bytes, &limits)?;
    let (source, report) = crate::container::source_of(name, &extracted);
    Ok((source.text, report))
}

/// Lines named in a report before the rest are only counted.
const LINES_SHOWN: usize = 12;

/// The repaired runs: how many, of which damage, and on which lines (the first
/// [`LINES_SHOWN`], then a count), e.g. ", đã sửa 5 đoạn trên 3 dòng (tcvn3-as-cp1252: 4,
/// pdf-glyphs-changed: 1): dòng 2, 7, 9".
fn repairs_summary(repairs: &[decode::Repair], lang: Lang) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for r in repairs {
        match kinds.iter_mut().find(|(k, _)| *k == r.encoding) {
            Some((_, n)) => *n += 1,
            None => kinds.push((&r.encoding, 1)),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let kinds = kinds
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines: Vec<u32> = repairs.iter().map(|x| x.line).collect();
    lines.sort_unstable();
    lines.dedup();
    let (n, m) = (repairs.len(), lines.len());
    let mut shown = lines
        .iter()
        .take(LINES_SHOWN)
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if m > LINES_SHOWN {
        let more = m - LINES_SHOWN;
        shown.push_str(&tr!(lang, " và {more} dòng nữa", " and {more} more"));
    }
    tr!(
        lang,
        ", đã sửa {n} đoạn trên {m} dòng ({kinds}): dòng {shown}",
        ", repaired {n} runs on {m} lines ({kinds}): lines {shown}"
    )
}

/// One line per file: encoding, confidence and everything that was converted, normalized,
/// replaced or repaired.
pub fn normalize_report(name: &str, r: &decode::EncodingReport, lang: Lang) -> String {
    let (encoding, confidence) = (&r.name, r.confidence);
    let bom = match (r.bom, lang) {
        (false, _) => "",
        (true, Lang::Vi) => ", có BOM",
        (true, Lang::En) => ", with BOM",
    };
    let mut s = tr!(
        lang,
        "{name}: {encoding} (độ tin cậy {confidence:.2}){bom}",
        "{name}: {encoding} (confidence {confidence:.2}){bom}"
    );
    if r.normalized_lines > 0 {
        let n = r.normalized_lines;
        s.push_str(&tr!(
            lang,
            ", {n} dòng chuẩn hóa NFC",
            ", {n} lines normalized to NFC"
        ));
    }
    if r.replaced > 0 {
        let n = r.replaced;
        s.push_str(&tr!(
            lang,
            ", {n} chuỗi byte lỗi thay bằng U+FFFD",
            ", {n} invalid byte sequences replaced by U+FFFD"
        ));
    }
    let whole_file_decode = !matches!(r.name.as_str(), "utf-8" | "utf-16le" | "utf-16be");
    if whole_file_decode {
        s.push_str(&tr!(
            lang,
            ", cả tệp chuyển từ {encoding} sang Unicode",
            ", the whole file converted from {encoding} to Unicode"
        ));
    }
    if let Some(damage) = &r.damage {
        s.push_str(&tr!(
            lang,
            ", cả tệp hỏng kiểu {damage}: đã sửa toàn bộ",
            ", the whole file damaged as {damage}: repaired throughout"
        ));
    }
    if !r.repairs.is_empty() {
        s.push_str(&repairs_summary(&r.repairs, lang));
    }
    let repaired_anything = whole_file_decode
        || r.damage.is_some()
        || !r.repairs.is_empty()
        || r.normalized_lines > 0
        || r.replaced > 0;
    if !repaired_anything {
        s.push_str(lang.pick(", không có đoạn nào cần sửa", ", nothing needed repair"));
    }
    s
}
