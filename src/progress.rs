//! The progress bar of `vblint check`: on standard error when it is a terminal and more than a
//! handful of files are checked (files done of total, MB/s, ETA); silent otherwise and with
//! `--quiet`. The total comes from a second walk in the background, so the run itself never waits
//! for a full listing.

use crate::finding::FileReport;
use crate::lang::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Files checked before the bar appears.
pub const HANDFUL: u64 = 8;

pub struct Bar {
    bar: Option<ProgressBar>,
    bytes: Arc<AtomicU64>,
    visible: AtomicBool,
    /// Whether results are drawn on the same terminal (then the bar steps aside for each write).
    stdout_is_terminal: bool,
}

impl Bar {
    pub fn new(enabled: bool, stdout_is_terminal: bool, lang: Lang) -> Bar {
        let bytes = Arc::new(AtomicU64::new(0));
        let bar = enabled.then(|| {
            let counted = Arc::clone(&bytes);
            let style = ProgressStyle::with_template(lang.pick(
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} tệp · {mbps} · còn {eta}",
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} files · {mbps} · {eta} left",
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "mbps",
                move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let secs = state.elapsed().as_secs_f64();
                    let mb = counted.load(Ordering::Relaxed) as f64 / 1e6;
                    let _ = if secs > 0.0 {
                        write!(w, "{:.1} MB/s", mb / secs)
                    } else {
                        write!(w, "– MB/s")
                    };
                },
            )
            .progress_chars("=> ");
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Bar {
            bar,
            bytes,
            visible: AtomicBool::new(false),
            stdout_is_terminal,
        }
    }

    /// Counts the inputs on another thread and sets the bar's length when done.
    pub fn count_in_background(&self, counter: Option<Box<dyn FnOnce() -> u64 + Send>>) {
        if let (Some(bar), Some(counter)) = (&self.bar, counter) {
            let bar = bar.clone();
            std::thread::spawn(move || bar.set_length(counter()));
        }
    }

    /// Called on a worker as each file is done.
    pub fn on_checked(&self, report: &FileReport) {
        if let Some(bar) = &self.bar {
            self.bytes.fetch_add(report.bytes, Ordering::Relaxed);
            bar.inc(1);
            if bar.position() > HANDFUL && !self.visible.swap(true, Ordering::Relaxed) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    /// Runs a write of results, hiding the bar meanwhile when both go to the same terminal.
    pub fn around(&self, write: &mut dyn FnMut() -> io::Result<()>) -> io::Result<()> {
        match &self.bar {
            Some(bar) if self.stdout_is_terminal && self.visible.load(Ordering::Relaxed) => {
                bar.suspend(write)
            }
            _ => write(),
        }
    }

    /// Removes the bar (the summary follows).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
