//! Breaks: "`cancel` returns at once, never waiting out the delay." (it must not block). When the
//! timer has already fired, `cancel` waits until `f` has returned before answering `false`, "so
//! that the caller knows the callback is done". With a long-running `f`, `cancel` blocks for all
//! of it. Fine in every test where `f` is quick, or where cancel comes before the delay.

use std::time::{Duration, Instant};

use crate::sync::{Arc, Condvar, Mutex, thread};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Cancelled,
    Running,
    Done,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

pub struct Timer {
    shared: Arc<Shared>,
    thread: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Waiting),
            changed: Condvar::new(),
        });
        let deadline = Instant::now() + delay;
        let thread = thread::spawn({
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
                    *state = State::Running;
                    drop(state);
                    f();
                    *shared.state.lock().unwrap() = State::Done;
                    shared.changed.notify_all();
                }
            }
        });
        Timer { shared, thread }
    }

    pub fn cancel(&self) -> bool {
        let mut state = self.shared.state.lock().unwrap();
        let current = *state;
        match current {
            State::Waiting => {
                *state = State::Cancelled;
                self.shared.changed.notify_all();
                true
            }
            State::Running => {
                // Let the callback finish, so that after `cancel` nothing is running any more.
                while *state == State::Running {
                    state = self.shared.changed.wait(state).unwrap();
                }
                false
            }
            State::Cancelled | State::Done => false,
        }
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
