//! .doc input (Word 97–2003): the fixtures under `tests/fixtures/doc/` are our own .docx files
//! (the seeds in Unicode, TCVN3 and VNI fonts, and a document of features: tables, fields, notes,
//! hidden text, capital fonts) converted by LibreOffice (`tests/fixtures/doc/make.sh`). Each .doc
//! must read as the same lines as its .docx and give the same findings as its .txt; the stored text
//! must equal LibreOffice's own text export; damaged and encrypted files give clear errors.

use crate::common::{self, soffice};

use crate::common::{Block, Doc, Fonts, Para, Run, Variant, seed_docx, seeds, triples};
use std::path::{Path, PathBuf};
use vblint::container::{self, Extracted, Kind, Limits};
use vblint::finding::FileReport;
use vblint::pipeline::{Options, check_text_bytes};

const DIR: &str = "tests/fixtures/doc";

/// The font variants rendered as .doc (automatic numbering is not read from .doc lists).
const DOC_VARIANTS: [Variant; 3] = [
    Variant::new(Fonts::Unicode, false),
    Variant::new(Fonts::Tcvn3, false),
    Variant::new(Fonts::Vni, false),
];

fn run(text: &str) -> Run {
    Run {
        text: text.to_string(),
        ..Run::default()
    }
}

fn font_run(text: &str, font: &str) -> Run {
    Run {
        font: Some(font.to_string()),
        ..run(text)
    }
}

fn para_of(runs: Vec<Run>) -> Para {
    Para {
        runs,
        ..Para::default()
    }
}

/// A document of the shapes the reader must handle: a three-column table with an empty cell and
/// cells of several paragraphs, a field (its result shown, its code not), a footnote and an
/// endnote, hidden text, a tab, TCVN3 capital and lower-case fonts, a VNI paragraph style.
pub fn features_docx() -> Vec<u8> {
    let cell = |texts: &[&str]| -> Vec<Para> { texts.iter().map(|t| Para::text(t)).collect() };
    let doc = Doc {
        blocks: vec![
            Block::Para(Para::text("Mẫu số 01")),
            Block::Table(vec![
                vec![
                    cell(&["UBND HUYỆN LỘC NINH", "TRƯỜNG TIỂU HỌC LỘC HIỆP"]),
                    cell(&[]),
                    cell(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
                ],
                vec![cell(&["Số: 15/KH-THLH"]), cell(&["x"]), cell(&["Lộc Hiệp, ngày 05 tháng 3 năm 2021"])],
            ]),
            Block::Para(para_of(vec![font_run("kÕ ho¹ch", ".VnTimeH")])),
            Block::Para(para_of(vec![
                run("Xem "),
                Run {
                    field: Some("HYPERLINK \"http://example.org/kh\"".to_string()),
                    ..run("cổng thông tin")
                },
                run(" của trường."),
            ])),
            Block::Para(Para {
                footnote: Some(1),
                ..para_of(vec![
                    font_run("Thùc hiÖn C«ng v¨n sè 12/SGD§T", ".VnTime"),
                    Run {
                        hidden: true,
                        ..run(" (bản nháp)")
                    },
                ])
            }),
            Block::Para(Para {
                style: Some("VNIBody".to_string()),
                endnote: Some(1),
                ..Para::text("Coäng hoaø xaõ hoäi\tngaøy 05/3/2021")
            }),
            Block::Para(para_of(vec![
                run("Kính gửi: "),
                Run {
                    caps: true,
                    ..run("các tổ chuyên môn")
                },
            ])),
            Block::Para(Para::text("")),
            Block::Para(Para::text("Nơi nhận:")),
        ],
        styles: r#"<w:style w:type="paragraph" w:styleId="VNIBody"><w:name w:val="VNI Body"/><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:style>"#.to_string(),
        footnotes: vec![(1, "Theo Nghị định 30/2020/NĐ-CP.".to_string())],
        endnotes: vec![(1, "Ghi chú cuối văn bản.".to_string())],
        ..Doc::default()
    };
    doc.to_bytes()
}

/// The fixture .docx sources: (stem, bytes).
fn sources() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, text) in seeds() {
        let stem = name.trim_end_matches(".txt").to_string();
        for v in DOC_VARIANTS {
            out.push((format!("{stem}.{}", v.name()), seed_docx(&text, v)));
        }
    }
    out.push(("features".to_string(), features_docx()));
    out.push(("formatted".to_string(), common::formatted_docx()));
    out
}

/// Writes the .docx sources into `$VBLINT_DOC_SOURCES` (used by `make.sh`, not a check).
#[test]
#[ignore]
fn write_docx_sources() {
    let dir = PathBuf::from(std::env::var_os("VBLINT_DOC_SOURCES").expect("VBLINT_DOC_SOURCES"));
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (stem, bytes) in sources() {
        std::fs::write(dir.join(format!("{stem}.docx")), bytes).expect("write");
    }
}

fn extract(kind: Kind, bytes: &[u8]) -> Result<Extracted, String> {
    container::extract(kind, bytes, &Limits::default())
}

fn fixture(stem: &str) -> Vec<u8> {
    let path = Path::new(DIR).join(format!("{stem}.doc"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run {DIR}/make.sh)", path.display()))
}

#[test]
fn every_doc_reads_as_the_lines_of_its_docx() {
    let mut failures = Vec::new();
    for (stem, docx) in sources() {
        let want = extract(Kind::Docx, &docx).expect("docx");
        let got = match extract(Kind::Doc, &fixture(&stem)) {
            Ok(x) => x,
            Err(e) => {
                failures.push(format!("{stem}: {e}"));
                continue;
            }
        };
        if got.lines != want.lines || got.labels != want.labels {
            let first = (0..want.lines.len().max(got.lines.len()))
                .find(|&i| {
                    want.lines.get(i) != got.lines.get(i) || want.labels.get(i) != got.labels.get(i)
                })
                .unwrap_or(0);
            failures.push(format!(
                "{stem}: line {} differs ({} vs {} lines)\n  docx: {:?} {:?}\n  doc:  {:?} {:?}",
                first + 1,
                want.lines.len(),
                got.lines.len(),
                want.labels.get(first),
                want.lines.get(first),
                got.labels.get(first),
                got.lines.get(first),
            ));
        }
        let families = |x: &Extracted| -> Vec<String> {
            x.legacy_fonts
                .iter()
                .map(|f| f.split(':').next().unwrap_or("").to_string())
                .collect()
        };
        if families(&got) != families(&want) {
            failures.push(format!(
                "{stem}: legacy fonts {:?} vs {:?}",
                got.legacy_fonts, want.legacy_fonts
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_doc(name: &str, bytes: &[u8]) -> FileReport {
    container::check_container_bytes(name, Kind::Doc, bytes, &Options::default())
}

#[test]
fn every_seed_as_doc_gives_the_findings_of_its_txt() {
    let mut failures = Vec::new();
    for (name, text) in seeds() {
        let expected = triples(&check_text_bytes(
            &name,
            text.as_bytes(),
            &Options::default(),
        ));
        assert!(!expected.is_empty(), "{name}: the seed has findings");
        let stem = name.trim_end_matches(".txt");
        for v in DOC_VARIANTS {
            let stem = format!("{stem}.{}", v.name());
            let report = check_doc(&format!("{stem}.doc"), &fixture(&stem));
            if let Some(e) = &report.error {
                failures.push(format!("{stem}: error {e}"));
                continue;
            }
            if triples(&report) != expected {
                failures.push(format!(
                    "{stem}: findings differ\n  txt: {expected:?}\n  doc: {:?}",
                    triples(&report)
                ));
            }
            for f in &report.findings {
                if f.location.as_deref() != Some(&*format!("đoạn {}", f.line)) {
                    failures.push(format!(
                        "{stem}: {} at line {} located {:?}",
                        f.rule, f.line, f.location
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn features_doc_reads_tables_fields_notes_and_fonts_as_word_shows_them() {
    let x = extract(Kind::Doc, &fixture("features")).expect("features.doc");
    let gap = "     ";
    assert_eq!(
        x.lines,
        vec![
            "Mẫu số 01".to_string(),
            format!("UBND HUYỆN LỘC NINH{gap}{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            format!("TRƯỜNG TIỂU HỌC LỘC HIỆP{gap}{gap}Độc lập - Tự do - Hạnh phúc"),
            format!("Số: 15/KH-THLH{gap}x{gap}Lộc Hiệp, ngày 05 tháng 3 năm 2021"),
            "KẾ HOẠCH".to_string(),
            "Xem cổng thông tin của trường.".to_string(),
            "Thực hiện Công văn số 12/SGDĐT[1]".to_string(),
            "Cộng hoà xã hội\tngày 05/3/2021[i]".to_string(),
            "Kính gửi: CÁC TỔ CHUYÊN MÔN".to_string(),
            String::new(),
            "Nơi nhận:".to_string(),
            "[1] Theo Nghị định 30/2020/NĐ-CP.".to_string(),
            "[i] Ghi chú cuối văn bản.".to_string(),
        ]
    );
    assert_eq!(x.labels[0], "đoạn 1");
    assert_eq!(x.labels[10], "đoạn 11");
    assert_eq!(x.labels[11], "chú thích 1");
    assert_eq!(x.labels[12], "chú thích cuối i");
    // `.VnTime`, `.VnTimeH` (both TCVN3) and the VNI paragraph style.
    assert_eq!(x.legacy_fonts, ["tcvn3: 1", "tcvn3: 1", "vni-windows: 1"]);
    // The same findings as the .docx it was made from.
    let docx = container::check_container_bytes(
        "features.docx",
        Kind::Docx,
        &features_docx(),
        &Options::default(),
    );
    let doc = check_doc("features.doc", &fixture("features"));
    assert_eq!(triples(&doc), triples(&docx));
}

#[test]
fn damaged_and_encrypted_doc_files_are_clear_errors() {
    let truncated = check_doc("damaged-truncated.doc", &fixture("damaged-truncated"));
    let e = truncated.error.expect("truncated .doc is an error");
    assert!(e.starts_with("tệp .doc hỏng"), "{e}");
    assert!(truncated.findings.is_empty());
    let encrypted = check_doc("damaged-encrypted.doc", &fixture("damaged-encrypted"));
    let e = encrypted.error.expect("encrypted .doc is an error");
    assert!(e.contains("bảo vệ bằng mật khẩu"), "{e}");
    // Every prefix of a real file is an error or a reading, never a panic.
    let whole = fixture("features");
    for len in (0..whole.len()).step_by(97) {
        let _ = extract(Kind::Doc, &whole[..len]);
    }
    // Flipped bytes inside the streams: still no panic.
    for at in (512..whole.len()).step_by(61) {
        let mut bytes = whole.clone();
        bytes[at] ^= 0xFF;
        let _ = extract(Kind::Doc, &bytes);
    }
}

#[test]
fn doc_files_are_walked_and_sniffed() {
    assert_eq!(Kind::of_path(Path::new("a/KH.DOC")), Some(Kind::Doc));
    assert_eq!(Kind::sniff(&fixture("features")), Some(Kind::Doc));
    assert!(vblint::input::is_supported(Path::new("kh.doc")));
}

/// `soffice`, or `None` (a failure in CI, where `.ci/run` installs it).
#[test]
fn stored_text_equals_libreoffice_text_export() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: soffice is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    };
    let out = std::env::temp_dir().join(format!("vblint-doc-lo-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("mkdir");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "doc")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("damaged"))
        })
        .collect();
    docs.sort();
    assert_eq!(docs.len(), 17);
    let status = std::process::Command::new(&soffice)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            out.display()
        ))
        .args(["--convert-to", "txt:Text", "--outdir"])
        .arg(&out)
        .args(&docs)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success());
    let mut failures = Vec::new();
    for doc in &docs {
        let stem = doc
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let lo =
            std::fs::read_to_string(out.join(format!("{stem}.txt"))).expect("LibreOffice text");
        let lo: Vec<&str> = lo.trim_start_matches('\u{FEFF}').lines().collect();
        let ours = vblint::container::doc::stored_text(
            &std::fs::read(doc).expect("doc"),
            &Limits::default(),
        )
        .expect("stored text");
        if lo != ours {
            let first = (0..lo.len().max(ours.len()))
                .find(|&i| lo.get(i).copied() != ours.get(i).map(String::as_str))
                .unwrap_or(0);
            failures.push(format!(
                "{stem}: line {} differs ({} vs {} lines)\n  LibreOffice: {:?}\n  vblint:      {:?}",
                first + 1,
                lo.len(),
                ours.len(),
                lo.get(first),
                ours.get(first)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A run's (bold, italic, size in half-points).
type RunLook = (bool, bool, String);

/// Per paragraph with runs: its alignment and its runs' (bold, italic, size), neighbours with
/// the same formatting merged; `default_size` and the bold paragraph styles stand for what the
/// styles give.
fn formatting(
    document: &[u8],
    default_size: &str,
    bold_styles: &[&str],
) -> Vec<(String, Vec<RunLook>)> {
    use vblint::container::xml::{Ev, walk};
    let mut out = Vec::new();
    // (alignment, bold from the style, runs)
    let mut para: Option<(String, bool, Vec<RunLook>)> = None;
    let mut run: Option<(Option<bool>, bool, Option<String>)> = None;
    walk(document, |ev| {
        match ev {
            Ev::Start("w:p", _) => para = Some((String::new(), false, Vec::new())),
            Ev::Start("w:jc", a) => {
                if let Some(p) = para.as_mut() {
                    p.0 = a.get("val").unwrap_or_default();
                }
            }
            Ev::Start("w:pStyle", a) => {
                if let Some(p) = para.as_mut() {
                    p.1 = a
                        .get("val")
                        .is_some_and(|v| bold_styles.contains(&v.as_str()));
                }
            }
            Ev::Start("w:r", _) => run = Some((None, false, None)),
            Ev::Start("w:b", a) => {
                if let Some(r) = run.as_mut() {
                    r.0 = Some(a.get_bool_default_true("val"));
                }
            }
            Ev::Start("w:i", a) => {
                if let Some(r) = run.as_mut() {
                    r.1 = a.get_bool_default_true("val");
                }
            }
            Ev::Start("w:sz", a) => {
                if let Some(r) = run.as_mut() {
                    r.2 = a.get("val");
                }
            }
            Ev::End("w:r") => {
                if let (Some((b, i, sz)), Some(p)) = (run.take(), para.as_mut()) {
                    let f = (
                        b.unwrap_or(p.1),
                        i,
                        sz.unwrap_or_else(|| default_size.to_string()),
                    );
                    if p.2.last() != Some(&f) {
                        p.2.push(f);
                    }
                }
            }
            Ev::End("w:p") => {
                if let Some((jc, _, runs)) = para.take()
                    && !runs.is_empty()
                {
                    out.push((if jc == "left" { String::new() } else { jc }, runs));
                }
            }
            _ => {}
        }
        Ok(())
    })
    .expect("document.xml");
    out
}

fn document_xml(docx: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut f = zip.by_name("word/document.xml").expect("document.xml");
    let mut v = Vec::new();
    f.read_to_end(&mut v).expect("read");
    v
}

#[test]
fn doc_becomes_a_unicode_docx_with_the_same_text_and_formatting() {
    let mut failures = Vec::new();
    for (stem, _) in sources() {
        let doc = fixture(&stem);
        let docx = vblint::container::doc::to_docx(&doc, &Limits::default()).expect("to_docx");
        let x = extract(Kind::Docx, &docx).expect("the .docx reads");
        if !x.legacy_fonts.is_empty() {
            failures.push(format!("{stem}: legacy fonts left {:?}", x.legacy_fonts));
        }
        let text = |x: &Extracted| container::source_of("x", x).0.text;
        if text(&x) != text(&extract(Kind::Doc, &doc).expect("doc")) {
            failures.push(format!("{stem}: text differs"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Alignment, bold, italic and size of every run of the formatted plan, as in the .docx that
    // LibreOffice turned into the .doc.
    let original = formatting(&document_xml(&common::formatted_docx()), "26", &["Heading"]);
    let converted = vblint::container::doc::to_docx(&fixture("formatted"), &Limits::default())
        .expect("to_docx");
    assert_eq!(formatting(&document_xml(&converted), "20", &[]), original);
    assert_eq!(original.len(), 8);
}

#[test]
fn doc_converted_to_docx_opens_in_libreoffice() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: soffice is not installed (apt-get install libreoffice-writer-nogui)");
        return;
    };
    let out = std::env::temp_dir().join(format!("vblint-doc-docx-lo-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("mkdir");
    let mut files = Vec::new();
    for stem in ["features", "formatted", "004_c0af4205e287f79a.vni"] {
        let docx =
            vblint::container::doc::to_docx(&fixture(stem), &Limits::default()).expect("to_docx");
        let path = out.join(format!("{stem}.docx"));
        std::fs::write(&path, docx).expect("write");
        files.push(path);
    }
    let status = std::process::Command::new(&soffice)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            out.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("soffice runs");
    assert!(status.success());
    for f in &files {
        let pdf = std::fs::read(f.with_extension("pdf")).expect("pdf written");
        assert!(pdf.starts_with(b"%PDF-"));
    }
    let _ = std::fs::remove_dir_all(&out);
}
