//! The table that `check` prints: a row a graded file, then a summary line.

use support::verdict::Kind;

use super::{Mode, Outcome, Row};

/// Prints a row a graded file (the file's path for the variants, else the exercise's name), a
/// compiler's report in full below its row, and the count of passes and failures.
pub(super) fn print_table(rows: &[Row], mode: Mode) {
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
