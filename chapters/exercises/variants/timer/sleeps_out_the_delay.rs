//! Wrong: the timer's thread sleeps the whole delay, even when cancelled.
use std::time::Duration;
use crate::sync::{Arc, Mutex, thread::{self, JoinHandle}};
pub struct Timer { state: Arc<Mutex<Option<bool>>>, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let state = Arc::new(Mutex::new(None));
        let theirs = Arc::clone(&state);
        let thread = thread::spawn(move || {
            thread::sleep(delay);
            let mut state = theirs.lock().unwrap();
            if state.is_none() { *state = Some(true); drop(state); f(); }
        });
        Timer { state, thread }
    }
    pub fn cancel(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        if state.is_none() { *state = Some(false); true } else { false }
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
