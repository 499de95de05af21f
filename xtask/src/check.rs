//! Grading the exercises: `cargo xtask check`, and the `list`, `hint`, `reset` and `watch` tasks
//! around it.
//!
//! To grade a file, its content is copied into `chapters/exercises/current/`, where the
//! exercise's harness binaries include it; each harness is built, then run under a watchdog,
//! and prints one verdict line. This module chooses the files to grade and collects the rows;
//! [`grade`] grades one file, through [`build`] and [`run`]; [`table`] prints the rows,
//! [`memory`] remembers the learner's grades, and [`after_pass`] says what to read and do next.

pub(crate) mod after_pass;
pub(crate) mod build;
pub(crate) mod commands;
pub(crate) mod grade;
pub(crate) mod memory;
mod run;
mod table;

use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
    time::{Duration, Instant},
};

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use support::verdict::{Kind, Verdict};
use xtask::{Exercise, blob_id, exercises, variants, workspace_root};

/// What `check` grades.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The learner's files; untouched starters are "not started".
    Learner,
    /// The reference solutions: every one must pass.
    Solutions,
    /// The pristine starters: every one must fail, and match its recorded blob id.
    Starters,
    /// The variants in chapters/exercises/variants: `*_correct` ones must pass, the rest fail.
    Variants,
}

/// The outcome of grading one file.
struct Row {
    exercise: String,
    /// The file graded, as shown to the learner.
    file: String,
    outcome: Outcome,
    elapsed: Duration,
    /// Whether this outcome is the one wanted: a pass for the learner and the solutions, as
    /// labelled for the starters and variants.
    expected: bool,
}

enum Outcome {
    /// A learner's file that is still its starter: not a pass.
    NotStarted,
    /// The file could not be read; the text says why and how to get it back.
    Unreadable(String),
    Graded(Verdict),
}

impl Outcome {
    fn passed(&self) -> bool {
        matches!(self, Outcome::Graded(verdict) if verdict.kind == Kind::Passed)
    }
}

/// Grades the exercise `name`, or all of them, as `mode` says; `file`, if given, is graded in
/// place of the learner's file and its grade is not remembered.
pub(crate) fn check(
    name: Option<&str>,
    mode: Mode,
    seed: Option<u64>,
    file: Option<&Path>,
) -> Result<ExitCode> {
    let selected = select(name)?;
    let mut jobs: Vec<(Exercise, PathBuf, bool)> = Vec::new(); // (exercise, file, should pass)
    let mut problems = Vec::new();
    for exercise in selected {
        match mode {
            Mode::Learner => jobs.push((
                exercise.clone(),
                file.map_or_else(|| exercise.file.clone(), Path::to_path_buf),
                true,
            )),
            Mode::Solutions => jobs.push((exercise.clone(), exercise.solution.clone(), true)),
            Mode::Starters => {
                // A starter that cannot be read gets its own row below.
                if let Ok(content) = fs::read(&exercise.file) {
                    let actual = blob_id(&content);
                    if actual != exercise.starter {
                        problems.push(format!(
                            "{}: {} differs from its pristine copy {}; change both together",
                            exercise.name,
                            display(&exercise.file),
                            display(&exercise.pristine)
                        ));
                    }
                }
                jobs.push((exercise.clone(), exercise.file.clone(), false));
            }
            Mode::Variants => {
                for variant in variants::variants(&exercise)? {
                    let correct = variant.is_correct();
                    jobs.push((exercise.clone(), variant.path, correct));
                }
            }
        }
    }

    let progress = ProgressBar::new(jobs.len() as u64).with_style(
        ProgressStyle::with_template("{spinner} grading {msg} [{pos}/{len}]")
            .expect("valid template"),
    );
    progress.enable_steady_tick(Duration::from_millis(120));
    let mut rows = Vec::new();
    for (exercise, file, should_pass) in &jobs {
        progress.set_message(exercise.name.clone());
        let started = Instant::now();
        // A variant kept as a diff is the solution with the diff applied.
        let content = match mode {
            Mode::Variants => {
                variants::content(exercise, file).map_err(|error| format!("{error:#}"))
            }
            _ => fs::read(file).map_err(|error| unreadable(exercise, file, &error, mode)),
        };
        let outcome = match content {
            Err(reason) => Outcome::Unreadable(reason),
            Ok(content) if mode == Mode::Learner && blob_id(&content) == exercise.starter => {
                Outcome::NotStarted
            }
            Ok(content) => Outcome::Graded(grade::grade(exercise, file, &content, seed)?),
        };
        rows.push(Row {
            exercise: exercise.name.clone(),
            file: display(file),
            expected: match &outcome {
                Outcome::Graded(_) => outcome.passed() == *should_pass,
                Outcome::NotStarted | Outcome::Unreadable(_) => false,
            },
            outcome,
            elapsed: started.elapsed(),
        });
        progress.inc(1);
    }
    progress.finish_and_clear();

    table::print_table(&rows, mode);
    if mode == Mode::Learner {
        if file.is_none() {
            memory::remember(&rows)?;
        }
        after_pass::after_grading(&rows)?;
    }
    for problem in &problems {
        println!("problem: {problem}");
    }
    let all_as_expected = rows.iter().all(|row| row.expected) && problems.is_empty();
    Ok(if all_as_expected {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The exercise called `name`, or all of them.
fn select(name: Option<&str>) -> Result<Vec<Exercise>> {
    let all = exercises()?;
    let Some(name) = name else { return Ok(all) };
    match all.iter().find(|exercise| exercise.name == name) {
        Some(exercise) => Ok(vec![exercise.clone()]),
        None => {
            let names: Vec<&str> = all.iter().map(|e| e.name.as_str()).collect();
            bail!(
                "there is no exercise called `{name}`; the exercises are: {}",
                names.join(", ")
            )
        }
    }
}

/// Why `file` cannot be graded, and, for an exercise file, how to get its starter back.
fn unreadable(exercise: &Exercise, file: &Path, error: &std::io::Error, mode: Mode) -> String {
    let what = if error.kind() == std::io::ErrorKind::NotFound {
        "missing".to_owned()
    } else {
        format!("cannot be read ({error})")
    };
    match mode {
        Mode::Learner | Mode::Starters => format!(
            "{} is {what}; `cargo xtask reset {}` restores the starter",
            display(file),
            exercise.name
        ),
        Mode::Solutions | Mode::Variants => format!("{} is {what}", display(file)),
    }
}

/// `path` relative to the workspace, for messages.
pub(crate) fn display(path: &Path) -> String {
    path.strip_prefix(workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}
