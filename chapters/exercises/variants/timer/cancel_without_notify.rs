//! Wrong: `cancel` marks the timer cancelled but wakes nobody, so a thread already in its timed
//! wait sleeps on until its deadline; `join` after a cancel that returned `true` then waits out the
//! delay. A cancel right after `start` hides this: the thread has not begun to wait, and sees the
//! mark first.

#[allow(unused_imports)]
use crate::sync::{Arc, Condvar, Mutex, mpsc, thread};
use std::time::{Duration, Instant};

enum State {
    Waiting(Instant),
    Fired,
    Cancelled,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

pub struct Timer {
    shared: Arc<Shared>,
    delay: Duration,
    handle: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Waiting(Instant::now() + delay)),
            changed: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        let handle = thread::spawn(move || {
            let mut state = theirs.state.lock().unwrap();
            loop {
                match *state {
                    State::Cancelled => return,
                    State::Fired => unreachable!("only this thread fires"),
                    State::Waiting(deadline) => {
                        let now = Instant::now();
                        if now >= deadline {
                            *state = State::Fired;
                            break;
                        }
                        state = theirs.changed.wait_timeout(state, deadline - now).unwrap().0;
                    }
                }
            }
            drop(state);
            f();
        });
        Timer { shared, delay, handle }
    }

    pub fn restart(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        match *state {
            State::Waiting(_) => {
                *state = State::Waiting(Instant::now() + self.delay);
                true
            }
            State::Fired | State::Cancelled => false,
        }
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        match *state {
            State::Waiting(_) => {
                // The thread will see it when it wakes up.
                *state = State::Cancelled;
                true
            }
            State::Fired | State::Cancelled => false,
        }
    }

    pub fn join(self) {
        if let Err(payload) = self.handle.join() {
            std::panic::resume_unwind(payload);
        }
    }
}
