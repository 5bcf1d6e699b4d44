//! The Vietnamese letters: every toned/shaped vowel as (family, tone), and back.
//!
//! All legacy decoders, the encoders, the syllable model and the tone-style scan share this one
//! description of the alphabet, so that "ố" is always `(Family::OCirc, Tone::Acute)` whatever the
//! charset spelled it as.

/// The twelve vowel families (base vowel plus shape) of Vietnamese.
pub const FAMILIES: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Lowercase vowels by family (row, in [`FAMILIES`] order) and tone (column, in [`Tone`] order).
pub const VOWELS: [[char; 6]; 12] = [
    ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
    ['i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
    ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
];

/// The six tones, in the column order of [`VOWELS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Level = 0,
    Acute = 1,
    Grave = 2,
    Hook = 3,
    Tilde = 4,
    Dot = 5,
}

impl Tone {
    pub const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Acute,
        Tone::Grave,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];

    pub fn from_index(i: usize) -> Tone {
        Tone::ALL.get(i).copied().unwrap_or(Tone::Level)
    }
}

/// A Vietnamese vowel letter taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vowel {
    /// Index into [`FAMILIES`].
    pub family: u8,
    pub tone: Tone,
    pub upper: bool,
}

/// Code point ranges holding every vowel letter: U+0000..U+01B0 and U+1EA0..U+1EF9.
const LOW_END: usize = 0x1B1;
const HIGH_START: u32 = 0x1EA0;
const HIGH_LEN: usize = 0x5A;

/// Vowel lookup tables: 0 = no vowel, else `family * 6 + tone + 1`, plus 0x80 for capitals.
struct Tables {
    low: [u8; LOW_END],
    high: [u8; HIGH_LEN],
}

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            low: [0; LOW_END],
            high: [0; HIGH_LEN],
        };
        for (f, row) in VOWELS.iter().enumerate() {
            for (tone, &c) in row.iter().enumerate() {
                let code = (f * 6 + tone + 1) as u8;
                let mut up = c.to_uppercase();
                let upper = match (up.next(), up.next()) {
                    (Some(u), None) => u,
                    _ => c,
                };
                for (ch, flag) in [(c, 0u8), (upper, 0x80)] {
                    let u = ch as u32;
                    if (u as usize) < LOW_END {
                        t.low[u as usize] = code | flag;
                    } else if u >= HIGH_START && ((u - HIGH_START) as usize) < HIGH_LEN {
                        t.high[(u - HIGH_START) as usize] = code | flag;
                    }
                }
            }
        }
        t
    })
}

#[inline]
fn lookup(c: char) -> u8 {
    let u = c as u32;
    if (u as usize) < LOW_END {
        tables().low[u as usize]
    } else if u >= HIGH_START && ((u - HIGH_START) as usize) < HIGH_LEN {
        tables().high[(u - HIGH_START) as usize]
    } else {
        0
    }
}

/// Takes a vowel letter apart; `None` for anything that is not one of the 144 vowel letters.
#[inline]
pub fn vowel(c: char) -> Option<Vowel> {
    let code = lookup(c);
    if code == 0 {
        return None;
    }
    let idx = (code & 0x7F) - 1;
    Some(Vowel {
        family: idx / 6,
        tone: Tone::from_index(usize::from(idx % 6)),
        upper: code & 0x80 != 0,
    })
}

/// The letter for a vowel family, tone and case.
#[inline]
pub fn compose(family: u8, tone: Tone, upper: bool) -> char {
    let f = usize::from(family) % 12;
    if upper {
        VOWELS_UPPER[f][tone as usize]
    } else {
        VOWELS[f][tone as usize]
    }
}

/// The family index of a lowercase untoned family letter (`'a'`, `'ă'`, …).
pub fn family_of(c: char) -> Option<u8> {
    FAMILIES.iter().position(|&f| f == c).map(|i| i as u8)
}

/// Lowercase of a single char, staying a single char (true for every letter we care about).
#[inline]
pub fn to_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(v) = vowel(c) {
        return if v.upper {
            compose(v.family, v.tone, false)
        } else {
            c
        };
    }
    match c {
        'Đ' => 'đ',
        'đ' => c,
        _ => {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Uppercase of a single char, staying a single char.
#[inline]
pub fn to_upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    if let Some(v) = vowel(c) {
        return if v.upper {
            c
        } else {
            VOWELS_UPPER[usize::from(v.family)][v.tone as usize]
        };
    }
    match c {
        'đ' => 'Đ',
        'Đ' => c,
        _ => {
            let mut it = c.to_uppercase();
            match (it.next(), it.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        }
    }
}

/// Capital vowels by family and tone.
const VOWELS_UPPER: [[char; 6]; 12] = [
    ['A', 'Á', 'À', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ắ', 'Ằ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ấ', 'Ầ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'É', 'È', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Í', 'Ì', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ó', 'Ò', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ố', 'Ồ', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ớ', 'Ờ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ú', 'Ù', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ứ', 'Ừ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ý', 'Ỳ', 'Ỷ', 'Ỹ', 'Ỵ'],
];

/// Whether `c` is a letter of the Vietnamese alphabet (either case): a vowel, đ, or an ASCII letter.
pub fn is_viet_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' || vowel(c).is_some()
}

/// `char::is_alphabetic`, with ASCII and Vietnamese letters answered from the vowel table (the
/// standard library searches all of Unicode for anything outside ASCII).
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_viet_letter(c) || c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, answered as [`is_alphabetic`] is.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_viet_letter(c) || c.is_alphanumeric()
    }
}

/// `char::is_uppercase`, answered as [`is_alphabetic`] is.
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if c == 'Đ' {
        true
    } else if let Some(v) = vowel(c) {
        v.upper
    } else {
        c.is_uppercase()
    }
}

/// Whether `c` is a Vietnamese letter outside ASCII.
pub fn is_viet_non_ascii(c: char) -> bool {
    !c.is_ascii() && is_viet_letter(c)
}

/// All 134 non-ASCII Vietnamese letters, lowercase then uppercase (for table coverage tests and
/// generators).
pub fn all_non_ascii_letters() -> Vec<char> {
    let mut v: Vec<char> = VOWELS
        .iter()
        .flatten()
        .copied()
        .filter(|c| !c.is_ascii())
        .collect();
    v.push('đ');
    let upper: Vec<char> = v.iter().map(|&c| to_upper(c)).collect();
    v.extend(upper);
    v
}

/// Byte ranges of the runs of letters in `line`.
pub fn word_ranges(line: &str) -> Vec<(usize, usize)> {
    words_of(line).collect()
}

/// Byte ranges of the runs of Vietnamese letters in `text`, lazily (no allocation).
pub fn words_of(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        let start = chars.by_ref().find(|&(_, c)| is_viet_letter(c))?.0;
        let end = chars
            .by_ref()
            .find(|&(_, c)| !is_viet_letter(c))
            .map_or(text.len(), |(i, _)| i);
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn table_first_classes_agree_with_the_standard_library() {
        for c in (0..0x3400u32)
            .filter_map(char::from_u32)
            .chain(all_non_ascii_letters())
        {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
    }

    use super::*;

    #[test]
    fn upper_table_matches_std() {
        for (f, row) in VOWELS.iter().enumerate() {
            for (t, &c) in row.iter().enumerate() {
                assert_eq!(c.to_uppercase().next(), Some(VOWELS_UPPER[f][t]));
            }
        }
    }

    #[test]
    fn letters_round_trip() {
        let all = all_non_ascii_letters();
        assert_eq!(all.len(), 134);
        for c in all {
            if c == 'đ' || c == 'Đ' {
                continue;
            }
            let v = vowel(c).unwrap();
            assert_eq!(compose(v.family, v.tone, v.upper), c);
        }
        assert_eq!(
            vowel('Ố'),
            Some(Vowel {
                family: 7,
                tone: Tone::Acute,
                upper: true
            })
        );
        assert_eq!(vowel('b'), None);
    }
}
