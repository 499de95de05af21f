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
#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/semaphore/no_notify.rs"]
mod lost_wake_up;
#[rustfmt::skip] // the variants keep their own compact layout
#[path = "../../variants/transfer/sleep_between_locks.rs"]
#[allow(dead_code)] // `Account::id`: this answer never reads it
mod opposite_locks;

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
