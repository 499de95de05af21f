//! Breaks: "`start` calls `f` ... when `delay` has passed since the latest successful
//! `restart`". This is the chapter's timer with a `restart` bolted on: the thread waits once
//! with `wait_timeout_while(delay)` and fires when that wait times out, and `restart` records a
//! new deadline that the thread never reads again. A restart returns `true`, yet `f` runs at the
//! first deadline. Cancelling, the single winner and `join` are all right.

use std::time::{Duration, Instant};

use crate::sync::{Arc, Condvar, Mutex, thread};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Cancelled,
    Fired,
}

struct Shared {
    /// The state, and the deadline the latest restart set.
    state: Mutex<(State, Instant)>,
    cancelled: Condvar,
}

pub struct Timer {
    shared: Arc<Shared>,
    delay: Duration,
    thread: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new((State::Waiting, Instant::now() + delay)),
            cancelled: Condvar::new(),
        });
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let state = shared.state.lock().unwrap();
                let (mut state, _) = shared
                    .cancelled
                    .wait_timeout_while(state, delay, |state| state.0 == State::Waiting)
                    .unwrap();
                if state.0 == State::Waiting {
                    state.0 = State::Fired;
                    drop(state);
                    f();
                }
            }
        });
        Timer {
            shared,
            delay,
            thread,
        }
    }

    pub fn restart(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if state.0 == State::Waiting {
            state.1 = Instant::now() + self.delay;
            true
        } else {
            false
        }
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if state.0 == State::Waiting {
            state.0 = State::Cancelled;
            self.shared.cancelled.notify_all();
            true
        } else {
            false
        }
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
