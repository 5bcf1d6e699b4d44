//! Running the `vblint` binary as a user would (arguments, a working directory, standard input),
//! temporary directories, and the external tools some tests compare with.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs vblint in `dir` (or here) with `args`, writing `stdin` (or nothing) to its standard input.
/// Colors are off. A run that refuses its arguments exits without reading: a broken pipe is no
/// failure.
pub fn vblint_in<S: AsRef<OsStr>>(dir: Option<&Path>, args: &[S], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vblint"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("vblint starts");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(input) = stdin {
        let _ = pipe.write_all(input);
    }
    drop(pipe);
    child.wait_with_output().expect("vblint finishes")
}

/// Runs vblint with `args` and an empty standard input.
pub fn vblint<S: AsRef<OsStr>>(args: &[S]) -> Output {
    vblint_in(None, args, None)
}

/// A fresh empty directory `vblint-NAME-PID` in the system's temporary directory, kept after the
/// test (to look at). Every test module prefixes its names with its own: all share one process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vblint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh empty temporary directory (see [`temp_dir`]), removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        TempDir(temp_dir(name))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn str(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp path")
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Runs vblint in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        vblint_in(Some(&self.0), args, None)
    }

    /// Writes `bytes` to `name` (creating its directories); its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// The names in the directory, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// LibreOffice's `soffice` on PATH. With `CI=true` a missing one fails the test.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|d| d.join("soffice"))
        .find(|p| p.is_file());
    if found.is_none() && std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "soffice (LibreOffice) is required in CI: .ci/run installs libreoffice-writer-nogui"
        );
    }
    found
}
