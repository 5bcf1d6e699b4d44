//! Keys for comparing what documents write with the data: symbols, codes and names, with case,
//! spacing, dash style, look-alike letters and tone placement ignored as each needs. The rules
//! use these too, so that a document and the data are compared the same way.

use unicode_normalization::UnicodeNormalization;

/// Key for comparing document symbols: NFC, no whitespace, one dash style, upper case, and every
/// form of Đ ("đ", the look-alike "Ð"/"ð") as "Đ".
pub fn normalize_symbol(s: &str) -> String {
    s.nfc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'đ' | 'Ð' | 'ð' => 'Đ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect::<String>()
        .to_uppercase()
}

/// Key for comparing codes ("KH", "QyĐ", "SGD&ĐT"): NFC, no whitespace, Đ look-alikes unified.
/// Case is kept: "CT" and "CTr" differ.
pub fn normalize_code(s: &str) -> String {
    s.nfc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            c => c,
        })
        .collect()
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

pub(super) fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Key for comparing names: lower case, whitespace collapsed, one dash style, and the tone mark of
/// each word moved to the word's end, so that old and new tone placement ("hoà"/"hòa",
/// "Uỷ"/"Ủy") compare equal while different tones or letters do not (diacritics-exact).
pub fn normalize_name(s: &str) -> String {
    // Names are compared for every citation, quote and anniversary phrase of every file: precomposed
    // text (nearly all) takes a one-pass path over the vowel table; anything else takes the
    // general NFD path. Both give the same key (property-tested).
    let simple = s.chars().all(|c| {
        c.is_ascii()
            || crate::decode::viet::is_viet_letter(c)
            || !(crate::decode::viet::is_alphanumeric(c) || is_mark(c))
    });
    if simple {
        normalize_precomposed_name(s)
    } else {
        normalize_name_general(s)
    }
}

/// [`normalize_name`] for text without combining marks whose letters are ASCII or Vietnamese.
fn normalize_precomposed_name(s: &str) -> String {
    use crate::decode::viet::{self, Tone};
    let mut out = String::with_capacity(s.len() + 4);
    let mut tone = Tone::Level;
    let mut last_space = true;
    // The word's tone goes onto its last letter, as NFC composes "hoa" + grave into "hoà".
    let flush = |out: &mut String, tone: &mut Tone| {
        if *tone == Tone::Level {
            return;
        }
        if let Some(last) = out.pop() {
            match viet::vowel(last) {
                Some(v) => out.push(viet::compose(v.family, *tone, false)),
                None => out.extend([last, tone_mark(*tone)].into_iter().nfc()),
            }
        }
        *tone = Tone::Level;
    };
    for c in s.chars() {
        if crate::decode::viet::is_alphanumeric(c) {
            match viet::vowel(c) {
                Some(v) => {
                    out.push(viet::compose(v.family, Tone::Level, false));
                    if v.tone != Tone::Level {
                        tone = v.tone;
                    }
                }
                None if c == 'Đ' => out.push('đ'),
                None => out.push(c.to_ascii_lowercase()),
            }
            last_space = false;
            continue;
        }
        flush(&mut out, &mut tone);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                c => c,
            });
            last_space = false;
        }
    }
    flush(&mut out, &mut tone);
    out.truncate(out.trim_end().len());
    out
}

fn tone_mark(tone: crate::decode::viet::Tone) -> char {
    use crate::decode::viet::Tone;
    match tone {
        Tone::Level => ' ',
        Tone::Acute => '\u{301}',
        Tone::Grave => '\u{300}',
        Tone::Hook => '\u{309}',
        Tone::Tilde => '\u{303}',
        Tone::Dot => '\u{323}',
    }
}

/// [`normalize_name`] for any text: NFD, tone marks moved to the word's end, NFC.
fn normalize_name_general(s: &str) -> String {
    let lowered: String = s
        .nfd()
        .map(|c| match c {
            'Ð' | 'ð' => 'đ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    let mut word = String::new();
    let mut tone: Option<char> = None;
    let mut last_space = true;
    let flush = |out: &mut String, word: &mut String, tone: &mut Option<char>| {
        out.push_str(word);
        if let Some(t) = tone.take() {
            out.push(t);
        }
        word.clear();
    };
    for c in lowered.chars() {
        if crate::decode::viet::is_alphanumeric(c) || is_mark(c) {
            if is_tone_mark(c) {
                tone = Some(c);
            } else {
                word.push(c);
            }
            last_space = false;
            continue;
        }
        flush(&mut out, &mut word, &mut tone);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    flush(&mut out, &mut word, &mut tone);
    out.trim_end().nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The precomposed fast path gives the same keys as the general NFD path.
        #[test]
        fn name_keys_agree_on_both_paths(
            s in "[a-zA-Z0-9 ,.\\-–“”()đĐăâêôơưĂÂÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠỲÝỶỸỴỦỨỰ\t\n]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalize_precomposed_name(&s), normalize_name_general(&s));
        }
    }

    #[test]
    fn name_keys_ignore_tone_placement_and_case() {
        assert_eq!(
            normalize_name("Uỷ ban  Nhân dân"),
            normalize_name("ủy ban nhân dân")
        );
        assert_eq!(normalize_name("Hoà bình"), normalize_name("hòa   BÌNH"));
        assert_ne!(normalize_name("hoà"), normalize_name("hoá"));
        assert_eq!(
            normalize_name("Ke\u{302}\u{301} hoa\u{323}ch"),
            normalize_name("kế hoạch")
        );
    }

    #[test]
    fn symbols_normalize() {
        assert_eq!(normalize_symbol("34- CT/TW"), normalize_symbol("34-CT/TW"));
        assert_eq!(
            normalize_symbol("98/2023/Nđ-CP"),
            normalize_symbol("98/2023/NĐ-CP")
        );
        assert_eq!(
            normalize_symbol("98/2023/NÐ-CP"),
            normalize_symbol("98/2023/NĐ-CP")
        );
        assert_ne!(normalize_symbol("05-CT/TW"), normalize_symbol("06-CT/TW"));
    }

    #[test]
    fn names_normalize_tone_placement_only() {
        assert_eq!(normalize_name("Uỷ ban"), normalize_name("Ủy ban"));
        assert_eq!(normalize_name("Cộng hoà"), normalize_name("cộng  hòa"));
        assert_ne!(normalize_name("hòa"), normalize_name("hóa"));
        assert_ne!(normalize_name("Đảng"), normalize_name("Dang"));
    }
}
