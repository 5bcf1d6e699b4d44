//! .docx input: the seeds rendered into .docx (Unicode, TCVN3 and VNI fonts, automatic numbering)
//! yield the same findings as their .txt originals; golden files per seed and variant; the reader's
//! parts (tables, numbering, styles, footnotes, hidden text) and its safety limits.
//!
//! Goldens: insta snapshots `tests/fixtures/golden/SEED.VARIANT.snap`; after an intended change,
//! `cargo insta review`.

use crate::common::{self, assert_text_goldens};

use crate::common::{
    Block, Doc, Fonts, Para, Run, VARIANTS, Variant, seed_docx, seeds, triples, zip_parts,
};
use vblint::container::{self, Extracted, Kind, Limits};
use vblint::finding::FileReport;
use vblint::pipeline::{Options, check_text_bytes};

fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    container::extract(Kind::Docx, bytes, &Limits::default())
}

fn check_docx(name: &str, bytes: &[u8]) -> FileReport {
    container::check_container_bytes(name, Kind::Docx, bytes, &Options::default())
}

fn golden(report: &FileReport) -> String {
    let findings: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f.rule,
                "line": f.line,
                "location": f.location,
                "excerpt": f.excerpt,
                "message": f.message,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "error": report.error,
        "findings": findings,
    }))
    .expect("json")
        + "\n"
}

#[test]
fn seeds_in_every_variant_match_their_txt_findings_and_golden_files() {
    let options = Options::default();
    let mut failures = Vec::new();
    let mut goldens = Vec::new();
    let seeds = seeds();
    assert!(seeds.len() >= 5);
    for (name, text) in &seeds {
        let txt = check_text_bytes(name, text.as_bytes(), &options);
        let expected = triples(&txt);
        for variant in VARIANTS {
            let bytes = seed_docx(text, variant);
            let report = check_docx(&format!("{name}.{}.docx", variant.name()), &bytes);
            if let Some(e) = &report.error {
                failures.push(format!("{name} {}: error {e}", variant.name()));
                continue;
            }
            let actual = triples(&report);
            if actual != expected {
                failures.push(format!(
                    "{name} {}: findings differ from the .txt\n  txt:  {expected:?}\n  docx: {actual:?}",
                    variant.name()
                ));
            }
            if report.findings.iter().any(|f| f.location.is_none()) {
                failures.push(format!(
                    "{name} {}: finding without location",
                    variant.name()
                ));
            }
            goldens.push((
                format!("{name}.{}", variant.name()),
                format!("findings of corpus/{name} as a .docx ({})", variant.name()),
                golden(&report),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_text_goldens("tests/fixtures/golden", goldens);
}

#[test]
fn legacy_fonts_decode_to_the_unicode_text() {
    for (name, text) in seeds() {
        let unicode = extract(&seed_docx(&text, VARIANTS[0])).expect("unicode docx");
        for variant in [
            Variant::new(Fonts::Tcvn3, false),
            Variant::new(Fonts::Vni, false),
        ] {
            let legacy = extract(&seed_docx(&text, variant)).expect("legacy docx");
            assert!(!legacy.legacy_fonts.is_empty(), "{name}: legacy fonts seen");
            for (i, (a, b)) in unicode.lines.iter().zip(&legacy.lines).enumerate() {
                assert_eq!(a, b, "{name} {} line {}", variant.name(), i + 1);
            }
            assert_eq!(unicode.lines.len(), legacy.lines.len());
        }
    }
}

#[test]
fn automatic_numbering_renders_the_typed_markers() {
    for (name, text) in seeds() {
        let typed = extract(&seed_docx(&text, VARIANTS[0])).expect("docx");
        let auto = extract(&seed_docx(&text, VARIANTS[3])).expect("docx");
        assert_eq!(typed.lines.len(), auto.lines.len(), "{name}");
        for (a, b) in typed.lines.iter().zip(&auto.lines) {
            // Indentation before a marker is layout in Word, not text.
            assert_eq!(a.trim_start(), b.trim_start(), "{name}");
        }
    }
}

#[test]
fn header_table_becomes_header_lines_and_locations_are_paragraphs() {
    let seed = seeds()
        .into_iter()
        .find(|(n, _)| n.starts_with("000"))
        .expect("seed 000");
    let x = extract(&seed_docx(&seed.1, VARIANTS[1])).expect("docx");
    assert!(x.lines[0].starts_with("SỞ GD&ĐT BÌNH PHƯỚC     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(
        x.lines
            .iter()
            .any(|l| l.contains("Lộc Ninh, ngày 05 tháng 3 năm 2021"))
    );
    assert_eq!(x.labels[0], "đoạn 1");
    assert_eq!(x.labels.len(), x.lines.len());
    let report = check_docx("000.docx", &seed_docx(&seed.1, VARIANTS[1]));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "start-before-issue-date")
        .expect("finding");
    assert_eq!(f.location.as_deref(), Some(&*format!("đoạn {}", f.line)));
    assert!(x.lines[f.line as usize - 1].contains(&f.excerpt));
}

fn para(text: &str) -> Block {
    Block::Para(Para::text(text))
}

fn numbered(text: &str, num: u32, lvl: u32) -> Block {
    Block::Para(Para {
        num: Some((num, lvl)),
        ..Para::text(text)
    })
}

#[test]
fn numbering_gap_is_seen_through_a_start_override() {
    let doc = Doc {
        blocks: vec![
            para("KẾ HOẠCH"),
            numbered("MỤC ĐÍCH", 1, 0),
            numbered("Mục đích", 1, 1),
            numbered("Yêu cầu", 1, 1),
            numbered("Nội dung", 2, 1),
            numbered("NỘI DUNG", 1, 0),
            numbered("Tổ chức", 1, 1),
        ],
        nums: vec![
            common::NumInstance {
                id: 1,
                overrides: vec![],
            },
            common::NumInstance {
                id: 2,
                overrides: vec![(1, 4)],
            },
        ],
        ..Doc::default()
    };
    let x = extract(&doc.to_bytes()).expect("docx");
    assert_eq!(
        x.lines,
        [
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH",
            "1. Mục đích",
            "2. Yêu cầu",
            "4. Nội dung",
            "II. NỘI DUNG",
            "1. Tổ chức"
        ]
    );
    let report = check_docx("gap.docx", &doc.to_bytes());
    let gap = report
        .findings
        .iter()
        .find(|f| f.rule == "numbering-gap")
        .expect("numbering-gap seen");
    assert_eq!(gap.excerpt, "4.");
    assert_eq!(gap.location.as_deref(), Some("đoạn 5"));
}

#[test]
fn letters_follow_word_not_the_vietnamese_alphabet() {
    let levels = r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/><w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/><w:suff w:val="nothing"/></w:lvl>"#;
    let doc = Doc {
        blocks: (0..5)
            .map(|i| numbered(&format!("mục {i}"), 1, 0))
            .chain([numbered(" x", 1, 1), numbered(" y", 1, 1)])
            .collect(),
        nums: vec![common::NumInstance {
            id: 1,
            overrides: vec![],
        }],
        abstract_levels: levels.to_string(),
        ..Doc::default()
    };
    let x = extract(&doc.to_bytes()).expect("docx");
    assert_eq!(
        x.lines,
        [
            "a) mục 0",
            "b) mục 1",
            "c) mục 2",
            "d) mục 3",
            "e) mục 4",
            "(iii) x",
            "(iv) y"
        ]
    );
}

#[test]
fn styles_carry_numbering_and_fonts_caps_hidden_and_footnotes() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Vni"><w:name w:val="vni"/><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:style>"#;
    let doc = Doc {
        blocks: vec![
            Block::Para(Para {
                style: Some("Heading1".into()),
                ..Para::text("môc ®Ých, yªu cÇu")
            }),
            Block::Para(Para {
                style: Some("Vni".into()),
                runs: vec![
                    Run {
                        text: "Coä".into(),
                        ..Run::default()
                    },
                    Run {
                        text: "ng hoaø ".into(),
                        ..Run::default()
                    },
                    Run {
                        text: "bí mật".into(),
                        hidden: true,
                        ..Run::default()
                    },
                    Run {
                        text: "xaõ hoäi".into(),
                        caps: true,
                        ..Run::default()
                    },
                ],
                footnote: Some(1),
                ..Para::default()
            }),
            Block::Para(Para {
                style: Some("Heading1".into()),
                ..Para::text("tæ chøc thùc hiÖn")
            }),
            para("Cột A\tCột B"),
        ],
        nums: vec![common::NumInstance {
            id: 1,
            overrides: vec![],
        }],
        styles: styles.to_string(),
        footnotes: vec![(1, "Theo Nghị định 30/2020/NĐ-CP.".to_string())],
        ..Doc::default()
    };
    let x = extract(&doc.to_bytes()).expect("docx");
    assert_eq!(
        x.lines,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Cộng hoà XÃ HỘI[1]",
            "II. TỔ CHỨC THỰC HIỆN",
            "Cột A\tCột B",
            "[1] Theo Nghị định 30/2020/NĐ-CP."
        ]
    );
    assert_eq!(x.labels[4], "chú thích 1");
    assert_eq!(x.labels[3], "đoạn 4");
}

#[test]
fn endnotes_follow_the_footnotes_with_roman_marks() {
    let doc = Doc {
        blocks: vec![
            Block::Para(Para {
                footnote: Some(1),
                endnote: Some(2),
                ..Para::text("Căn cứ Luật Thi đua, khen thưởng")
            }),
            Block::Para(Para {
                endnote: Some(1),
                ..Para::text("Thực hiện Kế hoạch số 12/KH-UBND")
            }),
        ],
        footnotes: vec![(1, "Luật số 06/2022/QH15.".to_string())],
        // Ids are not the order: marks follow the order of the references in the body.
        endnotes: vec![
            (1, "Ngày 05/3/2021.".to_string()),
            (2, "Hợp nhất năm 2023.".to_string()),
        ],
        ..Doc::default()
    };
    let x = extract(&doc.to_bytes()).expect("docx");
    assert_eq!(
        x.lines,
        [
            "Căn cứ Luật Thi đua, khen thưởng[1][i]",
            "Thực hiện Kế hoạch số 12/KH-UBND[ii]",
            "[1] Luật số 06/2022/QH15.",
            "[i] Hợp nhất năm 2023.",
            "[ii] Ngày 05/3/2021.",
        ]
    );
    assert_eq!(
        x.labels[2..],
        ["chú thích 1", "chú thích cuối i", "chú thích cuối ii"]
    );
}

// ------------------------------------------------------------------------------------ safety

#[test]
fn zip_bomb_is_a_clear_error() {
    // 20 MB of one byte deflates about 1000:1: over the ratio limit.
    let big = vec![b'a'; 20_000_000];
    let bytes = zip_parts(&[("word/document.xml", big)]);
    let err = extract(&bytes).expect_err("bomb rejected");
    assert!(err.contains("zip bomb"), "{err}");
    // Under a budget smaller than the part, streaming stops at the budget.
    let doc = seed_docx(&seeds()[0].1, VARIANTS[0]);
    let small = Limits {
        max_uncompressed: 10_000,
        ..Limits::default()
    };
    let err = container::extract(Kind::Docx, &doc, &small).expect_err("over budget");
    assert!(err.contains("zip bomb"), "{err}");
}

#[test]
fn malformed_truncated_encrypted_and_foreign_files_are_clear_errors() {
    let good = seed_docx(&seeds()[0].1, VARIANTS[0]);
    for cut in [10, 100, good.len() / 2, good.len() - 30] {
        let err = extract(&good[..cut]).expect_err("truncated");
        assert!(err.contains(".docx"), "{err}");
    }
    let err = extract(b"plain text, not a docx").expect_err("not zip");
    assert!(err.contains("không phải tệp .docx"), "{err}");
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(vec![0u8; 512]);
    let err = extract(&cfb).expect_err("encrypted");
    assert!(err.contains("mật khẩu"), "{err}");
    let no_doc = zip_parts(&[("hello.txt", b"hi".to_vec())]);
    let err = extract(&no_doc).expect_err("no document part");
    assert!(err.contains("word/document.xml"), "{err}");
    let bad_xml = zip_parts(&[("word/document.xml", b"<w:document><w:body><w:p>".to_vec())]);
    let err = extract(&bad_xml).expect_err("bad xml");
    assert!(err.contains("XML"), "{err}");
    let deep = format!(
        "<w:document><w:body>{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(5000)
    );
    let err = extract(&zip_parts(&[("word/document.xml", deep.into_bytes())])).expect_err("deep");
    assert!(err.contains("sâu"), "{err}");
}

#[test]
fn random_damage_never_panics() {
    let good = seed_docx(&seeds()[1].1, VARIANTS[4]);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut rand = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut b = good.clone();
        for _ in 0..(rand() % 8 + 1) {
            let i = (rand() as usize) % b.len();
            b[i] = rand() as u8;
        }
        let _ = extract(&b);
    }
}

#[test]
fn check_input_reads_docx_by_extension() {
    let dir = std::env::temp_dir().join(format!("vblint-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let (name, text) = seeds().remove(4);
    let path = dir.join(name.replace(".txt", ".docx"));
    std::fs::write(&path, seed_docx(&text, VARIANTS[2])).expect("write");
    let report = vblint::input::check_input(
        &vblint::input::Input::File(path.clone()),
        &Options::default(),
        vblint::input::DEFAULT_MAX_FILE_SIZE,
    );
    assert!(report.error.is_none(), "{:?}", report.error);
    let txt = check_text_bytes(&name, text.as_bytes(), &Options::default());
    assert_eq!(triples(&report), triples(&txt));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `vblint normalize FILE.docx` prints the repaired text `check` reads: the same text whatever
/// font the plan was typed in; `--in-place` rewrites the .docx itself in Unicode, keeping
/// `FILE.docx.bak` (tests/unicode_docx.rs checks the rewrite).
#[test]
fn normalize_prints_the_repaired_text_of_a_docx() {
    let dir = std::env::temp_dir().join(format!("vblint-docx-norm-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let normalize = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vblint"))
            .arg("normalize")
            .args(args)
            .output()
            .expect("runs vblint")
    };
    for (name, text) in seeds() {
        let mut outputs = Vec::new();
        for variant in &VARIANTS[..3] {
            let path = dir.join(name.replace(".txt", &format!("-{}.docx", variant.name())));
            std::fs::write(&path, seed_docx(&text, *variant)).expect("write");
            let out = normalize(&[path.as_os_str()]);
            assert!(out.status.success(), "{name} {}", variant.name());
            outputs.push(String::from_utf8(out.stdout).expect("UTF-8 output"));
        }
        // The longest paragraph (a body line, not the two-column header that becomes a table).
        let longest = text.lines().max_by_key(|l| l.len()).unwrap_or_default();
        assert!(outputs[0].contains(longest.trim()), "{name}");
        assert_eq!(outputs[1], outputs[0], "{name}: TCVN3 fonts");
        assert_eq!(outputs[2], outputs[0], "{name}: VNI fonts");
    }
    let path = dir.join("plan.docx");
    let original = seed_docx(&seeds().remove(0).1, VARIANTS[1]);
    std::fs::write(&path, &original).expect("write");
    let text_before = normalize(&[path.as_os_str()]).stdout;
    let out = normalize(&[std::ffi::OsStr::new("--in-place"), path.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backup = dir.join("plan.docx.bak");
    assert_eq!(std::fs::read(&backup).expect("backup kept"), original);
    let rewritten = std::fs::read(&path).expect("read");
    assert_ne!(rewritten, original);
    assert!(
        extract(&rewritten)
            .expect("a .docx")
            .legacy_fonts
            .is_empty()
    );
    assert_eq!(normalize(&[path.as_os_str()]).stdout, text_before);
    let _ = std::fs::remove_dir_all(&dir);
}
