//! Whole-text damage: Unicode text that is, from first to last character, legacy bytes or UTF-8 read
//! through Windows-1252.
//!
//! Such a text has no character a cp1252 reading cannot produce, so it can be turned back into its
//! bytes losslessly and decoded at byte speed: as UTF-8 when the bytes are valid UTF-8 (mojibake,
//! also doubly encoded), else with the legacy detector when it is sure of TCVN3 or VNI. Texts with
//! any real Vietnamese letter (ố, ạ, ư …), lost bytes (U+FFFD) or an unsure detection go through the
//! word-by-word repair instead.

use super::detect::{self, Legacy};
use super::legacy::cp1252_byte;
use super::repair::Damage;
use super::{Decoded, decode_legacy, decode_str, split_lines};
use crate::source::LineMap;

/// Decodes `text` as a whole when it is wholly damaged; `None` otherwise.
pub fn repair_whole(text: &str) -> Option<Decoded> {
    if text.is_ascii() {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        bytes.push(cp1252_byte(c)?);
    }
    let (mut decoded, damage) = match std::str::from_utf8(&bytes) {
        Ok(inner) => {
            let d = decode_str(inner);
            let maps = utf8_maps(inner, &d.line_maps);
            (
                Decoded {
                    line_maps: maps,
                    ..d
                },
                Damage::Utf8,
            )
        }
        Err(_) => {
            let (enc, confidence) = detect::detect_legacy(&bytes)?;
            let damage = match enc {
                Legacy::Tcvn3 => Damage::Tcvn3,
                Legacy::Vni => Damage::Vni,
                _ => return None,
            };
            // The text as it stands must read much worse than its re-reading.
            let sample = detect::sample(text.as_bytes());
            let as_is = detect::score(&String::from_utf8_lossy(&sample));
            if confidence < 0.7 {
                return None;
            }
            let d = decode_legacy(&bytes, enc, confidence);
            let sample_out = detect::sample(d.text.as_bytes());
            if detect::score(&String::from_utf8_lossy(&sample_out)) <= as_is.max(0) * 2 {
                return None;
            }
            (d, damage)
        }
    };
    let original = split_lines(text);
    decoded.report.repaired_lines = split_lines(&decoded.text)
        .iter()
        .zip(&original)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i as u32 + 1)
        .collect();
    decoded.report.name = "utf-8".to_string();
    decoded.report.confidence = 1.0;
    decoded.report.damage = Some(damage.label().to_string());
    decoded.report.repairs.clear();
    Some(decoded)
}

/// Column maps of repaired text back to its mojibake: each character of `inner` came from as many
/// cp1252 characters as its UTF-8 length; composed after `inner_maps` (repaired → inner).
fn utf8_maps(inner: &str, inner_maps: &[LineMap]) -> Vec<LineMap> {
    split_lines(inner)
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut anchors = vec![(0u32, 0u32)];
            let (mut col, mut orig) = (0u32, 0u32);
            for c in line.chars() {
                let n = c.len_utf8() as u32;
                if n != 1 {
                    anchors.push((col, orig));
                    anchors.push((col + 1, orig + n));
                }
                col += 1;
                orig += n;
            }
            anchors.dedup();
            let map = LineMap::from_anchors(anchors);
            inner_maps.get(i).map_or(map.clone(), |m| m.then(&map))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wholly_damaged_texts() {
        let d = repair_whole("Céng hoµ x· héi chñ nghÜa ViÖt Nam\nSè: 12/KH-THCS").unwrap();
        assert_eq!(d.text, "Cộng hoà xã hội chủ nghĩa Việt Nam\nSố: 12/KH-THCS");
        assert_eq!(d.report.damage.as_deref(), Some("tcvn3-as-cp1252"));
        let d = repair_whole("Sá»‘: 12 Ä‘Ã³").unwrap();
        assert_eq!(d.text, "Số: 12 đó");
        assert_eq!(d.line_maps[0].original_column(1), 1);
        assert_eq!(d.line_maps[0].original_column(2), 4);
        assert!(repair_whole("Phòng Giáo dục và Đào tạo").is_none());
        assert!(repair_whole("café au lait, naïve résumé").is_none());
        // Clean Vietnamese that happens to use only Latin-1 letters stays as it is.
        assert!(repair_whole("Trà và cà phê, cá kho tộ").is_none());
        assert!(repair_whole("Trà và cà phê\ncá kho").is_none());
    }
}
