//! Breaks: waiting on the Condvar. It loops, taking and dropping the lock, until enough permits
//! are free: it burns a core, and a schedule that keeps it running never ends.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        loop {
            let mut free = self.free.lock().unwrap();
            if *free >= n { *free -= n; return; }
        }
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
