//! Grading by real runs, for the exercises about time (timers, downloads) and plain joins: each
//! call into the learner's code runs on a thread of its own under a time limit, so nothing it
//! does can hang the grader.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering::SeqCst},
        mpsc::{self, RecvTimeoutError},
    },
    thread,
    time::Duration,
};

use crate::{Kind, classify, fail, panic_message};

/// The `crate::sync` that exercise files see in real runs: the standard library's.
pub mod sync {
    pub use std::{sync::*, thread};
}

/// Counts calls running now, and the most that ever ran at once; and the most threads the
/// process had while they ran.
pub struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
    most_threads: AtomicUsize,
}

impl InFlight {
    pub const fn new() -> Self {
        InFlight {
            now: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
            most_threads: AtomicUsize::new(0),
        }
    }

    /// Runs `work`, counted as in flight while it runs.
    pub fn track<T>(&self, work: impl FnOnce() -> T) -> T {
        let now = self.now.fetch_add(1, SeqCst) + 1;
        self.most.fetch_max(now, SeqCst);
        if let Some(threads) = live_threads() {
            self.most_threads.fetch_max(threads, SeqCst);
        }
        let result = work();
        self.now.fetch_sub(1, SeqCst);
        result
    }

    /// The most calls in flight at once since the last [`InFlight::reset`].
    pub fn most(&self) -> usize {
        self.most.load(SeqCst)
    }

    /// The most threads the process had while a call ran, where the system tells (Linux).
    pub fn most_threads(&self) -> Option<usize> {
        Some(self.most_threads.load(SeqCst)).filter(|&threads| threads > 0)
    }

    pub fn reset(&self) {
        self.most.store(0, SeqCst);
        self.most_threads.store(0, SeqCst);
    }
}

/// The threads of this process now, where the system tells (Linux's /proc); `None` elsewhere.
pub fn live_threads() -> Option<usize> {
    std::fs::read_dir("/proc/self/task")
        .ok()
        .map(|tasks| tasks.count())
}

impl Default for InFlight {
    fn default() -> Self {
        InFlight::new()
    }
}

pub use crate::quiet_panics;

/// Runs `f` on a new thread and returns its result. Fails with a hang verdict if it takes longer
/// than `limit`, or with a panic verdict if it panics; `what` names the call in the verdict.
pub fn within<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    within_watching(what, limit, f, || None)
}

/// As [`within`], and while `f` runs, asks `watch` every 100 ms whether to give up already: a
/// verdict from it ends the grading at once (a crawl that goes round in circles, say), where
/// waiting out the limit would only make the learner wait.
pub fn within_watching<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
    watch: impl Fn() -> Option<(Kind, String)>,
) -> T {
    let (sender, receiver) = mpsc::channel();
    crate::forget_panics();
    thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        sender.send(outcome).ok();
    });
    let deadline = std::time::Instant::now() + limit;
    let outcome = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match receiver.recv_timeout(left.min(Duration::from_millis(100))) {
            Err(RecvTimeoutError::Timeout) if !left.is_zero() => {
                if let Some((kind, reason)) = watch() {
                    fail(kind, format!("{what}: {reason}"));
                }
            }
            outcome => break outcome,
        }
    };
    match outcome {
        Ok(Ok(value)) => value,
        Ok(Err(payload)) => {
            let (kind, reason) = classify(&panic_message(&*payload));
            fail(kind, format!("{what}: {reason}"))
        }
        Err(RecvTimeoutError::Timeout) => fail(
            Kind::Hang,
            format!(
                "{what} did not return within {limit:?}: a deadlock, or a wait that never ends"
            ),
        ),
        Err(RecvTimeoutError::Disconnected) => {
            fail(Kind::Panic, format!("{what}: the thread vanished"))
        }
    }
}
