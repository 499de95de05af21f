//! Breaks: "If `f` panicked, `join` panics too." It reads `join` as "wait until the timer is
//! over" and nothing more: it drops what the thread's `join` returns, so a panic in `f` goes
//! unnoticed by the caller. Everything else is right.

use std::time::{Duration, Instant};

use crate::sync::{
    Arc, Condvar, Mutex,
    thread::{self, JoinHandle},
};

#[derive(PartialEq)]
enum State {
    /// Not decided yet: fires at `until`, unless a restart moves it or a cancel comes first.
    Waiting {
        until: Instant,
    },
    Cancelled,
    Fired,
}

pub struct Timer {
    shared: Arc<(Mutex<State>, Condvar)>,
    delay: Duration,
    thread: JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let until = Instant::now() + delay;
        let shared = Arc::new((Mutex::new(State::Waiting { until }), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = thread::spawn(move || {
            let (state, cancelled) = &*theirs;
            let mut state = state.lock().unwrap();
            // Whatever ended the last wait (a cancel, a spurious wake-up, the time running out),
            // the state and the clock decide: a restart may have moved the deadline meanwhile.
            while let State::Waiting { until } = *state {
                let now = Instant::now();
                if now >= until {
                    *state = State::Fired;
                    drop(state);
                    f();
                    return;
                }
                state = cancelled.wait_timeout(state, until - now).unwrap().0;
            }
        });
        Timer {
            shared,
            delay,
            thread,
        }
    }

    /// Needs no notify: the deadline only ever moves later, and the thread's wait ends by the
    /// old one at the latest, then waits for the rest.
    pub fn restart(&self) -> bool {
        let mut state = self.shared.0.lock().unwrap();
        match &mut *state {
            State::Waiting { until } => {
                *until = Instant::now() + self.delay;
                true
            }
            State::Cancelled | State::Fired => false,
        }
    }

    pub fn cancel(&self) -> bool {
        let (state, cancelled) = &*self.shared;
        let mut state = state.lock().unwrap();
        if !matches!(*state, State::Waiting { .. }) {
            return false;
        }
        *state = State::Cancelled;
        cancelled.notify_one();
        true
    }

    pub fn join(self) {
        // Whatever `f` did, the timer is over.
        let _ = self.thread.join();
    }
}
