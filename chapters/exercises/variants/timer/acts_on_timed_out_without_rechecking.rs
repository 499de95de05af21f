//! Wrong: the thread checks the state before it waits, then fires because `timed_out()` says
//! the time ran out, without looking at the state again. Between the time-out and the thread taking the lock back, a cancel can get in
//! and say true: then both sides believe they won. (A restart in that gap is lost the same way.)
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
            loop {
                if state.0 != State::Waiting { return; }
                let left = state.1.saturating_duration_since(Instant::now());
                let (mut woken, waited) = changed.wait_timeout(state, left).unwrap();
                if waited.timed_out() {
                    woken.0 = State::Fired;
                    drop(woken);
                    f();
                    return;
                }
                state = woken;
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
