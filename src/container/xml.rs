//! A small streaming layer over `quick-xml` for the OOXML parts: start/end/text callbacks with
//! qualified names ("w:p"), attributes by local name, entity references resolved, and limits on
//! nesting depth so that a hostile part costs bounded memory and time.

use crate::lang::Lang;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufRead;

/// Deeper element nesting than this is rejected (Word documents stay far below it).
pub const MAX_DEPTH: usize = 256;

/// Why a part could not be read, in both languages: the XML layer does not know which one the
/// reader of the error wants, the caller that reports it does (`Limits::lang`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    vi: String,
    en: String,
}

impl XmlError {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        XmlError {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The error in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.vi)
    }
}

/// The attributes of one element: (local name, unescaped value).
#[derive(Debug, Default)]
pub struct Attrs(Vec<(String, String)>);

impl Attrs {
    /// The attributes of a start tag, by local name, values unescaped.
    pub fn of(e: &quick_xml::events::BytesStart<'_>) -> Attrs {
        let mut attrs = Attrs::default();
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            attrs.0.push((key, value));
        }
        attrs
    }

    pub fn get(&self, local: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.clone())
    }

    pub fn get_u32(&self, local: &str) -> Option<u32> {
        self.get(local)?.trim().parse().ok()
    }

    pub fn get_usize(&self, local: &str) -> Option<usize> {
        self.get(local)?.trim().parse().ok()
    }

    /// An OOXML on/off property: absent `val` means on.
    pub fn get_bool_default_true(&self, local: &str) -> bool {
        match self.get(local).as_deref() {
            None => true,
            Some(v) => !matches!(v, "0" | "false" | "off"),
        }
    }
}

/// One event of the walk.
pub enum Ev<'a> {
    Start(&'a str, &'a Attrs),
    End(&'a str),
    Text(&'a str),
}

/// Walks an XML part held in memory.
pub fn walk<F>(bytes: &[u8], on: F) -> Result<(), XmlError>
where
    F: FnMut(Ev<'_>) -> Result<(), XmlError>,
{
    walk_reader(bytes, on)
}

/// Walks an XML part from a reader. Empty elements arrive as a start and an end.
pub fn walk_reader<R, F>(reader: R, mut on: F) -> Result<(), XmlError>
where
    R: BufRead,
    F: FnMut(Ev<'_>) -> Result<(), XmlError>,
{
    let mut reader = Reader::from_reader(reader);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError::new(format!("XML hỏng: {e}"), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlError::new(
                        format!("XML lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)"),
                        format!("XML nested too deep (over {MAX_DEPTH} levels)"),
                    ));
                }
                let name = e.name().as_ref().to_string();
                let attrs = Attrs::of(&e);
                on(Ev::Start(&name, &attrs))?;
                stack.push(name);
            }
            Event::End(_) => {
                if let Some(name) = stack.pop() {
                    on(Ev::End(&name))?;
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                on(Ev::Text(&text))?;
            }
            Event::CData(t) => {
                let text = t.xml10_content();
                on(Ev::Text(&text))?;
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    let mut b = [0u8; 4];
                    on(Ev::Text(c.encode_utf8(&mut b)))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlError::new(
            "XML bị cắt cụt (thiếu thẻ đóng)",
            "truncated XML (a closing tag is missing)",
        ));
    }
    Ok(())
}
