//! The language of everything a person reads: Vietnamese by default, English with `--lang en`
//! (auditors and dashboards abroad read the reports too). Rule ids, JSON keys and the document's
//! own words (excerpts, symbols, dates as written) are the same in both.
//!
//! There is no catalogue: each message is written twice where it is made, the Vietnamese first,
//! with [`Lang::pick`] for fixed texts and [`tr!`](crate::tr) for formatted ones, so a reader sees
//! both variants side by side.

use std::fmt;

/// The environment variable read when `--lang` is not given.
pub const ENV_VAR: &str = "VBLINT_LANG";

/// A language a person reads vblint's output in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (any case, surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code, as `--lang` and `<html lang>` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The Vietnamese or the English variant.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The language asked for before the command line is parsed (clap's help must already be in
    /// it): the last `--lang X` / `--lang=X` among `args` (before a `--`), else `env` (the value of
    /// [`ENV_VAR`]), else none. An unknown value is an error, said in both languages.
    pub fn requested<I, S>(args: I, env: Option<&str>) -> Result<Option<Lang>, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut given: Option<String> = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let arg = arg.as_ref().to_string_lossy().into_owned();
            if arg == "--" {
                break;
            }
            if arg == "--lang" {
                // A missing value is clap's usage error, in the language known so far.
                match args.next() {
                    Some(v) => given = Some(v.as_ref().to_string_lossy().into_owned()),
                    None => break,
                }
            } else if let Some(v) = arg.strip_prefix("--lang=") {
                given = Some(v.to_string());
            }
        }
        if let Some(v) = given {
            return Lang::parse(&v)
                .map(Some)
                .ok_or_else(|| unknown_message("--lang", &v));
        }
        match env.filter(|v| !v.trim().is_empty()) {
            Some(v) => Lang::parse(v)
                .map(Some)
                .ok_or_else(|| unknown_message(ENV_VAR, v)),
            None => Ok(None),
        }
    }
}

/// Said when a language is not one vblint speaks: in both languages, since which one the reader
/// wanted is what is not known.
pub fn unknown_message(source: &str, value: &str) -> String {
    format!(
        "{source} {value:?}: ngôn ngữ không hỗ trợ, chọn vi hoặc en / unsupported language, use vi or en"
    )
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `tr!(lang, "tiếng Việt {x}", "English {x}")`: the text formatted in `lang`, each variant a
/// `format!` string (variables in scope are captured by name, as `format!` does).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $vi:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::lang::Lang::Vi => format!($vi),
            $crate::lang::Lang::En => format!($en),
        }
    };
    ($lang:expr, $vi:literal, $en:literal, $($arg:tt)+) => {
        match $lang {
            $crate::lang::Lang::Vi => format!($vi, $($arg)+),
            $crate::lang::Lang::En => format!($en, $($arg)+),
        }
    };
}

/// A document location label ("đoạn 12", "trang 2", "chú thích 3") in `lang`. Labels are made
/// by the container readers in Vietnamese, as the default output shows them.
pub fn location(label: &str, lang: Lang) -> String {
    if lang == Lang::Vi {
        return label.to_string();
    }
    // Longest first: "chú thích cuối" before "chú thích".
    const WORDS: [(&str, &str); 4] = [
        ("chú thích cuối", "endnote"),
        ("chú thích", "footnote"),
        ("đoạn", "paragraph"),
        ("trang", "page"),
    ];
    let mut out = label.to_string();
    for (vi, en) in WORDS {
        out = out.replace(vi, en);
    }
    out
}

/// Whether `text`, once its quoted spans («…», "…", “…”, '…') are removed, still has a letter
/// only Vietnamese uses (ă â đ ê ô ơ ư or a toned vowel): the test that an English text was
/// written in English, not left in Vietnamese.
pub fn has_vietnamese_outside_quotes(text: &str) -> bool {
    unquoted(text).chars().any(is_vietnamese_letter)
}

/// `text` without its quoted spans.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut close: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => {
                let prev_is_letter = i > 0 && chars[i - 1].is_alphanumeric();
                close = match c {
                    '«' => Some('»'),
                    '“' => Some('”'),
                    '"' => Some('"'),
                    // An apostrophe inside a word ("rule's") opens nothing.
                    '\'' if !prev_is_letter => Some('\''),
                    '`' => Some('`'),
                    _ => None,
                };
                if close.is_none() {
                    out.push(c);
                }
            }
        }
    }
    out
}

fn is_vietnamese_letter(c: char) -> bool {
    let lower = c.to_lowercase().next().unwrap_or(c);
    matches!(lower, 'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư')
        || "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ".contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_environment_and_the_last_flag_wins() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Lang::requested(args(&["vblint", "check", "--lang", "en"]), Some("vi")),
            Ok(Some(Lang::En))
        );
        assert_eq!(
            Lang::requested(args(&["vblint", "--lang=en", "rules", "--lang=vi"]), None),
            Ok(Some(Lang::Vi))
        );
        assert_eq!(
            Lang::requested(args(&["vblint", "rules"]), Some("EN")),
            Ok(Some(Lang::En))
        );
        assert_eq!(
            Lang::requested(args(&["vblint", "rules"]), Some("")),
            Ok(None)
        );
        // After `--` it is a file name.
        assert_eq!(
            Lang::requested(args(&["vblint", "check", "--", "--lang=en"]), None),
            Ok(None)
        );
        let bad = Lang::requested(args(&["vblint", "--lang", "xx"]), None).expect_err("xx");
        assert!(
            bad.contains("vi") && bad.contains("en") && bad.contains("\"xx\""),
            "{bad}"
        );
        assert!(Lang::requested(args(&["vblint"]), Some("fr")).is_err());
    }

    #[test]
    fn locations_are_translated_word_by_word() {
        assert_eq!(location("đoạn 12", Lang::En), "paragraph 12");
        assert_eq!(location("trang 2", Lang::En), "page 2");
        assert_eq!(location("chú thích cuối 3", Lang::En), "endnote 3");
        assert_eq!(location("chú thích 1", Lang::En), "footnote 1");
        assert_eq!(location("đoạn 12", Lang::Vi), "đoạn 12");
    }

    #[test]
    fn quoted_vietnamese_is_allowed_and_unquoted_is_not() {
        assert!(!has_vietnamese_outside_quotes(
            "\"Chỉ thị\" is repeated; «năm học» “thi đua” 'đoạn' `vblint normalize`"
        ));
        assert!(!has_vietnamese_outside_quotes(
            "the rule's summary, 31/6/2021"
        ));
        assert!(has_vietnamese_outside_quotes(
            "ngày 31/6/2021 does not exist"
        ));
        assert!(has_vietnamese_outside_quotes("the \"quoted\" part and Đ"));
    }
}
