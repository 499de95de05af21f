//! Breaks: "`start` calls `f` once on a thread of its own after `delay`". The thread waits with
//! one `wait_timeout(delay)` and fires if it was not cancelled, treating any wake-up as "the time
//! is up". A spurious wake-up, or the notify of a `restart`, makes `f` run before the delay has
//! passed. Cancelling, the single winner and `join` are all right, and spurious wake-ups are
//! rare in real runs.

use std::time::{Duration, Instant};

use crate::sync::{Arc, Condvar, Mutex, thread};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Cancelled,
    Fired,
}

struct Shared {
    state: Mutex<(State, Instant)>,
    changed: Condvar,
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
            changed: Condvar::new(),
        });
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let state = shared.state.lock().unwrap();
                let (mut state, _timeout) = shared.changed.wait_timeout(state, delay).unwrap();
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
            self.shared.changed.notify_all();
            true
        } else {
            false
        }
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if state.0 == State::Waiting {
            state.0 = State::Cancelled;
            self.shared.changed.notify_all();
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
