//! Breaks: "wakes every waiter that may now go on". It wakes the waiters before the permits are
//! back: they look, find too few, and sleep again; the permits that come next wake nobody.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        while *free < n { free = self.returned.wait(free).unwrap(); }
        *free -= n;
    }
    pub fn release(&self, n: usize) {
        self.returned.notify_all();
        *self.free.lock().unwrap() += n;
    }
}
