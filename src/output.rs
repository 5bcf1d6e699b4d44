//! Writing files without harming what was read: `-o` outputs and `normalize --in-place`.
//!
//! - A regular file is written atomically: a temporary file beside it (same directory, so the
//!   rename stays on one file system), written, synced, renamed over the target. A crash or a full
//!   disk leaves the old file whole. An existing target keeps its permissions (and its owner when
//!   we may set it, i.e. as root).
//! - A symlink is written through: its final target is replaced, the link stays a link.
//! - Anything that is not a regular file (a device such as `/dev/null`, a FIFO, `/dev/stdout`) is
//!   written into directly: replacing it by a regular file would break it.
//! - The identity (device, inode) of an output is known before anything is written, so the caller
//!   can refuse an output that is one of its inputs and keep it out of a directory walk.
//! - A backup (`FILE.bak`, else `FILE.bak.1`, `FILE.bak.2`, …) never replaces an existing file:
//!   it is written to a temporary file, synced, then hard-linked to the first free name (the link
//!   fails instead of overwriting, even if another process takes the name meanwhile).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The identity of a file on disk: two paths name the same file exactly when these agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

/// The identity of the file a path names (symlinks followed), if it exists.
pub fn file_id(path: &Path) -> Option<FileId> {
    fs::metadata(path).ok().map(|m| id_of(&m))
}

#[cfg(unix)]
fn id_of(m: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId {
        dev: m.dev(),
        ino: m.ino(),
    }
}

#[cfg(not(unix))]
fn id_of(_m: &fs::Metadata) -> FileId {
    FileId { dev: 0, ino: 0 }
}

/// An output opened for writing. Regular files become visible only at [`Output::commit`];
/// dropping an uncommitted output removes its temporary file and leaves the target as it was.
pub struct Output {
    writer: Option<Box<dyn Write + Send>>,
    pending: Option<Pending>,
    /// Files the run must not read as inputs: the existing target and the temporary file.
    pub guarded: Vec<FileId>,
}

struct Pending {
    tmp: PathBuf,
    target: PathBuf,
    file: File,
    committed: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            writer: Some(Box::new(io::BufWriter::new(io::stdout()))),
            pending: None,
            guarded: Vec::new(),
        }
    }

    /// Opens `path` for writing as described in the module documentation.
    pub fn open(path: &Path) -> io::Result<Output> {
        if is_stdout_alias(path) {
            return Ok(Output::stdout());
        }
        let resolved = resolve_links(path);
        let existing = fs::metadata(&resolved).ok();
        let mut guarded: Vec<FileId> = existing.iter().map(id_of).collect();
        if let Some(m) = &existing
            && !m.is_file()
        {
            if m.is_dir() {
                return Err(io::Error::other(
                    "là thư mục, không ghi được kết quả vào đó",
                ));
            }
            let file = OpenOptions::new().write(true).open(&resolved)?;
            return Ok(Output {
                writer: Some(Box::new(io::BufWriter::new(file))),
                pending: None,
                guarded,
            });
        }
        let (tmp, file) = create_temp_beside(&resolved)?;
        if let Some(m) = &existing {
            copy_permissions(&file, m);
        }
        if let Ok(m) = file.metadata() {
            guarded.push(id_of(&m));
        }
        let writer = file.try_clone()?;
        Ok(Output {
            writer: Some(Box::new(io::BufWriter::new(writer))),
            pending: Some(Pending {
                tmp,
                target: resolved,
                file,
                committed: false,
            }),
            guarded,
        })
    }

    /// The writer (taken once, by the reporter).
    pub fn take_writer(&mut self) -> Box<dyn Write + Send> {
        self.writer
            .take()
            .unwrap_or_else(|| Box::new(io::BufWriter::new(io::sink())))
    }

    /// Makes a regular-file output visible: sync, then rename over the target. Call after the
    /// writer has been flushed (the reporters flush in `end`).
    pub fn commit(mut self) -> io::Result<()> {
        drop(self.writer.take());
        if let Some(mut pending) = self.pending.take() {
            pending.file.sync_all()?;
            fs::rename(&pending.tmp, &pending.target)?;
            pending.committed = true;
        }
        Ok(())
    }
}

/// Paths that name this process's standard output: written to it, never replaced.
fn is_stdout_alias(path: &Path) -> bool {
    ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|p| path == Path::new(p))
}

/// The file a path finally names: symlinks resolved (a dangling link resolves to where it points,
/// so writing creates the link's target), anything else as given.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => match fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    };
                }
                Err(_) => return current,
            },
            _ => return current,
        }
    }
    current
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new, empty, hidden temporary file in the directory of `target`.
fn create_temp_beside(target: &Path) -> io::Result<(PathBuf, File)> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.vblint-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Gives `file` the permissions of `like`, and its owner when allowed (as root); an owner we may
/// not set is left as the creating user.
fn copy_permissions(file: &File, like: &fs::Metadata) {
    let _ = file.set_permissions(like.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid()));
        // chown may clear set-id bits: set the mode again.
        let _ = file.set_permissions(like.permissions());
    }
}

/// Writes `bytes` to `path` as [`Output::open`] does (atomically for a regular file).
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut output = Output::open(path)?;
    let mut writer = output.take_writer();
    writer.write_all(bytes)?;
    writer.flush()?;
    drop(writer);
    output.commit()
}

/// The first backup name of `file` not taken: `FILE.bak`, `FILE.bak.1`, `FILE.bak.2`, …
fn backup_candidates(file: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    (0u32..).map(move |n| {
        let mut name = file.as_os_str().to_owned();
        if n == 0 {
            name.push(".bak");
        } else {
            name.push(format!(".bak.{n}"));
        }
        PathBuf::from(name)
    })
}

/// Saves `bytes` (the original content of `file`, whose metadata is `like`) as a new backup beside
/// `file`, never replacing an existing one, and returns its path.
pub fn write_backup(file: &Path, bytes: &[u8], like: &fs::Metadata) -> io::Result<PathBuf> {
    let (tmp, mut f) = create_temp_beside(file)?;
    let result = (|| {
        f.write_all(bytes)?;
        copy_permissions(&f, like);
        f.sync_all()?;
        for candidate in backup_candidates(file).take(10_000) {
            if fs::symlink_metadata(&candidate).is_ok() {
                continue;
            }
            match fs::hard_link(&tmp, &candidate) {
                Ok(()) => return Ok(candidate),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                // No hard links on this file system: rename (the name was free a moment ago).
                Err(_) => {
                    fs::rename(&tmp, &candidate)?;
                    return Ok(candidate);
                }
            }
        }
        Err(io::Error::other("quá nhiều bản sao lưu (.bak.N)"))
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// `normalize --in-place`: keeps the original bytes as a new backup (see [`write_backup`]), then
/// replaces the file (through a symlink, keeping permissions) atomically. Returns the backup path.
pub fn replace_in_place(file: &Path, original: &[u8], bytes: &[u8]) -> io::Result<PathBuf> {
    let like = fs::metadata(file)?;
    let backup = write_backup(file, original, &like)
        .map_err(|e| io::Error::new(e.kind(), format!("không tạo được bản sao lưu: {e}")))?;
    write_file(file, bytes)?;
    Ok(backup)
}
