//! The exercise commands of `cargo xtask`, as a learner meets them. (`cargo xtask check
//! --solutions/--starters/--variants` test the grading itself; CI runs them.)

use std::{fs, path::PathBuf, time::Duration};

use assert_cmd::Command;
use predicates::{prelude::PredicateBooleanExt, str::contains};

use crate::harness::names;

fn xtask() -> Command {
    let mut command = Command::new(crate::harness::xtask());
    // A first grading builds the grader: minutes on a cold, busy 2-core machine.
    command.timeout(Duration::from_secs(300));
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
fn every_starter_and_solution_is_compiled_by_its_chapters_build() {
    for exercise in xtask::exercises().unwrap() {
        let folder = exercise.file.parent().unwrap();
        let manifest = fs::read_to_string(folder.parent().unwrap().join("Cargo.toml")).unwrap();
        let target = format!(
            "[[bin]]\nname = \"exercise_{}\"\npath = \"exercise/workbook.rs\"",
            exercise.name
        );
        assert!(
            manifest.contains(&target),
            "the {} chapter's Cargo.toml lacks:\n{target}",
            exercise.chapter
        );
        let workbook = fs::read_to_string(folder.join("workbook.rs")).unwrap();
        for module in [
            format!("\nmod {};\n", exercise.name),
            format!("\n    pub mod {};\n", exercise.name),
        ] {
            assert!(
                workbook.contains(&module),
                "{} lacks {module:?}",
                folder.join("workbook.rs").display()
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
/// The exercise called `name`.
fn exercise(name: &str) -> xtask::Exercise {
    xtask::exercises()
        .unwrap()
        .into_iter()
        .find(|exercise| exercise.name == name)
        .unwrap_or_else(|| panic!("there is no exercise {name}"))
}

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

#[test]
fn the_grades_file_goes_to_cargos_target_directory_even_outside_the_workspace() {
    let target = outside_target_dir("xtask-target");
    xtask()
        .args(["check", &pristine_exercise().name])
        .env("CARGO_TARGET_DIR", &target)
        .assert()
        .code(1) // not started is not a pass
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
    // list succeeds; check fails, as the exercise it checks is not started.
    let stderr = |task: &[&str]| {
        let output = xtask()
            .args(task)
            .env("CARGO_TARGET_DIR", &target)
            .assert()
            .code(if task[0] == "list" { 0 } else { 1 })
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

/// A course of its own in a new temporary folder: the chapter and exercise lists, and every
/// exercise file at its starter (from git). It holds nothing to build, so it serves only checks
/// that grade nothing: the grader finds its course from the current folder.
fn starters_only_course(test: &str) -> PathBuf {
    let root = xtask::workspace_root();
    let course = outside_target_dir(test);
    for list in ["chapters/chapters.toml", "chapters/exercises.toml"] {
        fs::create_dir_all(course.join(list).parent().unwrap()).unwrap();
        fs::copy(root.join(list), course.join(list)).unwrap();
    }
    for exercise in xtask::exercises().unwrap() {
        let starter = fs::read(&exercise.pristine).unwrap();
        let pristine = course.join(exercise.pristine.strip_prefix(&root).unwrap());
        fs::create_dir_all(pristine.parent().unwrap()).unwrap();
        fs::write(pristine, &starter).unwrap();
        let file = course.join(exercise.file.strip_prefix(&root).unwrap());
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, starter).unwrap();
    }
    course
}

/// xtask run in `course`, with its grades kept there too.
fn xtask_in(course: &std::path::Path) -> Command {
    let mut command = xtask();
    command
        .current_dir(course)
        .env_remove("CARGO_MANIFEST_DIR")
        .env("CARGO_TARGET_DIR", course.join("target"));
    command
}

#[test]
fn checking_an_untouched_starter_fails_and_names_the_file_to_edit() {
    let course = starters_only_course("xtask-not-started");
    xtask_in(&course)
        .args(["check", "semaphore"])
        .assert()
        .code(1)
        .stdout(contains(
            "not started      ",
        ))
        .stdout(contains(
            "edit chapters/09_semaphore/exercise/semaphore.rs, then `cargo xtask check semaphore` again",
        ))
        .stdout(contains("0 passed, 0 failed, 1 not started"));
    fs::remove_dir_all(&course).unwrap();
}

#[test]
fn checking_everything_with_a_missing_file_shows_every_row_and_fails() {
    let course = starters_only_course("xtask-missing-file");
    let exercises = xtask::exercises().unwrap();
    let relative = |name: &str| {
        let exercise = exercises.iter().find(|e| e.name == name).unwrap();
        exercise
            .file
            .strip_prefix(xtask::workspace_root())
            .unwrap()
            .to_owned()
    };
    fs::remove_file(course.join(relative("pool_map"))).unwrap();
    // A folder where the file should be: there, but not readable as a file.
    let lost_updates = course.join(relative("lost_updates"));
    fs::remove_file(&lost_updates).unwrap();
    fs::create_dir(&lost_updates).unwrap();
    let output = xtask_in(&course)
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    for exercise in &exercises {
        assert!(
            stdout.lines().any(|line| line.starts_with(&exercise.name)),
            "no row for {}:\n{stdout}",
            exercise.name
        );
    }
    let row = |name: &str| {
        stdout
            .lines()
            .find(|line| line.starts_with(&format!("{name} ")))
            .unwrap()
            .to_owned()
    };
    let pool_map = row("pool_map");
    assert!(
        pool_map.contains(&format!(
            "{} is missing; `cargo xtask reset pool_map` restores the starter",
            relative("pool_map").display()
        )),
        "{pool_map}"
    );
    let lost = row("lost_updates");
    assert!(
        lost.contains("cannot be read (")
            && lost.ends_with("; `cargo xtask reset lost_updates` restores the starter"),
        "{lost}"
    );
    let not_started = exercises.len() - 2;
    assert!(
        stdout.contains(&format!(
            "0 passed, 0 failed, {not_started} not started, 2 cannot be read"
        )),
        "{stdout}"
    );
    fs::remove_dir_all(&course).unwrap();
}

/// A process as /proc shows it.
struct Process {
    pid: u32,
    parent: u32,
    /// `Z` for a zombie: dead, but not yet reaped.
    state: char,
    name: String,
    /// Clock ticks after boot: tells a process from a later one given the same pid.
    started: u64,
}

fn process(pid: u32) -> Option<Process> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, tail) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_owned();
    let fields: Vec<&str> = tail.split_whitespace().collect();
    Some(Process {
        pid,
        parent: fields.get(1)?.parse().ok()?,
        state: fields.first()?.chars().next()?,
        name,
        started: fields.get(19)?.parse().ok()?,
    })
}

fn processes() -> Vec<Process> {
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .filter_map(process)
        .collect()
}

/// The first process called `name` among the descendants of `ancestor`.
fn descendant(ancestor: u32, name: &str) -> Option<Process> {
    let all = processes();
    let mut family = vec![ancestor];
    let mut index = 0;
    while let Some(&pid) = family.get(index) {
        family.extend(all.iter().filter(|p| p.parent == pid).map(|p| p.pid));
        index += 1;
    }
    all.into_iter()
        .find(|p| p.name == name && family[1..].contains(&p.pid))
}

fn still_running(process: &Process) -> bool {
    self::process(process.pid).is_some_and(|now| now.started == process.started && now.state != 'Z')
}

fn sigint_is_ignored() -> bool {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
}

/// Grades `answer` as semaphore, waits until processes with each of these `names` run under the
/// grader, stops the grader with `signal`, and fails unless they are all gone soon after.
fn stop_the_grader_while_it_runs(answer: &std::path::Path, names: &[&str], signal: &str) {
    let mut grader = std::process::Command::new(crate::harness::xtask())
        .args(["check", "semaphore", "--file"])
        .arg(answer)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let give_up = std::time::Instant::now() + Duration::from_secs(300);
    let started: Vec<Process> = loop {
        let found: Vec<Process> = names
            .iter()
            .filter_map(|name| descendant(grader.id(), name))
            .collect();
        if found.len() == names.len() {
            break found;
        }
        if std::time::Instant::now() > give_up || grader.try_wait().unwrap().is_some() {
            grader.kill().ok();
            panic!("the grader of a hanging answer never ran {names:?} together");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if signal == "KILL" {
        grader.kill().unwrap();
    } else {
        let sent = std::process::Command::new("kill")
            .args(["-s", signal, &grader.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -s {signal} failed");
    }
    let give_up = std::time::Instant::now() + Duration::from_secs(10);
    while grader.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > give_up {
            grader.kill().ok();
            panic!("the grader did not stop on SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let give_up = std::time::Instant::now() + Duration::from_secs(10);
    while started.iter().any(still_running) {
        if std::time::Instant::now() > give_up {
            let left: Vec<&Process> = started.iter().filter(|p| still_running(p)).collect();
            // Tidy up before failing, so the failure leaves nothing behind either.
            for process in &left {
                std::process::Command::new("kill")
                    .args(["-s", "KILL", &process.pid.to_string()])
                    .status()
                    .ok();
            }
            let left: Vec<String> = left
                .iter()
                .map(|p| format!("{} (pid {})", p.name, p.pid))
                .collect();
            panic!(
                "{} still ran 10 s after the grader got SIG{signal}",
                left.join(", ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stopping_the_grader_leaves_neither_the_harness_nor_cargo_running() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: this test finds the grader's processes in /proc, which only Linux has");
        return;
    }
    // Each answer is new, so that cargo builds it; its constructor never returns (it spins
    // without a scheduling point, and takes nothing from std::thread, which the grader would
    // refuse before running anything). The second
    // takes the compiler minutes to build (a long constant evaluation), so the grader is
    // stopped while rustc runs.
    let folder = outside_target_dir("xtask-hanging-answer");
    fs::create_dir_all(&folder).unwrap();
    let answer = folder.join("semaphore.rs");
    // The grader copies each answer into its slot; put back what was there, so that no later
    // build of the grading binaries (a clippy run, watch's first build) meets the answer that
    // takes the compiler minutes.
    let slot = xtask::workspace_root().join("chapters/exercises/current/semaphore.rs");
    let before = fs::read(&slot).ok();
    let write_answer = |slow_to_build: bool| {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let mut text = format!(
            "// A hanging answer ({stamp}).\n\
             pub struct Semaphore;\n\
             impl Semaphore {{\n\
             \x20   pub fn new(_permits: usize) -> Self {{\n\
             \x20       loop {{\n\
             \x20           std::hint::spin_loop();\n\
             \x20       }}\n\
             \x20   }}\n\
             \x20   pub fn acquire(&self, _n: usize) {{}}\n\
             \x20   pub fn release(&self, _n: usize) {{}}\n\
             }}\n"
        );
        if slow_to_build {
            text += "#[allow(long_running_const_eval)]\n\
                     const _: u64 = {\n\
                     \x20   let mut i = 0u64;\n\
                     \x20   while i < 1 << 40 {\n\
                     \x20       i += 1;\n\
                     \x20   }\n\
                     \x20   i\n\
                     };\n";
        }
        fs::write(&answer, text).unwrap();
    };
    write_answer(false);
    stop_the_grader_while_it_runs(&answer, &["grade_semaphore"], "TERM");
    stop_the_grader_while_it_runs(&answer, &["grade_semaphore"], "KILL");
    if sigint_is_ignored() {
        eprintln!("SIGINT not tried: this test runs with SIGINT ignored, and so would the grader");
    } else {
        stop_the_grader_while_it_runs(&answer, &["grade_semaphore"], "INT");
    }
    write_answer(true);
    stop_the_grader_while_it_runs(&answer, &["cargo", "rustc"], "TERM");
    fs::remove_dir_all(&folder).unwrap();
    match before {
        Some(content) => fs::write(&slot, content).unwrap(),
        None => fs::remove_file(&slot).unwrap_or(()),
    }
}

#[test]
fn a_pass_points_to_the_solution_the_discussion_and_the_next_exercise() {
    let exercises = xtask::exercises().unwrap();
    let join_result = exercises.iter().find(|e| e.name == "join_result").unwrap();
    // The reference solution, graded in place of the learner's file.
    let output = xtask()
        .args(["check", "join_result", "--file"])
        .arg(&join_result.solution)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "✓ join_result passed. Compare with the reference solution, \
             chapters/03_join_thread/exercise/solution/join_result.rs."
        ),
        "{stdout}"
    );
    let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!("The lesson: {}", join_result.lesson)),
        "{stdout}"
    );
    assert!(
        stdout.contains("(they are in chapters/exercises/variants/join_result/):\n"),
        "{stdout}"
    );
    assert!(stdout.contains("`loses_the_message`"), "{stdout}");
    let next = stdout
        .lines()
        .find_map(|line| line.strip_prefix("Next: cargo xtask check "));
    match next {
        Some(next) => assert!(
            next != "join_result" && exercises.iter().any(|e| e.name == next),
            "{stdout}"
        ),
        None => assert!(stdout.contains("Every exercise has passed."), "{stdout}"),
    }
}

#[test]
fn a_pass_shows_each_mistake_kept_as_a_diff_as_the_lines_it_changes() {
    // barrier's diffs change the solution, and one of ordered_results' changes another wrong
    // answer. No other test grades either in this workspace, so nothing else uses their slots.
    for name in ["barrier", "ordered_results"] {
        let exercise = exercise(name);
        let output = xtask()
            .args(["check", name, "--file"])
            .arg(&exercise.solution)
            .assert()
            .success()
            .get_output()
            .clone();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let wrong = xtask::variants::wrong_ones(&exercise).unwrap();
        let mut shown = 0;
        let mut not_shown = Vec::new();
        for variant in &wrong {
            let Some(mistake) = xtask::variants::mistake(&exercise, variant).unwrap() else {
                not_shown.push(format!("`{}`", variant.name));
                continue;
            };
            assert!(mistake.hunks.starts_with("@@ -"), "{}", mistake.hunks);
            let heading = match &mistake.base {
                xtask::variants::Base::Variant(base) => {
                    format!("`{}`, a change to `{base}`:", variant.name)
                }
                _ => format!("`{}`:", variant.name),
            };
            assert!(
                stdout.contains(&format!("\n{heading}\n{}\n", mistake.hunks)),
                "{stdout}"
            );
            shown += 1;
        }
        assert!(shown > 0, "{name} has no mistake shown as a diff");
        let words = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        let listed = words
            .split_once(&format!(
                "so not shown as a change (in chapters/exercises/variants/{name}/): "
            ))
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("{stdout}"));
        for variant in not_shown {
            assert!(
                listed.contains(&variant),
                "{variant} is not listed: {stdout}"
            );
        }
    }
    // ordered_results shows one mistake as a change to another answer.
    let ordered_results = exercise("ordered_results");
    assert!(
        xtask::variants::wrong_ones(&ordered_results)
            .unwrap()
            .iter()
            .filter_map(|variant| xtask::variants::mistake(&ordered_results, variant).unwrap())
            .any(|mistake| matches!(mistake.base, xtask::variants::Base::Variant(_))),
        "no mistake of ordered_results changes another answer"
    );
}

#[test]
fn list_names_the_next_unfinished_exercise() {
    let course = starters_only_course("xtask-list-next");
    let root = xtask::workspace_root();
    let join_result = exercise("join_result");
    // join_result solved, and its grade remembered.
    let solution = fs::read(&join_result.solution).unwrap();
    fs::write(
        course.join(join_result.file.strip_prefix(&root).unwrap()),
        &solution,
    )
    .unwrap();
    fs::create_dir_all(course.join("target")).unwrap();
    let grades = serde_json::json!({
        "grades": { "join_result": [xtask::blob_id(&solution), "passed"] }
    });
    fs::write(course.join("target/xtask-grades.json"), grades.to_string()).unwrap();
    xtask_in(&course)
        .arg("list")
        .assert()
        .success()
        .stdout(contains(
            "Next: `cargo xtask check ordered_results` (`cargo xtask hint ordered_results` for hints).",
        ));
    fs::remove_dir_all(&course).unwrap();
}

#[test]
fn every_wrong_variant_is_named_in_its_exercise_discussion() {
    for exercise in xtask::exercises().unwrap() {
        for variant in xtask::variants::wrong_ones(&exercise).unwrap() {
            assert!(
                exercise.discussion.contains(&format!("`{}`", variant.name)),
                "the discussion of {} in chapters/exercises.toml does not name `{}`",
                exercise.name,
                variant.name
            );
        }
    }
}

#[test]
fn every_variant_diff_applies_to_the_answer_it_names_as_made_from_it() {
    let mut diffs = 0;
    for exercise in xtask::exercises().unwrap() {
        for variant in xtask::variants::variants(&exercise).unwrap() {
            let file = variant.path.display();
            assert!(
                variant.is_diff() || variant.path.extension().is_some_and(|ext| ext == "rs"),
                "{file}: a variant is a whole answer (.rs) or a diff against another (.diff)"
            );
            if !variant.is_diff() {
                continue;
            }
            diffs += 1;
            // Fails, naming the file, if it names no base, does not apply or changes nothing.
            let base = xtask::variants::base(&exercise, &variant)
                .unwrap_or_else(|error| panic!("{error:#}"));
            let answer = xtask::variants::content(&exercise, &variant.path)
                .unwrap_or_else(|error| panic!("{error:#}"));
            let answer = String::from_utf8(answer).unwrap();
            // Made afresh from the answer it stands for, it must come out the same: applied at
            // the lines it names, with its context and headers, against this very base.
            let original = fs::read_to_string(base.path(&exercise)).unwrap();
            let stored = fs::read_to_string(&variant.path).unwrap();
            let why = &stored[..stored.find("--- a/").unwrap_or(0)];
            let fresh = xtask::variants::diff(&exercise, &base, &original, &answer, why);
            assert!(
                stored == fresh,
                "{file} is out of step with {}: made afresh from the answer it stands for, it \
                 reads:\n{fresh}",
                base.path(&exercise).display()
            );
        }
    }
    assert!(diffs > 0, "no variant is kept as a diff");
}

#[test]
fn a_variant_diff_naming_no_answer_of_its_exercise_is_refused() {
    let exercise = exercise("transfer");
    // Cargo's scratch folder for integration tests: the stray file is this test's alone.
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stray_variant.diff");
    // A base outside the exercise (another exercise's variant), then a path that is no file.
    for named in [
        "chapters/exercises/variants/barrier/no_generation.rs",
        "chapters/exercises/variants/transfer/no_such_answer.rs",
    ] {
        fs::write(
            &file,
            format!("Wrong.\n--- a/{named}\n+++ b/{named}\n@@ -1 +1 @@\n-a\n+b\n"),
        )
        .unwrap();
        let error = xtask::variants::content(&exercise, &file).unwrap_err();
        let error = format!("{error:#}");
        assert!(
            error.contains(&format!("`--- a/{named}` names no base")),
            "{error}"
        );
    }
}

#[test]
fn every_exercise_has_a_spec_table_naming_each_of_its_variants() {
    let root = xtask::workspace_root();
    for exercise in xtask::exercises().unwrap() {
        let table = root.join(format!("chapters/exercises/specs/{}.md", exercise.name));
        let table = fs::read_to_string(&table)
            .unwrap_or_else(|error| panic!("{}: {error}", table.display()));
        assert!(
            table.contains("| Promise (spec sentence) |"),
            "the spec table of {} has no table",
            exercise.name
        );
        for variant in xtask::variants::variants(&exercise).unwrap() {
            let name = variant.path.file_name().unwrap().to_string_lossy();
            assert!(
                table.contains(&format!("`{name}`")),
                "chapters/exercises/specs/{}.md does not name the variant `{name}`",
                exercise.name
            );
        }
    }
}

#[test]
fn the_transfer_starter_on_std_mutex_is_told_the_import_to_change() {
    let transfer = exercise("transfer");
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

#[test]
fn a_panicking_answer_is_told_its_file_and_line() {
    let folder = outside_target_dir("xtask-panicking-answer");
    fs::create_dir_all(&folder).unwrap();
    let answer = folder.join("lost_updates.rs");
    let solution = fs::read_to_string(exercise("lost_updates").solution).unwrap();
    // The same solution, with an overflow at a line we know.
    let mut lines: Vec<&str> = solution.lines().collect();
    let at = lines.len() + 1;
    lines.push("pub fn overflow(n: u8) -> u8 { n + 255 }");
    let answer_text = lines.join("\n").replace(
        "pub fn increment(&self) {",
        "pub fn increment(&self) {\n        let _ = overflow(std::hint::black_box(1));",
    );
    fs::write(&answer, answer_text).unwrap();
    let output = xtask()
        .args(["check", "lost_updates", "--file"])
        .arg(&answer)
        .assert()
        .failure()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The added call moves the overflow one line down.
    let place = format!("panicked at {}:{}:", answer.display(), at + 1);
    assert!(stdout.contains(&place), "expected {place:?} in:\n{stdout}");
    assert!(stdout.contains("overflow"), "{stdout}");
    fs::remove_dir_all(&folder).unwrap();
}
