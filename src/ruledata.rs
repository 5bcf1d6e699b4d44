//! Facts the checks rely on, kept as TOML data under `rules/` so that a province can add its own
//! without touching code. The files are compiled into the binary as defaults; `load_dir` reads a
//! user directory holding any subset of the same file names, and `merge` lays it over the defaults.
//!
//! Every file is validated at load: syntax, field types, dates, non-empty `source`, unique keys,
//! canonical order and cross references. Errors name the file and the line of the offending entry.

use crate::date::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

/// The rule-data file names, as they appear under `rules/` and in a user directory.
pub const FILE_NAMES: [&str; 7] = [
    "reduplication.toml",
    "function-words.toml",
    "documents.toml",
    "anniversaries.toml",
    "doc-types.toml",
    "issuers.toml",
    "movements.toml",
];

/// All rule data, validated.
#[derive(Debug, Clone, Default)]
pub struct RuleData {
    /// Syllables that Vietnamese correctly doubles ("người người"), lower case.
    pub reduplications: HashSet<String>,
    /// Function words (hư từ) that never correctly stand twice in a row, lower case.
    pub function_words: HashSet<String>,
    /// National documents plans cite, in canonical order (year, date, symbol).
    pub documents: Vec<KnownDocument>,
    /// Anniversaries with their base dates, by base date.
    pub anniversaries: Vec<Anniversary>,
    /// Type codes of document symbols, by code.
    pub doc_types: Vec<DocType>,
    /// Issuer codes of document symbols, by code.
    pub issuers: Vec<Issuer>,
    /// Emulation movements, by name.
    pub movements: Vec<Movement>,
}

/// Where an entry was defined, for messages that point back into the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

/// A period quoted in a title, "2021-2030".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let err = || serde::de::Error::custom(format!("not a period YYYY-YYYY: {s:?}"));
        let (a, b) = s.split_once('-').ok_or_else(err)?;
        let (from, to): (i32, i32) = (
            a.trim().parse().map_err(|_| err())?,
            b.trim().parse().map_err(|_| err())?,
        );
        if a.trim().len() != 4 || b.trim().len() != 4 || from > to {
            return Err(err());
        }
        Ok(Period { from, to })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.from, self.to)
    }
}

/// A national document in the registry. Identified by symbol and date (or year): Party symbols
/// repeat across terms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownDocument {
    /// Tên loại: "Chỉ thị", "Nghị định", "Luật", ...
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Số, ký hiệu as printed: "05-CT/TW".
    pub symbol: String,
    /// For a Luật: its name ("Thi đua, khen thưởng").
    #[serde(default)]
    pub name: Option<String>,
    /// Date of issue, when verified.
    #[serde(default)]
    pub date: Option<Date>,
    /// Year of issue when only the year is verified (always equal to `date`'s year when both).
    #[serde(default)]
    pub year: Option<i32>,
    /// Canonical issuer.
    pub issuer: String,
    /// Other names plans use for the issuer.
    #[serde(default)]
    pub issuer_aliases: Vec<String>,
    /// Trích yếu.
    #[serde(default)]
    pub title: Option<String>,
    /// In force from.
    #[serde(default)]
    pub effective: Option<Date>,
    /// No longer in force from.
    #[serde(default)]
    pub expired: Option<Date>,
    /// Symbol of the successor (an entry of the registry).
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// Period the title quotes.
    #[serde(default)]
    pub period: Option<Period>,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// Comparison keys, computed once at load time: lookups run for every citation of every file.
    #[serde(skip)]
    pub keys: DocumentKeys,
}

/// [`normalize_symbol`] of a registry entry's symbol and [`normalize_name`] of its name and
/// issuers (canonical first).
#[derive(Debug, Clone, Default)]
pub struct DocumentKeys {
    pub symbol: String,
    pub name: Option<String>,
    pub issuers: Vec<String>,
}

impl KnownDocument {
    fn compute_keys(&mut self) {
        self.keys = DocumentKeys {
            symbol: normalize_symbol(&self.symbol),
            name: self.name.as_deref().map(normalize_name),
            issuers: std::iter::once(&self.issuer)
                .chain(&self.issuer_aliases)
                .map(|n| normalize_name(n))
                .collect(),
        };
    }

    /// The year of issue: from `date`, else `year`.
    pub fn issue_year(&self) -> Option<i32> {
        self.date.map(|d| d.year).or(self.year)
    }

    /// Whether the document is no longer in force on `day`.
    pub fn is_expired_on(&self, day: Date) -> bool {
        self.expired.is_some_and(|e| day >= e)
    }

    /// Whether `name` is the issuer or one of its aliases (case-insensitive, tone placement
    /// ignored).
    pub fn issuer_matches(&self, name: &str) -> bool {
        let n = normalize_name(name);
        self.keys.issuers.contains(&n)
    }

    fn sort_key(&self) -> (i32, u32, u32, &str) {
        let (m, d) = self.date.map_or((0, 0), |d| (d.month, d.day));
        (self.issue_year().unwrap_or(0), m, d, &self.symbol)
    }

    /// Same symbol and same date, or same year when one of the two has no date.
    fn same_key(&self, other: &KnownDocument) -> bool {
        self.keys.symbol == other.keys.symbol
            && self.issue_year() == other.issue_year()
            && match (self.date, other.date) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    fn dated(&self) -> String {
        match (self.date, self.issue_year()) {
            (Some(d), _) => format!("dated {d}"),
            (None, Some(y)) => format!("of {y}"),
            (None, None) => "without date".to_string(),
        }
    }
}

/// An anniversary and the names plans use for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anniversary {
    pub name: String,
    pub base_date: Date,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Words that, right after a name, make it another event ("thành lập Đảng bộ").
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// `normalize_name` of each of [`Anniversary::names`] and of `not_followed_by`, computed once
    /// at load time: matching runs for every "N năm" phrase of every document.
    #[serde(skip)]
    pub normalized: NormalizedNames,
}

/// Pre-normalized names of an anniversary.
#[derive(Debug, Clone, Default)]
pub struct NormalizedNames {
    pub names: Vec<String>,
    pub not_followed_by: Vec<String>,
}

impl Anniversary {
    /// The canonical name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }

    /// Fills [`Anniversary::normalized`].
    fn normalize(&mut self) {
        self.normalized = NormalizedNames {
            names: self.names().map(|n| normalize_name(n)).collect(),
            not_followed_by: self
                .not_followed_by
                .iter()
                .map(|w| normalize_name(w))
                .collect(),
        };
    }
}

/// Which symbol family a type code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Văn bản hành chính: "số/LOẠI-CƠQUAN".
    Administrative,
    /// Văn bản quy phạm pháp luật: "số/năm/LOẠI-CƠQUAN".
    Normative,
    /// Văn bản của Đảng: "số-LOẠI/CƠQUAN".
    Party,
}

/// A type code and the type words it stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    pub code: String,
    /// Canonical first.
    pub names: Vec<String>,
    pub families: Vec<Family>,
    /// A copy code (SY, TrS, SL), not a document type.
    #[serde(default)]
    pub copy: bool,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// [`normalize_name`] of each of `names`, computed at load time.
    #[serde(skip)]
    pub name_keys: Vec<String>,
}

impl DocType {
    /// Whether `word` is one of this code's type words (case-insensitive, tone placement ignored).
    pub fn matches_name(&self, word: &str) -> bool {
        self.name_keys.contains(&normalize_name(word))
    }
}

/// An issuer code and the names it stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub code: String,
    /// Canonical first.
    pub names: Vec<String>,
    /// "trung ương", "tỉnh", "huyện", "xã", "trường".
    pub levels: Vec<String>,
    #[serde(default)]
    pub party: bool,
    /// The code is followed by a term number ("QH15").
    #[serde(default)]
    pub term_suffix: bool,
    /// Other bodies the same letters abbreviate ("BTC": Bộ Tài chính, and the Ban Tổ chức of a
    /// contest or an event): a mismatch on this code rests on a guess.
    #[serde(default)]
    pub also: Vec<String>,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// [`normalize_name`] of each of `names`, computed at load time.
    #[serde(skip)]
    pub name_keys: Vec<String>,
}

impl Issuer {
    /// Whether `text` names this issuer: one of the names, alone or followed by more words
    /// ("Ủy ban nhân dân huyện Tam Nông"). Case-insensitive, tone placement ignored.
    pub fn matches_name(&self, text: &str) -> bool {
        let t = normalize_name(text);
        self.name_keys
            .iter()
            .any(|n| t == *n || (t.starts_with(n.as_str()) && t[n.len()..].starts_with(' ')))
    }
}

const LEVELS: [&str; 5] = ["trung ương", "tỉnh", "huyện", "xã", "trường"];

/// Whether a movement is national or of the education sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    National,
    Education,
}

/// An emulation movement's canonical name and the years it applies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    pub name: String,
    pub scope: Scope,
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
    #[serde(default)]
    pub renamed_from: Option<String>,
    #[serde(default)]
    pub renamed_to: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub source: String,
    #[serde(skip)]
    pub origin: Origin,
    /// The syllables of each of [`Movement::names`] ([`normalize_name`], split at non-letters),
    /// computed at load time.
    #[serde(skip)]
    pub name_syllables: Vec<Vec<String>>,
}

/// The lower-case syllables of a name, without punctuation: the unit movement names are compared in.
pub fn name_syllables(s: &str) -> Vec<String> {
    normalize_name(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Movement {
    /// Whether the name applies in `year` (unknown bounds are open).
    pub fn applies_in(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }

    /// The canonical name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }
}

/// A problem in a rule-data file. Displays as `FILE:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDataError {
    pub file: String,
    /// 1-based; `None` when the error is about the file as a whole (unreadable, unknown name).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for RuleDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleDataError {}

// ---------------------------------------------------------------------------------------------
// Normalization

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

fn is_mark(c: char) -> bool {
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
            || !(c.is_alphanumeric() || is_mark(c))
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
        if c.is_alphanumeric() {
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
        if c.is_alphanumeric() || is_mark(c) {
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

// ---------------------------------------------------------------------------------------------
// Lookups

impl RuleData {
    /// Registry entries with this symbol (spaces, dash style and the case of Đ ignored). Several
    /// entries may share a symbol (Party symbols repeat across terms): match the date too.
    pub fn documents_by_symbol<'a>(
        &'a self,
        symbol: &str,
    ) -> impl Iterator<Item = &'a KnownDocument> + 'a {
        let key = normalize_symbol(symbol);
        self.documents.iter().filter(move |d| d.keys.symbol == key)
    }

    /// The type code, exactly (case matters), Đ look-alikes and spaces ignored.
    pub fn doc_type(&self, code: &str) -> Option<&DocType> {
        let key = normalize_code(code);
        self.doc_types
            .iter()
            .find(|t| normalize_code(&t.code) == key)
    }

    /// The issuer code, exactly (case matters), Đ look-alikes and spaces ignored.
    pub fn issuer(&self, code: &str) -> Option<&Issuer> {
        let key = normalize_code(code);
        self.issuers.iter().find(|i| normalize_code(&i.code) == key)
    }

    /// The anniversary one of whose names occurs in `text` as whole words (case-insensitive,
    /// diacritics-exact, tone placement ignored); the longest matching name wins.
    pub fn anniversary_by_name(&self, text: &str) -> Option<&Anniversary> {
        let hay = normalize_name(text);
        let mut best: Option<(usize, &Anniversary)> = None;
        for a in &self.anniversaries {
            let excluded = &a.normalized.not_followed_by;
            for needle in &a.normalized.names {
                if needle.is_empty() || best.is_some_and(|(len, _)| len >= needle.len()) {
                    continue;
                }
                if find_words(&hay, needle, excluded) {
                    best = Some((needle.len(), a));
                }
            }
        }
        best.map(|(_, a)| a)
    }

    /// The emulation movements, by name.
    pub fn movements(&self) -> &[Movement] {
        &self.movements
    }
}

/// Whether `needle` occurs in `hay` at word boundaries, not followed by an excluded word.
fn find_words(hay: &str, needle: &str, excluded: &[String]) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || is_mark(c);
    hay.match_indices(needle).any(|(i, _)| {
        let before_ok = hay[..i].chars().next_back().is_none_or(|c| !word_char(c));
        let rest = &hay[i + needle.len()..];
        let after_ok = rest.chars().next().is_none_or(|c| !word_char(c));
        let next_word: String = rest
            .trim_start()
            .chars()
            .take_while(|&c| word_char(c))
            .collect();
        before_ok && after_ok && !excluded.contains(&next_word)
    })
}

// ---------------------------------------------------------------------------------------------
// Loading

const BUILTIN: [(&str, &str); 7] = [
    (
        "reduplication.toml",
        include_str!("../rules/reduplication.toml"),
    ),
    (
        "function-words.toml",
        include_str!("../rules/function-words.toml"),
    ),
    ("documents.toml", include_str!("../rules/documents.toml")),
    (
        "anniversaries.toml",
        include_str!("../rules/anniversaries.toml"),
    ),
    ("doc-types.toml", include_str!("../rules/doc-types.toml")),
    ("issuers.toml", include_str!("../rules/issuers.toml")),
    ("movements.toml", include_str!("../rules/movements.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReduplicationFile {
    #[serde(default)]
    word: Vec<Spanned<ReduplicationEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReduplicationEntry {
    text: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    #[serde(default)]
    document: Vec<Spanned<KnownDocument>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnniversariesFile {
    #[serde(default)]
    anniversary: Vec<Spanned<Anniversary>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocTypesFile {
    #[serde(default, rename = "type")]
    types: Vec<Spanned<DocType>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuersFile {
    #[serde(default)]
    issuer: Vec<Spanned<Issuer>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementsFile {
    #[serde(default)]
    movement: Vec<Spanned<Movement>>,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A file being loaded: its display name and text, for errors with line numbers.
struct Src<'a> {
    file: &'a str,
    text: &'a str,
}

impl Src<'_> {
    fn err(&self, line: usize, message: impl Into<String>) -> RuleDataError {
        RuleDataError {
            file: self.file.to_string(),
            line: Some(line),
            message: message.into(),
        }
    }

    fn parse<T: DeserializeOwned>(&self) -> Result<T, RuleDataError> {
        toml::from_str(self.text).map_err(|e| RuleDataError {
            file: self.file.to_string(),
            line: e.span().map(|s| line_of(self.text, s.start)),
            message: e.message().trim().to_string(),
        })
    }

    /// The line where an entry's table starts: the `[[...]]` header above the entry's span.
    fn entry_line(&self, start: usize) -> usize {
        let end = (start + 2).min(self.text.len());
        let head = self.text.get(..end).unwrap_or(self.text);
        let header = match head.rfind("\n[[") {
            Some(i) => i + 1,
            None if self.text.starts_with("[[") => 0,
            None => start,
        };
        line_of(self.text, header)
    }

    /// The entries with their lines and origins set.
    fn entries<T>(
        &self,
        items: Vec<Spanned<T>>,
        set_origin: impl Fn(&mut T, Origin),
    ) -> Vec<(T, usize)> {
        items
            .into_iter()
            .map(|s| {
                let line = self.entry_line(s.span().start);
                let mut v = s.into_inner();
                set_origin(
                    &mut v,
                    Origin {
                        file: self.file.to_string(),
                        line,
                    },
                );
                (v, line)
            })
            .collect()
    }

    fn require(&self, line: usize, what: &str, value: &str) -> Result<(), RuleDataError> {
        if value.trim().is_empty() {
            Err(self.err(line, format!("empty {what}")))
        } else {
            Ok(())
        }
    }

    fn require_all(&self, line: usize, what: &str, values: &[String]) -> Result<(), RuleDataError> {
        if values.is_empty() {
            return Err(self.err(line, format!("empty {what}")));
        }
        values.iter().try_for_each(|v| self.require(line, what, v))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FunctionWordsFile {
    words: Vec<Spanned<String>>,
}

fn load_function_words(src: &Src) -> Result<HashSet<String>, RuleDataError> {
    let file: FunctionWordsFile = src.parse()?;
    let mut set = HashSet::new();
    for w in file.words {
        let line = line_of(src.text, w.span().start);
        let w = w.into_inner();
        src.require(line, "word", &w)?;
        if w.split_whitespace().count() != 1 {
            return Err(src.err(line, format!("{w:?} is not a single syllable")));
        }
        if !set.insert(w.to_lowercase()) {
            return Err(src.err(line, format!("duplicate word {w}")));
        }
    }
    Ok(set)
}

fn load_reduplications(src: &Src) -> Result<HashSet<String>, RuleDataError> {
    let file: ReduplicationFile = src.parse()?;
    let mut set = HashSet::new();
    for s in file.word {
        let line = src.entry_line(s.span().start);
        let w = s.into_inner();
        src.require(line, "text", &w.text)?;
        src.require(line, "source", &w.source)?;
        if !set.insert(w.text.to_lowercase()) {
            return Err(src.err(line, format!("duplicate word {}", w.text)));
        }
    }
    Ok(set)
}

fn load_documents(src: &Src) -> Result<Vec<KnownDocument>, RuleDataError> {
    let file: DocumentsFile = src.parse()?;
    let entries = src.entries(file.document, |d, o| {
        d.origin = o;
        d.compute_keys();
    });
    for (i, (d, line)) in entries.iter().enumerate() {
        let line = *line;
        src.require(line, "symbol", &d.symbol)?;
        src.require(line, "type", &d.doc_type)?;
        src.require(line, "issuer", &d.issuer)?;
        src.require(line, "source", &d.source)?;
        for a in &d.issuer_aliases {
            src.require(line, "issuer alias", a)?;
        }
        match (d.date, d.year) {
            (None, None) => {
                return Err(src.err(
                    line,
                    format!("document {} has neither date nor year", d.symbol),
                ));
            }
            (Some(date), Some(y)) if date.year != y => {
                return Err(src.err(
                    line,
                    format!("document {}: year {y} differs from date {date}", d.symbol),
                ));
            }
            _ => {}
        }
        if let (Some(date), Some(eff)) = (d.date, d.effective)
            && eff < date
        {
            return Err(src.err(
                line,
                format!(
                    "document {}: effective {eff} before its date {date}",
                    d.symbol
                ),
            ));
        }
        if let (Some(date), Some(exp)) = (d.date, d.expired)
            && exp <= date
        {
            return Err(src.err(
                line,
                format!(
                    "document {}: expired {exp} not after its date {date}",
                    d.symbol
                ),
            ));
        }
        if entries[..i].iter().any(|(p, _)| p.same_key(d)) {
            return Err(src.err(
                line,
                format!("duplicate document {} {}", d.symbol, d.dated()),
            ));
        }
        if i > 0 && entries[i - 1].0.sort_key() > d.sort_key() {
            let p = &entries[i - 1].0;
            return Err(src.err(
                line,
                format!(
                    "out of canonical order (year, date, symbol): {} {} should come before {} {}",
                    d.symbol,
                    d.dated(),
                    p.symbol,
                    p.dated()
                ),
            ));
        }
    }
    Ok(entries.into_iter().map(|(d, _)| d).collect())
}

fn load_anniversaries(src: &Src) -> Result<Vec<Anniversary>, RuleDataError> {
    let file: AnniversariesFile = src.parse()?;
    let entries = src.entries(file.anniversary, |a, o| {
        a.origin = o;
        a.normalize();
    });
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, (a, line)) in entries.iter().enumerate() {
        let line = *line;
        src.require(line, "name", &a.name)?;
        src.require(line, "source", &a.source)?;
        for w in &a.not_followed_by {
            src.require(line, "not_followed_by word", w)?;
        }
        let mut own = HashSet::new();
        for n in a.names() {
            src.require(line, "alias", n)?;
            let key = normalize_name(n);
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                return Err(src.err(
                    line,
                    format!("duplicate anniversary name {n:?} (also at line {other})"),
                ));
            }
            seen.push((key, line));
        }
        if i > 0 {
            let p = &entries[i - 1].0;
            if (p.base_date, p.name.as_str()) > (a.base_date, a.name.as_str()) {
                return Err(src.err(
                    line,
                    format!(
                        "out of canonical order (base_date, name): {} {} should come before {} {}",
                        a.name, a.base_date, p.name, p.base_date
                    ),
                ));
            }
        }
    }
    Ok(entries.into_iter().map(|(a, _)| a).collect())
}

/// Shared checks for code-keyed files: non-empty code, unique, sorted.
fn check_codes<'a>(
    src: &Src,
    what: &str,
    codes: impl Iterator<Item = (&'a str, usize)>,
) -> Result<(), RuleDataError> {
    let mut prev: Option<&str> = None;
    let mut seen = HashSet::new();
    for (code, line) in codes {
        src.require(line, "code", code)?;
        if !seen.insert(normalize_code(code)) {
            return Err(src.err(line, format!("duplicate {what} code {code}")));
        }
        if let Some(p) = prev
            && p > code
        {
            return Err(src.err(
                line,
                format!("out of canonical order (code): {code} should come before {p}"),
            ));
        }
        prev = Some(code);
    }
    Ok(())
}

fn load_doc_types(src: &Src) -> Result<Vec<DocType>, RuleDataError> {
    let file: DocTypesFile = src.parse()?;
    let entries = src.entries(file.types, |t, o| {
        t.origin = o;
        t.name_keys = t.names.iter().map(|n| normalize_name(n)).collect();
    });
    check_codes(
        src,
        "type",
        entries.iter().map(|(t, l)| (t.code.as_str(), *l)),
    )?;
    for (t, line) in &entries {
        src.require_all(*line, "names", &t.names)?;
        src.require(*line, "source", &t.source)?;
        if t.families.is_empty() {
            return Err(src.err(*line, format!("type {}: empty families", t.code)));
        }
    }
    Ok(entries.into_iter().map(|(t, _)| t).collect())
}

fn load_issuers(src: &Src) -> Result<Vec<Issuer>, RuleDataError> {
    let file: IssuersFile = src.parse()?;
    let entries = src.entries(file.issuer, |t, o| {
        t.origin = o;
        t.name_keys = t.names.iter().map(|n| normalize_name(n)).collect();
    });
    check_codes(
        src,
        "issuer",
        entries.iter().map(|(t, l)| (t.code.as_str(), *l)),
    )?;
    for (t, line) in &entries {
        src.require_all(*line, "names", &t.names)?;
        src.require_all(*line, "levels", &t.levels)?;
        src.require(*line, "source", &t.source)?;
        if let Some(l) = t.levels.iter().find(|l| !LEVELS.contains(&l.as_str())) {
            return Err(src.err(
                *line,
                format!(
                    "issuer {}: unknown level {l:?} (expected one of {LEVELS:?})",
                    t.code
                ),
            ));
        }
    }
    Ok(entries.into_iter().map(|(t, _)| t).collect())
}

fn load_movements(src: &Src) -> Result<Vec<Movement>, RuleDataError> {
    let file: MovementsFile = src.parse()?;
    let entries = src.entries(file.movement, |m, o| {
        m.origin = o;
        m.name_syllables = m.names().map(|n| name_syllables(n)).collect();
    });
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, (m, line)) in entries.iter().enumerate() {
        let line = *line;
        src.require(line, "name", &m.name)?;
        src.require(line, "source", &m.source)?;
        if let (Some(f), Some(t)) = (m.from, m.to)
            && f > t
        {
            return Err(src.err(
                line,
                format!("movement {:?}: from {f} after to {t}", m.name),
            ));
        }
        let mut own = HashSet::new();
        for n in m.names() {
            src.require(line, "alias", n)?;
            let key = normalize_name(n);
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                return Err(src.err(
                    line,
                    format!("duplicate movement name {n:?} (also at line {other})"),
                ));
            }
            seen.push((key, line));
        }
        if i > 0 {
            let p = &entries[i - 1].0;
            if p.name.to_lowercase() > m.name.to_lowercase() {
                return Err(src.err(
                    line,
                    format!(
                        "out of canonical order (name): {:?} should come before {:?}",
                        m.name, p.name
                    ),
                ));
            }
        }
    }
    Ok(entries.into_iter().map(|(m, _)| m).collect())
}

impl RuleData {
    /// The data compiled into the binary.
    pub fn builtin() -> &'static RuleData {
        static DATA: OnceLock<RuleData> = OnceLock::new();
        DATA.get_or_init(|| {
            Self::try_builtin().unwrap_or_else(|e| panic!("built-in rule data is valid: {e}"))
        })
    }

    /// The built-in data, validated (what `builtin` returns, with the error instead of a panic).
    pub fn try_builtin() -> Result<RuleData, RuleDataError> {
        let mut data = RuleData::default();
        for (name, text) in BUILTIN {
            data.load_text(&format!("rules/{name}"), name, text)?;
        }
        data.check_links(&data)?;
        Ok(data)
    }

    /// Parses one file's text into this (empty for that file) data. `kind` is the file name.
    fn load_text(&mut self, display: &str, kind: &str, text: &str) -> Result<(), RuleDataError> {
        let src = Src {
            file: display,
            text,
        };
        match kind {
            "reduplication.toml" => self.reduplications = load_reduplications(&src)?,
            "function-words.toml" => self.function_words = load_function_words(&src)?,
            "documents.toml" => self.documents = load_documents(&src)?,
            "anniversaries.toml" => self.anniversaries = load_anniversaries(&src)?,
            "doc-types.toml" => self.doc_types = load_doc_types(&src)?,
            "issuers.toml" => self.issuers = load_issuers(&src)?,
            "movements.toml" => self.movements = load_movements(&src)?,
            _ => {
                return Err(RuleDataError {
                    file: display.to_string(),
                    line: None,
                    message: format!(
                        "unknown rule-data file (expected one of {})",
                        FILE_NAMES.join(", ")
                    ),
                });
            }
        }
        Ok(())
    }

    /// Reads the rule-data files present in `dir` (any subset of `FILE_NAMES`; another `.toml`
    /// file there is an error, to catch misspelt names). Cross references (`superseded_by`,
    /// `renamed_from`/`renamed_to`) may point into the built-in data.
    pub fn load_dir(dir: &Path) -> Result<RuleData, RuleDataError> {
        let mut data = RuleData::default();
        let read_dir = std::fs::read_dir(dir).map_err(|e| RuleDataError {
            file: dir.display().to_string(),
            line: None,
            message: format!("cannot read rule-data directory: {e}"),
        })?;
        let mut paths: Vec<_> = read_dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let display = path.display().to_string();
            let kind = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path).map_err(|e| RuleDataError {
                file: display.clone(),
                line: None,
                message: format!("cannot read: {e}"),
            })?;
            data.load_text(&display, &kind, &text)?;
        }
        let mut known = Self::try_builtin()?;
        known.merge(data.clone());
        data.check_links(&known)?;
        Ok(data)
    }

    /// Checks that this data's cross references resolve in `known`.
    fn check_links(&self, known: &RuleData) -> Result<(), RuleDataError> {
        let err = |o: &Origin, message: String| RuleDataError {
            file: o.file.clone(),
            line: Some(o.line),
            message,
        };
        for d in &self.documents {
            if let Some(next) = &d.superseded_by
                && known.documents_by_symbol(next).next().is_none()
            {
                return Err(err(
                    &d.origin,
                    format!(
                        "document {}: superseded_by {next} is not in the registry",
                        d.symbol
                    ),
                ));
            }
        }
        let find = |name: &str| {
            let key = normalize_name(name);
            known
                .movements
                .iter()
                .find(|m| normalize_name(&m.name) == key)
        };
        for m in &self.movements {
            if let Some(to) = &m.renamed_to {
                match find(to) {
                    None => {
                        return Err(err(
                            &m.origin,
                            format!("movement {:?}: renamed_to {to:?} is not a movement", m.name),
                        ));
                    }
                    Some(t)
                        if t.renamed_from.as_deref().map(normalize_name)
                            != Some(normalize_name(&m.name)) =>
                    {
                        return Err(err(
                            &m.origin,
                            format!(
                                "movement {:?}: {to:?} does not name it in renamed_from",
                                m.name
                            ),
                        ));
                    }
                    _ => {}
                }
            }
            if let Some(from) = &m.renamed_from {
                match find(from) {
                    None => {
                        return Err(err(
                            &m.origin,
                            format!(
                                "movement {:?}: renamed_from {from:?} is not a movement",
                                m.name
                            ),
                        ));
                    }
                    Some(f)
                        if f.renamed_to.as_deref().map(normalize_name)
                            != Some(normalize_name(&m.name)) =>
                    {
                        return Err(err(
                            &m.origin,
                            format!(
                                "movement {:?}: {from:?} does not name it in renamed_to",
                                m.name
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Lays `other` over this data: an entry with the same key (document symbol and date/year,
    /// anniversary name, code, movement name) replaces the existing one, others are added; the
    /// lists stay in canonical order.
    pub fn merge(&mut self, other: RuleData) {
        self.reduplications.extend(other.reduplications);
        self.function_words.extend(other.function_words);
        for d in other.documents {
            self.documents.retain(|e| !e.same_key(&d));
            self.documents.push(d);
        }
        self.documents
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        merge_by(&mut self.anniversaries, other.anniversaries, |a| {
            normalize_name(&a.name)
        });
        self.anniversaries
            .sort_by(|a, b| (a.base_date, &a.name).cmp(&(b.base_date, &b.name)));
        merge_by(&mut self.doc_types, other.doc_types, |t| {
            normalize_code(&t.code)
        });
        self.doc_types.sort_by(|a, b| a.code.cmp(&b.code));
        merge_by(&mut self.issuers, other.issuers, |t| {
            normalize_code(&t.code)
        });
        self.issuers.sort_by(|a, b| a.code.cmp(&b.code));
        merge_by(&mut self.movements, other.movements, |m| {
            normalize_name(&m.name)
        });
        self.movements.sort_by_key(|m| m.name.to_lowercase());
    }
}

fn merge_by<T>(list: &mut Vec<T>, other: Vec<T>, key: impl Fn(&T) -> String) {
    for item in other {
        let k = key(&item);
        list.retain(|e| key(e) != k);
        list.push(item);
    }
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

    #[test]
    fn line_of_counts_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }

    #[test]
    fn period_parses() {
        #[derive(Deserialize)]
        struct P {
            p: Period,
        }
        let p: P = toml::from_str("p = \"2021-2030\"").expect("valid");
        assert_eq!(
            p.p,
            Period {
                from: 2021,
                to: 2030
            }
        );
        assert!(toml::from_str::<P>("p = \"2030-2021\"").is_err());
        assert!(toml::from_str::<P>("p = \"21-30\"").is_err());
    }
}
