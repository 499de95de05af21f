//! Breaks: "`restart` returns `false` if the timer had already fired or been cancelled, and
//! then it changes nothing." `restart` refuses only a fired timer; a cancelled one it sets
//! waiting again and returns `true`. If the timer's thread has not yet seen the cancel, it goes
//! on waiting and fires: `cancel` said `true`, and `f` ran. Restarts of a waiting timer,
//! cancelling without restarting and `join` are all right.

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

    /// Moves the deadline unless the timer has fired; a cancelled timer is waiting again.
    pub fn restart(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if *state == State::Fired {
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
