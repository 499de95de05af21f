//! What `check` prints after grading one exercise: after a pass, the lesson, why wrong answers
//! fail and each wrong answer's mistake as a diff; after a failure, the way to the hints; else
//! the next unfinished exercise.

use anyhow::Result;
use support::verdict::Kind;
use xtask::{
    Exercise, exercises,
    variants::{self, Base},
};

use super::{
    Outcome, Row, display,
    memory::{has_passed, recall},
};

/// What to read after a pass of one exercise, and what to do next: the hints after a failure
/// of one exercise, else the next unfinished exercise.
pub(super) fn after_grading(rows: &[Row]) -> Result<()> {
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
        for line in mistakes(exercise, 100) {
            println!("{line}");
        }
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

/// The wrong variants of `exercise` in the order its discussion names them, to follow it after
/// a blank line: each kept as one mistake by its name and the lines it changes (in the reference
/// solution, or in the other answer it names), then the names of those of their own design.
/// Prose is wrapped at `width`; the diffs never.
pub(crate) fn mistakes(exercise: &Exercise, width: usize) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut whole = Vec::new();
    for variant in variants::wrong_ones(exercise).unwrap_or_default() {
        match variants::mistake(exercise, &variant) {
            Ok(Some(mistake)) => {
                diffs.push(String::new());
                diffs.push(match &mistake.base {
                    Base::Variant(base) => format!("`{}`, a change to `{base}`:", variant.name),
                    _ => format!("`{}`:", variant.name),
                });
                diffs.extend(mistake.hunks.lines().map(str::to_owned));
            }
            _ => whole.push(format!("`{}`", variant.name)),
        }
    }
    // Each paragraph of prose after a blank line, wrapped.
    let paragraph = |text: String| {
        let mut lines = vec![String::new()];
        lines.extend(wrap(&text, width).lines().map(str::to_owned));
        lines
    };
    let mut lines = Vec::new();
    if !diffs.is_empty() {
        lines.extend(paragraph(format!(
            "The mistakes, each as the change it makes to the reference solution {} (or to \
             the other answer it names):",
            display(&exercise.solution)
        )));
        lines.extend(diffs);
    }
    if !whole.is_empty() {
        lines.extend(paragraph(format!(
            "Written another way throughout, so not shown as a change (in {}/): {}.",
            display(&variants::folder(exercise)),
            whole.join(", ")
        )));
    }
    lines
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
