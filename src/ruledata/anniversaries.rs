//! `anniversaries.toml`: anniversaries with their base dates.

use super::loading::Src;
use super::normalize::normalize_name;
use super::{Origin, RuleDataError};
use crate::date::Date;
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnniversariesFile {
    #[serde(default)]
    anniversary: Vec<Spanned<Anniversary>>,
}

pub(super) fn load(src: &Src) -> Result<Vec<Anniversary>, RuleDataError> {
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
                    crate::tr!(src.lang, "tên ngày kỷ niệm {n:?} trùng (đã có ở dòng {other}): mỗi tên chỉ ghi một lần","the anniversary name {n:?} is repeated (already on line {other}): write each name once"),
                ));
            }
            seen.push((key, line));
        }
        if i > 0 {
            let p = &entries[i - 1].0;
            if (p.base_date, p.name.as_str()) > (a.base_date, a.name.as_str()) {
                return Err(src.err(
                    line,
                    crate::tr!(
                        src.lang,
                        "sai thứ tự (theo base_date, name): {} {} phải đứng trước {} {}",
                        "out of order (by base_date, name): {} {} must come before {} {}",
                        a.name,
                        a.base_date,
                        p.name,
                        p.base_date
                    ),
                ));
            }
        }
    }
    Ok(entries.into_iter().map(|(a, _)| a).collect())
}
