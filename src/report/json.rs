//! `--format json` (one document, written incrementally) and `--format jsonl` (one object per file,
//! flushed per line).
//!
//! The JSON contract (version 1):
//! `{"version":1,"tool":{"name":"vblint","version":…},"files":[FileReport…],"summary":Summary}`.

use super::{Reporter, Summary};
use crate::finding::FileReport;
use serde::Serialize;
use std::io::{self, Write};

pub const CONTRACT_VERSION: u32 = 1;

/// The `tool` member of the JSON document.
#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

pub const TOOL: Tool = Tool {
    name: "vblint",
    version: env!("CARGO_PKG_VERSION"),
};

pub struct JsonReporter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonReporter<W> {
    pub fn new(out: W) -> Self {
        JsonReporter { out, first: true }
    }
}

fn to_io(e: serde_json::Error) -> io::Error {
    // Keeps the kind of I/O errors (a closed pipe ends the run quietly).
    io::Error::from(e)
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn begin(&mut self) -> io::Result<()> {
        write!(self.out, "{{\"version\":{CONTRACT_VERSION},\"tool\":")?;
        serde_json::to_writer(&mut self.out, &TOOL).map_err(to_io)?;
        write!(self.out, ",\"files\":[")
    }

    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        serde_json::to_writer(&mut self.out, report).map_err(to_io)
    }

    fn end(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.write_all(b"\n],\"summary\":")?;
        serde_json::to_writer(&mut self.out, summary).map_err(to_io)?;
        self.out.write_all(b"}\n")?;
        self.out.flush()
    }
}

/// One JSON object per line per file; error records are `{"path","error"}` objects of the same type.
pub struct JsonLinesReporter<W: Write> {
    out: W,
}

impl<W: Write> JsonLinesReporter<W> {
    pub fn new(out: W) -> Self {
        JsonLinesReporter { out }
    }
}

impl<W: Write> Reporter for JsonLinesReporter<W> {
    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, report).map_err(to_io)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
