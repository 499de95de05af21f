//! Reference solution of `timer`: who wins is decided under one lock.

use std::time::Duration;

use crate::sync::{
    Arc, Condvar, Mutex,
    thread::{self, JoinHandle},
};

#[derive(PartialEq)]
enum State {
    Waiting,
    Cancelled,
    Fired,
}

pub struct Timer {
    shared: Arc<(Mutex<State>, Condvar)>,
    thread: JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new((Mutex::new(State::Waiting), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = thread::spawn(move || {
            let (state, cancelled) = &*theirs;
            let (mut state, _) = cancelled
                .wait_timeout_while(state.lock().unwrap(), delay, |s| *s == State::Waiting)
                .unwrap();
            if *state == State::Waiting {
                *state = State::Fired;
                drop(state);
                f();
            }
        });
        Timer { shared, thread }
    }

    pub fn cancel(&self) -> bool {
        let (state, cancelled) = &*self.shared;
        let mut state = state.lock().unwrap();
        if *state != State::Waiting {
            return false;
        }
        *state = State::Cancelled;
        cancelled.notify_one();
        true
    }

    pub fn join(self) {
        self.thread.join().expect("the timer's function panicked");
    }
}
