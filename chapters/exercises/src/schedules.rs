//! Grading under many schedules with shuttle: the test runs again and again, each time with a
//! different interleaving of its threads chosen by a seeded scheduler, so a race or a deadlock
//! that a normal run shows once in a million shows up here, the same way every time.

use std::panic::{self, AssertUnwindSafe};

use shuttle::{
    Config, FailurePersistence, MaxSteps, Runner,
    scheduler::{PctScheduler, RandomScheduler},
};

use crate::{Kind, Verdict, classify, finish, panic_message};

pub mod sync;

/// Schedules tried per exercise: half random, half PCT (which is good at rare orderings).
const SCHEDULES: u64 = 1000;
/// Steps after which an execution counts as never finishing (a spin loop, say).
const MAX_STEPS: usize = 20_000;

/// Runs `test` under [`SCHEDULES`] seeded schedules (or only `seed` if `GRADER_SEED` is set),
/// and finishes with the first failure, or a pass.
pub fn check(exercise: &str, test: fn()) -> ! {
    let seeds: Vec<u64> = match std::env::var("GRADER_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
    {
        Some(seed) => vec![seed],
        None => (0..SCHEDULES).collect(),
    };
    // The harness reports panics itself; the default hook would print each one.
    crate::quiet_panics();
    for &seed in &seeds {
        let mut config = Config::new();
        config.max_steps = MaxSteps::FailAfter(MAX_STEPS);
        config.failure_persistence = FailurePersistence::None;
        config.silence_warnings = true;
        // Half the schedules add spurious wake-ups, which std's Condvar allows at any time; the
        // other half have none, so that a missing notify cannot be rescued by one.
        let noisy = seed % 4 < 2;
        let body = move || {
            sync::reset_condvars();
            if noisy {
                spawn_spurious_wakeups();
            }
            test();
        };
        crate::forget_panics();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if seed % 2 == 0 {
                Runner::new(RandomScheduler::new_from_seed(seed, 1), config).run(body)
            } else {
                Runner::new(PctScheduler::new_from_seed(seed, 3, 1), config).run(body)
            }
        }));
        if let Err(payload) = outcome {
            let message = panic_message(&*payload);
            if std::env::var_os("GRADER_DEBUG").is_some() {
                eprintln!("seed {seed} failed with: {message}");
            }

            let (kind, reason) = if let Some(tasks) =
                message.strip_prefix("deadlock! blocked tasks: ")
            {
                (
                    Kind::Deadlock,
                    format!(
                        "deadlock: these threads wait forever: {}",
                        blocked_threads(tasks)
                    ),
                )
            } else if message.starts_with("exceeded max_steps bound") {
                (
                    Kind::Hang,
                    format!(
                        "no end in sight after {MAX_STEPS} steps: a spin loop, or a wait that never ends"
                    ),
                )
            } else {
                classify(&message)
            };
            finish(Verdict {
                kind,
                reason,
                replay: Some(format!("cargo xtask check {exercise} --seed {seed}")),
            });
        }
    }
    crate::pass(format!("{} schedules explored, none failed", seeds.len()))
}

/// `[main-thread (task 0), t1 (task 1, pending future)]` as `t1`: the threads the test started,
/// without the harness's own main thread and noise task.
fn blocked_threads(tasks: &str) -> String {
    // Each entry is `NAME (task NAME(N)[, detached][, pending future])`.
    let parts: Vec<&str> = tasks.trim_start_matches('[').split(" (task ").collect();
    let names = parts[..parts.len() - 1]
        .iter()
        .map(|part| part.rsplit_once("), ").map_or(*part, |(_, name)| name))
        .filter(|name| !["main-thread", SPURIOUS, sync::CLOCK].contains(name));
    names.collect::<Vec<_>>().join(", ")
}

const SPURIOUS: &str = "spurious wake-ups";

/// A task that wakes every Condvar a few times at moments the scheduler picks.
fn spawn_spurious_wakeups() {
    shuttle::thread::Builder::new()
        .name(SPURIOUS.into())
        .spawn(|| {
            for _ in 0..6 {
                shuttle::thread::yield_now();
                sync::wake_all_spuriously();
            }
        })
        .expect("shuttle spawns tasks");
}

#[cfg(test)]
mod tests {
    use std::{
        sync::atomic::{AtomicUsize, Ordering::SeqCst},
        time::Duration,
    };

    use super::sync::{Arc, Condvar, Mutex, thread};

    #[test]
    fn a_timed_wait_lets_the_notifier_lock_and_ends_by_notify_or_by_time_out() {
        static NOTIFIED: AtomicUsize = AtomicUsize::new(0);
        static TIMED_OUT: AtomicUsize = AtomicUsize::new(0);
        shuttle::check_random(
            || {
                super::sync::reset_condvars();
                let shared = Arc::new((Mutex::new(false), Condvar::new()));
                let theirs = Arc::clone(&shared);
                let waiter = thread::spawn(move || {
                    let (flag, woken) = &*theirs;
                    let (flag, result) = woken
                        .wait_timeout(flag.lock().unwrap(), Duration::from_secs(60))
                        .unwrap();
                    if result.timed_out() {
                        TIMED_OUT.fetch_add(1, SeqCst);
                    } else {
                        // No spurious wake-ups here: only the notify, after the flag was set.
                        assert!(*flag, "woken without a notify");
                        NOTIFIED.fetch_add(1, SeqCst);
                    }
                });
                // Taking the lock while the waiter waits is only possible if the wait released it.
                let (flag, woken) = &*shared;
                *flag.lock().unwrap() = true;
                woken.notify_one();
                waiter.join().unwrap();
            },
            200,
        );
        assert!(NOTIFIED.load(SeqCst) > 0, "no run was ended by the notify");
        assert!(TIMED_OUT.load(SeqCst) > 0, "no run timed out");
    }

    #[test]
    fn blocked_threads_are_named_without_the_harness_tasks() {
        // As shuttle 0.9 words it.
        let tasks = "[main-thread (task main-thread(0)), transfer A to B (task transfer A to B(2), pending future), \
                     spurious wake-ups (task spurious wake-ups(1), detached), transfer B to A (task transfer B to A(3))]";

        assert_eq!(
            super::blocked_threads(tasks),
            "transfer A to B, transfer B to A"
        );
    }
}
