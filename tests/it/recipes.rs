//! The README's recipes for distributed engines, run for real and compared record for record with
//! one plain `vblint check --format jsonl` run over the same corpus files: GNU parallel feeding
//! `--stdin-lines` in blocks, and PySpark in local mode (`tests/recipes/pyspark_recipe.py`, the
//! README's `vblint_partition`). Each needs its tool (Debian's `parallel`; PySpark from pip and a
//! JRE): `.ci/run` installs them, and with `CI=true` a missing tool is a failure, not a skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const VBLINT: &str = env!("CARGO_BIN_EXE_vblint");

/// The corpus's text files, as the README's `find archive/ -name '*.txt'` lists them.
fn corpus_txt() -> Vec<String> {
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from("corpus")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}

/// Records keyed by path (the engines answer in their own order), without `id`.
fn by_path(jsonl: &str) -> BTreeMap<String, serde_json::Value> {
    jsonl
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("a JSON record");
            if let Some(o) = v.as_object_mut() {
                o.remove("id");
            }
            let path = v["path"].as_str().expect("path").to_string();
            (path, v)
        })
        .collect()
}

fn plain_run(files: &[String]) -> BTreeMap<String, serde_json::Value> {
    let out = Command::new(VBLINT)
        .args(["check", "--format", "jsonl", "--exit-zero", "-q"])
        .args(files)
        .output()
        .expect("vblint runs");
    assert_eq!(out.status.code(), Some(0));
    by_path(&String::from_utf8(out.stdout).expect("UTF-8"))
}

/// A tool is missing: a failure in CI, a skip with a message elsewhere.
fn missing(tool: &str, install: &str) {
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{tool} is missing and CI=true: .ci/run must install it ({install})"
    );
    eprintln!("SKIPPED: {tool} is not installed ({install}; .ci/run does this)");
}

fn has(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn compare(name: &str, got: &BTreeMap<String, serde_json::Value>, files: &[String]) {
    let want = plain_run(files);
    assert_eq!(got.len(), files.len(), "{name}: one record per file");
    for (path, record) in &want {
        assert_eq!(got.get(path), Some(record), "{name}: {path}");
    }
}

#[test]
fn gnu_parallel_recipe_matches_one_plain_run() {
    if !has("parallel", "--version") {
        return missing("GNU parallel", "apt-get install -y parallel");
    }
    let files = corpus_txt();
    let bin_dir = Path::new(VBLINT).parent().expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The README's command, with blocks of 4 lines so that the 30-odd files make several jobs.
    let out = Command::new("sh")
        .arg("-c")
        .arg(
            "find corpus/ -name '*.txt' | parallel --will-cite --pipe -N 4 -j 2 \
             vblint check --stdin-lines --exit-zero",
        )
        .env("PATH", path)
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = by_path(&String::from_utf8(out.stdout).expect("UTF-8"));
    compare("GNU parallel", &got, &files);
}

#[test]
fn pyspark_recipe_matches_one_plain_run() {
    let pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success());
    if !pyspark {
        return missing("PySpark", "pip install pyspark");
    }
    if !has("java", "-version") {
        return missing("a Java runtime", "apt-get install -y default-jre-headless");
    }
    let files = corpus_txt();
    let dir = std::env::temp_dir().join(format!("vblint-pyspark-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cwd = std::env::current_dir().expect("cwd");
    // Absolute paths: the executors' working directory is not the test's.
    let absolute: Vec<String> = files
        .iter()
        .map(|f| cwd.join(f).to_string_lossy().into_owned())
        .collect();
    let list = dir.join("paths.txt");
    std::fs::write(&list, absolute.join("\n") + "\n").expect("write list");
    let out_file = dir.join("results.jsonl");
    let out = Command::new("python3")
        .arg("tests/recipes/pyspark_recipe.py")
        .arg(VBLINT)
        .arg(&list)
        .arg(&out_file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "pyspark recipe failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = by_path(&std::fs::read_to_string(&out_file).expect("results"));
    compare("PySpark", &got, &absolute);
    let _ = std::fs::remove_dir_all(&dir);
}
