//! VIQR (RFC 1456): Vietnamese in ASCII, a vowel followed by its marks.

use super::Out;
use crate::decode::viet::{self, Tone};
use crate::source::LineMap;

fn viqr_tone(c: char) -> Option<Tone> {
    Some(match c {
        '\'' => Tone::Acute,
        '`' => Tone::Grave,
        '?' => Tone::Hook,
        '~' => Tone::Tilde,
        '.' => Tone::Dot,
        _ => return None,
    })
}

/// Decodes VIQR (RFC 1456): a vowel followed by a shape mark (`^` `(` `+`) and/or a tone mark
/// (`'` `` ` `` `?` `~` `.`), `dd` for đ, and `\` to escape a mark that is meant literally.
pub fn decode_viqr(text: &str) -> (String, Vec<LineMap>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Out::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| "^(+'`?~.dD\\".contains(n)) {
            out.push(next.unwrap_or('\\'), 2);
            i += 2;
            continue;
        }
        if (c == 'd' || c == 'D') && (next == Some('d') || next == Some('D')) {
            out.push(if c == 'D' { 'Đ' } else { 'đ' }, 2);
            i += 2;
            continue;
        }
        let Some(v) = viet::vowel(c).filter(|_| c.is_ascii()) else {
            out.push(c, 1);
            i += 1;
            continue;
        };
        let mut family = v.family;
        let mut used = 1;
        let shaped = match (chars.get(i + 1), family) {
            (Some('^'), 0) => Some(2),
            (Some('^'), 3) => Some(4),
            (Some('^'), 6) => Some(7),
            (Some('('), 0) => Some(1),
            (Some('+'), 6) => Some(8),
            (Some('+'), 9) => Some(10),
            _ => None,
        };
        if let Some(f) = shaped {
            family = f;
            used += 1;
        }
        let mut tone = Tone::Level;
        if let Some(t) = chars.get(i + used).copied().and_then(viqr_tone) {
            tone = t;
            used += 1;
        }
        out.push(viet::compose(family, tone, v.upper), used as u32);
        i += used;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viqr_basics() {
        assert_eq!(
            decode_viqr("Vie^.t Nam, ngu+o+`i, DDa\\.").0,
            "Việt Nam, người, Đa."
        );
    }
}
