//! The hooks through which the level (`spawn`, `show`) and `crate::sync` (each operation, each
//! choice std leaves open) tell the game what happens and ask the player what to choose.

use std::panic::Location;

use super::{
    Move,
    engine::{Player, Shown, active, game, me},
};

/// A thread called `name` is starting.
pub(super) fn started(name: &str) {
    if let Some(game) = game().as_mut() {
        game.players.push(Player {
            name: name.to_owned(),
            at: None,
            arrived: false,
            finished: false,
        });
    }
}

/// The thread called `name` has finished.
pub(super) fn finished(name: &str) {
    if let Some(player) = game().as_mut().and_then(|game| game.player(name)) {
        player.finished = true;
    }
}

/// The level shows something (see [`super::show`]).
pub(super) fn shown(
    name: &str,
    tag: usize,
    peek: Option<Box<dyn Fn() -> Option<String> + Send>>,
    condvar: bool,
) {
    if let Some(game) = game().as_mut() {
        let value = peek.as_ref().and_then(|peek| peek());
        game.shown.push(Shown {
            name: name.to_owned(),
            tag,
            peek,
            condvar,
            value,
        });
    }
}

/// The running thread reached the operation of `crate::sync` called at `location`.
pub(crate) fn at(location: &'static Location<'static>) {
    if !active() {
        return;
    }
    let me = me();
    if let Some(player) = game().as_mut().and_then(|game| game.player(&me)) {
        player.at = Some(location);
        player.arrived = true;
    }
}

/// The player's answer to `question`, one of `labels` (by letter, from `a`); no question when
/// there is only one answer.
pub(crate) fn choose(question: &str, labels: &[impl AsRef<str>]) -> usize {
    if labels.len() < 2 {
        return 0;
    }
    let mut guard = game();
    let Some(game) = guard.as_mut() else { return 0 };
    let open = labels
        .iter()
        .zip('a'..)
        .map(|(label, key)| Move {
            key,
            label: label.as_ref().to_owned(),
        })
        .collect();
    game.decide_or_stop(open, Some(question.to_owned()))
        .unwrap_or(0)
}

/// Which of `len` stores a load of the running thread reads (0 is the newest).
pub(crate) fn which_store(len: usize, value: impl Fn(usize) -> String) -> usize {
    let labels: Vec<String> = (0..len)
        .map(|at| match at {
            0 => format!("reads {} (the newest)", value(at)),
            _ => format!(
                "reads {} (older: nothing made a newer one visible)",
                value(at)
            ),
        })
        .collect();
    choose(&format!("Which value does {}'s load read?", me()), &labels)
}

/// The waiter, of those numbered `waiters`, that a `notify_one` wakes.
pub(crate) fn which_waiter(waiters: &[u64]) -> usize {
    let names: Vec<String> = {
        let guard = game();
        let known = guard
            .as_ref()
            .map(|game| game.waiters.as_slice())
            .unwrap_or_default();
        waiters
            .iter()
            .map(|id| match known.iter().find(|(waiter, _)| waiter == id) {
                Some((_, name)) => format!("wake {name}"),
                None => format!("wake waiter {id}"),
            })
            .collect()
    };
    choose(
        &format!("{}'s notify_one wakes which waiter?", me()),
        &names,
    )
}

/// Whether the timed wait starting now times out at once, if the level lets the player say.
pub(crate) fn early_timeout() -> bool {
    let offered = game()
        .as_ref()
        .is_some_and(|game| game.level.choices.early_timeouts);
    offered
        && choose(
            &format!("Does the time of {}'s wait run out now?", me()),
            &["no: it sleeps until notified", "yes: its time runs out now"],
        ) == 1
}

/// Whether the wait starting now ends in a spurious wake-up, if the level lets the player say.
pub(crate) fn spurious_wakeup() -> bool {
    let offered = game()
        .as_ref()
        .is_some_and(|game| game.level.choices.spurious_wakeups);
    offered
        && choose(
            &format!("Does {}'s wait end at once, spuriously?", me()),
            &[
                "no: it sleeps until notified",
                "yes: it wakes up spuriously",
            ],
        ) == 1
}

/// The running thread waits on a Condvar as the waiter numbered `id`.
pub(crate) fn waits(id: u64) {
    if active() {
        let me = me();
        if let Some(game) = game().as_mut() {
            game.waiters.push((id, me));
        }
    }
}
