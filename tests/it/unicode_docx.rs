//! `vblint normalize IN.docx -o OUT.docx`: legacy-font .docx files rewritten as the same documents
//! in Unicode. The rewrite reads as the same text as the original, names no legacy font anywhere,
//! keeps every run's formatting (bold, italic, size, paragraph alignment) and every other part, and
//! opens in LibreOffice.

use crate::common::{soffice, temp_dir, vblint};

use crate::common::{Fonts, Variant, formatted_docx, seed_docx, seeds};
use regex::Regex;
use std::io::Read;
use std::path::Path;
use std::process::Command;
use vblint::container::{self, Kind, Limits, unicode_docx};

/// The legacy-font fixtures: the seeds in TCVN3 and VNI fonts (with automatic numbering too) and
/// the formatted plan.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let variants = [
        Variant::new(Fonts::Tcvn3, false),
        Variant::new(Fonts::Vni, false),
        Variant::new(Fonts::Tcvn3, true),
    ];
    let mut out = vec![("formatted".to_string(), formatted_docx())];
    for (name, text) in seeds() {
        for v in variants {
            out.push((
                format!("{}.{}", name.trim_end_matches(".txt"), v.name()),
                seed_docx(&text, v),
            ));
        }
    }
    out
}

fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let mut v = Vec::new();
            f.read_to_end(&mut v).expect("read");
            (f.name().expect("name").to_string(), v)
        })
        .collect()
}

/// The repaired text `vblint normalize` prints for a .docx.
fn normalized_text(name: &str, docx: &[u8]) -> String {
    let x = container::extract(Kind::Docx, docx, &Limits::default()).expect("docx");
    container::source_of(name, &x).0.text
}

/// An XML part with its texts and font names blanked: what must not change.
fn skeleton(xml: &[u8]) -> String {
    let xml = String::from_utf8_lossy(xml);
    let text = Regex::new(r"(<w:(?:t|delText)(?: [^>]*)?>)[^<]*(</w:)").expect("regex");
    let fonts = Regex::new(r#"w:(ascii|hAnsi|cs|eastAsia|name)="[^"]*""#).expect("regex");
    fonts
        .replace_all(&text.replace_all(&xml, "$1$2"), "w:$1=\"\"")
        .into_owned()
}

/// Per paragraph its alignment, per run its bold, italic and size: (paragraph, jc, b, i, sz).
fn run_formatting(document: &[u8]) -> Vec<(usize, String, bool, bool, String)> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut jc = String::new();
    let mut run: Option<(bool, bool, String)> = None;
    vblint::container::xml::walk(document, |ev| {
        match ev {
            vblint::container::xml::Ev::Start(name, attrs) => match name {
                "w:p" => {
                    para += 1;
                    jc.clear();
                }
                "w:jc" => jc = attrs.get("val").unwrap_or_default(),
                "w:r" => run = Some((false, false, String::new())),
                "w:b" => {
                    if let Some(r) = run.as_mut() {
                        r.0 = attrs.get_bool_default_true("val");
                    }
                }
                "w:i" => {
                    if let Some(r) = run.as_mut() {
                        r.1 = attrs.get_bool_default_true("val");
                    }
                }
                "w:sz" => {
                    if let Some(r) = run.as_mut() {
                        r.2 = attrs.get("val").unwrap_or_default();
                    }
                }
                _ => {}
            },
            vblint::container::xml::Ev::End("w:r") => {
                if let Some((b, i, sz)) = run.take() {
                    out.push((para, jc.clone(), b, i, sz));
                }
            }
            _ => {}
        }
        Ok(())
    })
    .expect("document.xml");
    out
}

/// Whether an XML part names a legacy font (run fonts, font table entries).
fn is_legacy_name(s: &str) -> bool {
    Regex::new(r#"w:(ascii|hAnsi|cs|eastAsia|name)="(\.Vn|VNI[- ])"#)
        .expect("regex")
        .is_match(s)
}

#[test]
fn legacy_font_docx_becomes_the_same_document_in_unicode() {
    let mut failures = Vec::new();
    for (name, original) in fixtures() {
        let converted = unicode_docx::convert(&original, &Limits::default()).expect("convert");
        assert!(
            converted.decoded_texts > 0 && converted.renamed_fonts > 0,
            "{name}"
        );
        let new = converted.bytes;
        if normalized_text(&name, &new) != normalized_text(&name, &original) {
            failures.push(format!("{name}: text differs"));
        }
        let x = container::extract(Kind::Docx, &new, &Limits::default()).expect("converted docx");
        if !x.legacy_fonts.is_empty() {
            failures.push(format!("{name}: legacy fonts left {:?}", x.legacy_fonts));
        }
        let (before, after) = (parts(&original), parts(&new));
        let names = |p: &[(String, Vec<u8>)]| p.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&before),
            names(&after),
            "{name}: the same parts, in order"
        );
        for ((part, a), (_, b)) in before.iter().zip(&after) {
            let xml = part.ends_with(".xml");
            if xml && skeleton(a) != skeleton(b) {
                failures.push(format!(
                    "{name}: {part}: more than texts and font names changed"
                ));
            }
            if !xml && a != b {
                failures.push(format!("{name}: {part} not copied unchanged"));
            }
            if xml && is_legacy_name(&String::from_utf8_lossy(b)) {
                failures.push(format!("{name}: {part} still names a legacy font"));
            }
        }
        let doc = |p: &[(String, Vec<u8>)]| {
            p.iter()
                .find(|x| x.0 == "word/document.xml")
                .map(|x| x.1.clone())
                .expect("document")
        };
        if run_formatting(&doc(&before)) != run_formatting(&doc(&after)) {
            failures.push(format!("{name}: run formatting changed"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn formatted_plan_reads_in_unicode_fonts_run_by_run() {
    let new = unicode_docx::convert(&formatted_docx(), &Limits::default())
        .expect("convert")
        .bytes;
    let p = parts(&new);
    let get =
        |n: &str| String::from_utf8(p.iter().find(|x| x.0 == n).expect(n).1.clone()).expect("utf8");
    let doc = get("word/document.xml");
    // The capitals font gives capitals; a VNI letter split across runs goes whole to the later run.
    assert!(doc.contains(r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:b/><w:sz w:val="26"/></w:rPr><w:t>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t>"#), "{doc}");
    assert!(
        doc.contains(r#"<w:i/></w:rPr><w:t xml:space="preserve">Cộng ho</w:t>"#),
        "{doc}"
    );
    assert!(
        doc.contains(r#"<w:sz w:val="30"/></w:rPr><w:t xml:space="preserve">à xã hội</w:t>"#),
        "{doc}"
    );
    assert!(
        doc.contains("<w:t>Số: 15/KH-UBND &amp; ngày 05/3/2021</w:t>"),
        "{doc}"
    );
    assert!(doc.contains("<w:t>KẾ HOẠCH</w:t>"), "{doc}");
    assert!(doc.contains("Trường Tiểu học </w:t>"), "{doc}");
    assert!(get("word/header1.xml").contains("<w:t>Trường Tiểu học Lộc Hiệp</w:t>"));
    let styles = get("word/styles.xml");
    assert!(styles.contains(r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/>"#), "{styles}");
    assert!(
        styles.contains(r#"<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/>"#),
        "{styles}"
    );
    let fonts = get("word/fontTable.xml");
    assert!(
        fonts.contains(r#"<w:font w:name="Arial">"#) && !fonts.contains(".Vn"),
        "{fonts}"
    );
}

#[test]
fn normalize_writes_unicode_docx_files_and_never_over_its_input() {
    let dir = temp_dir("unidocx-cli");
    let plan = dir.join("plan.docx");
    std::fs::write(&plan, formatted_docx()).expect("write");
    let out = dir.join("plan.unicode.docx");
    let o = vblint(&[
        "normalize".as_ref(),
        plan.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = unicode_docx::convert(&formatted_docx(), &Limits::default())
        .expect("convert")
        .bytes;
    assert_eq!(parts(&std::fs::read(&out).expect("out")), parts(&expected));
    assert_eq!(
        std::fs::read(&plan).expect("in"),
        formatted_docx(),
        "input untouched"
    );
    // -o naming the input itself is refused.
    let o = vblint(&[
        "normalize".as_ref(),
        plan.as_os_str(),
        "-o".as_ref(),
        plan.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cũng là tệp đầu vào"));
    // A folder of files.
    let second = dir.join("vni.docx");
    std::fs::write(
        &second,
        seed_docx(&seeds()[1].1, Variant::new(Fonts::Vni, false)),
    )
    .expect("write");
    let outdir = dir.join("unicode");
    let o = vblint(&[
        "normalize".as_ref(),
        "--docx-out".as_ref(),
        outdir.as_os_str(),
        plan.as_os_str(),
        second.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["plan.docx", "vni.docx"] {
        let bytes = std::fs::read(outdir.join(f)).expect("converted");
        let x = container::extract(Kind::Docx, &bytes, &Limits::default()).expect("docx");
        assert!(x.legacy_fonts.is_empty(), "{f}");
    }
    // A directory: its .docx files, at the same relative paths.
    let tree = dir.join("tree");
    std::fs::create_dir_all(tree.join("2021")).expect("mkdir");
    std::fs::write(tree.join("2021/kh.docx"), formatted_docx()).expect("write");
    std::fs::write(tree.join("notes.txt"), "x").expect("write");
    let treeout = dir.join("tree-unicode");
    let o = vblint(&[
        "normalize".as_ref(),
        "--docx-out".as_ref(),
        treeout.as_os_str(),
        tree.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        parts(&std::fs::read(treeout.join("2021/kh.docx")).expect("converted")),
        parts(&expected)
    );
    assert!(!treeout.join("notes.txt").exists());
    // In place: the original kept as .bak, the permissions kept.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let o = vblint(&[
            "normalize".as_ref(),
            "--in-place".as_ref(),
            plan.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            std::fs::read(dir.join("plan.docx.bak")).expect("bak"),
            formatted_docx()
        );
        assert_eq!(
            parts(&std::fs::read(&plan).expect("plan")),
            parts(&expected)
        );
        let mode = std::fs::metadata(&plan).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // A .doc becomes a Unicode .docx (tests/doc.rs checks it); --in-place is refused for it.
    let doc = Path::new("tests/fixtures/doc/features.doc");
    let target = dir.join("features.docx");
    let o = vblint(&[
        "normalize".as_ref(),
        doc.as_os_str(),
        "-o".as_ref(),
        target.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        container::extract(
            Kind::Docx,
            &std::fs::read(&target).expect("written"),
            &Limits::default()
        )
        .is_ok()
    );
    let copy = dir.join("copy.doc");
    std::fs::copy(doc, &copy).expect("copy");
    let o = vblint(&[
        "normalize".as_ref(),
        "--in-place".as_ref(),
        copy.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).expect("read"),
        std::fs::read(doc).expect("read")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `soffice`, or `None` (a failure in CI, where `.ci/run` installs it).
#[test]
fn converted_docx_opens_in_libreoffice_with_the_same_text() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: soffice is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    };
    let dir = temp_dir("unidocx-lo");
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (name, original) in fixtures()
        .into_iter()
        .filter(|(n, _)| n == "formatted" || n.starts_with("000") || n.starts_with("004"))
    {
        let path = dir.join(format!("{name}.docx"));
        std::fs::write(
            &path,
            unicode_docx::convert(&original, &Limits::default())
                .expect("convert")
                .bytes,
        )
        .expect("write");
        files.push(path);
        expected.push((name.clone(), normalized_text(&name, &original)));
    }
    for format in ["pdf", "txt:Text"] {
        let status = Command::new(&soffice)
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                dir.display()
            ))
            .args(["--convert-to", format, "--outdir"])
            .arg(&dir)
            .args(&files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("soffice runs");
        assert!(status.success(), "{format}");
    }
    let words = |s: &str| {
        use unicode_normalization::UnicodeNormalization;
        let mut w: Vec<String> = s
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    for (name, text) in expected {
        let pdf = std::fs::read(dir.join(format!("{name}.pdf"))).expect("pdf written");
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        let lo = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("txt written");
        let lo = lo.trim_start_matches('\u{FEFF}');
        // Numbering LibreOffice renders as text in its export; the words of the rest must agree
        // (LibreOffice prints table cells one per line, vblint side by side).
        if name.ends_with("numbered") {
            continue;
        }
        let ours = words(&text);
        let lo = words(lo);
        let diff: Vec<_> = lo
            .iter()
            .zip(&ours)
            .filter(|(a, b)| a != b)
            .take(5)
            .collect();
        assert!(
            lo == ours,
            "{name}: LibreOffice's text differs: {} vs {} words, first {diff:?}",
            lo.len(),
            ours.len()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
