//! Breaks: "`release(n)` gives `n` permits back". It gives back one, whatever `n` was, so
//! permits leak away and a thread that needs 2 waits for ever.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        while *free < n { free = self.returned.wait(free).unwrap(); }
        *free -= n;
    }
    pub fn release(&self, _n: usize) {
        *self.free.lock().unwrap() += 1;
        self.returned.notify_all();
    }
}
