//! PDF input: text layer in reading order with page locations; scans, encryption, damage and
//! decompression bombs as clear per-file errors. Fixtures: `tests/fixtures/pdf/README.md`.

use vblint::container::{self, Kind, Limits};
use vblint::finding::FileReport;
use vblint::pipeline::{Options, check_text_bytes};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/pdf/{name}")).expect("fixture")
}

fn triples(report: &FileReport) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.excerpt.clone(), f.message.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn text_pdf_yields_the_findings_of_its_txt_original_with_page_locations() {
    let pdf = fixture("004-unicode-numbered.pdf");
    let report = container::check_container_bytes("004.pdf", Kind::Pdf, &pdf, &Options::default());
    assert!(report.error.is_none(), "{:?}", report.error);
    let txt = std::fs::read("corpus/004_c0af4205e287f79a.txt").expect("seed");
    let expected = check_text_bytes("004.txt", &txt, &Options::default());
    assert_eq!(triples(&report), triples(&expected));
    let pages: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.location.as_deref().unwrap_or(""))
        .collect();
    assert!(pages.iter().all(|p| p.starts_with("trang ")), "{pages:?}");
    assert_eq!(pages.first(), Some(&"trang 1"));
    assert!(pages.iter().any(|p| *p != "trang 1"), "{pages:?}");
}

#[test]
fn lines_follow_reading_order_and_paragraphs_are_rejoined() {
    let x = container::extract(
        Kind::Pdf,
        &fixture("004-unicode-numbered.pdf"),
        &Limits::default(),
    )
    .expect("text pdf");
    assert_eq!(x.lines.len(), x.labels.len());
    assert_eq!(x.lines[0], "Số: 43 /KH-LAX");
    assert_eq!(x.lines[2], "KẾ HOẠCH");
    // The numbering's tab stop is a space, not a column gap.
    assert!(
        x.lines.iter().any(|l| l == "I. MỤC ĐÍCH, YÊU CẦU"),
        "{:?}",
        &x.lines[..12]
    );
    // A paragraph wrapped over three lines is one line again.
    assert!(
        x.lines
            .iter()
            .any(|l| l.starts_with("Căn cứ Kế hoạch số 79/KH-UBND")
                && l.ends_with("năm 2024;")
                && l.contains("Ủy ban nhân dân quận Tân Phú"))
    );
    let last_page = x.labels.last().expect("labels");
    assert_eq!(last_page, "trang 6");
}

#[test]
fn legacy_font_pdf_is_read() {
    let x = container::extract(Kind::Pdf, &fixture("000-tcvn3.pdf"), &Limits::default())
        .expect("text pdf");
    assert!(
        x.lines[0].contains("     "),
        "header columns kept apart: {}",
        x.lines[0]
    );
    assert!(x.lines.iter().any(|l| l.contains("21/KH-THPTLT")));
    let report = container::check_container_bytes(
        "000.pdf",
        Kind::Pdf,
        &fixture("000-tcvn3.pdf"),
        &Options::default(),
    );
    assert!(report.error.is_none());
}

#[test]
fn scanned_pdf_says_it_has_no_text_layer() {
    let report = container::check_container_bytes(
        "scan.pdf",
        Kind::Pdf,
        &fixture("scanned.pdf"),
        &Options::default(),
    );
    let err = report.error.expect("a scan is an error, not an empty pass");
    assert!(err.contains("PDF không có lớp văn bản (bản quét)"), "{err}");
}

#[test]
fn password_pdf_is_a_clear_error() {
    let err = container::extract(Kind::Pdf, &fixture("002-password.pdf"), &Limits::default())
        .expect_err("encrypted");
    assert!(err.contains("mật khẩu"), "{err}");
}

#[test]
fn decompression_beyond_the_budget_stops() {
    let small = Limits {
        max_uncompressed: 2_000,
        ..Limits::default()
    };
    let err = container::extract(Kind::Pdf, &fixture("004-unicode-numbered.pdf"), &small)
        .expect_err("over budget");
    assert!(err.contains("giải nén"), "{err}");
}

#[test]
fn truncated_damaged_and_foreign_bytes_never_panic() {
    let err = container::extract(Kind::Pdf, b"hello", &Limits::default()).expect_err("not pdf");
    assert!(err.contains("không phải tệp PDF"), "{err}");
    let good = fixture("004-unicode-numbered.pdf");
    for cut in [20, 500, good.len() / 3, good.len() / 2, good.len() - 100] {
        let r = container::extract(Kind::Pdf, &good[..cut], &Limits::default());
        if let Err(e) = r {
            assert!(e.contains("PDF"), "{e}");
        }
    }
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut rand = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..60 {
        let mut b = good.clone();
        for _ in 0..(rand() % 6 + 1) {
            let i = (rand() as usize) % b.len();
            b[i] = rand() as u8;
        }
        let _ = container::extract(Kind::Pdf, &b, &Limits::default());
    }
}

/// A PDF assembled from object bodies (1-based ids), with a correct cross-reference table.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, content: &str) -> Vec<u8> {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
    .into_bytes()
}

#[test]
fn self_drawing_form_xobject_is_an_error_not_a_stack_overflow() {
    // The form has no resources of its own: it inherits the page's, where /X1 is itself.
    let pdf = assemble(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream("", "/X1 Do"),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", "/X1 Do"),
    ]);
    let err = container::extract(Kind::Pdf, &pdf, &Limits::default()).expect_err("cycle");
    assert!(err.contains("vòng lặp"), "{err}");
}

#[test]
fn hand_made_text_pdf_is_read() {
    let pdf = assemble(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(
            "",
            "BT /F1 12 Tf 72 760 Td (So: 12/KH-THCS) Tj 0 -20 Td (ngay 05/9/2024) Tj ET",
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ]);
    let x = container::extract(Kind::Pdf, &pdf, &Limits::default()).expect("text");
    assert_eq!(x.lines, ["So: 12/KH-THCS", "ngay 05/9/2024"]);
    assert_eq!(x.labels, ["trang 1", "trang 1"]);
}
