//! Word's automatic numbering (`word/numbering.xml`), rendered the way Word shows it.
//!
//! A numbered paragraph names a numbering instance (`w:numId`) and a level (`w:ilvl`), directly or
//! through its paragraph style. The instance points at an abstract definition (`w:abstractNum`) whose
//! levels give the start value, the number format and the level text ("%1.", "%1.%2.", "%1)"); the
//! instance may override a level's start (`w:lvlOverride/w:startOverride`) or the whole level.
//!
//! Counters follow Word: instances of one abstract definition continue one list unless an instance
//! overrides a start, in which case it is a list of its own that begins at the override; using a
//! level resets every deeper level, unless that level's `w:lvlRestart` says otherwise.

use super::xml::{self, Attrs, XmlError};
use std::collections::HashMap;

/// How a level formats its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFmt {
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            // decimal, and formats we do not render specially (ordinal, cardinalText, …).
            _ => NumFmt::Decimal,
        }
    }

    /// `n` formatted as Word shows it.
    pub fn format(self, n: u32) -> String {
        match self {
            NumFmt::Decimal | NumFmt::Bullet => n.to_string(),
            NumFmt::DecimalZero => format!("{n:02}"),
            NumFmt::UpperRoman => roman(n),
            NumFmt::LowerRoman => roman(n).to_lowercase(),
            NumFmt::UpperLetter => letters(n).to_uppercase(),
            NumFmt::LowerLetter => letters(n),
            NumFmt::None => String::new(),
        }
    }
}

/// Roman numerals as Word shows them: decimal for 0 and from 4000 on.
pub(super) fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    crate::numerals::to_roman(n)
}

/// Word's letter numbering: a … z, then aa … zz, aaa …: the letter repeated (no Vietnamese "đ").
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let idx = (n - 1) % 26;
    let repeat = ((n - 1) / 26 + 1).min(50) as usize;
    let c = char::from(b'a' + idx as u8);
    std::iter::repeat_n(c, repeat).collect()
}

/// What follows the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    Tab,
    Space,
    Nothing,
}

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub start: u32,
    pub fmt: NumFmt,
    pub text: String,
    pub suffix: Suffix,
    /// `w:isLgl`: all levels shown as decimal.
    pub legal: bool,
    /// `w:lvlRestart`: restart after a use of a level shallower than this (1-based); 0 = never.
    pub restart: Option<u32>,
    /// The paragraph style linked to this level (`w:pStyle`).
    pub style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: NumFmt::Decimal,
            text: String::new(),
            suffix: Suffix::Tab,
            legal: false,
            restart: None,
            style: None,
        }
    }
}

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: Vec<Option<Level>>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
    level_overrides: HashMap<usize, Level>,
}

/// The numbering definitions of a document.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

/// The running counters of a document's lists.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    lists: HashMap<String, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// Parses `word/numbering.xml`.
    pub fn parse(xml_bytes: &[u8]) -> Result<Numbering, XmlError> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        let mut current_abstract = AbstractNum::default();
        let mut current_num = Num::default();
        xml::walk(xml_bytes, |ev| {
            match ev {
                xml::Ev::Start(name, attrs) => match name {
                    "w:abstractNum" => {
                        abstract_id = attrs.get("abstractNumId");
                        current_abstract = AbstractNum {
                            levels: vec![None; LEVELS],
                        };
                    }
                    "w:num" => {
                        num_id = attrs.get("numId");
                        current_num = Num::default();
                    }
                    "w:abstractNumId" if num_id.is_some() => {
                        current_num.abstract_id = attrs.get("val").unwrap_or_default();
                    }
                    "w:lvlOverride" => override_level = attrs.get_usize("ilvl"),
                    "w:startOverride" => {
                        if let (Some(l), Some(v)) = (override_level, attrs.get_u32("val")) {
                            current_num.start_overrides.insert(l, v);
                        }
                    }
                    "w:lvl" => {
                        let ilvl = attrs.get_usize("ilvl").unwrap_or(0);
                        level = (ilvl < LEVELS).then(|| (ilvl, Level::default()));
                    }
                    _ => {
                        if let Some((_, lvl)) = level.as_mut() {
                            apply_level_attr(lvl, name, attrs);
                        }
                    }
                },
                xml::Ev::End(name) => match name {
                    "w:lvl" => {
                        if let Some((ilvl, lvl)) = level.take() {
                            match override_level {
                                Some(o) if num_id.is_some() => {
                                    current_num.level_overrides.insert(o, lvl);
                                }
                                _ => {
                                    if let Some(slot) = current_abstract.levels.get_mut(ilvl) {
                                        *slot = Some(lvl);
                                    }
                                }
                            }
                        }
                    }
                    "w:lvlOverride" => override_level = None,
                    "w:abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            numbering
                                .abstracts
                                .insert(id, std::mem::take(&mut current_abstract));
                        }
                    }
                    "w:num" => {
                        if let Some(id) = num_id.take() {
                            numbering.nums.insert(id, std::mem::take(&mut current_num));
                        }
                    }
                    _ => {}
                },
                xml::Ev::Text(_) => {}
            }
            Ok(())
        })?;
        Ok(numbering)
    }

    fn level(&self, num_id: &str, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(num_id)?;
        if let Some(l) = num.level_overrides.get(&ilvl) {
            return Some(l);
        }
        self.abstracts
            .get(&num.abstract_id)?
            .levels
            .get(ilvl)?
            .as_ref()
    }

    /// The level of `num_id` linked to paragraph style `style` (`w:lvl/w:pStyle`).
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        let abs = self.abstracts.get(&num.abstract_id)?;
        abs.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }

    /// The rendered number of the next paragraph of list `num_id` at level `ilvl`, with its
    /// suffix ("1. ", "II. ", "a) ", "- "); `None` when the paragraph shows no number.
    pub fn next(&self, counters: &mut Counters, num_id: &str, ilvl: usize) -> Option<String> {
        if num_id == "0" || ilvl >= LEVELS {
            return None;
        }
        let num = self.nums.get(num_id)?;
        let level = self.level(num_id, ilvl)?;
        let own_list = !num.start_overrides.is_empty() || !num.level_overrides.is_empty();
        let key = if own_list {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", num.abstract_id)
        };
        let fresh = !counters.lists.contains_key(&key);
        let state = counters.lists.entry(key).or_insert([None; LEVELS]);
        if fresh {
            for (l, v) in &num.start_overrides {
                if let Some(slot) = state.get_mut(*l) {
                    // The first use of the level shows the override.
                    *slot = Some(v.saturating_sub(1));
                }
            }
        }
        let value = match state[ilvl] {
            Some(v) => v.saturating_add(1),
            None => level.start,
        };
        state[ilvl] = Some(value);
        for (deeper, slot) in state.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = self
                .level(num_id, deeper)
                .and_then(|l| l.restart)
                .unwrap_or(deeper as u32);
            // lvlRestart n: restart when a level numbered below n (1-based) is used.
            if restart != 0 && (ilvl as u32) < restart {
                *slot = None;
            }
        }
        if level.fmt == NumFmt::None && !level.text.contains('%') {
            return (!level.text.is_empty()).then(|| with_suffix(level.text.clone(), level));
        }
        let text = if level.fmt == NumFmt::Bullet {
            bullet_text(&level.text)
        } else {
            let mut out = String::new();
            let mut chars = level.text.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                    ('%', Some(d)) if (1..=9).contains(&d) => {
                        chars.next();
                        let l = d as usize - 1;
                        let lvl = self.level(num_id, l);
                        let v = state[l].unwrap_or_else(|| lvl.map_or(1, |x| x.start));
                        let fmt = match lvl {
                            Some(x) if !(level.legal && l != ilvl) => x.fmt,
                            Some(_) => NumFmt::Decimal,
                            None => NumFmt::Decimal,
                        };
                        let fmt = if fmt == NumFmt::Bullet {
                            NumFmt::Decimal
                        } else {
                            fmt
                        };
                        out.push_str(&fmt.format(v));
                    }
                    _ => out.push(c),
                }
            }
            out
        };
        if text.is_empty() {
            return None;
        }
        Some(with_suffix(text, level))
    }
}

fn with_suffix(mut text: String, level: &Level) -> String {
    match level.suffix {
        // A tab reads as a space; a real tab would split the line into header cells.
        Suffix::Tab | Suffix::Space => text.push(' '),
        Suffix::Nothing => {}
    }
    text
}

/// A bullet's text: symbol-font characters (private use area, as Symbol/Wingdings store them)
/// become "•"; typed characters ("-", "+", "–", "o") stay.
fn bullet_text(text: &str) -> String {
    let t: String = text
        .chars()
        .map(|c| match u32::from(c) {
            0xF000..=0xF8FF => '•',
            _ => c,
        })
        .collect();
    if t.trim().is_empty() {
        "•".to_string()
    } else {
        t
    }
}

fn apply_level_attr(lvl: &mut Level, name: &str, attrs: &Attrs) {
    match name {
        "w:start" => lvl.start = attrs.get_u32("val").unwrap_or(1),
        "w:numFmt" => lvl.fmt = NumFmt::parse(&attrs.get("val").unwrap_or_default()),
        "w:lvlText" => lvl.text = attrs.get("val").unwrap_or_default(),
        "w:suff" => {
            lvl.suffix = match attrs.get("val").as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        "w:isLgl" => lvl.legal = attrs.get_bool_default_true("val"),
        "w:lvlRestart" => lvl.restart = attrs.get_u32("val"),
        "w:pStyle" => lvl.style = attrs.get("val"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(xml: &str) -> Numbering {
        Numbering::parse(xml.as_bytes()).expect("valid numbering.xml")
    }

    const DOC: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
        <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="1"><w:startOverride w:val="6"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn levels_formats_and_restarts() {
        let n = numbering(DOC);
        let mut c = Counters::default();
        let mut next = |id: &str, l: usize| n.next(&mut c, id, l).unwrap_or_default();
        assert_eq!(next("1", 0), "I. ");
        assert_eq!(next("1", 1), "1. ");
        assert_eq!(next("1", 2), "1.1. ");
        assert_eq!(next("1", 2), "1.2. ");
        assert_eq!(next("1", 3), "a) ");
        assert_eq!(next("1", 3), "b) ");
        assert_eq!(next("1", 4), "• ");
        assert_eq!(next("1", 1), "2. ");
        assert_eq!(next("1", 3), "a) ");
        assert_eq!(next("1", 0), "II. ");
        assert_eq!(next("1", 1), "1. ");
        // Another instance of the same abstract list continues it.
        assert_eq!(next("2", 0), "III. ");
        // An instance with a start override is a list of its own.
        assert_eq!(next("3", 1), "6. ");
        assert_eq!(next("3", 1), "7. ");
        // "III." reset the shared list's second level.
        assert_eq!(next("1", 1), "1. ");
    }

    #[test]
    fn formats() {
        assert_eq!(NumFmt::UpperRoman.format(14), "XIV");
        assert_eq!(NumFmt::LowerRoman.format(9), "ix");
        assert_eq!(NumFmt::LowerLetter.format(5), "e");
        assert_eq!(NumFmt::LowerLetter.format(27), "aa");
        assert_eq!(NumFmt::UpperLetter.format(2), "B");
        assert_eq!(NumFmt::DecimalZero.format(3), "03");
    }

    #[test]
    fn unknown_ids_render_nothing() {
        let n = numbering(DOC);
        let mut c = Counters::default();
        assert_eq!(n.next(&mut c, "9", 0), None);
        assert_eq!(n.next(&mut c, "0", 0), None);
        assert_eq!(n.next(&mut c, "1", 12), None);
    }
}
