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
    state: Mutex<State>,
    changed: Condvar,
}

pub struct Timer {
    shared: Arc<Shared>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Waiting),
            changed: Condvar::new(),
        });
        let deadline = Instant::now() + delay;
        thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let mut state = shared.state.lock().unwrap();
                while *state == State::Waiting {
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    state = shared.changed.wait_timeout(state, deadline - now).unwrap().0;
                }
                if *state == State::Waiting {
                    *state = State::Fired;
                    shared.changed.notify_all();
                    drop(state);
                    f();
                }
            }
        });
        Timer { shared }
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        if *state == State::Waiting {
            *state = State::Cancelled;
            self.shared.changed.notify_all();
            true
        } else {
            false
        }
    }

    pub fn join(self) {
        let mut state = self.shared.state.lock().unwrap();
        while *state == State::Waiting {
            state = self.shared.changed.wait(state).unwrap();
        }
    }
}
