//! Wrong: cancel only sends a message; if the timer has just timed out, cancel still says true.
use std::time::Duration;
use crate::sync::{mpsc, thread::{self, JoinHandle}};
pub struct Timer { cancel: mpsc::Sender<()>, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let (cancel, cancelled) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            if cancelled.recv_timeout(delay) == Err(mpsc::RecvTimeoutError::Timeout) { f() }
        });
        Timer { cancel, thread }
    }
    pub fn cancel(&self) -> bool { self.cancel.send(()).is_ok() }
    pub fn join(self) { self.thread.join().unwrap() }
}
