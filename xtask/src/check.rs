//! Grading the exercises: `cargo xtask check`, and the `list`, `hint`, `reset` and `watch` tasks
//! around it.
//!
//! To grade a file, its content is copied into `chapters/exercises/current/`, where the
//! exercise's harness binaries include it; each harness is built, then run under a watchdog,
//! and prints one verdict line.

use std::{
    collections::BTreeMap,
    fs,
    io::{BufReader, Read},
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
    time::{Duration, Instant},
};

use crate::lifeline;
use anyhow::{Context, Result, anyhow, bail};
use cargo_metadata::{
    Message,
    diagnostic::{Diagnostic, DiagnosticLevel},
};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use support::verdict::{Kind, LIFELINE, Verdict};
use wait_timeout::ChildExt;
use xtask::{Exercise, blob_id, exercises, target_dir, workspace_root};

/// The longest a harness may run before the grader stops it and calls it a hang.
const WATCHDOG: Duration = Duration::from_secs(60);

/// What `check` grades.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The learner's files; untouched starters are "not started".
    Learner,
    /// The reference solutions: every one must pass.
    Solutions,
    /// The pristine starters: every one must fail, and match its recorded blob id.
    Starters,
    /// The variants in chapters/exercises/variants: `*_correct.rs` must pass, the rest fail.
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
                let folder = workspace_root()
                    .join("chapters/exercises/variants")
                    .join(&exercise.name);
                let mut files: Vec<PathBuf> = fs::read_dir(&folder)
                    .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default();
                files.sort();
                for file in files {
                    let correct = file
                        .file_stem()
                        .is_some_and(|stem| stem.to_string_lossy().ends_with("_correct"));
                    jobs.push((exercise.clone(), file, correct));
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
        let outcome = match fs::read(file) {
            Err(error) => Outcome::Unreadable(unreadable(exercise, file, &error, mode)),
            Ok(content) if mode == Mode::Learner && blob_id(&content) == exercise.starter => {
                Outcome::NotStarted
            }
            Ok(content) => Outcome::Graded(grade(exercise, file, &content, seed)?),
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

    print_table(&rows, mode);
    if mode == Mode::Learner {
        if file.is_none() {
            remember(&rows)?;
        }
        after_grading(&rows)?;
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

/// The binary that is the harness `harness` (see chapters/exercises/Cargo.toml).
fn binary_name(harness: &str) -> String {
    format!("grade_{harness}")
}

/// The cargo command, under the lifeline, that builds the harness `harness` and reports in JSON
/// on its standard output. `watch` runs the same command ahead of the first grading, so that the
/// grading's own build finds everything built.
pub(crate) fn build_command(harness: &str) -> Result<Command> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = lifeline::command(cargo)?;
    command
        .args([
            "build",
            "--package",
            "exercises",
            "--features",
            "grading",
            "--bin",
            &binary_name(harness),
        ])
        .args(["--message-format", "json"])
        .current_dir(workspace_root());
    Ok(command)
}

/// How many packages a harness build compiles: the harness's package and everything it depends
/// on, for this machine, as `cargo tree` lists them.
pub(crate) fn grader_packages() -> Result<usize> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--package", "exercises", "--features", "grading"])
        .args(["--edges", "normal,build", "--prefix", "none"])
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .context("cannot run cargo tree")?;
    if !output.status.success() {
        bail!("cargo tree failed");
    }
    // A package listed again is marked "(*)".
    let packages: std::collections::BTreeSet<&str> = std::str::from_utf8(&output.stdout)?
        .lines()
        .map(|line| line.trim_end_matches(" (*)"))
        .filter(|line| !line.is_empty())
        .collect();
    Ok(packages.len())
}

/// Builds a harness; `Ok(Err(verdict))` when the file under grading does not compile.
fn build(harness: &str, graded: &Path) -> Result<Result<PathBuf, Verdict>> {
    let binary_name = binary_name(harness);
    let mut child = build_command(harness)?
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo")?;
    let _lifeline = child.stdin.take();
    let mut stderr = child.stderr.take().expect("piped");
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).ok();
        text
    });
    let mut binary = None;
    let mut errors = Vec::new();
    for message in Message::parse_stream(BufReader::new(child.stdout.take().expect("piped"))) {
        match message? {
            Message::CompilerArtifact(artifact) if artifact.target.name == binary_name => {
                binary = artifact.executable.map(PathBuf::from);
            }
            Message::CompilerMessage(compiler)
                if compiler.message.level == DiagnosticLevel::Error =>
            {
                errors.push(compiler.message);
            }
            _ => {}
        }
    }
    let status = child.wait()?;
    let stderr = stderr_reader.join().unwrap_or_default();
    if let Some(first) = errors.iter().find(|error| !error.spans.is_empty()) {
        // The first line says what and where; rustc's own report of every error follows.
        let mut reason = describe_error(first, graded);
        for error in &errors {
            let rendered = error.rendered.as_deref().unwrap_or(&error.message);
            reason.push_str("\n\n");
            reason.push_str(&in_learners_file(rendered.trim_end(), error, graded));
        }
        return Ok(Err(Verdict {
            kind: Kind::DoesNotCompile,
            reason,
            replay: None,
        }));
    }
    match binary {
        Some(binary) if status.success() => Ok(Ok(binary)),
        _ => {
            // An error that points nowhere (a linker's, a file cargo could not write) is
            // reported as JSON on standard output, not on standard error.
            let mut report = stderr;
            for error in &errors {
                report.push_str(error.rendered.as_deref().unwrap_or(&error.message));
            }
            bail!("building the grader for {harness} failed:\n{report}")
        }
    }
}

/// A compiler error in one line, with the learner's own path when it points into the file under
/// grading, and what was expected and found when it points where the harness calls their code.
fn describe_error(diagnostic: &Diagnostic, graded: &Path) -> String {
    let Some(span) = diagnostic.spans.iter().find(|span| span.is_primary) else {
        return diagnostic.message.clone();
    };
    if is_graded_copy(&span.file_name) {
        format!(
            "{}:{}:{}: {}",
            display(graded),
            span.line_start,
            span.column_start,
            diagnostic.message
        )
    } else {
        let what = match &span.label {
            Some(label) if !label.is_empty() => format!("{}: {label}", diagnostic.message),
            _ => diagnostic.message.clone(),
        };
        format!(
            "{what} (at {}:{}, where the grader calls your code: keep the names and signatures the starter gives)",
            span.file_name, span.line_start
        )
    }
}

/// Whether rustc's `file_name` is the copy of the graded file in `current/`.
fn is_graded_copy(file_name: &str) -> bool {
    Path::new(file_name)
        .parent()
        .is_some_and(|folder| folder.ends_with("current"))
}

/// rustc's rendered report, with the paths of the copy in `current/` replaced by the learner's.
fn in_learners_file(rendered: &str, diagnostic: &Diagnostic, graded: &Path) -> String {
    fn copies<'d>(diagnostic: &'d Diagnostic, into: &mut Vec<&'d str>) {
        for span in &diagnostic.spans {
            if is_graded_copy(&span.file_name) {
                into.push(&span.file_name);
            }
        }
        for child in &diagnostic.children {
            copies(child, into);
        }
    }
    let mut names = Vec::new();
    copies(diagnostic, &mut names);
    names.sort_unstable();
    names.dedup();
    let learners = display(graded);
    names.iter().fold(rendered.to_owned(), |text, name| {
        text.replace(name, &learners)
    })
}

/// Runs a harness under the watchdog and reads its verdict.
fn run(binary: &Path, seed: Option<u64>) -> Result<Verdict> {
    let mut command = Command::new(binary);
    command
        .current_dir(workspace_root())
        .env(LIFELINE, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(seed) = seed {
        command.env("GRADER_SEED", seed.to_string());
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    // Held, never written: the harness ends when it closes, as it does when we end.
    let _lifeline = child.stdin.take();
    // Drain both pipes on their own threads, so a chatty program cannot block on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).ok();
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let Some(status) = child.wait_timeout(WATCHDOG)? else {
        child.kill().ok();
        child.wait().ok();
        return Ok(Verdict {
            kind: Kind::Hang,
            reason: format!(
                "no verdict after {} s, so the grader stopped it: a thread never finished",
                WATCHDOG.as_secs()
            ),
            replay: None,
        });
    };
    let stdout = stdout.join().unwrap_or_default();
    if let Some(verdict) = Verdict::from_output(&stdout) {
        return verdict.context("the harness printed a malformed verdict");
    }
    let stderr = stderr.join().unwrap_or_default();
    let last = stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("no message");
    Ok(Verdict {
        kind: Kind::Panic,
        reason: format!("the program crashed ({status}): {last}"),
        replay: None,
    })
}

fn print_table(rows: &[Row], mode: Mode) {
    let show_file = matches!(mode, Mode::Variants);
    let width = rows
        .iter()
        .map(|row| {
            if show_file {
                row.file.len()
            } else {
                row.exercise.len()
            }
        })
        .max()
        .unwrap_or(8)
        .max(8);
    println!(
        "{:<width$}  {:<16} {:>6}  reason",
        if show_file { "file" } else { "exercise" },
        "verdict",
        "time"
    );
    for row in rows {
        let (label, reason) = match &row.outcome {
            Outcome::NotStarted => (
                "not started",
                format!(
                    "edit {}, then `cargo xtask check {}` again",
                    row.file, row.exercise
                ),
            ),
            Outcome::Unreadable(reason) => ("cannot read", reason.clone()),
            Outcome::Graded(verdict) => (verdict.kind.label(), verdict.reason.clone()),
        };
        let flag = if mode != Mode::Learner && !row.expected {
            "  <-- NOT AS EXPECTED"
        } else {
            ""
        };
        let name = if show_file { &row.file } else { &row.exercise };
        // A reason of several lines (the compiler's report) goes in full below its row.
        let (reason, details) = reason.split_once('\n').unwrap_or((&reason, ""));
        println!(
            "{name:<width$}  {label:<16} {:>5.1}s  {reason}{flag}",
            row.elapsed.as_secs_f64()
        );
        let failed_with_replay = match &row.outcome {
            Outcome::Graded(verdict) if verdict.kind != Kind::Passed => verdict.replay.as_ref(),
            _ => None,
        };
        if let Some(replay) = failed_with_replay {
            println!("{:<width$}  replay this schedule: {replay}", "");
        }
        if !details.trim().is_empty() {
            println!("{}\n", details.trim_matches('\n'));
        }
    }
    let passed = rows.iter().filter(|row| row.outcome.passed()).count();
    let not_started = rows
        .iter()
        .filter(|row| matches!(row.outcome, Outcome::NotStarted))
        .count();
    let unreadable = rows
        .iter()
        .filter(|row| matches!(row.outcome, Outcome::Unreadable(_)))
        .count();
    let failed = rows.len() - passed - not_started - unreadable;
    let mut summary = format!("\n{passed} passed, {failed} failed, {not_started} not started");
    if unreadable > 0 {
        summary += &format!(", {unreadable} cannot be read");
    }
    println!("{summary}");
}

/// What to read after a pass of one exercise, and what to do next: the hints after a failure
/// of one exercise, else the next unfinished exercise.
fn after_grading(rows: &[Row]) -> Result<()> {
    let all = exercises()?;
    let memory = recall()?;
    let passed_one = match rows {
        [row] if row.outcome.passed() => all.iter().position(|e| e.name == row.exercise),
        _ => None,
    };
    if let Some(index) = passed_one {
        let exercise = &all[index];
        println!(
            "\n✓ {} passed. Compare with the reference solution, {}.",
            exercise.name,
            display(&exercise.solution)
        );
        println!(
            "\n{}",
            wrap(&format!("The lesson: {}", exercise.lesson), 100)
        );
        println!(
            "\nWhy wrong answers fail (they are in chapters/exercises/variants/{}/):\n{}",
            exercise.name,
            wrap(&exercise.discussion, 100)
        );
    }
    // After a failure of the one exercise graded, its hints come next, not another exercise.
    let failed_one = match rows {
        [row] => matches!(&row.outcome, Outcome::Graded(verdict) if verdict.kind != Kind::Passed)
            .then_some(&row.exercise),
        _ => None,
    };
    if let Some(name) = failed_one {
        println!("\nNext: cargo xtask hint {name}");
        return Ok(());
    }
    // The first unfinished exercise after the one just passed (or from the start), never it.
    let start = passed_one.map_or(0, |index| index + 1);
    let next = (0..all.len())
        .map(|offset| (start + offset) % all.len())
        .filter(|&index| Some(index) != passed_one)
        .map(|index| &all[index])
        .find(|exercise| !has_passed(exercise, &memory));
    match next {
        Some(next) => println!("\nNext: cargo xtask check {}", next.name),
        None if passed_one.is_some() => println!("\nEvery exercise has passed. Well done!"),
        None => {}
    }
    Ok(())
}

/// `text` in lines of at most `width` characters, broken between words.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

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

fn remember(rows: &[Row]) -> Result<()> {
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
    let path = memory_path()?;
    // In one step: a run stopped half-way must not leave half a file, which forgets every pass.
    support::files::write_atomically(&path, serde_json::to_string_pretty(&memory)?.as_bytes())
        .map_err(|error| {
            anyhow!(
                "cannot save the grades: {}",
                support::files::explain(&path, &error)
            )
        })
}

/// Remembers `kind` as the verdict for `exercise`'s file holding `content`.
pub(crate) fn remember_verdict(exercise: &Exercise, content: &[u8], kind: Kind) -> Result<()> {
    let mut memory = recall()?;
    memory
        .grades
        .insert(exercise.name.clone(), (blob_id(content), kind));
    let path = memory_path()?;
    support::files::write_atomically(&path, serde_json::to_string_pretty(&memory)?.as_bytes())
        .map_err(|error| {
            anyhow!(
                "cannot save the grades: {}",
                support::files::explain(&path, &error)
            )
        })
}

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

pub(crate) fn hint(name: &str) -> Result<()> {
    let exercise = select(Some(name))?.remove(0);
    println!("Hints for {} ({}):", exercise.name, display(&exercise.file));
    for (index, hint) in exercise.hints.iter().enumerate() {
        println!("{}. {hint}", index + 1);
    }
    Ok(())
}

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
