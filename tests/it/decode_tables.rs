//! Our byte tables against the authorities: glibc iconv for every charset of the table that names
//! its iconv counterpart (live when iconv is installed, and always against the committed fixture
//! generated from it), and coverage of every Vietnamese letter by every table.

use std::process::Command;
use vblint::decode::charsets::CHARSETS;
use vblint::decode::tables::VPS;
use vblint::decode::viet::all_non_ascii_letters;

/// The charsets with a byte table, with their iconv names.
fn iconv_tables() -> Vec<(&'static str, &'static [u16; 256])> {
    CHARSETS
        .iter()
        .filter_map(|c| Some((c.iconv?, c.byte_table()?)))
        .collect()
}

/// The committed fixture: its column names (iconv names) and, per byte, one code point per column.
fn fixture() -> (Vec<String>, Vec<(u8, Vec<u32>)>) {
    let text = include_str!("../decode_fixtures/iconv_tables.txt");
    let columns = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# byte "))
        .and_then(|l| l.split(" (").next())
        .map(|l| l.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let rows = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<u32> = l
                .split_whitespace()
                .map(|x| u32::from_str_radix(x, 16).unwrap())
                .collect();
            (f[0] as u8, f[1..].to_vec())
        })
        .collect();
    (columns, rows)
}

#[test]
fn tables_match_the_iconv_fixture() {
    let (columns, rows) = fixture();
    assert_eq!(rows.len(), 256);
    let tables = iconv_tables();
    assert_eq!(
        columns,
        tables
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>(),
        "the fixture has one column per charset with an iconv name (regenerate with gen_tables.py)"
    );
    for (b, points) in rows {
        for ((name, table), &cp) in tables.iter().zip(&points) {
            assert_eq!(u32::from(table[usize::from(b)]), cp, "{name} byte {b:02X}");
        }
    }
}

fn iconv_byte(enc: &str, b: u8) -> Option<u32> {
    use std::io::Write;
    let mut child = Command::new("iconv")
        .args(["-f", enc, "-t", "UTF-32BE"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(&[b]).ok()?;
    let out = child.wait_with_output().ok()?;
    (out.status.success() && out.stdout.len() == 4)
        .then(|| u32::from_be_bytes([out.stdout[0], out.stdout[1], out.stdout[2], out.stdout[3]]))
}

#[test]
fn tables_match_live_iconv() {
    if Command::new("iconv").arg("--version").output().is_err() {
        eprintln!("SKIP: iconv not installed; the fixture test still checks the tables");
        return;
    }
    for (enc, table) in iconv_tables() {
        for b in 0..=255u8 {
            if let Some(cp) = iconv_byte(enc, b) {
                assert_eq!(u32::from(table[usize::from(b)]), cp, "{enc} byte {b:02X}");
            }
        }
    }
}

#[test]
fn every_table_covers_every_vietnamese_letter() {
    let tables = CHARSETS
        .iter()
        .filter_map(|c| Some((c.name, c.byte_table()?, c.missing_letters)));
    for (name, table, allowed) in tables {
        let missing: Vec<char> = all_non_ascii_letters()
            .into_iter()
            .filter(|&c| !table.iter().any(|&u| u32::from(u) == c as u32))
            .collect();
        assert_eq!(missing, allowed, "{name} lacks {missing:?}");
    }
}

#[test]
fn vps_matches_recode_documentation_samples() {
    // Spot checks of GNU recode's vn.c VPS table.
    assert_eq!(VPS[0x02], 0x1EA0); // Ạ
    assert_eq!(VPS[0xC7], 0x0111); // đ
    assert_eq!(VPS[0xF1], 0x0110); // Đ
    assert_eq!(VPS[0xDC], 0x01B0); // ư
    assert_eq!(VPS[0xD6], 0x01A1); // ơ
}
