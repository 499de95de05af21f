//! The course's table of contents, read from `chapters/chapters.toml`.
//!
//! Kept as a library so the tests package reads the list exactly as `cargo xtask` does.

pub mod book;

use std::{
    path::{Path, PathBuf},
    sync::OnceLock,
};

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

/// One exercise, as listed in `chapters/exercises.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Its name, as in `cargo xtask check <name>`.
    pub name: String,
    /// The chapter it belongs to.
    pub chapter: String,
    /// The grading binaries, run in order; the first failure is the verdict.
    pub harnesses: Vec<String>,
    /// The git blob id of the pristine starter.
    pub starter: String,
    /// One to three hints, shown one by one.
    pub hints: Vec<String>,
    /// The file the learner edits; filled in from the chapter's folder.
    #[serde(skip)]
    pub file: PathBuf,
    /// The reference solution; filled in from the chapter's folder.
    #[serde(skip)]
    pub solution: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExerciseList {
    exercise: Vec<Exercise>,
}

/// The exercises in order, with their files.
pub fn exercises() -> Result<Vec<Exercise>> {
    let path = workspace_root().join("chapters/exercises.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the exercise list {}", path.display()))?;
    let list: ExerciseList = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid exercise list", path.display()))?;
    let chapters = chapters()?;
    list.exercise
        .into_iter()
        .map(|mut exercise| {
            let chapter = chapters
                .iter()
                .find(|c| c.package == exercise.chapter)
                .with_context(|| {
                    format!(
                        "exercise {} names chapter {}, which chapters.toml lacks",
                        exercise.name, exercise.chapter
                    )
                })?;
            let folder = chapter.dir.join("exercise");
            exercise.file = folder.join(format!("{}.rs", exercise.name));
            exercise.solution = folder
                .join("solution")
                .join(format!("{}.rs", exercise.name));
            Ok(exercise)
        })
        .collect()
}

/// The git blob id of `content`: what `git hash-object` prints for a file holding it.
pub fn blob_id(content: &[u8]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(format!("blob {}\0", content.len()).as_bytes());
    hasher.update(content);
    hasher.digest().to_string()
}

/// The rustc of the toolchain running us: `$RUSTC`, else the one beside `$CARGO`, else `rustc`.
pub fn rustc() -> PathBuf {
    std::env::var_os("RUSTC")
        .map(PathBuf::from)
        .or_else(|| {
            Some(
                PathBuf::from(std::env::var_os("CARGO")?)
                    .parent()?
                    .join("rustc"),
            )
        })
        .filter(|path| path.exists())
        .unwrap_or_else(|| PathBuf::from("rustc"))
}

/// A rustc command that compiles the race chapter's `naive_port.rs` only far enough to report
/// its errors, as JSON or as the text a learner would see. Outputs go to `out_dir`.
pub fn naive_port_check(json: bool, out_dir: &Path) -> Result<std::process::Command> {
    let chapter = chapters()?
        .into_iter()
        .find(|chapter| chapter.package == "race_condition")
        .context("chapters.toml lists no race_condition chapter")?;
    let mut command = std::process::Command::new(rustc());
    command
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
            "--color",
            "never",
        ])
        .args([
            "--error-format",
            if json { "json" } else { "human" },
            "--out-dir",
        ])
        .arg(out_dir)
        .arg("naive_port.rs")
        .current_dir(&chapter.dir);
    Ok(command)
}

/// The workspace root (the folder holding `chapters/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory, where the tooling keeps its scratch files and the grades, created
/// if missing. It is `cargo metadata`'s, which follows `CARGO_TARGET_DIR` and `build.target-dir`;
/// if cargo cannot say, `CARGO_TARGET_DIR`, else the workspace's `target`.
pub fn target_dir() -> Result<PathBuf> {
    static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = TARGET_DIR.get_or_init(|| {
        cargo_metadata::MetadataCommand::new()
            .current_dir(workspace_root())
            .no_deps()
            .exec()
            .map(|metadata| metadata.target_directory.into_std_path_buf())
            .unwrap_or_else(|_| match std::env::var_os("CARGO_TARGET_DIR") {
                Some(dir) => std::path::absolute(&dir).unwrap_or_else(|_| dir.into()),
                None => workspace_root().join("target"),
            })
    });
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create cargo's target directory {}", dir.display()))?;
    Ok(dir.clone())
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
