//! Breaks: "`join` waits until the timer is over: fired and `f` returned, or cancelled." `join`
//! waits on the condvar until the state is no longer `Waiting`, but the thread marks `Fired`
//! before it calls `f`, so `join` can return while `f` is still running (and never joins the
//! thread). Passes with an `f` that returns quickly.

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
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new((State::Waiting, Instant::now() + delay)),
            changed: Condvar::new(),
        });
        thread::spawn({
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
                    state.0 = State::Fired;
                    shared.changed.notify_all();
                    drop(state);
                    f();
                }
            }
        });
        Timer { shared, delay }
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
        let mut state = self.shared.state.lock().unwrap();
        while state.0 == State::Waiting {
            state = self.shared.changed.wait(state).unwrap();
        }
    }
}
