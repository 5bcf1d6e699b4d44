//! Font-aware decoding of runs typed in legacy Vietnamese fonts.
//!
//! A .docx stores text typed in a TCVN3 (`.VnTime`, `.VnArialH`, …) or VNI (`VNI-Times`, `VNI-Helve`,
//! …) font as the Windows-1252 reading of the legacy bytes ("Céng hoµ x· héi", "Coäng hoøa xaõ
//! hoäi"), and names the font on the run. The font tells the encoding, and TCVN3's capital fonts
//! (`.VnTimeH`, the trailing "H") draw every letter as a capital, so their text is upper-cased after
//! decoding — the one thing no text-only detector can know.

use crate::decode::charsets::{CHARSETS, Legacy};
use crate::decode::codec::cp1252_byte;

/// The legacy charset a font implies ([`crate::decode::charsets`] lists each charset's fonts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegacyFont {
    pub charset: Legacy,
    /// A capitals font (TCVN3's `.VnTimeH`, `.VnArialH`, …): decode, then upper-case.
    pub capitals: bool,
}

impl LegacyFont {
    /// The legacy family of a font name, if it is one.
    pub fn from_font_name(name: &str) -> Option<LegacyFont> {
        CHARSETS.iter().find_map(|charset| {
            charset
                .font(name)
                .map(|capitals| LegacyFont { charset, capitals })
        })
    }

    /// The name used in reports.
    pub fn encoding_name(self) -> &'static str {
        self.charset.name
    }
}

/// The Unicode font that stands for a legacy one (`None` for a font that is not legacy): the
/// family it was drawn after, the capitals font mapped like its lower-case one (its text is
/// upper-cased instead).
pub fn unicode_font(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    let capitals_suffix = LegacyFont::from_font_name(name)?
        .charset
        .fonts
        .capitals_suffix
        .map(|c| c.to_ascii_lowercase());
    let base = capitals_suffix
        .and_then(|c| lower.strip_suffix(c))
        .unwrap_or(&lower);
    const BY_NAME: &[(&str, &str)] = &[
        ("narrow", "Arial Narrow"),
        ("condense", "Arial Narrow"),
        ("arial", "Arial"),
        ("helve", "Arial"),
        ("univers", "Arial"),
        ("avant", "Century Gothic"),
        ("century", "Century Schoolbook"),
        ("couri", "Courier New"),
        ("book", "Book Antiqua"),
        ("antiqua", "Book Antiqua"),
        ("tahoma", "Tahoma"),
        ("verdana", "Verdana"),
    ];
    Some(
        BY_NAME
            .iter()
            .find(|(key, _)| base.contains(key))
            .map_or("Times New Roman", |(_, font)| font),
    )
}

/// The Unicode text of a run typed in a legacy font, given as Word stores it (the Windows-1252
/// reading of the legacy bytes). Characters that have no Windows-1252 byte (real Unicode typed into a
/// legacy-font run) are kept as they are; symbol-font private-use characters U+F020–U+F0FF stand for
/// their low byte.
pub fn decode_legacy_run(text: &str, family: LegacyFont) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if bytes.is_empty() {
            return;
        }
        let decoded = family.charset.read(bytes).0;
        out.push_str(&decoded);
        bytes.clear();
    };
    for c in text.chars() {
        let byte = match u32::from(c) {
            0xF020..=0xF0FF => Some((u32::from(c) - 0xF000) as u8),
            _ => cp1252_byte(c),
        };
        match byte {
            Some(b) => bytes.push(b),
            None => {
                flush(&mut bytes, &mut out);
                out.push(c);
            }
        }
    }
    flush(&mut bytes, &mut out);
    if family.capitals {
        out.to_uppercase()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::decode::charsets::{tcvn3, vni};

    fn font(charset: Legacy, capitals: bool) -> Option<LegacyFont> {
        Some(LegacyFont { charset, capitals })
    }

    #[test]
    fn fonts() {
        assert_eq!(LegacyFont::from_font_name(".VnTime"), font(tcvn3(), false));
        assert_eq!(LegacyFont::from_font_name(".VnTimeH"), font(tcvn3(), true));
        assert_eq!(LegacyFont::from_font_name(".VnArialH"), font(tcvn3(), true));
        assert_eq!(
            LegacyFont::from_font_name("VNI-Helve-Condense"),
            font(vni(), false)
        );
        assert_eq!(LegacyFont::from_font_name("Times New Roman"), None);
        assert_eq!(LegacyFont::from_font_name("Vni"), None);
    }

    #[test]
    fn unicode_counterparts() {
        assert_eq!(unicode_font(".VnTime"), Some("Times New Roman"));
        assert_eq!(unicode_font(".VnTimeH"), Some("Times New Roman"));
        assert_eq!(unicode_font(".VnArial"), Some("Arial"));
        assert_eq!(unicode_font(".VnArialH"), Some("Arial"));
        assert_eq!(unicode_font(".VnArial NarrowH"), Some("Arial Narrow"));
        assert_eq!(unicode_font("VNI-Times"), Some("Times New Roman"));
        assert_eq!(unicode_font("VNI-Helve"), Some("Arial"));
        assert_eq!(unicode_font("VNI-Helve-Condense"), Some("Arial Narrow"));
        assert_eq!(unicode_font(".VnCourier New"), Some("Courier New"));
        assert_eq!(unicode_font("Times New Roman"), None);
    }

    #[test]
    fn domain_phrases() {
        let t = font(tcvn3(), false).unwrap();
        assert_eq!(decode_legacy_run("Céng hoµ x· héi", t), "Cộng hoà xã hội");
        assert_eq!(
            decode_legacy_run("§éc lËp - Tù do - H¹nh phóc", t),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            decode_legacy_run("Tr\u{AD}êng TiÓu häc", t),
            "Trường Tiểu học"
        );
        assert_eq!(
            decode_legacy_run("kÕ ho¹ch", font(tcvn3(), true).unwrap()),
            "KẾ HOẠCH"
        );
        let v = font(vni(), false).unwrap();
        assert_eq!(
            decode_legacy_run("Coäng hoaø xaõ hoäi", v),
            "Cộng hoà xã hội"
        );
        assert_eq!(
            decode_legacy_run("Ñoäc laäp - Töï do - Haïnh phuùc", v),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(decode_legacy_run("KEÁ HOAÏCH", v), "KẾ HOẠCH");
        assert_eq!(decode_legacy_run("Ngöôøi kyù", v), "Người ký");
        // Real Unicode in a legacy-font run is kept.
        assert_eq!(decode_legacy_run("Số 5", t), "Số 5");
    }
}
