//! The exercise commands of `cargo xtask`, as a learner meets them. (`cargo xtask check
//! --solutions/--starters/--variants` test the grading itself; CI runs them.)

use std::{fs, path::PathBuf, time::Duration};

use assert_cmd::Command;
use predicates::{prelude::PredicateBooleanExt, str::contains};

fn xtask() -> Command {
    let binary = escargot::CargoBuild::new()
        .package("xtask")
        .bin("xtask")
        .current_release()
        .run()
        .expect("xtask builds");
    let mut command = Command::from_std(binary.command());
    command.timeout(Duration::from_secs(60));
    command
}

#[test]
fn list_shows_every_exercise_with_a_state_and_a_count() {
    let exercises = xtask::exercises().unwrap();
    let output = xtask()
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    for exercise in &exercises {
        assert!(
            text.contains(&exercise.name),
            "{} missing from:\n{text}",
            exercise.name
        );
    }
    assert!(
        text.contains(&format!(" of {} passed", exercises.len())),
        "{text}"
    );
}

#[test]
fn hint_prints_the_hints_numbered() {
    xtask()
        .args(["hint", "semaphore"])
        .assert()
        .success()
        .stdout(contains("1. "))
        .stdout(contains("3. "));
}

#[test]
fn an_unknown_exercise_gets_one_clear_line_and_a_failure() {
    for task in ["hint", "check", "reset"] {
        xtask()
            .args([task, "no_such_exercise"])
            .assert()
            .failure()
            .stderr(contains(
                "error: there is no exercise called `no_such_exercise`; the exercises are: join_result",
            ))
            .stderr(contains("panicked").not());
    }
}

#[test]
fn every_exercise_has_its_files_and_one_to_three_hints() {
    for exercise in xtask::exercises().unwrap() {
        assert!(
            exercise.file.exists(),
            "{} has no starter at {}",
            exercise.name,
            exercise.file.display()
        );
        assert!(
            exercise.solution.exists(),
            "{} has no solution at {}",
            exercise.name,
            exercise.solution.display()
        );
        assert!(
            (1..=3).contains(&exercise.hints.len()),
            "{} has {} hints",
            exercise.name,
            exercise.hints.len()
        );
        let harnesses = xtask::workspace_root().join("chapters/exercises/src/bin");
        for harness in &exercise.harnesses {
            assert!(
                harnesses.join(format!("{harness}.rs")).exists(),
                "{}: no harness {harness}",
                exercise.name
            );
        }
    }
}

#[test]
fn every_starter_and_solution_is_compiled_by_the_workbook() {
    let lib = std::fs::read_to_string(xtask::workspace_root().join("chapters/workbook/src/lib.rs"))
        .unwrap();
    for exercise in xtask::exercises().unwrap() {
        for (file, module) in [
            (&exercise.file, exercise.name.clone()),
            (&exercise.solution, format!("{}_solution", exercise.name)),
        ] {
            let relative = file
                .strip_prefix(xtask::workspace_root().join("chapters"))
                .unwrap();
            let declaration = format!(
                "#[path = \"../../{}\"]\npub mod {module};",
                relative.display()
            );
            assert!(
                lib.contains(&declaration),
                "chapters/workbook/src/lib.rs lacks:\n{declaration}"
            );
        }
    }
}

#[test]
fn an_error_is_one_line_even_with_rust_backtrace_set() {
    let output = xtask()
        .args(["hint", "no_such_exercise"])
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LIB_BACKTRACE", "1")
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: there is no exercise called"),
        "{stderr}"
    );
}

/// An exercise whose file is still its starter: checking it grades nothing, so builds nothing.
fn pristine_exercise() -> xtask::Exercise {
    xtask::exercises()
        .unwrap()
        .into_iter()
        .find(|exercise| {
            fs::read(&exercise.file)
                .is_ok_and(|content| xtask::blob_id(&content) == exercise.starter)
        })
        .expect("no exercise is at its starter; `cargo xtask reset NAME` restores one")
}

/// A path for a target directory outside the workspace, with nothing there yet.
fn outside_target_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{test}-{}", std::process::id()));
    fs::remove_dir_all(&dir).ok();
    dir
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_grades_file_goes_to_cargos_target_directory_even_outside_the_workspace() {
    let target = outside_target_dir("xtask-target");
    xtask()
        .args(["check", &pristine_exercise().name])
        .env("CARGO_TARGET_DIR", &target)
        .assert()
        .success()
        .stderr("");
    assert_eq!(names(&target), ["xtask-grades.json"]);
    let grades = fs::read_to_string(target.join("xtask-grades.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&grades).unwrap();
    fs::remove_dir_all(&target).unwrap();
}

#[test]
fn a_damaged_grades_file_is_reported_in_one_line_and_replaced() {
    let target = outside_target_dir("xtask-damaged-grades");
    fs::create_dir_all(&target).unwrap();
    let grades = target.join("xtask-grades.json");
    fs::write(&grades, "{\n  \"grades\": {\n    \"semaph").unwrap();
    let warning = format!("warning: the grades file {} is damaged (", grades.display());
    let stderr = |task: &[&str]| {
        let output = xtask()
            .args(task)
            .env("CARGO_TARGET_DIR", &target)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(output.stderr).unwrap()
    };
    let listed = stderr(&["list"]);
    assert!(
        listed.starts_with(&warning) && listed.ends_with("; starting afresh\n"),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let checked = stderr(&["check", &pristine_exercise().name]);
    assert_eq!(checked.lines().count(), 1, "{checked}");
    // The check wrote a whole new file: nothing more to report.
    assert_eq!(stderr(&["list"]), "");
    serde_json::from_str::<serde_json::Value>(&fs::read_to_string(&grades).unwrap()).unwrap();
    assert_eq!(names(&target), ["xtask-grades.json"]);
    fs::remove_dir_all(&target).unwrap();
}

#[test]
fn serve_refuses_a_latency_of_more_than_ten_seconds() {
    xtask()
        .args(["serve", "--port", "0", "--latency-ms", "31536000000000"])
        .assert()
        .code(2)
        .stderr(contains("--latency-ms"))
        .stderr(contains("panicked").not());
}

#[test]
fn the_transfer_starter_on_std_mutex_is_told_the_import_to_change() {
    let transfer = xtask::exercises()
        .unwrap()
        .into_iter()
        .find(|exercise| exercise.name == "transfer")
        .unwrap();
    let starter = fs::read_to_string(&transfer.file).unwrap();
    let line = 1 + starter
        .lines()
        .position(|line| line == "use crate::sync::Mutex;")
        .expect("the starter imports crate::sync's Mutex");
    let on_std = starter.replace("use crate::sync::Mutex;", "use std::{sync::Mutex};");
    let found = xtask::imports::unscheduled(&on_std);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, line);
    assert_eq!(found[0].path, "std::sync::Mutex");
    assert_eq!(found[0].instead, "crate::sync::Mutex");
}

#[test]
fn no_starter_or_solution_explored_by_schedules_is_taken_for_a_wrong_import() {
    let explored: Vec<_> = xtask::exercises()
        .unwrap()
        .into_iter()
        .filter(xtask::imports::explored_by_schedules)
        .collect();
    let names: Vec<&str> = explored.iter().map(|e| e.name.as_str()).collect();
    for name in ["lost_updates", "transfer", "semaphore", "timer", "barrier"] {
        assert!(names.contains(&name), "{name} is not explored: {names:?}");
    }
    for exercise in &explored {
        for file in [&exercise.file, &exercise.solution] {
            let found = xtask::imports::unscheduled(&fs::read_to_string(file).unwrap());
            assert_eq!(found, [], "{}", file.display());
        }
    }
}
