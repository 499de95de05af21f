//! The course's table of contents, read from `chapters/chapters.toml`.
//!
//! Kept as a library so the tests package reads the list exactly as `cargo xtask` does.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// One chapter: a binary package that ports one section of the tutorial.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The package name, as in `cargo run -p <package>`.
    pub package: String,
    /// The tutorial section it ports.
    pub section: String,
    /// Its folder under `chapters/`, `NN_<package>`; filled in from the reading order.
    #[serde(skip)]
    pub dir: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Course {
    chapter: Vec<Chapter>,
}

/// The workspace root (the folder holding `chapters/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The chapters in reading order.
pub fn chapters() -> Result<Vec<Chapter>> {
    let root = workspace_root();
    let path = root.join("chapters/chapters.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the chapter list {}", path.display()))?;
    let course: Course = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid chapter list", path.display()))?;
    Ok(course
        .chapter
        .into_iter()
        .enumerate()
        .map(|(index, mut chapter)| {
            chapter.dir =
                root.join("chapters")
                    .join(format!("{:02}_{}", index + 1, chapter.package));
            chapter
        })
        .collect())
}
