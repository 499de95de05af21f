//! Writing files without ever losing what was there. Only an ordinary file is ever replaced: a
//! folder, a pipe, a device or a symbolic link at the path is refused, never moved. A file is
//! written beside its path first and renamed into place, so an interruption leaves the old file
//! (or none), never half of the new one.

use std::{
    fs::{self, OpenOptions},
    io::{self, ErrorKind, Write},
    path::{Path, PathBuf},
};

/// Checks, before any long work, that [`write_atomically`] and [`write_with_backup`] could write
/// `path` now: nothing or an ordinary file is there, and its folder takes new files.
pub fn check_writable(path: &Path) -> io::Result<()> {
    existing_file(path)?;
    TempFile::create(path).map(drop)
}

/// Writes `contents` to `path` in one step: an interruption leaves the old file or the new one.
/// An ordinary file already there is replaced; anything else is refused.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let existing = existing_file(path)?;
    TempFile::write(path, contents, existing.as_ref())?.rename()
}

/// Writes `contents` to `path` like [`write_atomically`], keeping an ordinary file already there
/// under the first free name of `<path>.bak`, `<path>.1.bak`, `<path>.2.bak`, ..., which is
/// returned. Anything else at `path` is refused.
pub fn write_with_backup(path: &Path, contents: &[u8]) -> io::Result<Option<PathBuf>> {
    let existing = existing_file(path)?;
    let new = TempFile::write(path, contents, existing.as_ref())?;
    let backup = match existing {
        Some(_) => Some(back_up(path)?),
        None => None,
    };
    new.rename()?;
    Ok(backup)
}

/// One line for a failed write of `path`: `path: what went wrong; what to do`.
pub fn explain(path: &Path, error: &io::Error) -> String {
    let folder = folder(path).display();
    let hint = match error.kind() {
        // Our own errors (a folder at the path, ...) already say what to do.
        _ if error.get_ref().is_some() => None,
        ErrorKind::NotFound => Some(format!("check that the folder {folder} exists")),
        ErrorKind::PermissionDenied => Some(format!(
            "you may not write in {folder}: choose a folder of yours"
        )),
        ErrorKind::ReadOnlyFilesystem => Some(format!(
            "{folder} is on a read-only file system: choose another folder"
        )),
        ErrorKind::NotADirectory => Some("a part of the path is a file, not a folder".to_owned()),
        ErrorKind::StorageFull => Some("the disk is full".to_owned()),
        _ => None,
    };
    match hint {
        Some(hint) => format!("{}: {error}; {hint}", path.display()),
        None => format!("{}: {error}", path.display()),
    }
}

/// The ordinary file at `path`, if any; an error if something else is there.
fn existing_file(path: &Path) -> io::Result<Option<fs::Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(Some(metadata)),
        Ok(metadata) => Err(io::Error::new(
            if metadata.is_dir() {
                ErrorKind::IsADirectory
            } else {
                ErrorKind::InvalidInput
            },
            format!(
                "it is {}, and only an ordinary file is ever replaced; give the path of a file",
                describe(path, &metadata)
            ),
        )),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// What kind of thing, other than an ordinary file, `path` is.
fn describe(path: &Path, metadata: &fs::Metadata) -> String {
    fn kind(metadata: &fs::Metadata) -> &'static str {
        let file_type = metadata.file_type();
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return "a named pipe (FIFO)";
            } else if file_type.is_char_device() {
                return "a character device";
            } else if file_type.is_block_device() {
                return "a block device";
            } else if file_type.is_socket() {
                return "a socket";
            }
        }
        if file_type.is_dir() {
            "a folder"
        } else if file_type.is_file() {
            "an ordinary file"
        } else {
            "a special file"
        }
    }
    if metadata.is_symlink() {
        match fs::metadata(path) {
            Ok(target) => format!("a symbolic link to {}", kind(&target)),
            Err(_) => "a symbolic link".to_owned(),
        }
    } else {
        kind(metadata).to_owned()
    }
}

/// The folder holding `path`.
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Keeps the file at `path` under the first free backup name, and returns that name.
fn back_up(path: &Path) -> io::Result<PathBuf> {
    for n in 0.. {
        let mut name = path.as_os_str().to_owned();
        name.push(if n == 0 {
            ".bak".to_owned()
        } else {
            format!(".{n}.bak")
        });
        let backup = PathBuf::from(name);
        // A hard link never replaces what is there, and leaves the file at `path` until the new
        // one is renamed over it.
        match fs::hard_link(path, &backup) {
            Ok(()) => return Ok(backup),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => {}
            // Some file systems (FAT) have no hard links: move the file aside instead.
            Err(_) if fs::symlink_metadata(&backup).is_err() => {
                fs::rename(path, &backup)?;
                return Ok(backup);
            }
            Err(_) => {}
        }
    }
    unreachable!("some backup name is free")
}

/// A new file beside its target, removed again unless renamed onto the target.
struct TempFile {
    path: PathBuf,
    target: PathBuf,
    renamed: bool,
}

impl TempFile {
    /// Creates an empty file in the folder of `target`.
    fn create(target: &Path) -> io::Result<(TempFile, fs::File)> {
        let name = target.file_name().ok_or_else(|| {
            io::Error::new(ErrorKind::InvalidInput, "it does not end in a file name")
        })?;
        for attempt in 0.. {
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".{}-{attempt}.tmp", std::process::id()));
            let path = folder(target).join(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    let temp = TempFile {
                        path,
                        target: target.to_owned(),
                        renamed: false,
                    };
                    return Ok((temp, file));
                }
                Err(error) if error.kind() == ErrorKind::AlreadyExists && attempt < 100 => {}
                Err(error) => return Err(error),
            }
        }
        unreachable!("the loop returns by its 100th attempt")
    }

    /// A complete, flushed file holding `contents`, with the permissions of `existing`.
    fn write(target: &Path, contents: &[u8], existing: Option<&fs::Metadata>) -> io::Result<Self> {
        let (temp, mut file) = TempFile::create(target)?;
        file.write_all(contents)?;
        if let Some(existing) = existing {
            file.set_permissions(existing.permissions())?;
        }
        file.sync_all()?;
        Ok(temp)
    }

    /// Puts the file in place of its target.
    fn rename(mut self) -> io::Result<()> {
        fs::rename(&self.path, &self.target)?;
        self.renamed = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.renamed {
            fs::remove_file(&self.path).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh, empty folder for one test.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("support-files-{test}-{}", std::process::id()));
        fs::remove_dir_all(&dir).ok();
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_existing_file_is_kept_under_a_new_name_each_time() {
        let dir = scratch("backups");
        let path = dir.join("table.csv");
        for text in ["first", "second", "third"] {
            write_with_backup(&path, text.as_bytes()).unwrap();
        }
        let read = |name: &str| fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(read("table.csv"), "third");
        assert_eq!(read("table.csv.bak"), "first");
        assert_eq!(read("table.csv.1.bak"), "second");
        assert_eq!(
            names(&dir),
            ["table.csv", "table.csv.1.bak", "table.csv.bak"]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_is_refused_and_left_where_it_is() {
        let dir = scratch("folder");
        let folder = dir.join("results");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("notes.txt"), "mine").unwrap();
        for error in [
            write_with_backup(&folder, b"new").unwrap_err(),
            write_atomically(&folder, b"new").unwrap_err(),
            check_writable(&folder).unwrap_err(),
        ] {
            let line = explain(&folder, &error);
            assert!(
                line.starts_with(&format!("{}: it is a folder,", folder.display())),
                "{line}"
            );
        }
        assert_eq!(names(&dir), ["results"]);
        assert_eq!(
            fs::read_to_string(folder.join("notes.txt")).unwrap(),
            "mine"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_and_left_where_it_is() {
        use std::os::unix::fs::FileTypeExt;

        let dir = scratch("fifo");
        let pipe = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success(), "mkfifo failed");
        let error = write_with_backup(&pipe, b"new").unwrap_err();
        assert!(
            explain(&pipe, &error).contains("it is a named pipe (FIFO), and only an ordinary file"),
            "{error}"
        );
        assert_eq!(names(&dir), ["pipe"]);
        assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_a_link_to_one_is_refused_without_touching_it() {
        // Checked only: a failed refusal must not move /dev/null, even when run as root.
        for device in ["/dev/null", "/dev/stdout"] {
            let path = Path::new(device);
            if fs::symlink_metadata(path).is_err() {
                continue;
            }
            let error = check_writable(path).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{device}: {error}");
            assert!(
                error.to_string().contains("only an ordinary file"),
                "{device}: {error}"
            );
        }
    }

    #[test]
    fn a_write_leaves_no_temporary_file_behind() {
        let dir = scratch("atomic");
        let path = dir.join("grades.json");
        write_atomically(&path, b"{}").unwrap();
        write_atomically(&path, b"{\"a\": 1}").unwrap();
        check_writable(&path).unwrap();
        assert_eq!(names(&dir), ["grades.json"]);
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"a\": 1}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_folder_is_named_in_the_explanation() {
        let dir = scratch("missing");
        let path = dir.join("gone").join("table.csv");
        let error = write_with_backup(&path, b"x").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::NotFound);
        let line = explain(&path, &error);
        assert!(line.starts_with(&path.display().to_string()), "{line}");
        assert!(
            line.ends_with(&format!(
                "check that the folder {} exists",
                dir.join("gone").display()
            )),
            "{line}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_permission_error_says_so_and_not_that_the_folder_is_missing() {
        let path = Path::new("locked/table.csv");
        let line = explain(path, &io::Error::from(ErrorKind::PermissionDenied));
        assert!(
            line.ends_with("; you may not write in locked: choose a folder of yours"),
            "{line}"
        );
    }
}
