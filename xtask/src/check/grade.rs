//! Grading one file: its content goes into the exercise's slot in `chapters/exercises/current/`,
//! where the harnesses include it; the first harness that does not pass gives the verdict.

use std::{fs, path::Path};

use anyhow::{Context, Result};
use support::verdict::{Kind, Verdict};
use xtask::{Exercise, workspace_root};

use super::{build::build, display, run::run};

/// Grades `file` as `exercise`: its first failing harness gives the verdict.
pub(crate) fn grade(
    exercise: &Exercise,
    file: &Path,
    content: &[u8],
    seed: Option<u64>,
) -> Result<Verdict> {
    place(exercise, content)?;
    if let Some(verdict) = wrong_import(exercise, file, content) {
        return Ok(verdict);
    }
    let mut last = None;
    for harness in &exercise.harnesses {
        let mut verdict = match build(harness, file)? {
            Ok(binary) => run(&binary, seed)?,
            Err(verdict) => verdict,
        };
        verdict.reason = name_the_learners_file(&verdict.reason, &exercise.name, file);
        if verdict.kind != Kind::Passed {
            return Ok(verdict);
        }
        last = Some(verdict);
    }
    last.context("the exercise lists no harness")
}

/// Copies `content` to `exercise`'s slot in `chapters/exercises/current/`, where its harnesses
/// include it.
pub(crate) fn place(exercise: &Exercise, content: &[u8]) -> Result<()> {
    let slot = workspace_root()
        .join("chapters/exercises/current")
        .join(format!("{}.rs", exercise.name));
    // Rewriting an unchanged file would make cargo rebuild it.
    if fs::read(&slot).ok().as_deref() != Some(content) {
        fs::create_dir_all(slot.parent().expect("the slot has a folder"))?;
        fs::write(&slot, content).with_context(|| format!("cannot write {}", slot.display()))?;
    }
    Ok(())
}

/// `reason` with every path to the grader's copy of the file (`.../current/NAME.rs`, as a
/// harness sees it) replaced by the learner's own path, so that `file:line` leads there.
fn name_the_learners_file(reason: &str, name: &str, file: &Path) -> String {
    let copy = format!("current/{name}.rs");
    reason
        .split(' ')
        .map(|word| match word.find(&copy) {
            Some(at) => format!("{}{}", display(file), &word[at + copy.len()..]),
            None => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A file graded under schedules that takes a primitive from elsewhere than `crate::sync`: the
/// explorer never switches threads inside it, so its races and deadlocks would pass unseen.
fn wrong_import(exercise: &Exercise, file: &Path, content: &[u8]) -> Option<Verdict> {
    if !xtask::imports::explored_by_schedules(exercise) {
        return None;
    }
    let found = xtask::imports::unscheduled(&String::from_utf8_lossy(content));
    let first = found.first()?;
    let mut others: Vec<String> = found[1..]
        .iter()
        .filter(|other| other.line != first.line)
        .map(|other| other.line.to_string())
        .collect();
    others.dedup();
    let also = match others.as_slice() {
        [] => String::new(),
        [line] => format!(" (line {line} too)"),
        lines => format!(" (lines {} too)", lines.join(", ")),
    };
    Some(Verdict {
        kind: Kind::WrongImport,
        reason: format!(
            "{}:{}: `{}` is not from crate::sync, so the grader cannot switch threads inside it and a race or deadlock would pass unseen: use `{}`{also}",
            display(file),
            first.line,
            first.path,
            first.instead
        ),
        replay: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_the_graders_copy_is_told_as_the_learners_file() {
        let file = workspace_root().join("chapters/06_race_condition/exercise/lost_updates.rs");
        assert_eq!(
            name_the_learners_file(
                "panicked at chapters/exercises/src/bin/../../current/lost_updates.rs:21:9: oops",
                "lost_updates",
                &file
            ),
            "panicked at chapters/06_race_condition/exercise/lost_updates.rs:21:9: oops"
        );
        assert_eq!(
            name_the_learners_file("3 of 15 updates lost", "lost_updates", &file),
            "3 of 15 updates lost"
        );
    }
}
