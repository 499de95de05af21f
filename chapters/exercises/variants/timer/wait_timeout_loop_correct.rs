//! Right: a plain `wait_timeout` in a loop until the deadline, looking at the state under the
//! lock after every wake-up (a notify, a spurious one, or the time running out) and deciding
//! fire-or-cancel there.
use std::time::{Duration, Instant};
use crate::sync::{Arc, Condvar, Mutex, thread::{self, JoinHandle}};
#[derive(PartialEq)]
enum State { Waiting, Cancelled, Fired }
pub struct Timer { shared: Arc<(Mutex<State>, Condvar)>, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new((Mutex::new(State::Waiting), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = thread::spawn(move || {
            let (state, cancelled) = &*theirs;
            let deadline = Instant::now() + delay;
            let mut state = state.lock().unwrap();
            while *state == State::Waiting {
                let now = Instant::now();
                if now >= deadline {
                    *state = State::Fired;
                    drop(state);
                    f();
                    return;
                }
                state = cancelled.wait_timeout(state, deadline - now).unwrap().0;
            }
        });
        Timer { shared, thread }
    }
    pub fn cancel(&self) -> bool {
        let (state, cancelled) = &*self.shared;
        let mut state = state.lock().unwrap();
        if *state != State::Waiting { return false; }
        *state = State::Cancelled;
        cancelled.notify_one();
        true
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
