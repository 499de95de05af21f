//! Breaks: "`cancel` returns at once, never waiting out the delay." (it must not block). When the
//! timer has already fired, `cancel` waits until `f` has returned before answering `false`, "so
//! that the caller knows the callback is done". With a long-running `f`, `cancel` blocks for all
//! of it. Fine in every test where `f` is quick, or where cancel comes before the delay;
//! `restart` is right (it answers `false` at once while `f` runs).

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
                    state.0 = State::Running;
                    drop(state);
                    f();
                    shared.state.lock().unwrap().0 = State::Done;
                    shared.changed.notify_all();
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
        let current = state.0;
        match current {
            State::Waiting => {
                state.0 = State::Cancelled;
                self.shared.changed.notify_all();
                true
            }
            State::Running => {
                // Let the callback finish, so that after `cancel` nothing is running any more.
                while state.0 == State::Running {
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
