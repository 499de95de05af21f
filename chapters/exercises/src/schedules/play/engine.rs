//! The game's scheduler: it follows the player's moves, or, for `--shortest`, explores every
//! schedule of moves depth first, as the exhaustive tier does, one execution per schedule.

use std::{
    panic::{self, AssertUnwindSafe, Location},
    sync::{
        Mutex as StdMutex, MutexGuard as StdMutexGuard, PoisonError,
        atomic::{AtomicBool, Ordering::Relaxed},
    },
};

use shuttle::{
    Runner,
    scheduler::{Schedule, Scheduler, Task, TaskId},
};

use super::{Level, Move, Proof, State, state};
use crate::{Kind, schedules::sync};

/// The most games one search plays before it stops and says so.
const BUDGET: usize = 200_000;

/// One thread of the level.
pub(super) struct Player {
    pub(super) name: String,
    /// The last operation of `crate::sync` it reached: its next step starts there.
    pub(super) at: Option<&'static Location<'static>>,
    /// Whether it has reached an operation since it was last picked: its step is over.
    arrived: bool,
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

enum Mode {
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
    mode: Mode,
    pub(super) moves: Vec<char>,
    pub(super) players: Vec<Player>,
    pub(super) shown: Vec<Shown>,
    /// The names of the tasks that could run at the last step.
    pub(super) runnable: Vec<String>,
    /// Which thread is each Condvar waiter, by the waiter's number.
    waiters: Vec<(u64, String)>,
    /// The task picked last, and its name.
    last: Option<(TaskId, String)>,
    /// The state where the game stopped, at the first decision past the moves.
    stop: Option<State>,
}

static GAME: StdMutex<Option<Game>> = StdMutex::new(None);
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Games share the globals: one at a time.
static ONE_AT_A_TIME: StdMutex<()> = StdMutex::new(());

fn game() -> StdMutexGuard<'static, Option<Game>> {
    GAME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether a game is being played: `crate::sync` then asks the player its choices.
pub(crate) fn active() -> bool {
    ACTIVE.load(Relaxed)
}

fn me() -> String {
    shuttle::thread::current()
        .name()
        .unwrap_or_default()
        .to_owned()
}

impl Game {
    fn player(&mut self, name: &str) -> Option<&mut Player> {
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
    fn decide_or_stop(&mut self, open: Vec<Move>, question: Option<String>) -> Option<usize> {
        let decided = self.decide(open.clone(), question.clone());
        if decided.is_none() && self.stop.is_none() {
            self.stop = Some(state::snapshot(self, open, question, None, None));
        }
        decided
    }

    fn refresh(&mut self) {
        for shown in &mut self.shown {
            if let Some(value) = shown.peek.as_ref().and_then(|peek| peek()) {
                shown.value = Some(value);
            }
        }
    }

    fn next_task(&mut self, runnable: &[&Task], current: Option<TaskId>) -> Option<TaskId> {
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
            .filter(|task| name(task) == sync::CLOCK || mid_step(self, task))
            // A new thread runs to its first operation.
            .or_else(|| runnable.iter().find(|task| mid_step(self, task)))
            // The test's own thread runs whenever it can.
            .or_else(|| {
                runnable
                    .iter()
                    .find(|task| name(task) != sync::CLOCK && !is_player(self, task))
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
            sync::reset_condvars();
            super::story::begin();
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
                Ok(()) => super::Ending::Finished,
                Err(payload) => match crate::schedules::judge(&crate::panic_message(&*payload)) {
                    (Kind::Deadlock, reason) => super::Ending::Deadlock(reason),
                    (_, reason) => super::Ending::Failed(reason),
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
