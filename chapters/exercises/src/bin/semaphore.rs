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

/// Every interleaving of this one is explored.
fn small() {
    admits(1, 2);
    two_releases_in_a_row();
}

fn test() {
    admits(2, 3);
    two_releases_in_a_row();
}

/// `threads` threads take and give back one of `permits` permits, twice each.
fn admits(permits: usize, threads: usize) {
    let semaphore = Arc::new(exercise::Semaphore::new(permits));
    let holders = Arc::new(AtomicUsize::new(0));
    schedules::story::name(&*holders, "holders");
    let workers: Vec<_> = (1..=threads)
        .map(|n| {
            let (semaphore, holders) = (Arc::clone(&semaphore), Arc::clone(&holders));
            thread::Builder::new()
                .name(format!("worker {n}"))
                .spawn(move || {
                    for _ in 0..2 {
                        semaphore.acquire();
                        let now = holders.fetch_add(1, SeqCst) + 1;
                        if now > permits {
                            flunk(Kind::WrongResult, format!("{now} threads held a permit at once, with only {permits} permit{}", if permits == 1 { "" } else { "s" }));
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
}

/// Two waiters and two releases in a row: each release must wake a waiter, even when the first
/// waiter has not yet taken its permit when the second release comes.
fn two_releases_in_a_row() {
    let semaphore = Arc::new(exercise::Semaphore::new(2));
    (0..2).for_each(|_| semaphore.acquire());
    let waiters: Vec<_> = (1..=2)
        .map(|n| {
            let semaphore = Arc::clone(&semaphore);
            thread::Builder::new()
                .name(format!("waiter {n} (both permits were held when it came)"))
                .spawn(move || semaphore.acquire())
                .expect("spawn")
        })
        .collect();
    (0..2).for_each(|_| semaphore.release());
    waiters
        .into_iter()
        .for_each(|waiter| waiter.join().expect("a thread panicked"));
}

fn main() {
    exercises::end_with_the_grader();
    sync::timed_waits_never_time_out();
    schedules::check_tiers(
        "semaphore",
        schedules::Tiers {
            small: (
                small,
                "2 threads sharing 1 permit, then 2 waiting for 2 permits released at once",
            ),
            bounds: schedules::Bounds {
                preemptions: Some(1),
                ..schedules::Bounds::default()
            },
            sampled: (
                test,
                "3 threads sharing 2 permits, then 2 waiting for 2 permits released at once",
            ),
        },
    )
}
