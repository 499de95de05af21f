//! Grades `locked_update`: one thread alone updates three times, then three threads three times
//! each; nothing may be lost, and every update pauses while it holds the lock.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/locked_update.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercises::{Kind, flunk, schedules};
use sync::{Arc, thread};

/// Every interleaving of this one is explored.
fn small() {
    updates(2, 1);
}

fn test() {
    updates(3, 3);
}

/// One thread alone updates `times` times, then `threads` threads `times` times each.
fn updates(threads: i64, times: i64) {
    // Alone first: a value that is wrong without other threads is no race.
    let alone = exercise::FakeDatabase::new();
    (0..times).for_each(|_| alone.locked_update());
    if alone.value() != times {
        flunk(
            Kind::WrongResult,
            format!(
                "one thread alone called locked_update {times} times and the value ended at {}: each call must add exactly 1",
                alone.value()
            ),
        );
    }
    let database = Arc::new(exercise::FakeDatabase::new());
    let workers: Vec<_> = (0..threads)
        .map(|n| {
            let database = Arc::clone(&database);
            thread::Builder::new()
                .name(format!("Thread {n}"))
                .spawn(move || (0..times).for_each(|_| database.locked_update()))
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    let (expected, got) = (threads * times, database.value());
    if got != expected {
        flunk(
            Kind::RaceFound,
            format!(
                "{} of {expected} updates lost (the value ended at {got})",
                expected - got
            ),
        );
    }
    // No update was lost, but the spec asks for the pause inside the critical section: that is
    // what makes the lock necessary, and what the lesson is about.
    let (pauses, calls) = (sync::pauses(), times + threads * times);
    if (pauses.holding_a_lock as i64) < calls {
        let reason = if pauses.holding_a_lock + pauses.holding_none == 0 {
            format!(
                "{calls} calls to locked_update never paused: call thread::yield_now() between the read and the write, where the tutorial sleeps"
            )
        } else {
            format!(
                "{calls} calls to locked_update paused (thread::yield_now) {} times with the lock released and {} times holding it: hold one guard from the read, across the pause, to the write",
                pauses.holding_none, pauses.holding_a_lock
            )
        };
        flunk(Kind::WrongResult, reason);
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check_tiers(
        "locked_update",
        schedules::Tiers {
            small: (small, "2 threads updating once each"),
            bounds: schedules::Bounds::default(),
            also: Vec::new(),
            sampled: (test, "3 threads updating 3 times each"),
        },
    )
}
