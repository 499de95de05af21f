//! Be the scheduler: the levels of `cargo xtask play`, where the player picks which thread takes
//! its next step and tries to make a small program fail.
//!
//! A level runs under shuttle with the same `crate::sync` as the grader, and a scheduler of its
//! own ([`engine`]) that follows the player's moves: at each step, a thread's number says which
//! thread goes on; a letter answers a choice that std leaves open (which waiter a `notify_one`
//! wakes, which value a `Relaxed` load reads, a time-out). At the first step past the moves the
//! game stops and tells its state: each thread's next line (recorded by the `#[track_caller]`
//! operations of `crate::sync`), the shared values, the story so far, the moves open.
//!
//! One step of a thread runs it from one operation of `crate::sync` to the start of its next
//! one: what it does in between (its own variables, an unlock when a guard is dropped) no other
//! thread can tell apart from a step. The test's own main thread, which starts and joins the
//! threads, runs whenever it can; a timed wait whose time nobody ended runs out once no thread
//! can go on. Every schedule of moves is one std allows.

mod engine;
mod hooks;
mod run;
mod state;

use std::{fmt::Debug, sync::Arc};

pub use support::play::{Ending, LevelInfo, Move, Proof, State, Thread, moves_text, parse_moves};

use super::story::{self, Named};
pub(super) use engine::active;
pub(super) use hooks::{
    at, choose, early_timeout, spurious_wakeup, waits, which_store, which_waiter,
};
pub use run::{play, search};

/// A level: a small program, and what the player must make it do.
#[derive(Debug, Clone, Copy)]
pub struct Level {
    /// Its name on the command line, `lost_update`.
    pub name: &'static str,
    /// Its title, "The lost update".
    pub title: &'static str,
    /// The chapter it comes from, by package name.
    pub chapter: &'static str,
    /// The goal, in words: "make the ending value 1".
    pub goal: &'static str,
    /// The goal, as a predicate over the state once the game has ended.
    pub won: fn(&State) -> bool,
    /// Whether some schedule reaches the goal (the tests check it).
    pub breakable: bool,
    /// Hints, the gentlest first.
    pub hints: &'static [&'static str],
    /// The fix the chapter teaches.
    pub fix: &'static str,
    /// The choices std leaves open that this level lets the player make, besides the threads'
    /// order and the waiter a `notify_one` wakes.
    pub choices: Choices,
    /// The program: it starts the threads with [`spawn`] and joins them.
    pub run: fn(),
}

/// Choices a level may offer at each wait: off unless its lesson needs them, as each one asks
/// the player a question at every wait.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choices {
    /// A wait may end in a spurious wake-up, as it starts.
    pub spurious_wakeups: bool,
    /// A timed wait's time may run out as it starts (otherwise only once no thread can run).
    pub early_timeouts: bool,
}

impl Choices {
    /// No choices besides the threads' order and the waiter a `notify_one` wakes.
    pub const NONE: Choices = Choices {
        spurious_wakeups: false,
        early_timeouts: false,
    };
}

/// Starts a thread of the level, called `name`: the player's thread number N is the Nth
/// started.
pub fn spawn(
    name: &str,
    work: impl FnOnce() + Send + 'static,
) -> super::sync::thread::JoinHandle<()> {
    hooks::started(name);
    let me = name.to_owned();
    super::sync::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            work();
            hooks::finished(&me);
        })
        .expect("shuttle starts threads")
}

/// Shows `thing` (a Mutex or an atomic) among the shared state as `name`, with its value.
pub fn show<T: Named + Debug + Send + Sync + 'static>(name: &str, thing: &Arc<T>) {
    show_part(name, thing, |thing| thing);
}

/// Shows the part of `owner` that `part` picks (a Mutex or an atomic in a struct) as `name`.
pub fn show_part<S: Send + Sync + 'static, T: Named + Debug + 'static>(
    name: &str,
    owner: &Arc<S>,
    part: fn(&S) -> &T,
) {
    story::name(part(owner), name);
    let tag = part(owner).tag().id();
    // Held until the game is over, so its last value can still be read once every thread that
    // used it has finished. (A primitive of shuttle dropped after the execution does nothing.)
    let owner = Arc::clone(owner);
    let peek = move || shown_value(&format!("{:?}", part(&owner)));
    hooks::shown(name, tag, Some(Box::new(peek)), false);
}

/// Shows `thing` (a lock without data, or a Condvar) among the shared state as `name`: who
/// holds it, who waits on it.
pub fn name<T: Named>(name: &str, thing: &T) {
    story::name(thing, name);
    let condvar = std::any::type_name::<T>().ends_with("Condvar");
    hooks::shown(name, thing.tag().id(), None, condvar);
}

/// The value in a `{:?}` of a Mutex or an atomic; `None` while a Mutex is locked.
fn shown_value(debug: &str) -> Option<String> {
    let Some(rest) = debug.strip_prefix("Mutex { data: ") else {
        return Some(debug.to_owned());
    };
    let value = rest
        .rsplit_once(", poisoned")
        .map_or(rest, |(value, _)| value);
    // Older versions of std print `<locked>`, newer ones `"<locked>"`.
    (value.trim_matches('"') != "<locked>").then(|| value.to_owned())
}

/// What `cargo xtask play` lists of a level whose source is `source`.
pub fn info(level: &Level, source: &str) -> LevelInfo {
    let line_of = |mark: &str| {
        source
            .lines()
            .position(|line| line.trim() == mark)
            .map_or(0, |at| at as u32 + 1)
    };
    let (first, last) = (
        line_of("// ANCHOR: play") + 1,
        line_of("// ANCHOR_END: play"),
    );
    LevelInfo {
        name: level.name.to_owned(),
        title: level.title.to_owned(),
        chapter: level.chapter.to_owned(),
        goal: level.goal.to_owned(),
        breakable: level.breakable,
        hints: level.hints.iter().map(|&hint| hint.to_owned()).collect(),
        fix: level.fix.to_owned(),
        source: source.to_owned(),
        shown: (first, last.saturating_sub(1).max(first)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mutex_shows_its_data_and_nothing_while_locked() {
        assert_eq!(
            super::shown_value("Mutex { data: 3, poisoned: false, .. }"),
            Some("3".into())
        );
        assert_eq!(
            super::shown_value("Mutex { data: <locked>, poisoned: false, .. }"),
            None
        );
        assert_eq!(
            super::shown_value("Mutex { data: \"<locked>\", poisoned: false, .. }"),
            None
        );
        assert_eq!(super::shown_value("7"), Some("7".into()));
    }
}
