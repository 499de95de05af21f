//! Breaks: "no more than `delay / 2` later". The thread compares the clock with the latest
//! deadline after every wake-up, so it never fires early, but when it finds time left it waits
//! a whole `delay` again instead of only what is left. `restart` sends no notify (right in
//! itself), so the thread wakes at the old deadline, finds the moved one not yet reached, and
//! sleeps a full `delay` past it: restarted at 50 ms, a 600 ms timer fires at 1,200 ms, 550 ms
//! after its deadline of 650 ms (less than a whole `delay`, but more than `delay / 2`).
//! Everything else is right.

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
                    if Instant::now() >= until {
                        *state = State::Fired;
                        drop(state);
                        f();
                        return;
                    }
                    state = shared.cancelled.wait_timeout(state, delay).unwrap().0;
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
        if let State::Waiting { until } = &mut *state {
            *until = Instant::now() + self.delay;
            true
        } else {
            false
        }
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
