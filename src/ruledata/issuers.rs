//! `issuers.toml`: the issuer codes of document symbols ("UBND", "PGDĐT").

use super::loading::{Src, check_codes};
use super::normalize::normalize_name;
use super::{Origin, RuleDataError};
use serde::Deserialize;
use toml::Spanned;

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuersFile {
    #[serde(default)]
    issuer: Vec<Spanned<Issuer>>,
}

pub(super) fn load(src: &Src) -> Result<Vec<Issuer>, RuleDataError> {
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
                crate::tr!(
                    src.lang,
                    "cơ quan {}: cấp {l:?} không hợp lệ (phải là một trong {LEVELS:?})",
                    "issuer {}: invalid level {l:?} (must be one of {LEVELS:?})",
                    t.code
                ),
            ));
        }
    }
    Ok(entries.into_iter().map(|(t, _)| t).collect())
}
