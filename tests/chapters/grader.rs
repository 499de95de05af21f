//! The exercise commands of `cargo xtask`, as a learner meets them. (`cargo xtask check
//! --solutions/--starters/--variants` test the grading itself; CI runs them.)

use std::time::Duration;

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
