//! Laying a user directory over the built-in data, and checking cross references
//! (`superseded_by`, `renamed_from`/`renamed_to`) once the data is whole.

use super::normalize::{normalize_code, normalize_name};
use super::{Origin, RuleData, RuleDataError};
use crate::lang::Lang;

impl RuleData {
    /// Checks that this data's cross references resolve in `known`.
    pub(super) fn check_links(&self, known: &RuleData, lang: Lang) -> Result<(), RuleDataError> {
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
                    crate::tr!(
                        lang,
                        "văn bản {}: superseded_by {next} không có trong danh mục văn bản (documents.toml): hãy thêm văn bản đó hoặc sửa số hiệu",
                        "document {}: superseded_by {next} is not in the document registry (documents.toml): add that document or correct the symbol",
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
                            crate::tr!(
                                lang,
                                "phong trào {:?}: renamed_to {to:?} không phải tên một phong trào (movements.toml)",
                                "movement {:?}: renamed_to {to:?} is not the name of a movement (movements.toml)",
                                m.name
                            ),
                        ));
                    }
                    Some(t)
                        if t.renamed_from.as_deref().map(normalize_name)
                            != Some(normalize_name(&m.name)) =>
                    {
                        return Err(err(
                            &m.origin,
                            crate::tr!(
                                lang,
                                "phong trào {:?}: phong trào {to:?} không ghi lại tên này trong renamed_from (hai chiều phải khớp)",
                                "movement {:?}: the movement {to:?} does not list this name in renamed_from (both directions must agree)",
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
                            crate::tr!(
                                lang,
                                "phong trào {:?}: renamed_from {from:?} không phải tên một phong trào (movements.toml)",
                                "movement {:?}: renamed_from {from:?} is not the name of a movement (movements.toml)",
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
                            crate::tr!(
                                lang,
                                "phong trào {:?}: phong trào {from:?} không ghi lại tên này trong renamed_to (hai chiều phải khớp)",
                                "movement {:?}: the movement {from:?} does not list this name in renamed_to (both directions must agree)",
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
