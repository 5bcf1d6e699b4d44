//! Where a check spends its time: each stage of the pipeline, and each rule, timed over the same
//! files in one run.
//!
//!     cargo bench --bench stages [-- DIR]      (default: the bundled corpus)
//!
//! Every stage runs on every file, one thread; the table gives each stage's share of the total and
//! its throughput in MB of input per second. Figures from one run on one machine compare the stages
//! with each other, not with another machine.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vblint::checks::{Context, RULES};
use vblint::{classify, decode, extract, mask, ruledata::RuleData, segment, source::SourceFile};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// Runs `f` and adds its duration to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    *total += start.elapsed();
    value
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map_or_else(|| PathBuf::from("corpus"), PathBuf::from);
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let inputs: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let data = RuleData::builtin();
    let stages = ["decode", "mask", "segment", "classify", "extract (all)"];
    let mut stage_time = vec![Duration::ZERO; stages.len()];
    let mut rule_time = vec![Duration::ZERO; RULES.len()];
    // A first pass compiles the regexes (once per process), so the timed pass measures the work.
    for pass in 0..2 {
        if pass == 0 {
            for input in inputs.iter().take(20) {
                if let Ok(decoded) = decode::decode(input) {
                    let source = SourceFile::with_maps("warm-up", decoded.text, decoded.line_maps);
                    let analysis = extract::analyze(&source, data);
                    let cx = Context {
                        source: &source,
                        original: &source,
                        analysis: &analysis,
                        data,
                        encoding: Some(&decoded.report),
                        reference_date: None,
                        lang: vblint::lang::Lang::Vi,
                    };
                    for rule in RULES {
                        (rule.check)(&cx, &mut Vec::new());
                    }
                }
            }
            continue;
        }
        for input in &inputs {
            let Ok(decoded) = timed(&mut stage_time[0], || decode::decode(input)) else {
                continue;
            };
            let source = SourceFile::with_maps("bench", decoded.text, decoded.line_maps);
            let view = timed(&mut stage_time[1], || mask::mask(&source.text).into_owned());
            let analysed = source.with_view(view);
            let structure = timed(&mut stage_time[2], || segment::segment(&analysed));
            timed(&mut stage_time[3], || {
                classify::classify(&analysed, &structure, &|code| {
                    data.doc_type(code).and_then(|t| t.names.first().cloned())
                })
            });
            // `analyze` segments and classifies again: its row is the whole of stage 3.
            let analysis = timed(&mut stage_time[4], || extract::analyze(&analysed, data));
            let cx = Context {
                source: &analysed,
                original: &source,
                analysis: &analysis,
                data,
                encoding: Some(&decoded.report),
                reference_date: None,
                lang: vblint::lang::Lang::Vi,
            };
            for (k, rule) in RULES.iter().enumerate() {
                let mut out = Vec::new();
                timed(&mut rule_time[k], || (rule.check)(&cx, &mut out));
            }
        }
    }
    let checks: Duration = rule_time.iter().sum();
    let total = stage_time[0] + stage_time[1] + stage_time[4] + checks;
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {:.1} MB from {}",
        inputs.len(),
        mb,
        dir.display()
    );
    println!();
    println!("| stage | seconds | share | MB/s |");
    println!("|---|---:|---:|---:|");
    let row = |name: &str, d: Duration| {
        let s = d.as_secs_f64();
        println!(
            "| {name} | {s:.3} | {:.1}% | {:.0} |",
            100.0 * s / total.as_secs_f64(),
            mb / s.max(1e-9)
        );
    };
    for (name, d) in stages.iter().zip(&stage_time) {
        row(name, *d);
    }
    row("checks (all rules)", checks);
    row("total (decode + mask + extract + checks)", total);
    println!();
    println!("| rule | seconds | share |");
    println!("|---|---:|---:|");
    let mut by_rule: Vec<(&str, Duration)> = RULES.iter().map(|r| r.id).zip(rule_time).collect();
    by_rule.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (id, d) in by_rule {
        println!(
            "| {id} | {:.3} | {:.1}% |",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
}
