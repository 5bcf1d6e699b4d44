//! DOMAIN.md's test phrases (TCVN3 and VNI columns), as cp1252-read Unicode text and as raw bytes,
//! and the five seeds, which must come out unchanged except seed 000's VNI-damaged "Soá".

use unicode_normalization::UnicodeNormalization;
use vblint::decode::{codec::cp1252_byte, decode, decode_str};

/// (intended, TCVN3 as read through cp1252, VNI as read through cp1252)
const PHRASES: &[(&str, &str, &str)] = &[
    (
        "Độc lập - Tự do - Hạnh phúc",
        "§éc lËp - Tù do - H¹nh phóc",
        "Ñoäc laäp - Töï do - Haïnh phuùc",
    ),
    ("Số: 12/KH-THCS", "Sè: 12/KH-THCS", "Soá: 12/KH-THCS"),
    ("Kế hoạch", "KÕ ho¹ch", "Keá hoaïch"),
    ("KẾ HOẠCH", "KÕ HO¹CH", "KEÁ HOAÏCH"),
    (
        "Phát động phong trào thi đua",
        "Ph¸t ®éng phong trµo thi ®ua",
        "Phaùt ñoäng phong traøo thi ñua",
    ),
    (
        "Trường Tiểu học",
        "Tr\u{AD}êng TiÓu häc",
        "Tröôøng Tieåu hoïc",
    ),
    (
        "năm học 2024-2025",
        "n¨m häc 2024-2025",
        "naêm hoïc 2024-2025",
    ),
    ("Hiệu trưởng", "HiÖu tr\u{AD}ëng", "Hieäu tröôûng"),
    ("Nơi nhận", "N¬i nhËn", "Nôi nhaän"),
    (
        "Phòng Giáo dục và Đào tạo",
        "Phßng Gi¸o dôc vµ §µo t¹o",
        "Phoøng Giaùo duïc vaø Ñaøo taïo",
    ),
    (
        "Mục đích, yêu cầu",
        "Môc ®Ých, yªu cÇu",
        "Muïc ñích, yeâu caàu",
    ),
    (
        "Tổ chức thực hiện",
        "Tæ chøc thùc hiÖn",
        "Toå chöùc thöïc hieän",
    ),
    ("Công đoàn", "C«ng ®oµn", "Coâng ñoaøn"),
    (
        "ngày 05 tháng 9 năm 2024",
        "ngµy 05 th¸ng 9 n¨m 2024",
        "ngaøy 05 thaùng 9 naêm 2024",
    ),
    (
        "Dạy tốt, học tốt",
        "D¹y tèt, häc tèt",
        "Daïy toát, hoïc toát",
    ),
    ("Lưu: VT", "L\u{AD}u: VT", "Löu: VT"),
    ("Người ký", "Ng\u{AD}êi ký", "Ngöôøi kyù"),
    ("Cộng hoà xã hội", "Céng hoµ x· héi", "Coäng hoaø xaõ hoäi"),
    // Place names with a final k, which no Kinh syllable has.
    (
        "Sở Giáo dục Đắk Lắk",
        "Së Gi¸o dôc §¾k L¾k",
        "Sôû Giaùo duïc Ñaék Laék",
    ),
    (
        "SỞ GIÁO DỤC ĐĂK LĂK",
        "Së GI¸O DôC §¡K L¡K",
        "SÔÛ GIAÙO DUÏC ÑAÊK LAÊK",
    ),
];

fn bytes_of(cp1252_text: &str) -> Vec<u8> {
    cp1252_text
        .chars()
        .map(|c| cp1252_byte(c).expect("cp1252 char"))
        .collect()
}

#[test]
fn phrases_read_through_cp1252_are_repaired() {
    let mut failures = Vec::new();
    for &(intended, tcvn, vni) in PHRASES {
        for (form, damaged) in [("tcvn3", tcvn), ("vni", vni)] {
            let got = decode_str(damaged).text;
            if got != intended {
                failures.push(format!("{form}: {damaged:?} -> {got:?}, want {intended:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn phrases_as_raw_bytes_are_detected_and_decoded() {
    let mut failures = Vec::new();
    for &(intended, tcvn, vni) in PHRASES {
        for (form, damaged, name) in [("tcvn3", tcvn, "tcvn3"), ("vni", vni, "vni-windows")] {
            let bytes = bytes_of(damaged);
            let d = decode(&bytes).expect("decodes");
            // A phrase without any byte above 0x7F that differs is plain ASCII in both.
            if d.text != intended || (std::str::from_utf8(&bytes).is_err() && d.report.name != name)
            {
                failures.push(format!(
                    "{form}: {damaged:?} -> {:?} as {}, want {intended:?}",
                    d.text, d.report.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn whole_phrase_lists_as_documents() {
    for col in 0..2 {
        let damaged: Vec<&str> = PHRASES
            .iter()
            .map(|p| if col == 0 { p.1 } else { p.2 })
            .collect();
        let intended: Vec<&str> = PHRASES.iter().map(|p| p.0).collect();
        let doc = damaged.join("\n");
        assert_eq!(
            decode_str(&doc).text,
            intended.join("\n"),
            "cp1252-read doc, column {col}"
        );
        assert_eq!(
            decode(&bytes_of(&doc)).unwrap().text,
            intended.join("\n"),
            "raw doc, column {col}"
        );
    }
}

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let dir = if dir.exists() {
        dir
    } else {
        std::path::PathBuf::from("/work/shared/seeds")
    };
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn clean_seeds_come_out_unchanged_except_the_damaged_word() {
    let seeds = seeds();
    if seeds.is_empty() {
        eprintln!("SKIP: seeds not found");
        return;
    }
    for (name, text) in seeds {
        let d = decode(text.as_bytes()).unwrap();
        let want: String = text.replace("\r\n", "\n").nfc().collect();
        let want = if name.starts_with("000") {
            want.replacen("Soá:", "Số:", 1)
        } else {
            want
        };
        if d.text != want {
            let diff: Vec<String> = d
                .text
                .lines()
                .zip(want.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .map(|(a, b)| format!("got  {a}\nwant {b}"))
                .collect();
            panic!("{name} changed:\n{}", diff.join("\n"));
        }
        let expected_repairs = usize::from(name.starts_with("000"));
        assert_eq!(
            d.report.repairs.len(),
            expected_repairs,
            "{name}: {:?}",
            d.report.repairs
        );
        if name.starts_with("000") {
            let r = &d.report.repairs[0];
            assert_eq!(
                (
                    r.line,
                    r.column,
                    r.end_column,
                    r.original.as_str(),
                    r.repaired.as_str()
                ),
                (6, 5, 8, "Soá", "Số")
            );
            assert_eq!(r.encoding, "vni-as-cp1252");
        }
    }
}

#[test]
fn tricky_clean_text_is_untouched() {
    assert_untouched(&[
        "Don’t touch “English” words: café, naïve, résumé, Müller, São Paulo, Zürich.",
        "Email: thpt.locthai@binhphuoc.edu.vn; ĐT: 0271.3866.123; web: https://moet.gov.vn/?a=1&b=2",
        "THPT, THCS, GD&ĐT, UBND, HĐND, BCH, TNCS, CĐ, ĐH, QĐ-UBND, NĐ-CP, TT-BGDĐT",
        "Ông bà, ÔNG BÀ, Ý kiến, ý thức, Ủy ban, Uỷ ban, hoà bình, hòa bình, thuỷ lợi, thủy lợi, khoẻ",
        "Trà và cà phê, cá kho tộ; Tô Thị Bê; Đà Lạt – Lâm Đồng … “Ở đâu?”",
        "Số: 12/KH-THCS ngày 05/9/2024 – Năm học 2024–2025 (1.250.000 đồng)",
        "a) b) c) 1. 2. 3. I. II. III. IV. – • ● ○ ■ □ ✓ ✔ © ® ° ± × ÷ ½",
        // Mixed case typed by hand, a district name, a closing curly quote, dot leaders: all correct.
        "NHóm hy vọng",
        "HUYỆN LẤP VÒ, TỈNH ĐỒNG THÁP",
        "Lấp Vò, Đồng Tháp",
        "“Ngày hội tri ân” của trường",
        "lòng tri ân”",
        "ngày……tháng……năm 2024",
        "……tháng",
        // Words the residue repairs must leave: possible syllables with ò, ó, ơ.
        "sáng ngời, thuở ấy, mời họp, bởi vì, có hóa khó phòng còn hòa, ơn nghĩa, vợ chồng",
    ]);
}

/// Each line, as Unicode text and as the bytes of a file, comes out as it is, with no repairs.
fn assert_untouched(lines: &[&str]) {
    for &line in lines {
        let d = decode_str(line);
        assert_eq!(d.text, line, "{:?}", d.report.repairs);
        assert!(d.report.repairs.is_empty(), "{:?}", d.report.repairs);
        assert_eq!(decode(line.as_bytes()).unwrap().text, line);
    }
}

#[test]
fn tone_style_of_seed_000() {
    let seeds = seeds();
    let Some((_, text)) = seeds.iter().find(|(n, _)| n.starts_with("000")) else {
        eprintln!("SKIP: seeds not found");
        return;
    };
    let d = decode(text.as_bytes()).unwrap();
    let t = vblint::decode::tone_style(&d.text);
    assert!(t.is_mixed(), "old {} new {}", t.old, t.new);
    assert!(t.words.iter().any(|w| w.word == "Uỷ" && w.other == "Ủy"));
    assert!(t.words.iter().any(|w| w.word == "khoá"));
    assert!(t.words.iter().any(|w| w.word == "khóa"));
    for w in &t.words {
        assert_eq!(&d.text[w.span.start..w.span.end], w.word);
    }
}

#[test]
fn residue_of_conversions_is_repaired_and_reported() {
    for (damaged, intended, damage, column, end_column) in [
        (
            "Tr\u{AD}ờng Tiểu học",
            "Trường Tiểu học",
            "tcvn3-u-as-soft-hyphen",
            1,
            7,
        ),
        ("V/v Hớng dẫn", "V/v Hướng dẫn", "tcvn3-u-lost", 5, 9),
        ("TR ỜNG THCS", "TRƯỜNG THCS", "tcvn3-u-lost", 1, 7),
        ("tấm gơng sáng", "tấm gương sáng", "tcvn3-u-lost", 5, 9),
        ("quyết đònh", "quyết định", "vni-letters-left", 7, 11),
        ("qui đònh", "qui định", "vni-letters-left", 5, 9),
        ("QUYẾT ĐÒNH", "QUYẾT ĐỊNH", "vni-letters-left", 7, 11),
    ] {
        let d = decode_str(damaged);
        assert_eq!(d.text, intended, "{damaged:?}");
        let r = &d.report.repairs[0];
        assert_eq!(
            (r.encoding.as_str(), r.column, r.end_column),
            (damage, column, end_column),
            "{damaged:?}: {:?}",
            d.report.repairs
        );
        assert_eq!(d.report.repaired_lines, vec![1]);
        // A second decode changes nothing.
        assert_eq!(decode_str(&d.text).text, d.text);
    }
}

#[test]
fn lost_u_words_that_are_syllables_need_other_damaged_words() {
    // "Ngời", "nh", "Lu" are repaired only because other words of the document surely lost their
    // ư ("thởng" has no other reading; "trờng" could also be a lossy "trồng").
    let d = decode_str("Hớng dẫn khen thởng nhà trờng\nNgời ký\nnh sau\nLu: VT");
    assert_eq!(
        d.text,
        "Hướng dẫn khen thưởng nhà trường\nNgười ký\nnhư sau\nLưu: VT"
    );
    // Without a word that surely lost its ư, the possible syllables stay.
    let d = decode_str("phổ thơng\nNgời ký\nnh sau");
    assert_eq!(d.text, "phổ thơng\nNgời ký\nnh sau");
    assert!(
        d.report
            .repairs
            .iter()
            .all(|r| r.encoding == "tcvn3-u-lost")
    );
    let alone = "Ngời ký\nnh sau\nLu: VT";
    assert_eq!(decode_str(alone).text, alone);
    // VNI letters: "vò", "trò" are words, repaired only beside surely damaged ones ("đònh").
    let d = decode_str("Quyết đònh, quy đònh của đơn vò\nchính trò, phòng, còn\nđòa phương");
    assert_eq!(
        d.text,
        "Quyết định, quy định của đơn vị\nchính trị, phòng, còn\nđịa phương"
    );
    let alone = "đơn vò, học trò, con bò";
    assert_eq!(decode_str(alone).text, alone);
}

#[test]
fn pdf_text_layer_damage_is_repaired_with_the_documents_evidence() {
    // ô read as ơ, ò as ị, "uyê" as "u": repaired only where the document has several such
    // words and keeps the ư of "ươ" elsewhere.
    let d = decode_str("Phịng Giáo dục hướng dẫn\nLễ tun dương học sinh phổ thơng\nthường xun");
    assert_eq!(
        d.text,
        "Phòng Giáo dục hướng dẫn\nLễ tuyên dương học sinh phổ thông\nthường xuyên"
    );
    assert!(
        d.report
            .repairs
            .iter()
            .all(|r| r.encoding == "pdf-glyphs-changed")
    );
    // One such word alone is left as written: it could be a typing slip.
    let alone = "Lễ tun dương của trường";
    assert_eq!(decode_str(alone).text, alone);
    // A TCVN3 conversion that lost its ư keeps no "ươ": there "thơng" is "thương".
    let d = decode_str("Hớng dẫn khen thởng\nyêu thơng\nnhà trờng");
    assert_eq!(d.text, "Hướng dẫn khen thưởng\nyêu thương\nnhà trường");
    // "ƣ" for ư is no Vietnamese letter: repaired on the word alone.
    let d = decode_str("Phƣơng hƣớng");
    assert_eq!(d.text, "Phương hướng");
    assert_eq!(
        (
            d.report.repairs[0].encoding.as_str(),
            d.report.repairs[0].column
        ),
        ("pdf-glyphs-changed", 1)
    );
}

#[test]
fn displaced_tone_marks_go_back_to_their_words() {
    let line = "V/v tinh hình thiêt hai \u{300} \u{323} \u{323} do mưa bão";
    let d = decode_str(line);
    assert_eq!(d.text, "V/v tình hình thiệt hại do mưa bão");
    let r = &d.report.repairs[0];
    assert_eq!(
        (r.encoding.as_str(), r.column, r.end_column),
        ("pdf-tones-displaced", 5, 30)
    );
    assert_eq!(r.repaired, "tình hình thiệt hại");
    // A second decode changes nothing.
    assert_eq!(decode_str(&d.text).text, d.text);
    // One mark after a space is left alone.
    let one = "a \u{300} b";
    assert_eq!(decode_str(one).text, one);
}

/// Windows-1258 text (base letters + combining tone bytes) read as Windows-1252.
#[test]
fn cp1258_read_as_cp1252_phrases_are_repaired() {
    for (damaged, intended) in [
        (
            "Burger BoÌ Phô Mai Ðãòc Biêòt",
            "Burger Bò Phô Mai Đặc Biệt",
        ),
        ("VoÞ Thiò Saìu", "Võ Thị Sáu"),
        // The word alone: the cp1258 reading wins over TCVN3's "Boè" and VNI's "Voị".
        ("BoÌ", "Bò"),
        ("VoÞ", "Võ"),
        ("Số nhà 12, phố VoÞ Thiò Saìu", "Số nhà 12, phố Võ Thị Sáu"),
    ] {
        let d = decode_str(damaged);
        assert_eq!(d.text, intended, "{damaged:?}: {:?}", d.report.repairs);
        assert!(
            d.report.damage.as_deref() == Some("cp1258-as-cp1252")
                || (!d.report.repairs.is_empty()
                    && d.report
                        .repairs
                        .iter()
                        .all(|r| r.encoding == "cp1258-as-cp1252")),
            "{damaged:?}: {:?}",
            d.report
        );
        assert_eq!(decode_str(&d.text).text, d.text);
    }
}

#[test]
fn cp1258_read_as_cp1252_document_is_repaired_and_reported_once() {
    let intended = "THÔNG BÁO\n\
        Về việc tổ chức hội nghị cán bộ, công chức năm 2025\n\
        Căn cứ kế hoạch của Ủy ban nhân dân huyện;\n\
        Trường Tiểu học Đường Sơn thông báo đến toàn thể giáo viên như sau:\n\
        Thời gian: 7 giờ 30 phút, ngày 15 tháng 3 năm 2025.\n\
        Địa điểm: Hội trường ủy ban xã.\n\
        Đề nghị các đồng chí tham dự đầy đủ, đúng giờ.\n\
        Nơi nhận: Như trên; Lưu: VT.";
    let damaged = "THÔNG BAìO\n\
        VêÌ viêòc tôÒ chýìc hôòi nghiò caìn bôò, công chýìc nãm 2025\n\
        Cãn cýì kêì hoaòch cuÒa UÒy ban nhân dân huyêòn;\n\
        TrýõÌng TiêÒu hoòc ÐýõÌng Sõn thông baìo ðêìn toaÌn thêÒ giaìo viên nhý sau:\n\
        ThõÌi gian: 7 giõÌ 30 phuìt, ngaÌy 15 thaìng 3 nãm 2025.\n\
        Ðiòa ðiêÒm: Hôòi trýõÌng uÒy ban xaÞ.\n\
        ÐêÌ nghiò caìc ðôÌng chiì tham dýò ðâÌy ðuÒ, ðuìng giõÌ.\n\
        Nõi nhâòn: Nhý trên; Lýu: VT.";
    assert_eq!(
        vblint::decode::encode::read_as_cp1252(&vblint::decode::encode::encode_cp1258(intended)),
        damaged
    );
    let d = decode_str(damaged);
    assert_eq!(d.text, intended);
    assert_eq!(d.report.damage.as_deref(), Some("cp1258-as-cp1252"));
    // The same document with one correct Unicode line inside (no whole-file reading): repaired
    // line by line, and the clean line stays.
    let mixed = format!("{damaged}\nNgười ký: Nguyễn Thị Hương");
    let d = decode_str(&mixed);
    assert_eq!(d.text, format!("{intended}\nNgười ký: Nguyễn Thị Hương"));
    assert!(
        d.report
            .repairs
            .iter()
            .all(|r| r.encoding == "cp1258-as-cp1252"),
        "{:?}",
        d.report.repairs
    );
    assert!(!d.report.repaired_lines.contains(&9));
}

#[test]
fn clean_text_with_latin1_letters_is_no_cp1258_damage() {
    assert_untouched(&[
        // Ì, Ò, ò, ì as real letters of foreign names and words.
        "Òscar Ìñiguez, Niccolò Ammaniti, perché ciò, Sant'Òmero, Città di Castello, Þórr",
        "Òscar Ìñiguez và Niccolò Ammaniti đến Hà Nội",
        "HÒA BÌNH, Hòa Bình, gì thì còn, PHÒNG GIÁO DỤC",
        "Burger Bò Phô Mai Đặc Biệt; Võ Thị Sáu; xã, rõ, ý kiến, Ý KIẾN",
        // Ð as the look-alike of Đ, in capitals: no tone byte, so no cp1258 reading on its own.
        "ÐÃ KÝ, ÐÃ duyệt",
        "Phô mai, phô trương, Phô",
    ]);
}

/// A place name with a final k ("Đắk Lắk"), damaged inside correct Unicode text: both words are
/// repaired, not only the one whose "Ñ" gives it away; the correct spelling stays as it is.
#[test]
fn final_k_place_names_in_unicode_text() {
    let text = "Kế hoạch năm học 2024-2025\nSÔÛ GIAÙO DUÏC ÑAÊK LAÊK\nTỈNH ÑAÊK LAÊK\ntỉnh Đắk Lắk, tỉnh Đăk Nông";
    assert_eq!(
        decode_str(text).text,
        "Kế hoạch năm học 2024-2025\nSỞ GIÁO DỤC ĐĂK LĂK\nTỈNH ĐĂK LĂK\ntỉnh Đắk Lắk, tỉnh Đăk Nông"
    );
}
