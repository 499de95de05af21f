//! Breaks: "`release(n)` gives `n` permits back and wakes every waiter that may now go on". It
//! gives them back and wakes nobody: a lost wake-up.
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
        *self.free.lock().unwrap() += n;
    }
}
