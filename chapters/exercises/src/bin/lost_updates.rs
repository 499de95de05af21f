//! Grades `lost_updates`: one thread alone adds five, then three threads add five each; under
//! every schedule tried, the counter must end at 15.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/lost_updates.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercises::{Kind, flunk, schedules};
use sync::{Arc, thread};

const THREADS: u64 = 3;
const EACH: u64 = 5;

fn test() {
    // Alone first: a count that is wrong without other threads is no race.
    let alone = exercise::Counter::new();
    (0..EACH).for_each(|_| alone.increment());
    if alone.get() != EACH {
        flunk(
            Kind::WrongResult,
            format!(
                "one thread alone called increment {EACH} times and the counter ended at {}: each call must add exactly 1",
                alone.get()
            ),
        );
    }
    let counter = Arc::new(exercise::Counter::new());
    let workers: Vec<_> = (1..=THREADS)
        .map(|n| {
            let counter = Arc::clone(&counter);
            thread::Builder::new()
                .name(format!("thread {n}"))
                .spawn(move || (0..EACH).for_each(|_| counter.increment()))
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    let (expected, got) = (THREADS * EACH, counter.get());
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
    schedules::check("lost_updates", test)
}
