//! Time, which shuttle does not have: a timed wait (`wait_timeout`, `park_timeout`,
//! `recv_timeout`) times out at a moment the scheduler picks, and a task named
//! [`CLOCK`](crate::schedules::choices::CLOCK), started for each timed wait, is that moment.

use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use crate::schedules::choices;

/// Whether timed waits may time out. A harness whose spec has no time in it turns this off, so
/// that a wait which only a time-out ends counts as what it is: a wake-up nobody sends.
static TIMEOUTS: AtomicBool = AtomicBool::new(true);

/// From now on, timed waits (`wait_timeout`, `park_timeout`, `recv_timeout`) never time out.
pub fn timed_waits_never_time_out() {
    TIMEOUTS.store(false, Relaxed);
}

/// Whether timed waits may time out (see [`timed_waits_never_time_out`]).
pub(in crate::schedules) fn timeouts() -> bool {
    TIMEOUTS.load(Relaxed)
}

/// Runs `then` on a task of its own, at a moment the scheduler picks: this is how time passes.
pub(super) fn at_some_moment(then: impl FnOnce() + Send + 'static) {
    let started = shuttle::thread::Builder::new()
        .name(choices::CLOCK.into())
        .spawn(move || {
            // Under PCT a yield also lowers the task's priority: time passes late as well as early.
            // (The exhaustive tier picks every moment itself.)
            if !choices::every_moment_explored() {
                shuttle::thread::yield_now();
            }
            then();
        })
        .expect("shuttle spawns tasks");
    // Detached: an execution may end while its clock still runs.
    drop(started);
}
