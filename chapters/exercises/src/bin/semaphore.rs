//! Grades `semaphore`, whose callers take several permits at once: threads needing different
//! numbers never hold more permits than there are, and all get through; two threads that each
//! need every permit never each hold a part; and a release wakes a waiter that needs one permit
//! even when a waiter that needs two is waiting too. Timed waits never time out here: the spec
//! has no time in it, so a waiter that only a time-out would wake is a lost wake-up.

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
    alone();
    admits(2, &[2, 2], 1);
    a_release_wakes_the_waiter_it_can();
}

fn test() {
    alone();
    admits(3, &[1, 2, 3], 2);
    a_release_wakes_the_waiter_it_can();
}

/// One thread alone: wrong here is wrong without any other thread.
fn alone() {
    let semaphore = exercise::Semaphore::new(3);
    semaphore.acquire(2);
    semaphore.acquire(1);
    semaphore.release(3);
    semaphore.acquire(3);
    semaphore.release(3);
}

/// Threads needing `needs[i]` permits each take them and give them back, `rounds` times.
fn admits(permits: usize, needs: &[usize], rounds: usize) {
    let semaphore = Arc::new(exercise::Semaphore::new(permits));
    let held = Arc::new(AtomicUsize::new(0));
    schedules::story::name(&*held, "permits held");
    let workers: Vec<_> = needs
        .iter()
        .enumerate()
        .map(|(at, &need)| {
            let (semaphore, held) = (Arc::clone(&semaphore), Arc::clone(&held));
            thread::Builder::new()
                .name(format!("worker {} (needs {need})", at + 1))
                .spawn(move || {
                    for _ in 0..rounds {
                        semaphore.acquire(need);
                        let now = held.fetch_add(need, SeqCst) + need;
                        if now > permits {
                            flunk(
                                Kind::WrongResult,
                                format!(
                                    "{now} permits were held at once, with only {permits} in all"
                                ),
                            );
                        }
                        thread::yield_now();
                        held.fetch_sub(need, SeqCst);
                        semaphore.release(need);
                    }
                })
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
}

/// Both permits are held; a thread needing 2 and one needing 1 wait. One permit comes back: the
/// one needing 1 must get it, even if the one needing 2 was the first to wake.
fn a_release_wakes_the_waiter_it_can() {
    let semaphore = Arc::new(exercise::Semaphore::new(2));
    semaphore.acquire(2);
    let waiter = |need: usize| {
        let semaphore = Arc::clone(&semaphore);
        thread::Builder::new()
            .name(format!(
                "waiter needing {need} (both permits were held when it came)"
            ))
            .spawn(move || {
                semaphore.acquire(need);
                semaphore.release(need);
            })
            .expect("spawn")
    };
    let (needs_two, needs_one) = (waiter(2), waiter(1));
    semaphore.release(1);
    needs_one.join().expect("a thread panicked");
    semaphore.release(1);
    needs_two.join().expect("a thread panicked");
}

fn main() {
    exercises::end_with_the_grader();
    sync::timed_waits_never_time_out();
    schedules::check_tiers(
        "semaphore",
        schedules::Tiers {
            small: (
                small,
                "2 threads needing both permits, then a release while threads needing 2 and 1 wait",
            ),
            bounds: schedules::Bounds {
                preemptions: Some(1),
                ..schedules::Bounds::default()
            },
            also: Vec::new(),
            sampled: (
                test,
                "3 threads needing 1, 2 and 3 of 3 permits, then a release while threads needing 2 and 1 wait",
            ),
        },
    )
}
