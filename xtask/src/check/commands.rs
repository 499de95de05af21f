//! The learner's tasks around `check`: `list`, `hint`, `reset`, and `watch` when standard output
//! is not a terminal.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    time::Duration,
};

use anyhow::{Context, Result, anyhow};
use support::verdict::Kind;
use xtask::{Exercise, blob_id, exercises, workspace_root};

use super::{
    Mode, check, display,
    memory::{has_passed, recall},
    select,
};

/// `cargo xtask list`: every exercise with its state, then the next one to do.
pub(crate) fn list() -> Result<()> {
    let memory = recall()?;
    let all = exercises()?;
    let mut passed = 0;
    println!("{:>2}  {:<20} {:<18} state", "#", "exercise", "chapter");
    for (index, exercise) in all.iter().enumerate() {
        let content = fs::read(&exercise.file).unwrap_or_default();
        let id = blob_id(&content);
        let state = if id == exercise.starter {
            "not started".to_owned()
        } else {
            match memory.grades.get(&exercise.name) {
                Some((graded, Kind::Passed)) if *graded == id => {
                    passed += 1;
                    "passed".to_owned()
                }
                Some((graded, kind)) if *graded == id => format!("failed ({})", kind.label()),
                _ => "in progress (not checked since the last change)".to_owned(),
            }
        };
        println!(
            "{:>2}  {:<20} {:<18} {state}",
            index + 1,
            exercise.name,
            exercise.chapter
        );
    }
    match all.iter().find(|exercise| !has_passed(exercise, &memory)) {
        Some(next) => println!(
            "\n{passed} of {} passed. Next: `cargo xtask check {}` (`cargo xtask hint {}` for hints).",
            all.len(),
            next.name,
            next.name
        ),
        None => println!(
            "\n{passed} of {} passed: every exercise is done.",
            all.len()
        ),
    }
    Ok(())
}

/// `cargo xtask hint NAME`: the exercise's hints, numbered.
pub(crate) fn hint(name: &str) -> Result<()> {
    let exercise = select(Some(name))?.remove(0);
    println!("Hints for {} ({}):", exercise.name, display(&exercise.file));
    for (index, hint) in exercise.hints.iter().enumerate() {
        println!("{}. {hint}", index + 1);
    }
    Ok(())
}

/// `cargo xtask reset NAME`: the pristine starter back in the learner's file.
pub(crate) fn reset(name: &str) -> Result<()> {
    let exercise = select(Some(name))?.remove(0);
    let pristine = fs::read(&exercise.pristine).with_context(|| {
        format!(
            "cannot read the pristine starter {}; download the course again to get it back",
            display(&exercise.pristine)
        )
    })?;
    if fs::read(&exercise.file).ok().as_deref() == Some(pristine.as_slice()) {
        println!(
            "{} is already at its starting point; nothing to do.",
            display(&exercise.file)
        );
        return Ok(());
    }
    let backup = restore(&exercise.file, &pristine)?;
    match backup {
        Some(backup) => println!(
            "Restored {}. Your version is saved as {}.",
            display(&exercise.file),
            display(&backup)
        ),
        None => println!("Restored {}.", display(&exercise.file)),
    }
    Ok(())
}

/// Writes `starter` to `file`, keeping the learner's version as a .bak file.
pub(crate) fn restore(file: &Path, starter: &[u8]) -> Result<Option<PathBuf>> {
    support::files::write_with_backup(file, starter)
        .map_err(|error| anyhow!("cannot restore {}", support::files::explain(file, &error)))
}

/// `cargo xtask watch` when standard output is not a terminal: a line per graded save.
pub(crate) fn watch_lines() -> Result<()> {
    use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};

    let all = exercises()?;
    let (events, received) = std::sync::mpsc::channel();
    let mut debouncer = new_debouncer(Duration::from_millis(300), events)?;
    debouncer
        .watcher()
        .watch(&workspace_root().join("chapters"), RecursiveMode::Recursive)?;
    println!("Watching the exercise files: save one and it is graded. Ctrl-C stops.");
    // Grading reads the file, and reading raises events too: only new content counts.
    let content_id = |exercise: &Exercise| {
        fs::read(&exercise.file)
            .map(|c| blob_id(&c))
            .unwrap_or_default()
    };
    let mut seen: BTreeMap<String, String> = all
        .iter()
        .map(|exercise| (exercise.name.clone(), content_id(exercise)))
        .collect();
    for batch in received {
        let Ok(batch) = batch else { continue };
        for exercise in all
            .iter()
            .filter(|exercise| batch.iter().any(|event| event.path == exercise.file))
        {
            let id = content_id(exercise);
            if seen.get(&exercise.name) == Some(&id) {
                continue;
            }
            seen.insert(exercise.name.clone(), id);
            println!("\n{} changed:", display(&exercise.file));
            check(Some(&exercise.name), Mode::Learner, None, None)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_names_the_file_and_its_folder_when_the_folder_is_gone() {
        let folder =
            std::env::temp_dir().join(format!("xtask-reset-{}/exercise", std::process::id()));
        let file = folder.join("semaphore.rs");
        let error = format!("{:#}", restore(&file, b"// starter").unwrap_err());
        assert!(
            error.starts_with(&format!("cannot restore {}: ", file.display())),
            "{error}"
        );
        assert!(
            error.ends_with(&format!(
                "check that the folder {} exists",
                folder.display()
            )),
            "{error}"
        );
        assert!(!folder.exists());
    }
}
