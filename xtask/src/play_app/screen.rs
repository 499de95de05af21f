//! Drawing the game: the code with its markers beside the threads and the shared state, the
//! panel below (the story, hints, the win, the proof), the moves open, the keys.

use std::io::Write;

use anyhow::Result;
use crossterm::{
    cursor, queue,
    style::Print,
    terminal::{self, ClearType},
};
use support::play::{Ending, moves_text};

use super::{Game, Panel};
use crate::check::after_pass::wrap;

impl Game<'_> {
    /// The code beside the threads and the shared state, `rows` lines of `width`.
    fn code_and_state(&self, rows: usize, width: usize) -> Vec<String> {
        let right = 25.min(width / 3);
        let left = width.saturating_sub(right + 1);
        let source: Vec<&str> = self.level.source.lines().collect();
        let (first, last) = (self.level.shown.0 as usize, self.level.shown.1 as usize);
        let marked: Vec<usize> = self
            .state
            .threads
            .iter()
            .filter_map(|t| t.line)
            .map(|line| line as usize)
            .collect();
        let mut start = first;
        if last + 1 - first > rows {
            let lowest = marked
                .iter()
                .copied()
                .filter(|&line| line >= first)
                .min()
                .unwrap_or(first);
            let highest = marked
                .iter()
                .copied()
                .filter(|&line| line <= last)
                .max()
                .unwrap_or(first);
            start = lowest.saturating_sub(1).max(first).min(last + 1 - rows);
            if highest >= start + rows {
                start = highest + 1 - rows;
            }
        }
        let code = (start..=last.min(start + rows - 1)).map(|line| {
            let keys: String = self
                .state
                .threads
                .iter()
                .filter(|thread| thread.line == Some(line as u32) && thread.status != "done")
                .map(|thread| thread.key)
                .collect();
            let gutter = if keys.is_empty() {
                "    ".to_owned()
            } else {
                format!("{keys:>3}>")
            };
            let text = source.get(line - 1).copied().unwrap_or_default();
            cut(&format!("{gutter}{text}"), left)
        });
        let mut side = vec!["Threads".to_owned()];
        let names = self
            .state
            .threads
            .iter()
            .map(|thread| thread.name.chars().count())
            .max()
            .unwrap_or(0);
        for thread in &self.state.threads {
            let status = short_status(&thread.status);
            side.push(cut(
                &format!("{} {:<names$} {status}", thread.key, thread.name),
                right,
            ));
        }
        side.push(String::new());
        side.push("Shared".to_owned());
        for line in &self.state.shared {
            side.extend(wrap(line, right).lines().map(|line| cut(line, right)));
        }
        let mut code: Vec<String> = code.collect();
        code.resize(rows, String::new());
        side.resize(rows, String::new());
        code.iter()
            .zip(side)
            .map(|(code, side)| format!("{code:<left$}│{side}"))
            .collect()
    }

    /// The panel below the code, `rows` lines of `width`.
    fn panel(&self, rows: usize, width: usize) -> Vec<String> {
        let story = |rows: usize| -> Vec<String> {
            let steps = &self.state.story;
            let name_width = steps
                .iter()
                .map(|(thread, _)| thread.chars().count())
                .max()
                .unwrap_or(0);
            steps[steps.len().saturating_sub(rows)..]
                .iter()
                .map(|(thread, step)| format!("  {thread:<name_width$}  {step}"))
                .collect()
        };
        let wrapped = |lines: Vec<String>| -> Vec<String> {
            let mut out = Vec::new();
            for line in lines {
                match line.as_str() {
                    "" => out.push(String::new()),
                    line => out.extend(wrap(line, width).lines().map(|line| cut(line, width))),
                }
            }
            out
        };
        let mut lines: Vec<String> = match &self.panel {
            Panel::Story if self.state.story.is_empty() => {
                vec!["  (nothing yet: press a thread's number to step it)".to_owned()]
            }
            Panel::Story => story(rows).iter().map(|line| cut(line, width)).collect(),
            Panel::Hints(shown) => wrapped(
                self.level.hints[..*shown]
                    .iter()
                    .enumerate()
                    .map(|(at, hint)| format!("Hint {}: {hint}", at + 1))
                    .collect(),
            ),
            Panel::Error(error) => wrapped(vec![format!("error: {error}")]),
            Panel::Won(proof) => {
                let mut after = vec![format!(
                    "Your schedule: {} ({})",
                    moves_text(&self.moves),
                    count(self.moves.len())
                )];
                if let Some(shortest) = &proof.shortest {
                    after.push(format!(
                        "Shortest schedule: {} ({}, among {} interleavings)",
                        moves_text(shortest),
                        count(shortest.len()),
                        proof.interleavings
                    ));
                }
                after.push(String::new());
                after.push(format!("The fix: {}", self.level.fix));
                let after = wrapped(after);
                let mut lines = vec![format!(
                    "Goal reached in {}! The story:",
                    count(self.moves.len())
                )];
                lines.extend(
                    story(rows.saturating_sub(after.len() + 2))
                        .iter()
                        .map(|line| cut(line, width)),
                );
                lines.push(String::new());
                lines.extend(after);
                lines
            }
            Panel::GaveUp(proof) => wrapped(match &proof.shortest {
                None if proof.complete => vec![
                    format!(
                        "No schedule reaches the goal: all {} interleavings tried, none reaches it.",
                        proof.interleavings
                    ),
                    format!("Why: {}", self.level.fix),
                ],
                None => vec![format!(
                    "No schedule found in the first {} interleavings (the search stops there).",
                    proof.interleavings
                )],
                Some(shortest) => vec![
                    format!(
                        "This one can be broken: {} ({}, the shortest of {} interleavings).",
                        moves_text(shortest),
                        count(shortest.len()),
                        proof.interleavings
                    ),
                    "Press r and play it.".to_owned(),
                ],
            }),
        };
        if lines.len() > rows {
            lines.drain(..lines.len() - rows);
        }
        lines.resize(rows, String::new());
        lines
    }

    /// The two lines that say what can be played now.
    fn open_moves(&self, width: usize) -> [String; 2] {
        match (&self.state.ending, &self.state.question) {
            (Some(ending), _) => {
                let ending = match ending {
                    Ending::Finished => "Every thread finished.",
                    Ending::Deadlock(reason) | Ending::Failed(reason) => reason,
                };
                let verdict = if self.state.won {
                    "Goal reached."
                } else {
                    "Goal not reached: u undoes a move, r starts again."
                };
                let text = wrap(&format!("{ending} {verdict}"), width);
                let mut lines = text.lines();
                let first = lines.next().unwrap_or_default().to_owned();
                let rest: Vec<&str> = lines.collect();
                [first, cut(&rest.join(" "), width)]
            }
            (None, question) => {
                let open: Vec<String> = self
                    .state
                    .open
                    .iter()
                    .map(|open| format!("{} {}", open.key, open.label))
                    .collect();
                match question {
                    Some(question) => [question.clone(), format!("Answer: {}", open.join(" · "))],
                    None => [
                        "Which thread takes the next step?".to_owned(),
                        format!("Step: {}", open.join(" · ")),
                    ],
                }
            }
        }
    }

    pub(super) fn draw(&self) -> Result<()> {
        let (width, height) = terminal::size().unwrap_or((80, 24));
        let (width, height) = (usize::from(width.max(40)), usize::from(height.max(20)));
        let code_rows = height - 12;
        let title = format!(
            "{}/{} {} ({})",
            self.number, self.count, self.level.title, self.level.chapter
        );
        let moves = format!("moves: {}", self.moves.len());
        let mut lines = vec![
            format!(
                "{title}{moves:>pad$}",
                pad = width.saturating_sub(title.chars().count())
            ),
            format!("Goal: {}", self.level.goal),
            "─".repeat(width),
        ];
        let panel_rows = 4;
        if matches!(self.panel, Panel::Won(_)) {
            lines.extend(self.panel(code_rows + 1 + panel_rows, width));
        } else {
            lines.extend(self.code_and_state(code_rows, width));
            lines.push(format!(
                "── what happened {}",
                "─".repeat(width.saturating_sub(17))
            ));
            lines.extend(self.panel(panel_rows, width));
        }
        lines.extend(self.open_moves(width));
        lines.push("─".repeat(width));
        lines.push(
            "number/letter: play it   u undo   r restart   h hint   g give up   q quit".to_owned(),
        );
        let mut out = std::io::stdout();
        queue!(out, terminal::Clear(ClearType::All))?;
        for (row, line) in lines.iter().take(height).enumerate() {
            queue!(out, cursor::MoveTo(0, row as u16), Print(cut(line, width)))?;
        }
        out.flush()?;
        Ok(())
    }
}

/// `line` cut to `width` characters, with `…` where it was cut.
fn cut(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A thread's status in a few words.
fn short_status(status: &str) -> String {
    if let Some(rest) = status.strip_prefix("waits for ") {
        let lock = rest.split("   (").next().unwrap_or(rest);
        return format!("wants {lock}");
    }
    status.replace("woken, ready", "woken")
}

/// `n moves`, or `1 move`.
fn count(n: usize) -> String {
    if n == 1 {
        "1 move".to_owned()
    } else {
        format!("{n} moves")
    }
}
