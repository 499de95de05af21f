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

fn test() {
    // Alone first: a value that is wrong without other threads is no race.
    let alone = exercise::FakeDatabase::new();
    (0..3).for_each(|_| alone.locked_update());
    if alone.value() != 3 {
        flunk(
            Kind::WrongResult,
            format!(
                "one thread alone called locked_update 3 times and the value ended at {}: each call must add exactly 1",
                alone.value()
            ),
        );
    }
    let database = Arc::new(exercise::FakeDatabase::new());
    let workers: Vec<_> = (0..3)
        .map(|n| {
            let database = Arc::clone(&database);
            thread::Builder::new()
                .name(format!("Thread {n}"))
                .spawn(move || (0..3).for_each(|_| database.locked_update()))
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    let got = database.value();
    if got != 9 {
        flunk(
            Kind::RaceFound,
            format!("{} of 9 updates lost (the value ended at {got})", 9 - got),
        );
    }
    // No update was lost, but the spec asks for the pause inside the critical section: that is
    // what makes the lock necessary, and what the lesson is about.
    let pauses = sync::pauses();
    if pauses.holding_a_lock < 12 {
        let reason = if pauses.holding_a_lock + pauses.holding_none == 0 {
            "12 calls to locked_update never paused: call thread::yield_now() between the read and the write, where the tutorial sleeps".to_owned()
        } else {
            format!(
                "12 calls to locked_update paused (thread::yield_now) {} times with the lock released and {} times holding it: hold one guard from the read, across the pause, to the write",
                pauses.holding_none, pauses.holding_a_lock
            )
        };
        flunk(Kind::WrongResult, reason);
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check("locked_update", test)
}
