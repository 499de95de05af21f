//! Breaks: "After a `cancel` that returned `true`, `join` returns at once". The timer's thread
//! sleeps the whole delay (and again until a moved deadline), even when cancelled: `cancel`
//! returns at once, but `join` waits out the delay.
use std::time::{Duration, Instant};
use crate::sync::{Arc, Mutex, thread::{self, JoinHandle}};
pub struct Timer { state: Arc<Mutex<(Option<bool>, Instant)>>, delay: Duration, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let state = Arc::new(Mutex::new((None, Instant::now() + delay)));
        let theirs = Arc::clone(&state);
        let thread = thread::spawn(move || loop {
            let until = theirs.lock().unwrap().1;
            thread::sleep(until.saturating_duration_since(Instant::now()));
            let mut state = theirs.lock().unwrap();
            if state.0.is_some() { return; }
            if Instant::now() < state.1 { continue; }
            state.0 = Some(true); drop(state); f(); return;
        });
        Timer { state, delay, thread }
    }
    pub fn restart(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        if state.0.is_none() { state.1 = Instant::now() + self.delay; true } else { false }
    }
    pub fn cancel(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        if state.0.is_none() { state.0 = Some(false); true } else { false }
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
