//! Writing files without ever losing what was there.

use std::{
    fs::File,
    io,
    path::{Path, PathBuf},
};

/// Creates `path` for writing. If a file is already there, it is first renamed to the first free
/// name of `<path>.bak`, `<path>.1.bak`, `<path>.2.bak`, ..., which is returned.
pub fn create_with_backup(path: &Path) -> io::Result<(File, Option<PathBuf>)> {
    let backup = if path.exists() {
        let name = path.as_os_str().to_owned();
        let backup = (0..)
            .map(|n| {
                let mut candidate = name.clone();
                candidate.push(if n == 0 {
                    ".bak".to_owned()
                } else {
                    format!(".{n}.bak")
                });
                PathBuf::from(candidate)
            })
            .find(|candidate| !candidate.exists())
            .expect("some backup name is free");
        std::fs::rename(path, &backup)?;
        Some(backup)
    } else {
        None
    };
    Ok((File::create(path)?, backup))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn an_existing_file_is_kept_under_a_new_name_each_time() {
        let dir = std::env::temp_dir().join(format!("support-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("table.csv");
        for text in ["first", "second", "third"] {
            let (mut file, _) = create_with_backup(&path).unwrap();
            file.write_all(text.as_bytes()).unwrap();
        }
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(read("table.csv"), "third");
        assert_eq!(read("table.csv.bak"), "first");
        assert_eq!(read("table.csv.1.bak"), "second");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
