//! Grading under many schedules with shuttle: the test runs again and again, each time with a
//! different interleaving of its threads chosen by a seeded scheduler, so a race or a deadlock
//! that a normal run shows once in a million shows up here, the same way every time.

use std::{
    panic::{self, AssertUnwindSafe},
    sync::{Arc, Mutex as StdMutex, PoisonError, Weak},
};

use shuttle::{
    Config, FailurePersistence, MaxSteps, Runner,
    scheduler::{PctScheduler, RandomScheduler},
};

use crate::{Kind, Verdict, classify, finish, panic_message};

/// The `crate::sync` that exercise files see when graded: shuttle's primitives, which let the
/// scheduler choose who runs at every lock, wait and atomic access.
pub mod sync {
    pub use shuttle::{
        sync::{Arc, Barrier, LockResult, Mutex, MutexGuard, PoisonError, atomic},
        thread,
    };

    pub use super::{Condvar, WaitTimeoutResult};

    /// shuttle's channels, with a `recv_timeout` that may time out at any moment the channel
    /// is empty: shuttle has no clock, so "the delay ran out" becomes one more choice to explore.
    pub mod mpsc {
        pub use shuttle::sync::mpsc::{
            RecvError, RecvTimeoutError, SendError, Sender, TryRecvError,
        };

        pub struct Receiver<T>(shuttle::sync::mpsc::Receiver<T>);

        pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
            let (sender, receiver) = shuttle::sync::mpsc::channel();
            (sender, Receiver(receiver))
        }

        impl<T> Receiver<T> {
            pub fn recv(&self) -> Result<T, RecvError> {
                self.0.recv()
            }

            pub fn try_recv(&self) -> Result<T, TryRecvError> {
                self.0.try_recv()
            }

            pub fn recv_timeout(
                &self,
                _timeout: std::time::Duration,
            ) -> Result<T, RecvTimeoutError> {
                loop {
                    match self.0.try_recv() {
                        Ok(value) => return Ok(value),
                        Err(TryRecvError::Disconnected) => {
                            return Err(RecvTimeoutError::Disconnected);
                        }
                        Err(TryRecvError::Empty) if super::super::coin() => {
                            return Err(RecvTimeoutError::Timeout);
                        }
                        Err(TryRecvError::Empty) => shuttle::thread::yield_now(),
                    }
                }
            }
        }
    }
}

/// A choice made by the seeded scheduler, so that a failing schedule replays with its seed.
fn coin() -> bool {
    use shuttle::rand::Rng;
    shuttle::rand::thread_rng().gen_bool(0.5)
}

/// Whether a timed wait ended because its time ran out.
#[derive(Debug, Clone, Copy)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

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
    panic::set_hook(Box::new(|_| {}));
    for &seed in &seeds {
        let mut config = Config::new();
        config.max_steps = MaxSteps::FailAfter(MAX_STEPS);
        config.failure_persistence = FailurePersistence::None;
        config.silence_warnings = true;
        // Half the schedules add spurious wake-ups, which std's Condvar allows at any time; the
        // other half have none, so that a missing notify cannot be rescued by one.
        let noisy = seed % 4 < 2;
        let body = move || {
            reset_condvars();
            if noisy {
                spawn_spurious_wakeups();
            }
            test();
        };
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
        .filter(|name| !["main-thread", SPURIOUS].contains(name));
    names.collect::<Vec<_>>().join(", ")
}

const SPURIOUS: &str = "spurious wake-ups";

/// Every Condvar made in the current execution, so that spurious wake-ups can reach them.
static CONDVARS: StdMutex<Vec<Weak<shuttle::sync::Condvar>>> = StdMutex::new(Vec::new());

fn reset_condvars() {
    CONDVARS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
}

/// A task that wakes every Condvar a few times at moments the scheduler picks.
fn spawn_spurious_wakeups() {
    shuttle::thread::Builder::new()
        .name(SPURIOUS.into())
        .spawn(|| {
            for _ in 0..6 {
                shuttle::thread::yield_now();
                let condvars: Vec<_> = CONDVARS
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                for condvar in condvars.iter().filter_map(Weak::upgrade) {
                    condvar.notify_all();
                }
            }
        })
        .expect("shuttle spawns tasks");
}

/// shuttle's Condvar, registered so that [`spawn_spurious_wakeups`] can wake it.
pub struct Condvar {
    inner: Arc<shuttle::sync::Condvar>,
}

impl Condvar {
    pub fn new() -> Self {
        let inner = Arc::new(shuttle::sync::Condvar::new());
        CONDVARS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Arc::downgrade(&inner));
        Condvar { inner }
    }

    pub fn wait<'a, T>(
        &self,
        guard: sync::MutexGuard<'a, T>,
    ) -> sync::LockResult<sync::MutexGuard<'a, T>> {
        self.inner.wait(guard)
    }

    pub fn wait_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        guard: sync::MutexGuard<'a, T>,
        condition: F,
    ) -> sync::LockResult<sync::MutexGuard<'a, T>> {
        self.inner.wait_while(guard, condition)
    }

    /// Under shuttle time does not pass, so a timed wait returns at a moment the scheduler
    /// picks, timed out or not: every outcome of a race with the clock gets explored.
    pub fn wait_timeout<'a, T>(
        &self,
        guard: sync::MutexGuard<'a, T>,
        _timeout: std::time::Duration,
    ) -> sync::LockResult<(sync::MutexGuard<'a, T>, WaitTimeoutResult)> {
        shuttle::thread::yield_now();
        Ok((guard, WaitTimeoutResult(coin())))
    }

    pub fn wait_timeout_while<'a, T, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: sync::MutexGuard<'a, T>,
        timeout: std::time::Duration,
        mut condition: F,
    ) -> sync::LockResult<(sync::MutexGuard<'a, T>, WaitTimeoutResult)> {
        loop {
            if !condition(&mut *guard) {
                return Ok((guard, WaitTimeoutResult(false)));
            }
            let (next, result) = self.wait_timeout(guard, timeout)?;
            guard = next;
            if result.timed_out() {
                let still = condition(&mut *guard);
                return Ok((guard, WaitTimeoutResult(still)));
            }
        }
    }

    pub fn notify_one(&self) {
        self.inner.notify_one();
    }

    pub fn notify_all(&self) {
        self.inner.notify_all();
    }
}

impl Default for Condvar {
    fn default() -> Self {
        Condvar::new()
    }
}

#[cfg(test)]
mod tests {
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
