//! Building a harness: the cargo command, its JSON messages, and a compiler error in the file
//! under grading turned into a "does not compile" verdict that names the learner's file.

use std::{
    io::{BufReader, Read},
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use anyhow::{Context, Result, bail};
use cargo_metadata::{
    Message,
    diagnostic::{Diagnostic, DiagnosticLevel},
};
use support::verdict::{Kind, Verdict};
use xtask::workspace_root;

use super::display;
use crate::lifeline;

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
pub(super) fn build(harness: &str, graded: &Path) -> Result<Result<PathBuf, Verdict>> {
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
