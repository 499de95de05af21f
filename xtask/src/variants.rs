//! The variants of an exercise's answer, in `chapters/exercises/variants/NAME/`, which
//! `cargo xtask check --variants` grades: `*_correct` ones must pass, the others must fail.
//!
//! A variant that is another answer with a change in it is kept as that change: `STEM.diff`, a
//! few words on why it is right or wrong, then a unified diff with a little context. The diff's
//! `--- a/PATH` header names the answer it changes, its base:
//! - the reference solution: one mistake in the right answer, shown to a learner after a pass;
//! - a variant of the same exercise kept whole (`variants/NAME/OTHER.rs`): one mistake in
//!   another way of answering, shown the same way;
//! - the pristine starter (`starters/NAME.rs`): an answer of its own design, written into the
//!   starter as a learner would, which keeps the starter's given code (an `Account` type, a
//!   helper) without repeating it.
//!
//! An answer that keeps nothing of the starter's is kept whole, as `STEM.rs`.
//! `cargo xtask variant-diff` turns a whole answer into a diff.

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

    /// Whether it is kept as a diff against another answer (see [`Base`]).
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

/// The answer a diff variant changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The reference solution.
    Solution,
    /// The pristine starter.
    Starter,
    /// Another variant of the same exercise, kept whole: its name.
    Variant(String),
}

impl Base {
    /// `solution`, `starter` or a variant's name, as `cargo xtask variant-diff --base` takes it.
    pub fn parse(exercise: &Exercise, name: &str) -> Result<Base> {
        let base = match name {
            "solution" => Base::Solution,
            "starter" => Base::Starter,
            other => Base::Variant(other.trim_end_matches(".rs").to_owned()),
        };
        let path = base.path(exercise);
        if !path.is_file() {
            bail!(
                "{} is not a base: name `solution`, `starter`, or a variant of {} kept whole (a \
                 file in {})",
                name,
                exercise.name,
                shown(&folder(exercise))
            );
        }
        Ok(base)
    }

    /// The file it is.
    pub fn path(&self, exercise: &Exercise) -> PathBuf {
        match self {
            Base::Solution => exercise.solution.clone(),
            Base::Starter => exercise.pristine.clone(),
            Base::Variant(name) => folder(exercise).join(format!("{name}.rs")),
        }
    }

    /// The base a diff's `--- a/PATH` header names.
    fn named_in(exercise: &Exercise, diff: &str, file: &Path) -> Result<Base> {
        let named = diff
            .lines()
            .find_map(|line| line.strip_prefix("--- a/"))
            .with_context(|| format!("{} has no `--- a/PATH` header", shown(file)))?;
        [Base::Solution, Base::Starter]
            .into_iter()
            .chain(
                variants(exercise)?
                    .into_iter()
                    .filter(|variant| !variant.is_diff())
                    .map(|variant| Base::Variant(variant.name)),
            )
            .find(|base| slashed(&base.path(exercise)) == named)
            .with_context(|| {
                format!(
                    "{}: `--- a/{named}` names no base: the diff must change {}, {} or a variant \
                     in {} kept whole",
                    shown(file),
                    slashed(&exercise.solution),
                    slashed(&exercise.pristine),
                    slashed(&folder(exercise))
                )
            })
    }
}

/// The base that the diff variant `variant` of `exercise` changes.
pub fn base(exercise: &Exercise, variant: &Variant) -> Result<Base> {
    let diff = fs::read_to_string(&variant.path)
        .with_context(|| format!("cannot read {}", shown(&variant.path)))?;
    Base::named_in(exercise, &diff, &variant.path)
}

/// The answer that the variant file `file` of `exercise` stands for: a `.diff` applied to the
/// base it names as that base is now, any other file as it is.
pub fn content(exercise: &Exercise, file: &Path) -> Result<Vec<u8>> {
    let text = fs::read(file).with_context(|| format!("cannot read {}", shown(file)))?;
    if file.extension().is_none_or(|ext| ext != "diff") {
        return Ok(text);
    }
    let diff = String::from_utf8(text).with_context(|| format!("{} is not text", shown(file)))?;
    let base = Base::named_in(exercise, &diff, file)?.path(exercise);
    let original =
        fs::read_to_string(&base).with_context(|| format!("cannot read {}", shown(&base)))?;
    let patch = diffy::Patch::from_str(&diff)
        .with_context(|| format!("{} is not a unified diff", shown(file)))?;
    let applied = diffy::apply(&original, &patch).with_context(|| {
        format!(
            "{} does not apply to {}: make it again from the answer it stands for",
            shown(file),
            shown(&base)
        )
    })?;
    if applied == original {
        bail!("{} changes nothing in {}", shown(file), shown(&base));
    }
    Ok(applied.into_bytes())
}

/// The diff, as a variant's file keeps it, that turns `original` (the text of `base`, one of
/// `exercise`'s answers) into `answer`: `why`, then a unified diff with [`CONTEXT_LINES`] lines
/// of context whose headers name the base, so that `patch -p1` in the workspace applies it.
pub fn diff(exercise: &Exercise, base: &Base, original: &str, answer: &str, why: &str) -> String {
    let path = slashed(&base.path(exercise));
    let patch = diffy::DiffOptions::new()
        .set_context_len(CONTEXT_LINES)
        .set_original_filename(format!("a/{path}"))
        .set_modified_filename(format!("b/{path}"))
        .create_patch(original, answer)
        .to_string();
    format!("{why}{patch}")
}

/// Keeps the whole answer `file`, a variant of `exercise`, as `STEM.diff` against `base`, for
/// a maintainer: its leading `//!` lines become the diff's words on why, and the answer keeps
/// the base's own leading `//!` lines, so that the diff shows only what the answer changes.
/// Returns the file written; the whole answer is left for the maintainer to remove.
pub fn make_diff(exercise: &Exercise, file: &Path, base: &Base) -> Result<PathBuf> {
    let answer =
        fs::read_to_string(file).with_context(|| format!("cannot read {}", shown(file)))?;
    let base_path = base.path(exercise);
    let original = fs::read_to_string(&base_path)
        .with_context(|| format!("cannot read {}", shown(&base_path)))?;
    let (why, body) = split_doc(&answer);
    let why: String = why
        .lines()
        .map(|line| line.strip_prefix("//!").unwrap_or(line).trim_start())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned();
    if why.is_empty() {
        bail!(
            "{} does not begin with `//!` lines saying why it is right or wrong",
            shown(file)
        );
    }
    let (base_doc, _) = split_doc(&original);
    let answer = format!("{base_doc}{body}");
    if answer == original {
        bail!(
            "{} is {} but for its comments",
            shown(file),
            shown(&base_path)
        );
    }
    let stem = file
        .file_stem()
        .with_context(|| format!("{} has no name", shown(file)))?;
    let out = folder(exercise).join(stem).with_extension("diff");
    if out.exists() {
        bail!("{} exists already: remove it first", shown(&out));
    }
    let text = diff(exercise, base, &original, &answer, &format!("{why}\n"));
    fs::write(&out, text).with_context(|| format!("cannot write {}", shown(&out)))?;
    Ok(out)
}

/// `text` split after its leading `//!` lines and the blank lines among and after them.
fn split_doc(text: &str) -> (&str, &str) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !(trimmed.starts_with("//!") || trimmed.is_empty()) {
            break;
        }
        at += line.len();
    }
    text.split_at(at)
}

/// What a diff variant changes, to show a learner: the answer it changes, and its hunks.
#[derive(Debug, Clone)]
pub struct Mistake {
    /// The solution, or a whole variant (a diff against the starter is no one mistake).
    pub base: Base,
    /// The diff's hunks, its words on why and its headers left out.
    pub hunks: String,
}

/// What `variant` of `exercise` changes in the solution or in another variant, to show a
/// learner; `None` for a variant kept whole or written into the starter.
pub fn mistake(exercise: &Exercise, variant: &Variant) -> Result<Option<Mistake>> {
    if !variant.is_diff() {
        return Ok(None);
    }
    let diff = fs::read_to_string(&variant.path)
        .with_context(|| format!("cannot read {}", shown(&variant.path)))?;
    let base = Base::named_in(exercise, &diff, &variant.path)?;
    if base == Base::Starter {
        return Ok(None);
    }
    let hunks = diff
        .find("\n@@ ")
        .map(|at| &diff[at + 1..])
        .with_context(|| format!("{} has no hunk", shown(&variant.path)))?;
    Ok(Some(Mistake {
        base,
        hunks: hunks.trim_end().to_owned(),
    }))
}

/// `path` relative to the workspace, with forward slashes, as diff headers write it.
fn slashed(path: &Path) -> String {
    shown(path).replace('\\', "/")
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
