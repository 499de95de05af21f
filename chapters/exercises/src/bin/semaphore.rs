//! Grades `semaphore`: with 2 permits and 3 threads, never more than 2 holders, and every
//! thread gets through; then two threads wait while both permits are held, and two releases in
//! a row must wake both. Timed waits never time out here: the spec has no time in it, so a
//! waiter that only a time-out would wake is a lost wake-up.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/semaphore.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercises::{Kind, flunk, schedules};
use sync::{
    Arc,
    atomic::{AtomicUsize, Ordering::SeqCst},
    thread,
};

const PERMITS: usize = 2;

fn test() {
    let semaphore = Arc::new(exercise::Semaphore::new(PERMITS));
    let holders = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (1..=3)
        .map(|n| {
            let (semaphore, holders) = (Arc::clone(&semaphore), Arc::clone(&holders));
            thread::Builder::new()
                .name(format!("worker {n}"))
                .spawn(move || {
                    for _ in 0..2 {
                        semaphore.acquire();
                        let now = holders.fetch_add(1, SeqCst) + 1;
                        if now > PERMITS {
                            flunk(Kind::WrongResult, format!("{now} threads held a permit at once, with only {PERMITS} permits"));
                        }
                        thread::yield_now();
                        holders.fetch_sub(1, SeqCst);
                        semaphore.release();
                    }
                })
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));

    // Two waiters and two releases in a row: each release must wake a waiter, even when the
    // first waiter has not yet taken its permit when the second release comes.
    let semaphore = Arc::new(exercise::Semaphore::new(PERMITS));
    (0..PERMITS).for_each(|_| semaphore.acquire());
    let waiters: Vec<_> = (1..=2)
        .map(|n| {
            let semaphore = Arc::clone(&semaphore);
            thread::Builder::new()
                .name(format!("waiter {n} (both permits were held when it came)"))
                .spawn(move || {
                    semaphore.acquire();
                    semaphore.release();
                })
                .expect("spawn")
        })
        .collect();
    thread::yield_now();
    (0..PERMITS).for_each(|_| semaphore.release());
    waiters
        .into_iter()
        .for_each(|waiter| waiter.join().expect("a thread panicked"));
}

fn main() {
    exercises::end_with_the_grader();
    sync::timed_waits_never_time_out();
    schedules::check("semaphore", test)
}
