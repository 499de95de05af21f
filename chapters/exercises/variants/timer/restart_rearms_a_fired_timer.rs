//! Breaks: "`restart` returns `false` if the timer had already fired or been cancelled, and
//! then it changes nothing." `restart` refuses only a cancelled timer; a fired one it sets
//! waiting again and returns `true`. The thread has fired and ended, so `f` does not run again,
//! but the timer now claims to be waiting: a `cancel` after it returns `true` although `f` ran.
//! Restarts before the firing, cancelling and `join` are all right.

use std::time::{Duration, Instant};

use crate::sync::{Arc, Condvar, Mutex, thread};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting { until: Instant },
    Cancelled,
    Fired,
}

struct Shared {
    state: Mutex<State>,
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
            state: Mutex::new(State::Waiting {
                until: Instant::now() + delay,
            }),
            cancelled: Condvar::new(),
        });
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let mut state = shared.state.lock().unwrap();
                while let State::Waiting { until } = *state {
                    let now = Instant::now();
                    if now >= until {
                        *state = State::Fired;
                        drop(state);
                        f();
                        return;
                    }
                    state = shared.cancelled.wait_timeout(state, until - now).unwrap().0;
                }
            }
        });
        Timer {
            shared,
            delay,
            thread,
        }
    }

    /// Re-arms the timer unless it was cancelled: "restart" read as "start again".
    pub fn restart(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if *state == State::Cancelled {
            return false;
        }
        *state = State::Waiting {
            until: Instant::now() + self.delay,
        };
        true
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if let State::Waiting { .. } = *state {
            *state = State::Cancelled;
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
