//! Wrong: the thread checks the state before it waits, then fires because `timed_out()` says
//! the time ran out, without looking at the state again. Between the time-out and the thread taking the lock back, a cancel can get in
//! and say true: then both sides believe they won.
use std::time::Duration;
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
            let state = state.lock().unwrap();
            if *state != State::Waiting { return; }
            let (mut state, waited) = cancelled.wait_timeout(state, delay).unwrap();
            if waited.timed_out() {
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
        if *state != State::Waiting { return false; }
        *state = State::Cancelled;
        cancelled.notify_one();
        true
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
