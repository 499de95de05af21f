//! The exhaustive tier on wrong answers from `variants/`: each failure is found, and told as a
//! short story of steps that names what matters.

use std::sync::Mutex as StdMutex;

use super::{Bounds, every_interleaving, story};
use crate::{
    Kind, flunk,
    sync::{Arc, thread},
};

#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/lost_updates/lock_released_between_read_and_write.rs"]
mod lost_update;
/// Kept as a diff in `variants/`: build.rs applies it.
mod lost_wake_up {
    include!(concat!(env!("OUT_DIR"), "/no_notify.rs"));
}
#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/transfer/sleep_between_locks.rs"]
#[allow(dead_code)] // `Account::id`: this answer never reads it
mod opposite_locks;

/// Kept as a diff in `variants/`: build.rs applies it.
mod relaxed_spin_lock {
    include!(concat!(env!("OUT_DIR"), "/relaxed_spin_lock.rs"));
}
#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/lost_updates/acquire_release_spin_lock_correct.rs"]
mod acquire_release_spin_lock;
/// Kept as a diff in `variants/`: build.rs applies it.
mod try_lock_yield_loop {
    include!(concat!(env!("OUT_DIR"), "/try_lock_yield_loop_correct.rs"));
}
#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/barrier/counts_outside_the_lock.rs"]
mod counts_outside_the_lock;

/// The search and the story are global: one test at a time uses them.
pub(super) static ONE_AT_A_TIME: StdMutex<()> = StdMutex::new(());

/// The first failure of `test` under every interleaving, and its story.
fn failure(test: fn(), bounds: Bounds) -> (Kind, String, String) {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (kind, reason, _) = every_interleaving(test, bounds).expect_err("a failing interleaving");
    (kind, reason, story::told(kind))
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name(name.into())
        .spawn(work)
        .expect("spawn")
}

/// How far every interleaving of `test` went, when none fails.
fn explored(test: fn(), bounds: Bounds) -> super::Explored {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    every_interleaving(test, bounds)
        .unwrap_or_else(|(kind, reason, _)| panic!("{kind:?}: {reason}\n{}", story::told(kind)))
}

/// Two threads adding 1 each with `increment`; the total must be 2.
fn two_increments(
    increment: fn(&relaxed_spin_lock::Counter),
    get: fn(&relaxed_spin_lock::Counter) -> u64,
) {
    let counter = Arc::new(relaxed_spin_lock::Counter::new());
    let workers: Vec<_> = (1..=2)
        .map(|n| {
            let counter = Arc::clone(&counter);
            spawn(&format!("thread {n}"), move || increment(&counter))
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    if get(&counter) != 2 {
        flunk(
            Kind::RaceFound,
            format!("the counter ended at {}", get(&counter)),
        );
    }
}

fn assert_short(story: &str) {
    let lines = story.lines().count();
    assert!((2..=20).contains(&lines), "{lines} lines:\n{story}");
}

#[test]
fn a_lost_update_is_told_as_two_threads_locking_in_turn() {
    let (kind, reason, story) = failure(
        || {
            let counter = Arc::new(lost_update::Counter::new());
            let workers: Vec<_> = (1..=2)
                .map(|n| {
                    let counter = Arc::clone(&counter);
                    spawn(&format!("thread {n}"), move || counter.increment())
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
            if counter.get() != 2 {
                flunk(
                    Kind::RaceFound,
                    format!("the counter ended at {}", counter.get()),
                );
            }
        },
        Bounds::default(),
    );
    assert_eq!(
        (kind, reason.as_str()),
        (Kind::RaceFound, "the counter ended at 1")
    );
    assert_short(&story);
    for step in [
        "thread 1   locks Mutex #1",
        "thread 2   locks Mutex #1",
        "unlocks Mutex #1",
    ] {
        assert!(story.contains(step), "{step:?} missing from:\n{story}");
    }
    assert!(story.ends_with("-> the check fails"), "{story}");
}

#[test]
fn a_deadlock_is_told_as_each_thread_waiting_for_the_account_the_other_holds() {
    let (kind, _, story) = failure(
        || {
            let a = Arc::new(opposite_locks::Account::new(1, 100));
            let b = Arc::new(opposite_locks::Account::new(2, 100));
            story::name(&a.balance, "account 1");
            story::name(&b.balance, "account 2");
            let (a2, b2) = (Arc::clone(&a), Arc::clone(&b));
            let there = spawn("A to B", move || opposite_locks::transfer(&a2, &[&*b2], 10));
            let back = spawn("B to A", move || opposite_locks::transfer(&b, &[&*a], 10));
            there.join().unwrap();
            back.join().unwrap();
        },
        Bounds::default(),
    );
    assert_eq!(kind, Kind::Deadlock);
    assert_short(&story);
    for step in [
        "A to B   locks account 1",
        "B to A   locks account 2",
        "A to B   waits for account 2   (held by B to A)",
        "B to A   waits for account 1   (held by A to B)",
    ] {
        assert!(story.contains(step), "{step:?} missing from:\n{story}");
    }
    assert!(story.ends_with("-> deadlock"), "{story}");
}

#[test]
fn a_lost_wake_up_is_told_as_a_wait_that_no_notify_ends() {
    let (kind, _, story) = failure(
        || {
            let semaphore = Arc::new(lost_wake_up::Semaphore::new(1));
            let workers: Vec<_> = (1..=2)
                .map(|n| {
                    let semaphore = Arc::clone(&semaphore);
                    spawn(&format!("worker {n}"), move || {
                        semaphore.acquire(1);
                        thread::yield_now();
                        semaphore.release(1);
                    })
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
        },
        Bounds::default(),
    );
    assert_eq!(kind, Kind::Deadlock);
    assert_short(&story);
    assert!(story.contains("waits on Condvar #1"), "{story}");
    assert!(!story.contains("notify"), "{story}");
    let last = story.lines().last().unwrap();
    assert!(
        last.contains("still waits on Condvar #1") && last.ends_with("-> deadlock"),
        "{story}"
    );
}

#[test]
fn a_wait_nobody_notifies_is_a_deadlock_and_a_spurious_wake_up_is_explored_too() {
    // Only a spurious wake-up ends this wait; the tier explores one.
    let (kind, _, story) = failure(
        || {
            let pair = Arc::new((crate::sync::Mutex::new(()), crate::sync::Condvar::new()));
            let (lock, woken) = &*pair;
            drop(woken.wait(lock.lock().unwrap()).unwrap());
            flunk(Kind::WrongResult, "woken without a notify");
        },
        Bounds::default(),
    );
    assert_eq!(
        kind,
        Kind::Deadlock,
        "the first interleaving has no spurious wake-up:\n{story}"
    );
    let (kind, _, story) = failure(
        || {
            let pair = Arc::new((crate::sync::Mutex::new(false), crate::sync::Condvar::new()));
            let theirs = Arc::clone(&pair);
            let notifier = spawn("notifier", move || {
                *theirs.0.lock().unwrap() = true;
                theirs.1.notify_one();
            });
            let (lock, woken) = &*pair;
            let guard = lock.lock().unwrap();
            if !*guard && !*woken.wait(guard).unwrap() {
                flunk(Kind::WrongResult, "woken without a notify");
            }
            notifier.join().unwrap();
        },
        Bounds::default(),
    );
    assert_eq!(kind, Kind::WrongResult);
    assert!(
        story.contains("wakes up from Condvar #1 spuriously"),
        "{story}"
    );
}

#[test]
fn a_relaxed_spin_lock_loses_an_update_told_as_a_read_of_an_older_value() {
    let (kind, reason, story) = failure(
        || {
            two_increments(
                relaxed_spin_lock::Counter::increment,
                relaxed_spin_lock::Counter::get,
            )
        },
        Bounds::default(),
    );
    assert_eq!(
        (kind, reason.as_str()),
        (Kind::RaceFound, "the counter ended at 1")
    );
    assert_short(&story);
    assert!(
        story.contains("reads AtomicU64 #1: 0, an older value (1 is newer, but with Relaxed"),
        "{story}"
    );
}

#[test]
fn acquire_and_release_make_the_spin_lock_right_under_every_interleaving() {
    let explored = explored(
        || {
            let counter = Arc::new(acquire_release_spin_lock::Counter::new());
            let workers: Vec<_> = (1..=2)
                .map(|n| {
                    let counter = Arc::clone(&counter);
                    spawn(&format!("thread {n}"), move || counter.increment())
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
            assert_eq!(counter.get(), 2);
        },
        Bounds::default(),
    );
    assert!(
        matches!(explored, super::Explored::All(n) if n > 1),
        "{explored:?}"
    );
}

#[test]
fn a_loop_that_waits_by_yielding_has_a_finite_number_of_interleavings() {
    let explored = explored(
        || {
            let database = Arc::new(try_lock_yield_loop::FakeDatabase::new());
            let workers: Vec<_> = (1..=2)
                .map(|n| {
                    let database = Arc::clone(&database);
                    spawn(&format!("thread {n}"), move || database.locked_update())
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
            assert_eq!(database.value(), 2);
        },
        Bounds::default(),
    );
    assert!(
        matches!(explored, super::Explored::All(n) if n < super::exhaustive::BUDGET),
        "{explored:?}"
    );
}

#[test]
fn code_that_runs_differently_from_one_execution_to_the_next_is_said_to_be_not_repeatable() {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let explored = explored(
        || {
            // Something besides the schedule changes the run: here a count of the runs, as a
            // HashMap's order or a clock would.
            let extra = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 2 == 1;
            let lock = Arc::new(crate::sync::Mutex::new(0));
            let theirs = Arc::clone(&lock);
            let worker = spawn("worker", move || *theirs.lock().unwrap() += 1);
            *lock.lock().unwrap() += 1;
            if extra {
                *lock.lock().unwrap() += 0;
            }
            worker.join().unwrap();
        },
        Bounds::default(),
    );
    assert!(
        matches!(explored, super::Explored::NotRepeatable(_)),
        "{explored:?}"
    );
}

#[test]
fn a_notify_sent_before_the_wait_begins_is_lost() {
    let (kind, _, story) = failure(
        || {
            let barrier = Arc::new(counts_outside_the_lock::Barrier::new(2));
            let workers: Vec<_> = (1..=2)
                .map(|n| {
                    let barrier = Arc::clone(&barrier);
                    spawn(&format!("worker {n}"), move || {
                        barrier.wait();
                    })
                })
                .collect();
            workers.into_iter().for_each(|w| w.join().unwrap());
        },
        Bounds {
            spurious_wakeups: 0,
            ..Bounds::default()
        },
    );
    assert_eq!(kind, Kind::Deadlock, "{story}");
    assert!(
        story.contains("calls notify_all on Condvar #1: nobody waits"),
        "{story}"
    );
    // The notify came after the waiter's last look at the count and before its wait began.
    let notify = story.find("nobody waits").unwrap_or(usize::MAX);
    let look = story
        .find("worker 1   reads AtomicUsize #1: 1")
        .unwrap_or(usize::MAX);
    assert!(look < notify, "{story}");
    assert!(
        story.ends_with("waits on Condvar #1   -> deadlock"),
        "{story}"
    );
}

#[test]
fn a_thread_spawned_without_a_name_is_named_in_the_story() {
    let (_, _, story) = failure(
        || {
            let lock = Arc::new(crate::sync::Mutex::new(0));
            let theirs = Arc::clone(&lock);
            thread::spawn(move || *theirs.lock().unwrap() += 1)
                .join()
                .unwrap();
            flunk(Kind::WrongResult, "told");
        },
        Bounds::default(),
    );
    assert!(story.contains("thread #1   locks Mutex #1"), "{story}");
}

#[test]
fn two_mutexes_at_one_address_are_two_mutexes_in_the_story() {
    let (_, _, story) = failure(
        || {
            spawn("worker", || {
                // The second Box is likely to take the first one's place in memory.
                let first = Box::new(crate::sync::Mutex::new(1));
                drop(first.lock().unwrap());
                drop(first);
                let second = Box::new(crate::sync::Mutex::new(2));
                drop(second.lock().unwrap());
            })
            .join()
            .unwrap();
            flunk(Kind::WrongResult, "told");
        },
        Bounds::default(),
    );
    assert!(
        story.contains("locks Mutex #1") && story.contains("locks Mutex #2"),
        "{story}"
    );
}

#[test]
fn a_wait_ended_by_a_time_out_the_grader_chose_says_so_in_one_line() {
    let (kind, _, story) = failure(
        || {
            let pair = Arc::new((crate::sync::Mutex::new(()), crate::sync::Condvar::new()));
            let theirs = Arc::clone(&pair);
            spawn("waiter", move || {
                let (lock, woken) = &*theirs;
                let (_, result) = woken
                    .wait_timeout(lock.lock().unwrap(), std::time::Duration::from_secs(3600))
                    .unwrap();
                if result.timed_out() {
                    flunk(Kind::WrongResult, "an hour went by");
                }
            })
            .join()
            .unwrap();
        },
        Bounds::default(),
    );
    assert_eq!(kind, Kind::WrongResult, "{story}");
    assert!(
        story.contains("wakes up from Condvar #1 as its time ran out"),
        "{story}"
    );
    let notes = story
        .lines()
        .filter(|line| line.contains("at the step the grader chose"))
        .count();
    assert_eq!(notes, 1, "{story}");
}
