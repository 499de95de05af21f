//! Wrong: flags instead of one decision under a lock; a cancel can slip in between the check and
//! the firing, and both sides then believe they won.
use std::time::Duration;
use crate::sync::{Arc, atomic::{AtomicBool, Ordering::SeqCst}, thread::{self, JoinHandle}};
pub struct Timer { cancelled: Arc<AtomicBool>, fired: Arc<AtomicBool>, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let (cancelled, fired) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let (c, d) = (Arc::clone(&cancelled), Arc::clone(&fired));
        let thread = thread::spawn(move || {
            thread::sleep(delay);
            if !c.load(SeqCst) { d.store(true, SeqCst); f(); }
        });
        Timer { cancelled, fired, thread }
    }
    pub fn cancel(&self) -> bool {
        if self.cancelled.swap(true, SeqCst) { return false; }
        !self.fired.load(SeqCst)
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
