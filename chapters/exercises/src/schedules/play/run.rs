//! Running a game: one execution of the level under the game's scheduler per list of moves,
//! and the search of every schedule, depth first, as the exhaustive tier does.

use std::{
    panic::{self, AssertUnwindSafe},
    sync::{PoisonError, atomic::Ordering::Relaxed},
};

use shuttle::{
    Runner,
    scheduler::{Schedule, Scheduler, Task, TaskId},
};

use super::{
    Ending, Level, Proof, State,
    engine::{ACTIVE, Game, Mode, ONE_AT_A_TIME, game},
    state,
};
use crate::{Kind, schedules::sync};

/// The most games one search plays before it stops and says so.
const BUDGET: usize = 200_000;

/// The scheduler of one game's execution.
struct Scripted {
    ran: bool,
}

impl Scheduler for Scripted {
    fn new_execution(&mut self) -> Option<Schedule> {
        (!std::mem::replace(&mut self.ran, true)).then(|| Schedule::new(0))
    }

    fn next_task(
        &mut self,
        runnable: &[&Task],
        current: Option<TaskId>,
        _is_yielding: bool,
    ) -> Option<TaskId> {
        game().as_mut()?.next_task(runnable, current)
    }

    fn next_u64(&mut self) -> u64 {
        0
    }
}

/// Plays `level` (whose file is called `file`) once in `mode`: its state at the end or where it
/// stopped, and the mode back.
fn once(level: &'static Level, file: &str, mode: Mode) -> (State, Mode) {
    *game() = Some(Game {
        level,
        file: file.to_owned(),
        mode,
        moves: Vec::new(),
        players: Vec::new(),
        shown: Vec::new(),
        runnable: Vec::new(),
        waiters: Vec::new(),
        last: None,
        stop: None,
    });
    ACTIVE.store(true, Relaxed);
    crate::quiet_panics();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        Runner::new(Scripted { ran: false }, crate::schedules::config()).run(move || {
            sync::records::begin_execution();
            crate::schedules::story::begin();
            crate::forget_panics();
            (level.run)();
        });
    }));
    ACTIVE.store(false, Relaxed);
    let mut game = game().take().expect("the game is still there");
    let state = match game.stop.take() {
        Some(state) => state,
        None => {
            game.refresh();
            let ending = match outcome {
                Ok(()) => Ending::Finished,
                Err(payload) => match crate::schedules::judge(&crate::panic_message(&*payload)) {
                    (Kind::Deadlock, reason) => Ending::Deadlock(reason),
                    (_, reason) => Ending::Failed(reason),
                },
            };
            state::snapshot(&mut game, Vec::new(), None, None, Some(ending))
        }
    };
    (state, game.mode)
}

/// Plays `moves` in `level`, whose source file is called `file`: the state where they lead.
pub fn play(level: &'static Level, file: &str, moves: &[char]) -> State {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    once(level, file, Mode::Follow(moves.to_vec())).0
}

/// Plays every schedule of `level` to its end: how many, and the shortest that wins.
pub fn search(level: &'static Level, file: &str) -> Proof {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let mut stack = Vec::new();
    let mut proof = Proof {
        interleavings: 0,
        shortest: None,
        complete: true,
    };
    loop {
        let (state, mode) = once(level, file, Mode::Search(stack));
        let Mode::Search(mut done) = mode else {
            unreachable!("a search stays a search")
        };
        proof.interleavings += 1;
        let shorter = |best: &Vec<char>| state.moves.len() < best.len();
        if state.won && proof.shortest.as_ref().is_none_or(shorter) {
            proof.shortest = Some(state.moves.clone());
        }
        done.truncate(state.moves.len());
        while done.last().is_some_and(|&(taken, of)| taken + 1 >= of) {
            done.pop();
        }
        let Some(last) = done.last_mut() else {
            return proof;
        };
        last.0 += 1;
        if proof.interleavings >= BUDGET {
            proof.complete = false;
            return proof;
        }
        stack = done;
    }
}
