//! The memory of grades, `xtask-grades.json` in cargo's target directory: the last verdict of
//! each exercise with the blob id of the file it was for, so that `list` and `watch` know which
//! files still pass as they are.

use std::{collections::BTreeMap, fs, path::PathBuf};

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use support::verdict::Kind;
use xtask::{Exercise, blob_id, exercises, target_dir};

use super::{Outcome, Row};

/// Whether `exercise`'s file, as it is now, passed when last graded.
pub(crate) fn has_passed(exercise: &Exercise, memory: &Memory) -> bool {
    let Ok(content) = fs::read(&exercise.file) else {
        return false;
    };
    let id = blob_id(&content);
    id != exercise.starter && memory.grades.get(&exercise.name) == Some(&(id, Kind::Passed))
}

/// The last verdict for each exercise, with the blob id of the file it was for.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Memory {
    pub(crate) grades: BTreeMap<String, (String, Kind)>,
}

fn memory_path() -> Result<PathBuf> {
    Ok(target_dir()?.join("xtask-grades.json"))
}

/// The grades remembered; none if there is no file yet, or (said in one line) a damaged one.
pub(crate) fn recall() -> Result<Memory> {
    let path = memory_path()?;
    let memory = match fs::read_to_string(&path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Memory::default()),
        Err(error) => Err(error.to_string()),
        Ok(text) => serde_json::from_str(&text).map_err(|error| error.to_string()),
    };
    Ok(memory.unwrap_or_else(|error| {
        eprintln!(
            "warning: the grades file {} is damaged ({error}); starting afresh",
            path.display()
        );
        Memory::default()
    }))
}

/// Remembers the verdict of each learner's file graded in `rows`.
pub(super) fn remember(rows: &[Row]) -> Result<()> {
    let mut memory = recall()?;
    for exercise in exercises()? {
        let Some(row) = rows.iter().find(|row| row.exercise == exercise.name) else {
            continue;
        };
        if let (Outcome::Graded(verdict), Ok(content)) = (&row.outcome, fs::read(&exercise.file)) {
            memory
                .grades
                .insert(exercise.name.clone(), (blob_id(&content), verdict.kind));
        }
    }
    save(&memory)
}

/// Remembers `kind` as the verdict for `exercise`'s file holding `content`.
pub(crate) fn remember_verdict(exercise: &Exercise, content: &[u8], kind: Kind) -> Result<()> {
    let mut memory = recall()?;
    memory
        .grades
        .insert(exercise.name.clone(), (blob_id(content), kind));
    save(&memory)
}

fn save(memory: &Memory) -> Result<()> {
    let path = memory_path()?;
    // In one step: a run stopped half-way must not leave half a file, which forgets every pass.
    support::files::write_atomically(&path, serde_json::to_string_pretty(memory)?.as_bytes())
        .map_err(|error| {
            anyhow!(
                "cannot save the grades: {}",
                support::files::explain(&path, &error)
            )
        })
}
