//! `--format csv`: one row per finding for spreadsheets, RFC 4180 (header row, CRLF line ends,
//! fields quoted when they hold a comma, quote or line break; quotes doubled). UTF-8 without BOM.
//!
//! Columns: `path,line,column,end_line,end_column,severity,rule,message,excerpt,fix,help,error`.
//! A file that could not be checked is one row with only `path` and `error` filled, so every file
//! with something to say is accounted for.

use super::{Reporter, Summary};
use crate::finding::FileReport;
use std::io::{self, Write};

pub const HEADER: [&str; 12] = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "severity",
    "rule",
    "message",
    "excerpt",
    "fix",
    "help",
    "error",
];

pub struct CsvReporter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvReporter<W> {
    pub fn new(out: W) -> Self {
        CsvReporter {
            out: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(out),
        }
    }
}

fn to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<W: Write> Reporter for CsvReporter<W> {
    fn begin(&mut self) -> io::Result<()> {
        self.out.write_record(HEADER).map_err(to_io)
    }

    fn file(&mut self, report: &FileReport, _text: Option<&str>) -> io::Result<()> {
        if let Some(error) = &report.error {
            let mut row = [""; 12];
            row[0] = &report.path;
            row[11] = error;
            self.out.write_record(row).map_err(to_io)?;
        }
        for f in &report.findings {
            let numbers = [f.line, f.column, f.end_line, f.end_column].map(|n| n.to_string());
            self.out
                .write_record([
                    report.path.as_str(),
                    &numbers[0],
                    &numbers[1],
                    &numbers[2],
                    &numbers[3],
                    f.severity.as_str(),
                    &f.rule,
                    &f.message,
                    &f.excerpt,
                    f.fix.as_deref().unwrap_or(""),
                    f.help.as_deref().unwrap_or(""),
                    "",
                ])
                .map_err(to_io)?;
        }
        self.out.flush()
    }

    fn end(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
