//! `vblint check --fix` / `--diff`: every rule that offers a fix, applied to the seeds and to
//! snippets of our own; the safe/unsafe split; idempotence (a second `--fix` finds nothing left);
//! the file written atomically with its backup and permissions; `--diff` changing nothing.

use crate::common::{self, temp_dir, vblint};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use vblint::fix::{SAFE_RULES, edits, fix_text};
use vblint::pipeline::{Options, check_text_bytes};

/// Every rule whose findings carry a fix.
const FIXABLE: &[&str] = &[
    "anniversary-base-date",
    "anniversary-count",
    "citation-missing-date",
    "citation-registry-mismatch",
    "citation-type-mismatch",
    "duplicate-word",
    "header-date-format",
    "legacy-encoding",
    "mixed-tone-style",
    "movement-name-mismatch",
    "numbering-gap",
    "schedule-date-mismatch",
    "symbol-spacing",
];

/// A header whose issue date lacks the zero padding, and a symbol with a stray space.
const SNIPPET: &str = "UBND HUYỆN LỘC NINH     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
TRƯỜNG TIỂU HỌC LỘC HIỆP     Độc lập - Tự do - Hạnh phúc\n\
Số: 15/KH-THLH     Lộc Hiệp, ngày 5 tháng 3 năm 2021\n\
KẾ HOẠCH\n\
Thực hiện Chỉ thị số 34- CT/TW ngày 07 tháng 4 năm 2014 của Ban Bí thư.\n";

/// The seeds, the rules' own example documents (`corpus/rules/`) and the snippet.
fn texts() -> Vec<(String, String)> {
    let mut v = common::seeds();
    let mut rules: Vec<PathBuf> = std::fs::read_dir("corpus/rules")
        .expect("corpus/rules")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    rules.sort();
    for p in rules {
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        v.push((name, std::fs::read_to_string(&p).expect("UTF-8")));
    }
    v.push(("snippet.txt".to_string(), SNIPPET.to_string()));
    v
}

fn fixable_rules(name: &str, text: &str, unsafe_fixes: bool) -> BTreeSet<String> {
    let report = check_text_bytes(name, text.as_bytes(), &Options::default());
    edits(text, &report.findings, unsafe_fixes)
        .into_iter()
        .map(|e| e.rule)
        .collect()
}

#[test]
fn every_fixable_rule_is_applied_and_a_second_fix_finds_nothing() {
    let mut covered = BTreeSet::new();
    for (name, text) in texts() {
        let report = check_text_bytes(&name, text.as_bytes(), &Options::default());
        let fixed = fix_text(&name, &text, &Options::default(), true);
        for (rule, _) in &fixed.applied {
            covered.insert(rule.clone());
        }
        // Each safe fix of the first round is in the fixed text (unsafe ones can be alternatives:
        // a count or its base date).
        for e in edits(&text, &report.findings, false) {
            assert!(
                fixed.text.contains(&e.replacement),
                "{name}: {} {:?}",
                e.rule,
                e.replacement
            );
        }
        assert!(
            fixable_rules(&name, &fixed.text, true).is_empty(),
            "{name}: fixes left"
        );
        let again = fix_text(&name, &fixed.text, &Options::default(), true);
        assert_eq!(again.text, fixed.text, "{name}: idempotent");
        assert!(again.applied.is_empty());
    }
    let all: BTreeSet<String> = FIXABLE.iter().map(|s| s.to_string()).collect();
    assert_eq!(covered, all, "every fixable rule applied somewhere");
}

#[test]
fn safe_fixes_leave_dates_numbers_and_words_alone() {
    let mut covered = BTreeSet::new();
    for (name, text) in texts() {
        let unsafe_before: BTreeSet<String> = fixable_rules(&name, &text, true)
            .into_iter()
            .filter(|r| !SAFE_RULES.contains(&r.as_str()))
            .collect();
        let fixed = fix_text(&name, &text, &Options::default(), false);
        for (rule, _) in &fixed.applied {
            assert!(
                SAFE_RULES.contains(&rule.as_str()),
                "{name}: unsafe {rule} applied"
            );
            covered.insert(rule.clone());
        }
        assert!(
            fixable_rules(&name, &fixed.text, false).is_empty(),
            "{name}"
        );
        // The unsafe fixes are still offered.
        let unsafe_after: BTreeSet<String> = fixable_rules(&name, &fixed.text, true)
            .into_iter()
            .filter(|r| !SAFE_RULES.contains(&r.as_str()))
            .collect();
        assert_eq!(unsafe_after, unsafe_before, "{name}");
    }
    let safe: BTreeSet<String> = SAFE_RULES.iter().map(|s| s.to_string()).collect();
    assert_eq!(covered, safe);
    let fixed = fix_text("snippet.txt", SNIPPET, &Options::default(), false);
    assert!(fixed.text.contains("Lộc Hiệp, ngày 05 tháng 3 năm 2021"));
    assert!(fixed.text.contains("Chỉ thị số 34-CT/TW ngày"));
    assert_eq!(fixed.text.lines().count(), SNIPPET.lines().count());
}

#[test]
fn check_fix_writes_atomically_with_backup_and_permissions_and_diff_changes_nothing() {
    let dir = temp_dir("fix-cli");
    let file = dir.join("kh.txt");
    let original = SNIPPET.replace('\n', "\r\n");
    std::fs::write(&file, &original).expect("write");
    let args = |extra: &[&str], file: &Path| -> Vec<std::ffi::OsString> {
        let mut v: Vec<std::ffi::OsString> =
            vec!["check".into(), "--format".into(), "concise".into()];
        v.extend(extra.iter().map(|s| s.into()));
        v.push(file.as_os_str().to_owned());
        v
    };
    let run = |extra: &[&str], file: &Path| {
        let a = args(extra, file);
        vblint(&a.iter().map(|s| s.as_os_str()).collect::<Vec<_>>())
    };
    let d = run(&["--diff"], &file);
    assert_eq!(d.status.code(), Some(1));
    let diff = String::from_utf8(d.stdout).expect("utf8");
    assert!(
        diff.contains("+Số: 15/KH-THLH     Lộc Hiệp, ngày 05 tháng 3 năm 2021\r\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-Số: 15/KH-THLH     Lộc Hiệp, ngày 5 tháng 3 năm 2021\r\n"),
        "{diff}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        original,
        "--diff changes nothing"
    );
    assert!(!dir.join("kh.txt.bak").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let f = run(&["--fix"], &file);
    assert!(
        String::from_utf8_lossy(&f.stderr).contains("đã sửa 2 lỗi"),
        "{}",
        String::from_utf8_lossy(&f.stderr)
    );
    let fixed = std::fs::read_to_string(&file).expect("read");
    assert_eq!(
        fixed,
        fix_text("kh.txt", &original, &Options::default(), false).text
    );
    assert!(
        fixed.contains("ngày 05 tháng 3 năm 2021\r\n"),
        "line ends kept"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("kh.txt.bak")).expect("bak"),
        original
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // The remaining findings are reported; nothing is left to fix.
    let stdout = String::from_utf8_lossy(&f.stdout);
    assert!(
        !stdout.contains("header-date-format") && !stdout.contains("symbol-spacing"),
        "{stdout}"
    );
    let again = run(&["--fix"], &file);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("đã sửa"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), fixed);
    let d = run(&["--diff"], &file);
    assert_eq!(d.status.code(), Some(0));
    assert!(d.stdout.is_empty());
    // Not UTF-8: refused, unchanged.
    let legacy = dir.join("tcvn3.txt");
    std::fs::write(
        &legacy,
        b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca vi\xd6t nam\n",
    )
    .expect("write");
    let r = run(&["--fix"], &legacy);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("không phải UTF-8"));
    assert_eq!(
        std::fs::read(&legacy).expect("read"),
        b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca vi\xd6t nam\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn diff_of_a_word_file_shows_its_fixed_text() {
    let dir = temp_dir("fix-docx");
    let file = dir.join("kh.docx");
    std::fs::write(&file, common::seed_docx(SNIPPET, common::VARIANTS[1])).expect("write");
    let before = std::fs::read(&file).expect("read");
    let o = vblint(&["check".as_ref(), "--diff".as_ref(), file.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8(o.stdout).expect("utf8");
    assert!(
        diff.contains("+Thực hiện Chỉ thị số 34-CT/TW ngày 07 tháng 4 năm 2014 của Ban Bí thư."),
        "{diff}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let o = vblint(&["check".as_ref(), "--fix".as_ref(), file.as_os_str()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--fix chỉ sửa tệp văn bản .txt"));
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let _ = std::fs::remove_dir_all(&dir);
}
