//! The ZIP: opened within the entry limit, its parts read under one byte budget (a size-limited
//! reader, so a ZIP bomb stops at the budget), and the main part found through the package relationships.

use crate::container::Limits;
use crate::container::xml::{self, Ev, XmlError};
use crate::tr;
use std::cell::Cell;
use std::io::{BufReader, Cursor, Read};

/// Opens a .docx's ZIP, within the entry limit: the first step of reading and of rewriting one.
pub(in crate::container) fn open_zip<'a>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, String> {
    let lang = limits.lang;
    if !bytes.starts_with(b"PK") {
        return Err(lang
            .pick(
                "không phải tệp .docx (không có cấu trúc ZIP)",
                "not a .docx file (no ZIP structure)",
            )
            .to_string());
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        tr!(
            lang,
            "tệp .docx hỏng (ZIP không đọc được: {e})",
            "damaged .docx file (its ZIP cannot be read: {e})"
        )
    })?;
    if zip.len() > limits.max_entries {
        let (entries, max) = (zip.len(), limits.max_entries);
        return Err(tr!(
            lang,
            "tệp .docx bất thường: {entries} mục trong ZIP (giới hạn {max})",
            "abnormal .docx file: {entries} entries in its ZIP (the limit is {max})"
        ));
    }
    Ok(zip)
}

const MISSING: &str = "thiếu phần ";
const MISSING_EN: &str = "missing part ";

/// Whether an error of [`Archive::stream`] is an absent part (which an optional part may be).
pub(super) fn is_missing(error: &str) -> bool {
    error.starts_with(MISSING) || error.starts_with(MISSING_EN)
}

pub(super) struct Archive<'a, 'z> {
    pub(super) zip: &'a mut zip::ZipArchive<Cursor<&'z [u8]>>,
    pub(super) budget: &'a Cell<u64>,
    pub(super) limits: &'a Limits,
}

impl Archive<'_, '_> {
    /// Streams one part through `f` under the byte budget.
    pub(super) fn stream<T>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn std::io::BufRead) -> Result<T, XmlError>,
    ) -> Result<T, String> {
        let lang = self.limits.lang;
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            // Told apart by `is_missing` (an optional part may be absent).
            Err(zip::result::ZipError::FileNotFound) => {
                return Err(tr!(lang, "{MISSING}{name}", "{MISSING_EN}{name}"));
            }
            Err(zip::result::ZipError::UnsupportedArchive(m)) => {
                return Err(tr!(
                    lang,
                    "tệp .docx dùng định dạng ZIP không hỗ trợ ({m})",
                    "the .docx file uses an unsupported ZIP format ({m})"
                ));
            }
            Err(e) => {
                return Err(tr!(
                    lang,
                    "tệp .docx hỏng ({name}: {e})",
                    "damaged .docx file ({name}: {e})"
                ));
            }
        };
        if entry.encrypted() {
            return Err(lang
                .pick(
                    "tệp .docx được mã hóa bằng mật khẩu",
                    "the .docx file is encrypted with a password",
                )
                .to_string());
        }
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        if declared > self.budget.get() {
            return Err(bomb(self.limits));
        }
        if declared > 1_000_000 && declared / compressed > self.limits.max_ratio {
            let (ratio, max) = (declared / compressed, self.limits.max_ratio);
            return Err(tr!(
                lang,
                "tệp .docx bất thường: phần {name} nén {ratio}:1 (giới hạn {max}:1), có thể là zip bomb",
                "abnormal .docx file: part {name} is compressed {ratio}:1 (the limit is {max}:1), maybe a zip bomb"
            ));
        }
        let limited = Limited {
            inner: entry,
            budget: self.budget,
            exceeded: false,
        };
        let mut reader = BufReader::new(limited);
        let result = f(&mut reader);
        if reader.get_ref().exceeded {
            return Err(bomb(self.limits));
        }
        result.map_err(|e| format!("{name}: {}", e.in_lang(lang)))
    }

    /// A small part read whole (rels, styles, numbering), or `None` when absent.
    pub(super) fn read_small(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        match self.stream(name, |r| {
            let mut v = Vec::new();
            r.read_to_end(&mut v).map_err(|e| {
                XmlError::new(
                    format!("không đọc được: {e}"),
                    format!("cannot read it: {e}"),
                )
            })?;
            Ok(v)
        }) {
            Ok(v) => Ok(Some(v)),
            Err(e) if is_missing(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn bomb(limits: &Limits) -> String {
    let mb = limits.max_uncompressed / 1_000_000;
    tr!(
        limits.lang,
        "tệp .docx giải nén vượt quá {mb} MB: có thể là zip bomb, không đọc tiếp",
        "the .docx file unpacks to more than {mb} MB: maybe a zip bomb, reading stopped"
    )
}

/// A reader that fails once the shared byte budget is spent.
struct Limited<'a, R> {
    inner: R,
    pub(super) budget: &'a Cell<u64>,
    exceeded: bool,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let left = self.budget.get();
        if n as u64 > left {
            self.exceeded = true;
            self.budget.set(0);
            return Err(std::io::Error::other("byte budget exceeded"));
        }
        self.budget.set(left - n as u64);
        Ok(n)
    }
}

/// The main document part named in `_rels/.rels`.
pub(super) fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut target = None;
    xml::walk(rels, |ev| {
        if let Ev::Start(name, attrs) = ev
            && name.ends_with("Relationship")
            && attrs
                .get("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
            && target.is_none()
        {
            target = attrs.get("Target");
        }
        Ok(())
    })
    .ok()?;
    target.map(|t| t.trim_start_matches('/').to_string())
}
