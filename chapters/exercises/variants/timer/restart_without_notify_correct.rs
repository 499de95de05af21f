//! Right, and `restart` sends no notify. The thread waits as the chapter's timer does, with
//! `wait_timeout_while` (which only a cancel or the time running out ends), but in a loop: a
//! restart only ever moves the deadline later, so the wait ends by the old deadline at the
//! latest; there the thread compares the clock with the deadline under the lock, finds time
//! left, and waits again for the rest. `cancel` must notify (it cuts the wait short); `restart`
//! need not, as long as the thread re-reads the deadline instead of trusting `timed_out()`.

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
                    state = shared
                        .cancelled
                        .wait_timeout_while(state, until - now, |state| {
                            matches!(state, State::Waiting { .. })
                        })
                        .unwrap()
                        .0;
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
