//! The levels of `cargo xtask play`, where the player is the scheduler (see
//! `exercises::schedules::play`). Each level is a file in `levels/`, compiled here against the
//! grader's `crate::sync`.
//!
//! ```text
//! grade_play --list                       the levels, as JSON
//! grade_play LEVEL --moves 1,1,2 [--json] play these moves: the story, and whether they win
//! grade_play LEVEL --shortest [--json]    the shortest winning schedule, or the proof of none
//! ```
//!
//! Exits 0 when the moves reach the goal (or the search ran), 1 when they do not, 2 on a
//! mistake in the command.

mod sync {
    pub use exercises::schedules::sync::*;
}
mod play {
    pub use exercises::schedules::play::*;
}

#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/barrier_reused_too_soon.rs"]
mod barrier_reused_too_soon;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/barrier_with_a_generation.rs"]
mod barrier_with_a_generation;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/cancel_and_fire.rs"]
mod cancel_and_fire;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/half_made_payment.rs"]
mod half_made_payment;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/if_instead_of_while.rs"]
mod if_instead_of_while;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/lock_ordering.rs"]
mod lock_ordering;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/locked_update.rs"]
mod locked_update;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/lost_update.rs"]
mod lost_update;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/lost_wake_up.rs"]
mod lost_wake_up;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/one_lock_order.rs"]
mod one_lock_order;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/relocking.rs"]
mod relocking;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/wake_every_waiter.rs"]
mod wake_every_waiter;
#[rustfmt::skip] // a level keeps the narrow layout the game shows
#[path = "../../levels/whole_payment.rs"]
mod whole_payment;

use std::process::ExitCode;

use play::{Level, State, moves_text};

/// The levels in the order they are played, each with its source.
const LEVELS: &[(&Level, &str)] = &[
    (
        &lost_update::LEVEL,
        include_str!("../../levels/lost_update.rs"),
    ),
    (
        &locked_update::LEVEL,
        include_str!("../../levels/locked_update.rs"),
    ),
    (
        &lock_ordering::LEVEL,
        include_str!("../../levels/lock_ordering.rs"),
    ),
    (
        &one_lock_order::LEVEL,
        include_str!("../../levels/one_lock_order.rs"),
    ),
    (&relocking::LEVEL, include_str!("../../levels/relocking.rs")),
    (
        &half_made_payment::LEVEL,
        include_str!("../../levels/half_made_payment.rs"),
    ),
    (
        &whole_payment::LEVEL,
        include_str!("../../levels/whole_payment.rs"),
    ),
    (
        &lost_wake_up::LEVEL,
        include_str!("../../levels/lost_wake_up.rs"),
    ),
    (
        &wake_every_waiter::LEVEL,
        include_str!("../../levels/wake_every_waiter.rs"),
    ),
    (
        &if_instead_of_while::LEVEL,
        include_str!("../../levels/if_instead_of_while.rs"),
    ),
    (
        &cancel_and_fire::LEVEL,
        include_str!("../../levels/cancel_and_fire.rs"),
    ),
    (
        &barrier_reused_too_soon::LEVEL,
        include_str!("../../levels/barrier_reused_too_soon.rs"),
    ),
    (
        &barrier_with_a_generation::LEVEL,
        include_str!("../../levels/barrier_with_a_generation.rs"),
    ),
];

/// What the command line asks for.
struct Command {
    level: Option<String>,
    moves: Vec<char>,
    shortest: bool,
    json: bool,
    list: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut command = Command {
        level: None,
        moves: Vec::new(),
        shortest: false,
        json: false,
        list: false,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => command.list = true,
            "--json" => command.json = true,
            "--shortest" => command.shortest = true,
            "--moves" => {
                let moves = args.next().ok_or("--moves needs a list such as 1,2,1")?;
                command.moves = play::parse_moves(&moves)?;
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ if command.level.is_none() => command.level = Some(arg),
            _ => return Err(format!("one level at a time, not also {arg}")),
        }
    }
    Ok(command)
}

fn main() -> ExitCode {
    exercises::end_with_the_grader();
    let command = match parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    if command.list {
        let infos: Vec<_> = LEVELS
            .iter()
            .map(|(level, source)| play::info(level, source))
            .collect();
        println!("{}", serde_json::to_string(&infos).expect("plain data"));
        return ExitCode::SUCCESS;
    }
    let Some(name) = command.level else {
        eprintln!("error: name a level, or ask for --list");
        return ExitCode::from(2);
    };
    let Some(&(level, _)) = LEVELS.iter().find(|(level, _)| level.name == name) else {
        let names: Vec<&str> = LEVELS.iter().map(|(level, _)| level.name).collect();
        eprintln!(
            "error: there is no level called `{name}`; the levels are: {}",
            names.join(", ")
        );
        return ExitCode::from(2);
    };
    let file = format!("{}.rs", level.name);
    if command.shortest {
        let proof = play::search(level, &file);
        if command.json {
            println!("{}", serde_json::to_string(&proof).expect("plain data"));
        } else {
            println!("{}", proof_text(&proof));
        }
        return ExitCode::SUCCESS;
    }
    let state = play::play(level, &file, &command.moves);
    if command.json {
        println!("{}", serde_json::to_string(&state).expect("plain data"));
    } else {
        println!("{}: {}", level.title, level.goal);
        println!("{}", state_text(&state));
    }
    match &state {
        State { error: Some(_), .. } => ExitCode::from(2),
        State { won: true, .. } => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}

/// What a search found, in a sentence or two.
fn proof_text(proof: &play::Proof) -> String {
    let tried = if proof.complete {
        format!("all {} interleavings tried", proof.interleavings)
    } else {
        format!(
            "the first {} interleavings tried (the search stops there)",
            proof.interleavings
        )
    };
    match &proof.shortest {
        Some(moves) => format!(
            "shortest winning schedule: {} ({} move{}; {tried})",
            moves_text(moves),
            moves.len(),
            if moves.len() == 1 { "" } else { "s" }
        ),
        None => format!("no schedule reaches the goal: {tried}, none reaches it"),
    }
}

/// The story of a game and where it stands.
fn state_text(state: &State) -> String {
    let width = state
        .story
        .iter()
        .map(|(thread, _)| thread.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines = vec![format!("moves: {}", moves_text(&state.moves))];
    lines.extend(
        state
            .story
            .iter()
            .map(|(thread, step)| format!("    {thread:<width$}   {step}")),
    );
    lines.extend(state.shared.iter().map(|line| format!("  {line}")));
    if let Some(error) = &state.error {
        lines.push(format!("error: {error}"));
    }
    match &state.ending {
        Some(play::Ending::Finished) => lines.push("every thread finished".into()),
        Some(play::Ending::Deadlock(reason) | play::Ending::Failed(reason)) => {
            lines.push(reason.clone());
        }
        None => {
            let open: Vec<String> = state
                .open
                .iter()
                .map(|choice| format!("{} ({})", choice.key, choice.label))
                .collect();
            if let Some(question) = &state.question {
                lines.push(question.clone());
            }
            lines.push(format!("open now: {}", open.join(", ")));
        }
    }
    lines.push(if state.won {
        match state.moves.len() {
            1 => "goal reached in 1 move".to_owned(),
            moves => format!("goal reached in {moves} moves"),
        }
    } else {
        "goal not reached".to_owned()
    });
    lines.join("\n")
}
