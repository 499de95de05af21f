//! Wrong: flags instead of one decision under a lock; a cancel can slip in between the check and
//! the firing, and both sides then believe they won. (The deadline is an atomic too: the thread
//! sleeps towards it a millisecond at a time, looking at the cancel flag and the deadline after
//! each.)
use std::time::{Duration, Instant};
use crate::sync::{Arc, atomic::{AtomicBool, AtomicU64, Ordering::SeqCst}, thread::{self, JoinHandle}};
pub struct Timer { cancelled: Arc<AtomicBool>, fired: Arc<AtomicBool>, until: Arc<AtomicU64>, began: Instant, delay: Duration, thread: JoinHandle<()> }
fn nanos(since: Instant) -> u64 { u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX) }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let began = Instant::now();
        let (cancelled, fired) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let until = Arc::new(AtomicU64::new(u64::try_from(delay.as_nanos()).unwrap_or(u64::MAX)));
        let (c, d, u) = (Arc::clone(&cancelled), Arc::clone(&fired), Arc::clone(&until));
        let thread = thread::spawn(move || {
            loop {
                let (now, deadline) = (nanos(began), u.load(SeqCst));
                if now >= deadline || c.load(SeqCst) { break; }
                thread::sleep(Duration::from_nanos(deadline - now).min(Duration::from_millis(1)));
            }
            if !c.load(SeqCst) { d.store(true, SeqCst); f(); }
        });
        Timer { cancelled, fired, until, began, delay, thread }
    }
    pub fn restart(&self) -> bool {
        if self.cancelled.load(SeqCst) || self.fired.load(SeqCst) { return false; }
        self.until.store(nanos(self.began) + u64::try_from(self.delay.as_nanos()).unwrap_or(0), SeqCst);
        true
    }
    pub fn cancel(&self) -> bool {
        if self.cancelled.swap(true, SeqCst) { return false; }
        !self.fired.load(SeqCst)
    }
    pub fn join(self) { self.thread.join().unwrap() }
}
