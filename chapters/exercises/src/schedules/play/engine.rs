//! The game's decisions: at each step, which thread goes on by itself (one in the middle of its
//! step, a new thread, the test's main thread) and which the player picks; following the
//! player's moves, or for a search, a stack of the alternatives taken so far.

use std::{
    panic::Location,
    sync::{
        Mutex as StdMutex, MutexGuard as StdMutexGuard, PoisonError,
        atomic::{AtomicBool, Ordering::Relaxed},
    },
};

use shuttle::scheduler::{Task, TaskId};

use super::{Level, Move, State, state};
use crate::schedules::choices::CLOCK;

/// One thread of the level.
pub(super) struct Player {
    pub(super) name: String,
    /// The last operation of `crate::sync` it reached: its next step starts there.
    pub(super) at: Option<&'static Location<'static>>,
    /// Whether it has reached an operation since it was last picked: its step is over.
    pub(super) arrived: bool,
    pub(super) finished: bool,
}

/// Something the level shows: its name, tag, how to read its value, its last value.
pub(super) struct Shown {
    pub(super) name: String,
    pub(super) tag: usize,
    pub(super) peek: Option<Box<dyn Fn() -> Option<String> + Send>>,
    pub(super) condvar: bool,
    pub(super) value: Option<String>,
}

pub(super) enum Mode {
    /// Play these moves, then stop.
    Follow(Vec<char>),
    /// Every schedule: the alternative taken at each decision so far, and of how many.
    Search(Vec<(usize, usize)>),
}

/// The game being played: the level, the moves, and what the current execution has seen.
pub(super) struct Game {
    pub(super) level: &'static Level,
    /// The level's file name, to tell its lines from others'.
    pub(super) file: String,
    pub(super) mode: Mode,
    pub(super) moves: Vec<char>,
    pub(super) players: Vec<Player>,
    pub(super) shown: Vec<Shown>,
    /// The names of the tasks that could run at the last step.
    pub(super) runnable: Vec<String>,
    /// Which thread is each Condvar waiter, by the waiter's number.
    pub(super) waiters: Vec<(u64, String)>,
    /// The task picked last, and its name.
    pub(super) last: Option<(TaskId, String)>,
    /// The state where the game stopped, at the first decision past the moves.
    pub(super) stop: Option<State>,
}

static GAME: StdMutex<Option<Game>> = StdMutex::new(None);
pub(super) static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Games share the globals: one at a time.
pub(super) static ONE_AT_A_TIME: StdMutex<()> = StdMutex::new(());

pub(super) fn game() -> StdMutexGuard<'static, Option<Game>> {
    GAME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether a game is being played: `crate::sync` then asks the player its choices.
pub(crate) fn active() -> bool {
    ACTIVE.load(Relaxed)
}

pub(super) fn me() -> String {
    shuttle::thread::current()
        .name()
        .unwrap_or_default()
        .to_owned()
}

impl Game {
    pub(super) fn player(&mut self, name: &str) -> Option<&mut Player> {
        self.players.iter_mut().find(|player| player.name == name)
    }

    /// The move the player makes among `open`: `None` if the game stops here.
    fn decide(&mut self, open: Vec<Move>, question: Option<String>) -> Option<usize> {
        if self.stop.is_some() || std::thread::panicking() {
            return Some(0);
        }
        let depth = self.moves.len();
        let taken = match &mut self.mode {
            Mode::Follow(script) => {
                let key = *script.get(depth)?;
                match open.iter().position(|choice| choice.key == key) {
                    Some(taken) => taken,
                    None => {
                        let keys: Vec<char> = open.iter().map(|choice| choice.key).collect();
                        let error = format!(
                            "move {} is `{key}`, which is not open then; the moves open were {}",
                            depth + 1,
                            super::moves_text(&keys)
                        );
                        self.stop = Some(state::snapshot(self, open, question, Some(error), None));
                        return None;
                    }
                }
            }
            Mode::Search(stack) => match stack.get(depth) {
                Some(&(taken, _)) => taken.min(open.len() - 1),
                None => {
                    stack.push((0, open.len()));
                    0
                }
            },
        };
        self.moves.push(open[taken].key);
        Some(taken)
    }

    /// As [`Game::decide`], and when the game stops here, keeps its state.
    pub(super) fn decide_or_stop(
        &mut self,
        open: Vec<Move>,
        question: Option<String>,
    ) -> Option<usize> {
        let decided = self.decide(open.clone(), question.clone());
        if decided.is_none() && self.stop.is_none() {
            self.stop = Some(state::snapshot(self, open, question, None, None));
        }
        decided
    }

    pub(super) fn refresh(&mut self) {
        for shown in &mut self.shown {
            if let Some(value) = shown.peek.as_ref().and_then(|peek| peek()) {
                shown.value = Some(value);
            }
        }
    }

    pub(super) fn next_task(
        &mut self,
        runnable: &[&Task],
        current: Option<TaskId>,
    ) -> Option<TaskId> {
        if self.stop.is_some() {
            return None;
        }
        self.refresh();
        let name = |task: &Task| task.name().unwrap_or_default();
        self.runnable = runnable.iter().map(|task| name(task)).collect();
        // A thread that blocked or finished has ended its step.
        if let Some((id, last)) = self.last.clone()
            && !runnable.iter().any(|task| task.id() == id)
            && let Some(player) = self.player(&last)
        {
            player.arrived = true;
        }
        let is_player =
            |game: &Game, task: &Task| game.players.iter().any(|p| p.name == name(task));
        let mid_step = |game: &Game, task: &Task| {
            game.players
                .iter()
                .any(|p| p.name == name(task) && !p.arrived)
        };
        let current = current.and_then(|id| runnable.iter().find(|task| task.id() == id));
        // A thread that panicked unwinds without the player: its game is over.
        if std::thread::panicking() {
            return current.or(runnable.first()).map(|task| task.id());
        }
        let pick = current
            // A clock that started goes on; so does a thread in the middle of its step.
            .filter(|task| name(task) == CLOCK || mid_step(self, task))
            // A new thread runs to its first operation.
            .or_else(|| runnable.iter().find(|task| mid_step(self, task)))
            // The test's own thread runs whenever it can.
            .or_else(|| {
                runnable
                    .iter()
                    .find(|task| name(task) != CLOCK && !is_player(self, task))
            });
        let task = match pick {
            Some(task) => task.id(),
            None => {
                let mut threads: Vec<(usize, TaskId)> = runnable
                    .iter()
                    .filter_map(|task| {
                        let at = self.players.iter().position(|p| p.name == name(task))?;
                        Some((at, task.id()))
                    })
                    .collect();
                threads.sort();
                if threads.is_empty() {
                    // Only clocks: the oldest wait's time runs out.
                    runnable.first()?.id()
                } else {
                    let open = threads
                        .iter()
                        .map(|&(at, _)| Move {
                            key: key_of(at),
                            label: self.players[at].name.clone(),
                        })
                        .collect();
                    let (at, id) = threads[self.decide_or_stop(open, None)?];
                    self.players[at].arrived = false;
                    id
                }
            }
        };
        let picked = runnable.iter().find(|t| t.id() == task).map(|t| name(t));
        self.last = Some((task, picked.unwrap_or_default()));
        Some(task)
    }
}

/// The key of the thread started `at`th (from 0): `1` for the first.
pub(super) fn key_of(at: usize) -> char {
    char::from_digit(at as u32 + 1, 36).unwrap_or('?')
}
