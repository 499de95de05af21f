//! Right: a plain `wait_timeout` in a loop until the deadline, looking at the state and the
//! clock under the lock after every wake-up (a notify, a spurious one, or the time running out)
//! and deciding fire-or-cancel there; `restart` moves the deadline under the same lock and
//! notifies, so the thread goes round and waits for the new remainder.
use std::time::{Duration, Instant};
use crate::sync::{Arc, Condvar, Mutex, thread::{self, JoinHandle}};
#[derive(PartialEq)]
enum State { Waiting, Cancelled, Fired }
pub struct Timer { shared: Arc<(Mutex<(State, Instant)>, Condvar)>, delay: Duration, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new((Mutex::new((State::Waiting, Instant::now() + delay)), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = thread::spawn(move || {
            let (state, changed) = &*theirs;
            let mut state = state.lock().unwrap();
            while state.0 == State::Waiting {
                let now = Instant::now();
                if now >= state.1 {
                    state.0 = State::Fired;
                    drop(state);
                    f();
                    return;
                }
                let left = state.1 - now;
                state = changed.wait_timeout(state, left).unwrap().0;
            }
        });
        Timer { shared, delay, thread }
    }
    pub fn restart(&self) -> bool {
        let (state, changed) = &*self.shared;
        let mut state = state.lock().unwrap();
        if state.0 != State::Waiting { return false; }
        state.1 = Instant::now() + self.delay;
        changed.notify_one();
        true
    }
    pub fn cancel(&self) -> bool {
        let (state, changed) = &*self.shared;
        let mut state = state.lock().unwrap();
        if state.0 != State::Waiting { return false; }
        state.0 = State::Cancelled;
        changed.notify_one();
        true
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
