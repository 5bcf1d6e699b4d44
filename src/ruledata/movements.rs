//! `movements.toml`: the emulation movements, with their periods and renamings.

use super::loading::Src;
use super::normalize::normalize_name;
use super::{Origin, RuleDataError};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

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
    /// [`Movement::name_syllables`] as keys ([`syllable_keys`]), computed at load time: names are
    /// compared with every quoted phrase of every document.
    #[serde(skip)]
    pub name_keys: Vec<Vec<u64>>,
}

/// The keys of syllables ([`crate::lex::key`]): equal syllables have equal keys.
pub fn syllable_keys(syllables: &[String]) -> Vec<u64> {
    syllables.iter().map(|s| crate::lex::key(s)).collect()
}

/// The lower-case syllables of a name, without punctuation: the unit movement names are compared in.
pub fn name_syllables(s: &str) -> Vec<String> {
    normalize_name(s)
        .split(|c: char| !crate::decode::viet::is_alphanumeric(c))
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovementsFile {
    #[serde(default)]
    movement: Vec<Spanned<Movement>>,
}

pub(super) fn load(src: &Src) -> Result<Vec<Movement>, RuleDataError> {
    let file: MovementsFile = src.parse()?;
    let entries = src.entries(file.movement, |m, o| {
        m.origin = o;
        m.name_syllables = m.names().map(|n| name_syllables(n)).collect();
        m.name_keys = m.name_syllables.iter().map(|n| syllable_keys(n)).collect();
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
                crate::tr!(
                    src.lang,
                    "phong trào {:?}: from {f} sau to {t}: năm bắt đầu không thể sau năm kết thúc",
                    "movement {:?}: from {f} is after to {t}: a movement cannot start after it ends",
                    m.name
                ),
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
                    crate::tr!(
                        src.lang,
                        "tên phong trào {n:?} trùng (đã có ở dòng {other}): mỗi tên chỉ ghi một lần",
                        "the movement name {n:?} is repeated (already on line {other}): write each name once"
                    ),
                ));
            }
            seen.push((key, line));
        }
        if i > 0 {
            let p = &entries[i - 1].0;
            if p.name.to_lowercase() > m.name.to_lowercase() {
                return Err(src.err(
                    line,
                    crate::tr!(
                        src.lang,
                        "sai thứ tự (theo name): {:?} phải đứng trước {:?}",
                        "out of order (by name): {:?} must come before {:?}",
                        m.name,
                        p.name
                    ),
                ));
            }
        }
    }
    Ok(entries.into_iter().map(|(m, _)| m).collect())
}
