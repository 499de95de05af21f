//! Grades `lost_updates`: one thread alone adds, then several threads add at once; nothing may
//! be lost. Every interleaving of one thread alone adding 2, then 2 threads adding 1 each, then
//! sampled schedules of one alone adding 5, then 3 threads adding 5 each.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/lost_updates.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercises::{Kind, flunk, schedules};
use sync::{Arc, thread};

/// Every interleaving of this one is explored.
fn small() {
    adds(2, 2, 1);
}

fn test() {
    adds(5, 3, 5);
}

/// One thread alone calls `increment` `alone` times, then `threads` threads call it `each`
/// times each.
fn adds(alone: u64, threads: u64, each: u64) {
    // Alone first: a count that is wrong without other threads is no race.
    let counter = exercise::Counter::new();
    (0..alone).for_each(|_| counter.increment());
    if counter.get() != alone {
        flunk(
            Kind::WrongResult,
            format!(
                "one thread alone called increment {alone} times and the counter ended at {}: each call must add exactly 1",
                counter.get()
            ),
        );
    }
    let counter = Arc::new(exercise::Counter::new());
    let workers: Vec<_> = (1..=threads)
        .map(|n| {
            let counter = Arc::clone(&counter);
            thread::Builder::new()
                .name(format!("thread {n}"))
                .spawn(move || (0..each).for_each(|_| counter.increment()))
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    let (expected, got) = (threads * each, counter.get());
    if got != expected {
        flunk(
            Kind::RaceFound,
            format!(
                "{} of {expected} updates lost (the counter ended at {got})",
                expected.saturating_sub(got)
            ),
        );
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check_tiers(
        "lost_updates",
        schedules::Tiers {
            small: (small, "2 threads adding 1 each"),
            bounds: schedules::Bounds::default(),
            also: Vec::new(),
            sampled: (test, "3 threads adding 5 each"),
        },
    )
}
