//! `documents.toml`: the registry of national documents plans cite.

use super::loading::Src;
use super::normalize::{normalize_name, normalize_symbol};
use super::{Origin, RuleDataError};
use crate::date::Date;
use serde::{Deserialize, Deserializer};
use std::fmt;
use toml::Spanned;

/// A period quoted in a title, "2021-2030".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let err = || serde::de::Error::custom(format!("không phải khoảng năm YYYY-YYYY: {s:?}"));
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

    pub(super) fn sort_key(&self) -> (i32, u32, u32, &str) {
        let (m, d) = self.date.map_or((0, 0), |d| (d.month, d.day));
        (self.issue_year().unwrap_or(0), m, d, &self.symbol)
    }

    /// Same symbol and same date, or same year when one of the two has no date.
    pub(super) fn same_key(&self, other: &KnownDocument) -> bool {
        self.keys.symbol == other.keys.symbol
            && self.issue_year() == other.issue_year()
            && match (self.date, other.date) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    fn dated(&self, lang: crate::lang::Lang) -> String {
        match (self.date, self.issue_year()) {
            (Some(d), _) => crate::tr!(lang, "ngày {d}", "of {d}"),
            (None, Some(y)) => crate::tr!(lang, "năm {y}", "of {y}"),
            (None, None) => lang.pick("không ghi ngày", "undated").to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    #[serde(default)]
    document: Vec<Spanned<KnownDocument>>,
}

pub(super) fn load(src: &Src) -> Result<Vec<KnownDocument>, RuleDataError> {
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
                    crate::tr!(
                        src.lang,
                        "văn bản {}: thiếu cả date lẫn year: hãy ghi ngày ban hành (date) hoặc ít nhất năm (year)",
                        "document {}: neither date nor year: give the issue date (date) or at least the year (year)",
                        d.symbol
                    ),
                ));
            }
            (Some(date), Some(y)) if date.year != y => {
                return Err(src.err(
                    line,
                    crate::tr!(
                        src.lang,
                        "văn bản {}: year {y} khác năm của date {date}",
                        "document {}: year {y} is not the year of date {date}",
                        d.symbol
                    ),
                ));
            }
            _ => {}
        }
        if let (Some(date), Some(eff)) = (d.date, d.effective)
            && eff < date
        {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "văn bản {}: effective {eff} trước ngày ban hành {date}: ngày có hiệu lực không thể trước ngày ban hành",
                    "document {}: effective {eff} is before the issue date {date}: a document cannot take effect before it is issued",
                    d.symbol
                ),
            ));
        }
        if let (Some(date), Some(exp)) = (d.date, d.expired)
            && exp <= date
        {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "văn bản {}: expired {exp} không sau ngày ban hành {date}: ngày hết hiệu lực phải sau ngày ban hành",
                    "document {}: expired {exp} is not after the issue date {date}: a document expires after it is issued",
                    d.symbol
                ),
            ));
        }
        if entries[..i].iter().any(|(p, _)| p.same_key(d)) {
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "văn bản {} {} trùng với một mục trước: mỗi văn bản chỉ ghi một lần",
                    "document {} {} repeats an earlier entry: write each document once",
                    d.symbol,
                    d.dated(src.lang)
                ),
            ));
        }
        if i > 0 && entries[i - 1].0.sort_key() > d.sort_key() {
            let p = &entries[i - 1].0;
            return Err(src.err(
                line,
                crate::tr!(
                    src.lang,
                    "sai thứ tự (theo năm, ngày, số hiệu): {} {} phải đứng trước {} {}",
                    "out of order (by year, date, symbol): {} {} must come before {} {}",
                    d.symbol,
                    d.dated(src.lang),
                    p.symbol,
                    p.dated(src.lang)
                ),
            ));
        }
    }
    Ok(entries.into_iter().map(|(d, _)| d).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
