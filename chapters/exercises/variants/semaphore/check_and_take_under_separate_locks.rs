//! Breaks: "Never let threads hold more permits than there are". It waits for enough permits
//! under the lock, lets go of it, and takes them under a second lock: two threads can both see
//! the same free permits, and both take them.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        {
            let mut free = self.free.lock().unwrap();
            while *free < n { free = self.returned.wait(free).unwrap(); }
        }
        *self.free.lock().unwrap() -= n;
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
