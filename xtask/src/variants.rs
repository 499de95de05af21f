//! The variants of an exercise's answer, in `chapters/exercises/variants/NAME/`, which
//! `cargo xtask check --variants` grades: `*_correct` ones must pass, the others must fail.
//!
//! A wrong answer that is its reference solution with a mistake in it is kept as that mistake:
//! `STEM.diff`, a unified diff against the solution, with a little context and, before it, a
//! few words on why it is wrong. An answer written another way throughout (a correct
//! alternative, an answer grown from the starter) is kept whole, as `STEM.rs`.

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};

use crate::{Exercise, workspace_root};

/// How many unchanged lines a variant's diff shows around each change.
pub const CONTEXT_LINES: usize = 2;

/// One variant of an exercise's answer.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Its name, the file's stem, as the discussion and the spec table call it.
    pub name: String,
    /// `NAME.diff` or `NAME.rs`.
    pub path: PathBuf,
}

impl Variant {
    /// Whether it must pass: its name ends in `_correct`.
    pub fn is_correct(&self) -> bool {
        self.name.ends_with("_correct")
    }

    /// Whether it is kept as a diff against the solution.
    pub fn is_diff(&self) -> bool {
        self.path.extension().is_some_and(|ext| ext == "diff")
    }
}

/// The folder of `exercise`'s variants.
pub fn folder(exercise: &Exercise) -> PathBuf {
    workspace_root()
        .join("chapters/exercises/variants")
        .join(&exercise.name)
}

/// `exercise`'s variants in the order of their file names; none if it has no folder.
pub fn variants(exercise: &Exercise) -> Result<Vec<Variant>> {
    let folder = folder(exercise);
    let Ok(entries) = fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut variants = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot list {}", folder.display()))?
            .path();
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        variants.push(Variant { name, path });
    }
    variants.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(variants)
}

/// The answer that the variant file `file` of `exercise` stands for: a `.diff` applied to the
/// reference solution as it is now, any other file as it is.
pub fn content(exercise: &Exercise, file: &Path) -> Result<Vec<u8>> {
    let text = fs::read(file).with_context(|| format!("cannot read {}", shown(file)))?;
    if file.extension().is_none_or(|ext| ext != "diff") {
        return Ok(text);
    }
    let diff = String::from_utf8(text).with_context(|| format!("{} is not text", shown(file)))?;
    let solution = fs::read_to_string(&exercise.solution)
        .with_context(|| format!("cannot read {}", shown(&exercise.solution)))?;
    let patch = diffy::Patch::from_str(&diff)
        .with_context(|| format!("{} is not a unified diff", shown(file)))?;
    let applied = diffy::apply(&solution, &patch).with_context(|| {
        format!(
            "{} does not apply to {}: make it again from the answer it stands for",
            shown(file),
            shown(&exercise.solution)
        )
    })?;
    if applied == solution {
        bail!(
            "{} changes nothing in {}",
            shown(file),
            shown(&exercise.solution)
        );
    }
    Ok(applied.into_bytes())
}

/// The diff, as a variant's file keeps it, that turns `solution` (the text of `exercise`'s
/// reference solution) into `answer`: `why`, then a unified diff with [`CONTEXT_LINES`] lines
/// of context whose headers name the solution, so that `patch -p1` in the workspace applies it.
pub fn diff(exercise: &Exercise, solution: &str, answer: &str, why: &str) -> String {
    let path = shown(&exercise.solution).replace('\\', "/");
    let patch = diffy::DiffOptions::new()
        .set_context_len(CONTEXT_LINES)
        .set_original_filename(format!("a/{path}"))
        .set_modified_filename(format!("b/{path}"))
        .create_patch(solution, answer)
        .to_string();
    format!("{why}{patch}")
}

/// What `variant` changes in the solution, to show a learner: the hunks of its diff (its
/// explanation and headers left out), or `None` for a variant kept whole.
pub fn mistake(variant: &Variant) -> Result<Option<String>> {
    if !variant.is_diff() {
        return Ok(None);
    }
    let diff = fs::read_to_string(&variant.path)
        .with_context(|| format!("cannot read {}", shown(&variant.path)))?;
    let hunks = diff
        .find("\n@@ ")
        .map(|at| &diff[at + 1..])
        .with_context(|| format!("{} has no hunk", shown(&variant.path)))?;
    Ok(Some(hunks.trim_end().to_owned()))
}

/// `path` relative to the workspace.
fn shown(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `exercise`'s wrong variants, in the order in which its discussion first names them (as
/// `` `name` ``); any it does not name come last.
pub fn wrong_ones(exercise: &Exercise) -> Result<Vec<Variant>> {
    let mut wrong: Vec<Variant> = variants(exercise)?
        .into_iter()
        .filter(|variant| !variant.is_correct())
        .collect();
    wrong.sort_by_key(|variant| {
        exercise
            .discussion
            .find(&format!("`{}`", variant.name))
            .unwrap_or(usize::MAX)
    });
    Ok(wrong)
}
