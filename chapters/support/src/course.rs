//! The course itself: the chapters and exercises in reading order, and where the workspace is.
//! Read by `cargo xtask`, the tests and the grading harnesses alike (feature `course`).

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
    /// Its variations, `cargo run -p <package> --example <name>`, each with one line on what it
    /// shows.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Its folder under `chapters/`, `NN_<package>`; filled in from the reading order.
    #[serde(skip)]
    pub dir: PathBuf,
}

/// A variation of a chapter, run as an example of its package.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The example's name (its file is `examples/<name>.rs`).
    pub name: String,
    /// What it shows, in one line.
    pub shows: String,
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
    /// The git blob id of the pristine starter (what `git hash-object` prints for it); filled in
    /// from [`Exercise::pristine`].
    #[serde(skip)]
    pub starter: String,
    /// The pristine starter, `chapters/exercises/starters/<name>.rs`: shipped with every copy of
    /// the course, so that "not started", `reset` and the book work without git.
    #[serde(skip)]
    pub pristine: PathBuf,
    /// One to three hints, shown one by one.
    pub hints: Vec<String>,
    /// The exercise's point in one line, shown after a pass.
    pub lesson: String,
    /// One paragraph, shown after a pass: why the wrong answers in
    /// `chapters/exercises/variants/<name>/` fail, each named by its file.
    pub discussion: String,
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

/// The file that marks the workspace root.
const CHAPTER_LIST: &str = "chapters/chapters.toml";

/// The workspace root (the folder holding `chapters/`), found when the program runs, so that a
/// copied or moved checkout works on itself: the first folder holding `chapters/chapters.toml`
/// above `$CARGO_MANIFEST_DIR` (which `cargo run` and `cargo test` set), else above the
/// current folder.
pub fn workspace_root() -> Result<PathBuf> {
    let starts = [
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
        std::env::current_dir().ok(),
    ];
    starts
        .into_iter()
        .flatten()
        .find_map(|start| {
            start
                .ancestors()
                .find(|dir| dir.join(CHAPTER_LIST).is_file())
                .map(Path::to_path_buf)
        })
        .context("cannot find the course: run this inside the course's folder (the one holding chapters/chapters.toml)")
}

/// The chapters in reading order.
pub fn chapters() -> Result<Vec<Chapter>> {
    let root = workspace_root()?;
    let path = root.join(CHAPTER_LIST);
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

/// The exercises in order, with their files.
pub fn exercises() -> Result<Vec<Exercise>> {
    let path = workspace_root()?.join("chapters/exercises.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the exercise list {}", path.display()))?;
    let list: ExerciseList = toml::from_str(&text)
        .with_context(|| format!("{} is not a valid exercise list", path.display()))?;
    let chapters = chapters()?;
    let starters = path.with_file_name("exercises").join("starters");
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
            exercise.pristine = starters.join(format!("{}.rs", exercise.name));
            let content = std::fs::read(&exercise.pristine).with_context(|| {
                format!(
                    "cannot read the pristine starter {}; is the course complete?",
                    exercise.pristine.display()
                )
            })?;
            exercise.starter = blob_id(&content);
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
