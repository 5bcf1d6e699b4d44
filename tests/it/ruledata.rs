//! The rule data under `rules/`: the built-in files are valid, complete enough and in canonical
//! order; user files are validated with errors that name file and line; user entries override.

use std::path::{Path, PathBuf};
use vblint::date::Date;
use vblint::ruledata::{FILE_NAMES, RuleData, normalize_name, normalize_symbol};

fn builtin() -> &'static RuleData {
    RuleData::builtin()
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("valid test date")
}

/// A fresh directory under the target dir holding the given files.
fn user_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ruledata-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test dir");
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("write test file");
    }
    dir
}

fn load_err(name: &str, file: &str, text: &str) -> (String, String) {
    let dir = user_dir(name, &[(file, text)]);
    let err = RuleData::load_dir(&dir).expect_err("invalid data is rejected");
    (err.to_string(), dir.join(file).display().to_string())
}

#[test]
fn builtin_data_parses_and_validates() {
    let data = RuleData::try_builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(!data.reduplications.is_empty());
    assert!(
        data.documents.len() >= 30,
        "{} documents",
        data.documents.len()
    );
    assert!(
        data.anniversaries.len() >= 25,
        "{} anniversaries",
        data.anniversaries.len()
    );
    assert!(data.doc_types.len() >= 30);
    assert!(data.issuers.len() >= 10);
    assert!(data.movements.len() >= 8);
}

#[test]
fn builtin_files_are_in_canonical_order() {
    let data = builtin();
    let keys: Vec<_> = data
        .documents
        .iter()
        .map(|x| {
            let (m, dd) = x.date.map_or((0, 0), |d| (d.month, d.day));
            (
                x.issue_year().expect("every document has a year"),
                m,
                dd,
                x.symbol.clone(),
            )
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "documents out of order"
    );
    assert!(
        data.anniversaries
            .windows(2)
            .all(|w| (w[0].base_date, &w[0].name) <= (w[1].base_date, &w[1].name))
    );
    assert!(data.doc_types.windows(2).all(|w| w[0].code < w[1].code));
    assert!(data.issuers.windows(2).all(|w| w[0].code < w[1].code));
    assert!(
        data.movements
            .windows(2)
            .all(|w| w[0].name.to_lowercase() < w[1].name.to_lowercase())
    );
}

#[test]
fn builtin_keys_are_unique_and_sources_present() {
    let data = builtin();
    let mut seen = std::collections::HashSet::new();
    for x in &data.documents {
        assert!(
            seen.insert((normalize_symbol(&x.symbol), x.date, x.year)),
            "{}",
            x.symbol
        );
        assert!(!x.source.trim().is_empty(), "{} has no source", x.symbol);
        assert!(x.date.is_some() || x.year.is_some());
    }
    let mut names = std::collections::HashSet::new();
    for a in &data.anniversaries {
        assert!(!a.source.trim().is_empty(), "{} has no source", a.name);
        for n in a.names() {
            names.insert((normalize_name(n), a.name.clone()));
        }
    }
    let distinct: std::collections::HashSet<_> = names.iter().map(|(n, _)| n).collect();
    assert_eq!(
        distinct.len(),
        names.len(),
        "an anniversary alias names two events"
    );
    for t in &data.doc_types {
        assert!(
            !t.source.trim().is_empty() && !t.names.is_empty(),
            "{}",
            t.code
        );
    }
    for i in &data.issuers {
        assert!(
            !i.source.trim().is_empty() && !i.names.is_empty(),
            "{}",
            i.code
        );
    }
    for m in &data.movements {
        assert!(!m.source.trim().is_empty(), "{}", m.name);
    }
}

#[test]
fn builtin_dates_are_consistent() {
    for x in &builtin().documents {
        if let (Some(date), Some(eff)) = (x.date, x.effective) {
            assert!(eff >= date, "{}", x.symbol);
        }
        if let (Some(date), Some(exp)) = (x.date, x.expired) {
            assert!(exp > date, "{}", x.symbol);
        }
    }
}

#[test]
fn superseded_by_targets_exist() {
    let data = builtin();
    let mut links = 0;
    for x in &data.documents {
        if let Some(next) = &x.superseded_by {
            assert!(data.documents_by_symbol(next).next().is_some(), "{next}");
            links += 1;
        }
    }
    assert!(links >= 3);
}

#[test]
fn known_facts_from_the_issue() {
    let data = builtin();
    let ct05: Vec<_> = data.documents_by_symbol("05-CT/TW").collect();
    assert_eq!(ct05.len(), 1);
    assert_eq!(ct05[0].date, Some(d("2016-05-15")));
    assert!(ct05[0].issuer_matches("Bộ Chính trị khóa XII"));
    assert!(ct05[0].issuer_matches("bộ chính trị"));
    assert!(!ct05[0].issuer_matches("Ban Bí thư"));

    let nd91 = data
        .documents_by_symbol("91/2017/Nđ-CP")
        .next()
        .expect("91/2017 present");
    assert_eq!(nd91.superseded_by.as_deref(), Some("98/2023/NĐ-CP"));
    assert!(nd91.is_expired_on(d("2024-01-01")));
    assert!(!nd91.is_expired_on(d("2023-12-31")));

    // Party symbols repeat across terms: the 2014 34-CT/TW is known by its year.
    let ct34: Vec<_> = data.documents_by_symbol("34- CT/TW").collect();
    assert_eq!(ct34.len(), 1);
    assert_eq!(ct34[0].issue_year(), Some(2014));

    let luat = data
        .documents_by_symbol("06/2022/QH15")
        .next()
        .expect("Luật 2022");
    assert_eq!(luat.name.as_deref(), Some("Thi đua, khen thưởng"));
    assert_eq!(luat.effective, Some(d("2024-01-01")));

    let qd = data
        .documents_by_symbol("1373/QĐ-TTg")
        .next()
        .expect("1373");
    assert_eq!(qd.period.map(|p| (p.from, p.to)), Some((2021, 2030)));
}

#[test]
fn code_lookups() {
    let data = builtin();
    let kh = data.doc_type("KH").expect("KH");
    assert_eq!(kh.names[0], "Kế hoạch");
    assert!(kh.matches_name("kế hoạch"));
    assert!(!kh.matches_name("Công văn"));
    assert_eq!(
        data.doc_type("CTr").map(|t| t.names[0].as_str()),
        Some("Chương trình")
    );
    assert_eq!(
        data.doc_type("CT").map(|t| t.names[0].as_str()),
        Some("Chỉ thị")
    );
    assert_eq!(data.doc_type("QÐ").map(|t| t.code.as_str()), Some("QĐ")); // Icelandic Eth
    assert!(data.doc_type("XYZ").is_none());
    assert!(
        data.doc_type("GUQ")
            .expect("GUQ")
            .matches_name("Giấy ủy quyền")
    );
    assert!(
        data.doc_type("GUQ")
            .expect("GUQ")
            .matches_name("Giấy uỷ quyền")
    );

    let pgd = data.issuer("PGDĐT").expect("PGDĐT");
    assert!(pgd.matches_name("Phòng Giáo dục và Đào tạo huyện Tam Nông"));
    assert!(!pgd.matches_name("Ủy ban nhân dân huyện Tam Nông"));
    assert!(pgd.levels.iter().any(|l| l == "huyện"));
    let ubnd = data.issuer("UBND").expect("UBND");
    assert!(ubnd.matches_name("Uỷ ban nhân dân tỉnh Bình Phước"));
    assert!(ubnd.matches_name("UBND huyện"));
    assert!(data.issuer("SGD&ĐT").is_some());
    assert!(data.issuer("QH").expect("QH").term_suffix);
}

#[test]
fn anniversary_lookup() {
    let data = builtin();
    let find = |t: &str| data.anniversary_by_name(t).map(|a| a.base_date);
    assert_eq!(
        find("94 năm Ngày thành lập Đảng Cộng sản Việt Nam"),
        Some(d("1930-02-03"))
    );
    assert_eq!(
        find("kỷ niệm 42 năm ngày Nhà giáo Việt Nam"),
        Some(d("1982-11-20"))
    );
    assert_eq!(
        find("80 năm Ngày thành lập Quân đội nhân dân Việt Nam"),
        Some(d("1944-12-22"))
    );
    assert_eq!(
        find("35 năm Ngày hội Quốc phòng toàn dân"),
        Some(d("1989-12-22"))
    );
    assert_eq!(
        find("75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"),
        Some(d("1948-06-11"))
    );
    assert_eq!(
        find("NGÀY GIẢI PHÓNG MIỀN NAM, THỐNG NHẤT ĐẤT NƯỚC"),
        Some(d("1975-04-30"))
    );
    // Another event that starts like a registered name.
    assert_eq!(find("40 năm Ngày thành lập Đảng bộ huyện"), None);
    assert_eq!(find("40 năm Ngày tái lập huyện Tam Nông"), None);
    // Diacritics-exact.
    assert_eq!(find("Ngay Nha giao Viet Nam"), None);
}

#[test]
fn movements_and_renamings() {
    let data = builtin();
    let old = data
        .movements()
        .iter()
        .find(|m| m.name.starts_with("Cả nước chung tay"))
        .expect("old name");
    let new = data
        .movements()
        .iter()
        .find(|m| Some(&m.name) == old.renamed_to.as_ref())
        .expect("renamed_to resolves");
    assert!(old.applies_in(2019) && !old.applies_in(2022));
    assert!(new.applies_in(2022) && !new.applies_in(2019));
    assert_eq!(new.renamed_from.as_ref(), Some(&old.name));
}

#[test]
fn bad_date_names_file_and_line() {
    let text = "[[anniversary]]\nname = \"X\"\nbase_date = \"2021-02-30\"\nsource = \"s\"\n";
    let (msg, file) = load_err("bad-date", "anniversaries.toml", text);
    assert_eq!(
        msg,
        format!(
            "{file}:3: dữ liệu TOML không hợp lệ: không phải ngày hợp lệ dạng YYYY-MM-DD: \"2021-02-30\""
        )
    );
}

#[test]
fn duplicate_document_names_file_and_line() {
    let entry = "[[document]]\ntype = \"Chỉ thị\"\nsymbol = \"05-CT/TW\"\ndate = \"2016-05-15\"\nissuer = \"Bộ Chính trị\"\nsource = \"s\"\n";
    let text = format!(
        "# header\n\n{entry}\n{}",
        entry.replace("05-CT/TW", "05 - CT/TW")
    );
    let (msg, file) = load_err("dup", "documents.toml", &text);
    assert_eq!(
        msg,
        format!(
            "{file}:10: văn bản 05 - CT/TW ngày 2016-05-15 trùng với một mục trước: mỗi văn bản chỉ ghi một lần"
        )
    );
}

#[test]
fn syntax_error_names_file_and_line() {
    let text = "[[issuer]]\ncode = \"X\"\nnames = [\"Y\"\n";
    let (msg, file) = load_err("syntax", "issuers.toml", text);
    assert!(msg.starts_with(&format!("{file}:3: ")), "{msg}");
}

#[test]
fn semantic_errors_name_the_entry_line() {
    let doc = |sym: &str, date: &str, extra: &str| {
        format!(
            "[[document]]\ntype = \"Nghị định\"\nsymbol = \"{sym}\"\ndate = \"{date}\"\nissuer = \"Chính phủ\"\n{extra}source = \"s\"\n\n"
        )
    };
    let (msg, file) = load_err(
        "order",
        "documents.toml",
        &(doc("2/2020/NĐ-CP", "2020-05-01", "") + &doc("1/2020/NĐ-CP", "2020-01-01", "")),
    );
    assert_eq!(
        msg,
        format!(
            "{file}:8: sai thứ tự (theo năm, ngày, số hiệu): 1/2020/NĐ-CP ngày 2020-01-01 phải đứng trước 2/2020/NĐ-CP ngày 2020-05-01"
        )
    );
    let (msg, file) = load_err(
        "superseded",
        "documents.toml",
        &doc(
            "1/2020/NĐ-CP",
            "2020-01-01",
            "superseded_by = \"9/2099/NĐ-CP\"\n",
        ),
    );
    assert_eq!(
        msg,
        format!(
            "{file}:1: văn bản 1/2020/NĐ-CP: superseded_by 9/2099/NĐ-CP không có trong danh mục văn bản (documents.toml): hãy thêm văn bản đó hoặc sửa số hiệu"
        )
    );
    let (msg, file) = load_err(
        "nosource",
        "doc-types.toml",
        "[[type]]\ncode = \"KH\"\nnames = [\"Kế hoạch\"]\nfamilies = [\"administrative\"]\nsource = \" \"\n",
    );
    assert_eq!(
        msg,
        format!("{file}:1: source để trống: hãy ghi source cho mục này")
    );
    let (msg, file) = load_err(
        "nonames",
        "issuers.toml",
        "[[issuer]]\ncode = \"X\"\nnames = []\nlevels = [\"tỉnh\"]\nsource = \"s\"\n",
    );
    assert_eq!(
        msg,
        format!("{file}:1: names để trống: hãy ghi ít nhất một giá trị names cho mục này")
    );
    let (msg, _) = load_err(
        "missing-source",
        "movements.toml",
        "[[movement]]\nname = \"A\"\nscope = \"national\"\n",
    );
    assert!(
        msg.contains("movements.toml:1: dữ liệu TOML không hợp lệ: missing field `source`"),
        "{msg}"
    );
}

#[test]
fn unknown_file_is_rejected() {
    let (msg, file) = load_err("unknown", "document.toml", "");
    assert!(
        msg.starts_with(&format!(
            "{file}: không phải tệp dữ liệu quy tắc: tên tệp phải là một trong {}",
            FILE_NAMES.join(", ")
        )),
        "{msg}"
    );
    assert!(FILE_NAMES.contains(&"documents.toml"));
}

#[test]
fn user_entries_override_and_extend_builtin() {
    let dir = user_dir(
        "override",
        &[
            (
                "documents.toml",
                "[[document]]\ntype = \"Chỉ thị\"\nsymbol = \"05-CT/TW\"\ndate = \"2016-05-15\"\nissuer = \"Bộ Chính trị\"\ntitle = \"tiêu đề do tỉnh sửa\"\nsource = \"tỉnh\"\n\n[[document]]\ntype = \"Chỉ thị\"\nsymbol = \"13/CT-UBND\"\ndate = \"2020-12-29\"\nissuer = \"Ủy ban nhân dân tỉnh Bình Phước\"\nsuperseded_by = \"98/2023/NĐ-CP\"\nsource = \"tỉnh\"\n",
            ),
            (
                "anniversaries.toml",
                "[[anniversary]]\nname = \"Ngày tái lập huyện Tam Nông\"\nbase_date = \"1983-01-01\"\nsource = \"huyện\"\n",
            ),
        ],
    );
    let user = RuleData::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(user.documents.len(), 2);
    assert_eq!(user.documents[1].origin.line, 9);
    let mut data = builtin().clone();
    let before = data.documents.len();
    data.merge(user);
    assert_eq!(data.documents.len(), before + 1);
    let ct05: Vec<_> = data.documents_by_symbol("05-CT/TW").collect();
    assert_eq!(ct05.len(), 1);
    assert_eq!(ct05[0].title.as_deref(), Some("tiêu đề do tỉnh sửa"));
    assert!(data.documents_by_symbol("13/CT-UBND").next().is_some());
    assert!(
        data.documents
            .windows(2)
            .all(
                |w| (w[0].issue_year(), w[0].date) <= (w[1].issue_year(), w[1].date)
                    || w[0].date.is_none()
                    || w[1].date.is_none()
            )
    );
    assert_eq!(
        data.anniversary_by_name("40 năm Ngày tái lập huyện Tam Nông")
            .map(|a| a.base_date),
        Some(d("1983-01-01"))
    );
    // The built-in data itself is unchanged.
    assert_eq!(builtin().documents.len(), before);
}
