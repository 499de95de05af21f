//! Breaks: "`cancel` returns `true` if it stopped the timer (then `f` must never run)". The
//! thread decides to fire under the lock but records it only after `f` returns ("fired" meaning
//! "done"). A `cancel` while `f` runs still sees `Waiting`, marks it cancelled and returns `true`
//! although `f` is running; a `restart` then returns `true` too. Passes when `cancel` comes
//! before the delay or after `f` finished.

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
                let mut state = shared.state.lock().unwrap();
                while state.0 == State::Waiting {
                    let now = Instant::now();
                    if now >= state.1 {
                        break;
                    }
                    let left = state.1 - now;
                    state = shared.changed.wait_timeout(state, left).unwrap().0;
                }
                if state.0 == State::Waiting {
                    drop(state);
                    f();
                    shared.state.lock().unwrap().0 = State::Fired;
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
