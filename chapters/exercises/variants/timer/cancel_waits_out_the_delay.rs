//! Breaks: "`cancel` and `restart` return at once, never waiting out the delay". The timer's
//! thread sleeps until the deadline (and again until a moved one), and a `cancel` that stops
//! the timer then joins that thread, "so that nothing of the timer is left running": it waits
//! out the rest of the delay. A late `cancel` returns `false` at once, and `join` is right.
use std::time::{Duration, Instant};
use crate::sync::{Arc, Mutex, thread::{self, JoinHandle}};
pub struct Timer { state: Arc<Mutex<(Option<bool>, Instant)>>, delay: Duration, thread: Mutex<Option<JoinHandle<()>>> }
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
        Timer { state, delay, thread: Mutex::new(Some(thread)) }
    }
    pub fn restart(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        if state.0.is_none() { state.1 = Instant::now() + self.delay; true } else { false }
    }
    pub fn cancel(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        if state.0.is_some() { return false; }
        state.0 = Some(false);
        drop(state);
        if let Some(thread) = self.thread.lock().unwrap().take() { thread.join().unwrap(); }
        true
    }
    pub fn join(self) {
        if let Some(thread) = self.thread.into_inner().unwrap() { thread.join().unwrap() }
    }
}
