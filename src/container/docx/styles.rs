//! `word/styles.xml`: run properties (fonts, caps, hidden) and paragraph numbering, through each
//! style's `basedOn` chain to the document defaults.

use crate::container::legacy::LegacyFont;
use crate::container::xml::{self, Attrs, Ev, XmlError};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub(in crate::container) struct RunProps {
    ascii: Option<String>,
    hansi: Option<String>,
    pub(super) caps: Option<bool>,
    pub(super) vanish: Option<bool>,
}

impl RunProps {
    pub(in crate::container) fn apply(&mut self, name: &str, attrs: &Attrs) {
        match name {
            "w:rFonts" => {
                if attrs.get("asciiTheme").is_some() {
                    self.ascii = Some(String::new());
                }
                if attrs.get("hAnsiTheme").is_some() {
                    self.hansi = Some(String::new());
                }
                if let Some(f) = attrs.get("ascii") {
                    self.ascii = Some(f);
                }
                if let Some(f) = attrs.get("hAnsi") {
                    self.hansi = Some(f);
                }
            }
            "w:caps" => self.caps = Some(attrs.get_bool_default_true("val")),
            "w:vanish" => self.vanish = Some(attrs.get_bool_default_true("val")),
            _ => {}
        }
    }

    /// The legacy family of the font that draws the text (hAnsi, else ascii), if legacy.
    pub(in crate::container) fn legacy_family(&self) -> Option<LegacyFont> {
        let font = self
            .hansi
            .as_deref()
            .filter(|f| !f.is_empty())
            .or(self.ascii.as_deref());
        font.and_then(LegacyFont::from_font_name)
    }

    /// `self` with unset fields taken from `base`.
    pub(in crate::container) fn or(&self, base: &RunProps) -> RunProps {
        RunProps {
            ascii: self.ascii.clone().or_else(|| base.ascii.clone()),
            hansi: self.hansi.clone().or_else(|| base.hansi.clone()),
            caps: self.caps.or(base.caps),
            vanish: self.vanish.or(base.vanish),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    pub(super) run: RunProps,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
}

/// `word/styles.xml`: run properties and numbering carried by styles.
#[derive(Debug, Clone, Default)]
pub(in crate::container) struct Styles {
    map: HashMap<String, StyleDef>,
    pub(in crate::container) default_paragraph: Option<String>,
    pub(in crate::container) defaults: RunProps,
}

impl Styles {
    pub(in crate::container) fn parse(bytes: &[u8]) -> Result<Styles, XmlError> {
        let mut styles = Styles::default();
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_defaults = false;
        let mut in_rpr_change = 0usize;
        xml::walk(bytes, |ev| {
            match ev {
                Ev::Start(name, attrs) => {
                    if name == "w:rPrChange" || name == "w:pPrChange" {
                        in_rpr_change += 1;
                    }
                    if in_rpr_change > 0 {
                        return Ok(());
                    }
                    match name {
                        "w:rPrDefault" => in_defaults = true,
                        "w:style" => {
                            let id = attrs.get("styleId").unwrap_or_default();
                            if attrs.get("type").as_deref() == Some("paragraph")
                                && attrs.get_bool_default_true("default")
                                && attrs.get("default").is_some()
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, StyleDef::default()));
                        }
                        _ => {
                            if in_defaults {
                                styles.defaults.apply(name, attrs);
                            } else if let Some((_, def)) = current.as_mut() {
                                match name {
                                    "w:basedOn" => def.based_on = attrs.get("val"),
                                    "w:numId" => def.num_id = attrs.get("val"),
                                    "w:ilvl" => def.ilvl = attrs.get_usize("val"),
                                    _ => def.run.apply(name, attrs),
                                }
                            }
                        }
                    }
                }
                Ev::End(name) => match name {
                    "w:rPrChange" | "w:pPrChange" => {
                        in_rpr_change = in_rpr_change.saturating_sub(1)
                    }
                    "w:rPrDefault" => in_defaults = false,
                    "w:style" => {
                        if let Some((id, def)) = current.take() {
                            styles.map.insert(id, def);
                        }
                    }
                    _ => {}
                },
                Ev::Text(_) => {}
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The style chain from `id` up through `w:basedOn` (bounded, cycles cut).
    fn chain(&self, id: Option<&str>) -> Vec<&StyleDef> {
        let mut out = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            let Some(def) = self.map.get(id) else { break };
            if out.len() >= 32 || out.iter().any(|d: &&StyleDef| std::ptr::eq(*d, def)) {
                break;
            }
            out.push(def);
            next = def.based_on.as_deref();
        }
        out
    }

    pub(in crate::container) fn run_props(&self, id: Option<&str>) -> RunProps {
        let mut props = RunProps::default();
        for def in self.chain(id) {
            props = props.or(&def.run);
        }
        props
    }

    pub(super) fn numbering(&self, id: Option<&str>) -> (Option<String>, Option<usize>) {
        let mut num = None;
        let mut ilvl = None;
        for def in self.chain(id) {
            num = num.or_else(|| def.num_id.clone());
            ilvl = ilvl.or(def.ilvl);
        }
        (num, ilvl)
    }
}
