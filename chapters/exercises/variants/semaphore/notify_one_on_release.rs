//! Breaks: "wakes every waiter that may now go on". One `notify_one` per release, as for one
//! permit at a time: it may wake a waiter that needs 2 while 1 is free, which goes back to
//! sleep, and the waiter that needs 1 sleeps on beside a free permit.
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
        self.returned.notify_one();
    }
}
