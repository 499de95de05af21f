//! The choices std leaves open, as the model in [`super::sync`] asks for them: which waiter a
//! `notify_one` wakes, which store a load reads, whether a wait ends at once (spuriously, or as
//! its time runs out), whether a `recv_timeout` gives up now.
//!
//! Whoever runs the execution answers: the exhaustive explorer ([`super::exhaustive`]), which
//! takes every answer in turn; the player of a game ([`super::play`]); or else shuttle's seeded
//! random numbers, so that a failing schedule replays with its seed. The model asks only here,
//! and the explorer knows nothing of the model: it answers these questions, and runs a task
//! named [`CLOCK`] (time passing, which the model starts for each timed wait) only once no
//! thread of the test can run.

use shuttle::rand::Rng;

use super::{exhaustive, play};

pub(super) use exhaustive::CLOCK;

/// Whether the exhaustive explorer runs this execution: it picks every moment itself.
pub(super) fn every_moment_explored() -> bool {
    exhaustive::active()
}

/// Whether a `recv_timeout` that finds its channel empty gives up now.
pub(super) fn recv_times_out() -> bool {
    if exhaustive::active() {
        return exhaustive::choose(2, "coin") == 1;
    }
    if play::active() {
        return play::choose("Does the wait go on?", &["it goes on", "it ends"]) == 1;
    }
    shuttle::rand::thread_rng().gen_bool(0.5)
}

/// Which of the Condvar's `waiters` (by number, oldest first) a `notify_one` wakes.
pub(super) fn which_waiter(waiters: &[u64]) -> usize {
    if play::active() {
        return play::which_waiter(waiters);
    }
    let len = waiters.len();
    if len < 2 {
        return 0;
    }
    if exhaustive::active() {
        return exhaustive::choose(len, "the waiter a notify_one wakes");
    }
    shuttle::rand::thread_rng().gen_range(0..len)
}

/// Which of `len` stores a load reads, newest first (see [`super::sync::atomic`]): every one in
/// the exhaustive tier, within its bound on older values read; in a game, the player's, who sees
/// each store's value by `value`.
pub(super) fn which_store(len: usize, value: impl Fn(usize) -> String) -> usize {
    if exhaustive::active() {
        return exhaustive::stale_read(len);
    }
    if play::active() {
        return play::which_store(len, value);
    }
    shuttle::rand::thread_rng().gen_range(0..len)
}

/// Whether the timed wait starting now times out at once, before it is even registered. Only
/// the explorer and the player say yes: under sampled schedules a clock task ends the wait.
pub(super) fn early_timeout() -> bool {
    exhaustive::early_timeout() || play::early_timeout()
}

/// Whether the wait starting now ends at once in a spurious wake-up. Only the explorer and the
/// player say yes: sampled schedules have a task of their own that wakes the waiters.
pub(super) fn spurious_wakeup() -> bool {
    exhaustive::spurious_wakeup() || play::spurious_wakeup()
}
