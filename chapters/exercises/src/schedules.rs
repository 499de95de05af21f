//! Grading under many schedules with shuttle: the test runs again and again, each time with a
//! different interleaving of its threads chosen by a seeded scheduler, so a race or a deadlock
//! that a normal run shows once in a million shows up here, the same way every time.

use std::{
    panic::{self, AssertUnwindSafe},
    time::Instant,
};

use shuttle::{
    Config, FailurePersistence, MaxSteps, Runner,
    scheduler::{PctScheduler, RandomScheduler},
};

use crate::{Kind, Verdict, classify, finish, panic_message};

mod choices;
pub mod exhaustive;
pub mod play;
#[cfg(test)]
mod stories;
pub mod story;
pub mod sync;

pub use exhaustive::{Bounds, Explored};

/// Schedules tried per exercise: half random, half PCT (which is good at rare orderings).
const SCHEDULES: u64 = 1000;
/// Steps after which an execution counts as never finishing (a spin loop, say).
const MAX_STEPS: usize = 20_000;

/// Runs `test` under [`SCHEDULES`] seeded schedules (or only `seed` if `GRADER_SEED` is set),
/// and finishes with the first failure, or a pass.
pub fn check(exercise: &str, test: fn()) -> ! {
    match sampled(exercise, test) {
        Err(verdict) => finish(verdict),
        Ok(tried) => crate::pass(format!(
            "{} schedules explored, none failed",
            story::thousands(tried)
        )),
    }
}

/// A test in two sizes, for [`check_tiers`].
#[derive(Debug, Clone)]
pub struct Tiers {
    /// The small test, whose every interleaving is explored, and what it runs ("2 threads
    /// adding 1 each").
    pub small: (fn(), &'static str),
    /// How far the exploration of `small` goes.
    pub bounds: Bounds,
    /// More small tests, each explored on its own with its own bounds: two small tests in one
    /// execution multiply their interleavings, one after the other only add them.
    pub also: Vec<(fn(), &'static str, Bounds)>,
    /// The full test, run under sampled schedules, and what it runs.
    pub sampled: (fn(), &'static str),
}

/// Explores every interleaving of the small test (the exhaustive tier), then runs the full one
/// under [`SCHEDULES`] sampled schedules (the sampling tier), and finishes with the first
/// failure, told as the story of its schedule, or a pass that says what was checked.
///
/// `GRADER_TIER=exhaustive` or `GRADER_TIER=sampled` runs one tier only; `GRADER_SEED` (a
/// replay) runs that one sampled schedule only.
pub fn check_tiers(exercise: &str, tiers: Tiers) -> ! {
    let tier = std::env::var("GRADER_TIER").unwrap_or_default();
    let replay = std::env::var_os("GRADER_SEED").is_some();
    let mut said = Vec::new();
    let bounds = measured(tiers.bounds);
    if tier != "sampled" && !replay {
        let also = tiers
            .also
            .iter()
            .map(|&(test, what, bounds)| (test, what, measured(bounds)));
        for (test, what, bounds) in
            std::iter::once((tiers.small.0, tiers.small.1, bounds)).chain(also)
        {
            let within = match bounds.preemptions {
                Some(1) => " (with up to 1 preemption)".to_owned(),
                Some(bound) => format!(" (with up to {bound} preemptions)"),
                None => String::new(),
            };
            match every_interleaving(test, bounds) {
                Ok(Explored::All(count)) => said.push(format!(
                    "all {} interleavings of {what}{within} checked",
                    story::thousands(count)
                )),
                Ok(Explored::Budget(count)) => said.push(format!(
                    "the first {} interleavings of {what}{within} checked (the grader's budget ran out before the last of them: there are more, as there are without end when a loop waits by yielding)",
                    story::thousands(count)
                )),
                Ok(Explored::NotRepeatable(count)) => said.push(format!(
                    "{} interleavings of {what} checked, but not all: your code does something that differs from one run to the next besides the threads' order (a HashMap's or HashSet's order, an address, a clock), so the grader cannot list every interleaving and relies on the sampled schedules",
                    story::thousands(count)
                )),
                Err((kind, reason, number)) => finish(Verdict {
                    kind,
                    reason: format!(
                        "{reason}\nfound by checking every interleaving of {what}, in interleaving {}:\n{}",
                        story::thousands(number),
                        story::told(kind)
                    ),
                    replay: None,
                }),
            }
        }
    }
    if tier != "exhaustive" {
        match sampled(exercise, tiers.sampled.0) {
            Ok(tried) => said.push(format!(
                "{} sampled schedules of {}",
                story::thousands(tried),
                tiers.sampled.1
            )),
            Err(mut verdict) => {
                verdict.reason = verdict.reason.replacen(
                    '\n',
                    &format!("\nfound in a sampled schedule of {}:\n", tiers.sampled.1),
                    1,
                );
                finish(verdict)
            }
        }
    }
    crate::pass(format!("{}: none failed", said.join(", then ")))
}

/// `bounds`, with the preemption bound `GRADER_PREEMPTIONS` asks for, if it does: for measuring
/// what a bound costs, not for learners.
fn measured(mut bounds: Bounds) -> Bounds {
    if let Ok(bound) = std::env::var("GRADER_PREEMPTIONS") {
        bounds.preemptions = bound.parse().ok();
    }
    bounds
}

/// A shuttle configuration for one run of a test.
fn config() -> Config {
    let mut config = Config::new();
    config.max_steps = MaxSteps::FailAfter(MAX_STEPS);
    config.failure_persistence = FailurePersistence::None;
    config.silence_warnings = true;
    config
}

/// Explores every interleaving of `test` within `bounds`: how far that went, or the first that
/// failed, as (kind, reason, its number); its story is left for [`story::told`].
fn every_interleaving(test: fn(), bounds: Bounds) -> Result<Explored, (Kind, String, usize)> {
    crate::quiet_panics();
    let started = Instant::now();
    let scheduler = exhaustive::Exhaustive::new(bounds);
    let body = move || {
        sync::records::begin_execution();
        story::begin();
        crate::forget_panics();
        test();
    };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        Runner::new(scheduler, config()).run(body);
    }));
    let explored = exhaustive::Exhaustive::finish();
    if std::env::var_os("GRADER_DEBUG").is_some() {
        eprintln!(
            "exhaustive tier: {explored:?} in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    match outcome {
        Ok(()) => Ok(explored),
        Err(payload) => {
            let (kind, reason) = judge(&panic_message(&*payload));
            let (Explored::All(count) | Explored::Budget(count) | Explored::NotRepeatable(count)) =
                explored;
            Err((kind, reason, count))
        }
    }
}

/// Runs `test` under [`SCHEDULES`] seeded schedules (or only `GRADER_SEED`'s): how many, or
/// the verdict on the first that failed, with its story below the reason.
fn sampled(exercise: &str, test: fn()) -> Result<usize, Verdict> {
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
        // Half the schedules add spurious wake-ups, which std's Condvar allows at any time; the
        // other half have none, so that a missing notify cannot be rescued by one.
        let noisy = seed % 4 < 2;
        let body = move || {
            sync::records::begin_execution();
            story::begin();
            if noisy {
                spawn_spurious_wakeups();
            }
            test();
        };
        crate::forget_panics();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
            if seed % 2 == 0 {
                Runner::new(RandomScheduler::new_from_seed(seed, 1), config()).run(body)
            } else {
                Runner::new(PctScheduler::new_from_seed(seed, 3, 1), config()).run(body)
            }
        }));
        if let Err(payload) = outcome {
            let message = panic_message(&*payload);
            if std::env::var_os("GRADER_DEBUG").is_some() {
                eprintln!("seed {seed} failed with: {message}");
            }
            let (kind, reason) = judge(&message);
            return Err(Verdict {
                kind,
                reason: format!("{reason}\n{}", story::told(kind)),
                replay: Some(format!("cargo xtask check {exercise} --seed {seed}")),
            });
        }
    }
    Ok(seeds.len())
}

/// The kind and reason of a failed execution, from shuttle's panic message.
fn judge(message: &str) -> (Kind, String) {
    if let Some(tasks) = message.strip_prefix("deadlock! blocked tasks: ") {
        (
            Kind::Deadlock,
            format!(
                "deadlock: {}{}",
                match blocked_threads(tasks) {
                    threads if threads.is_empty() =>
                        "the test's main thread waits forever".to_owned(),
                    threads => format!("these threads wait forever: {threads}"),
                },
                if sync::time::timeouts() {
                    ""
                } else {
                    " (a timed wait counts as endless here: this spec has no time in it, so only a notify may end a wait)"
                }
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
        classify(message)
    }
}

/// `[main-thread (task 0), t1 (task 1, pending future)]` as `t1`: the threads the test started,
/// without the harness's own main thread and noise task.
fn blocked_threads(tasks: &str) -> String {
    // Each entry is `NAME (task NAME(N)[, detached][, pending future])`, or for a thread spawned
    // without a name `<unknown> (task TaskId(N))`.
    let parts: Vec<&str> = tasks.trim_start_matches('[').split(" (task ").collect();
    let mut names = Vec::new();
    for (at, part) in parts[..parts.len() - 1].iter().enumerate() {
        let name = part.rsplit_once("), ").map_or(*part, |(_, name)| name);
        if ["main-thread", SPURIOUS, choices::CLOCK].contains(&name) {
            continue;
        }
        if name == "<unknown>" {
            let task = parts[at + 1]
                .strip_prefix("TaskId(")
                .and_then(|rest| rest.split(')').next())
                .and_then(|number| number.parse().ok());
            names.push(task.map_or_else(
                || "a thread spawned without a name".to_owned(),
                story::unnamed_thread,
            ));
        } else {
            names.push(name.to_owned());
        }
    }
    names.join(", ")
}

const SPURIOUS: &str = "spurious wake-ups";

/// A task that wakes every Condvar a few times at moments the scheduler picks.
fn spawn_spurious_wakeups() {
    shuttle::thread::Builder::new()
        .name(SPURIOUS.into())
        .spawn(|| {
            for _ in 0..6 {
                shuttle::thread::yield_now();
                sync::condvar::wake_all_spuriously();
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
        let _alone = super::stories::ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        static NOTIFIED: AtomicUsize = AtomicUsize::new(0);
        static TIMED_OUT: AtomicUsize = AtomicUsize::new(0);
        shuttle::check_random(
            || {
                super::sync::records::begin_execution();
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
        let _alone = super::stories::ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        super::story::begin();
        let unnamed = "[main-thread (task main-thread(0)), <unknown> (task TaskId(2))]";
        assert_eq!(super::blocked_threads(unnamed), "thread #1");
    }
}
