//! Breaks: "wakes every waiter that may now go on". Release never notifies; waiters look again
//! every 10 ms with a timed wait. Nothing wakes them but their own clock.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        while *free < n { free = self.returned.wait_timeout(free, std::time::Duration::from_millis(10)).unwrap().0; }
        *free -= n;
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
    }
}
