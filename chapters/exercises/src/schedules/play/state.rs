//! The state of a game as the player sees it: each thread's next line and status, the shared
//! values, who holds and who waits, the story so far.

use super::{
    Ending, Move, State, Thread,
    engine::{Game, key_of},
};
use crate::schedules::{story, sync::records};

/// The state of `game` now, with the moves `open` (answering `question`, if it is not "which
/// thread goes on"), an `error` if the last move could not be played, and its `ending`.
pub(super) fn snapshot(
    game: &mut Game,
    open: Vec<Move>,
    question: Option<String>,
    error: Option<String>,
    ending: Option<Ending>,
) -> State {
    let steps = story::steps();
    let last_step = |name: &str| {
        steps
            .iter()
            .rev()
            .find(|(thread, _)| thread == name)
            .map(|(_, step)| step.as_str())
    };
    let threads: Vec<Thread> = game
        .players
        .iter()
        .enumerate()
        .map(|(at, player)| {
            let ready = ending.is_none() && game.runnable.contains(&player.name);
            let status = match last_step(&player.name) {
                _ if player.finished => "done".to_owned(),
                Some(step) if ready && step.starts_with("waits on") => "woken, ready".to_owned(),
                _ if ready => "ready".to_owned(),
                Some(step) if step.starts_with("waits") => step.to_owned(),
                _ => "blocked".to_owned(),
            };
            let line = player
                .at
                .filter(|location| location.file().ends_with(&game.file))
                .map(|location| location.line());
            Thread {
                key: key_of(at),
                name: player.name.clone(),
                status,
                line,
            }
        })
        .collect();
    let shared = game
        .shown
        .iter()
        .map(|shown| {
            let mut line = shown.name.clone();
            if shown.condvar {
                let waiting: Vec<&str> = threads
                    .iter()
                    .filter(|thread| thread.status == format!("waits on {}", shown.name))
                    .map(|thread| thread.name.as_str())
                    .collect();
                line += &match waiting.as_slice() {
                    [] => ": nobody waits".to_owned(),
                    [one] => format!(": {one} waits"),
                    many => format!(": {} wait", many.join(", ")),
                };
                return line;
            }
            if let Some(value) = &shown.value {
                line += &format!(" = {value}");
            }
            match records::told_holder(shown.tag) {
                Some(holder) if shown.value.is_some() => line += &format!(", held by {holder}"),
                Some(holder) => line += &format!(": held by {holder}"),
                None if shown.peek.is_none() => line += ": free",
                None => {}
            }
            line
        })
        .collect();
    let values = game
        .shown
        .iter()
        .filter_map(|shown| Some((shown.name.clone(), shown.value.clone()?)))
        .collect();
    let mut state = State {
        moves: game.moves.clone(),
        threads,
        shared,
        values,
        story: steps,
        question,
        open,
        ending,
        won: false,
        error,
    };
    state.won = state.ending.is_some() && (game.level.won)(&state);
    state
}
