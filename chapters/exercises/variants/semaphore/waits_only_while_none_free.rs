//! Breaks: "waiting while fewer than `n` are free". It waits only while no permit at all is
//! free, as the one-permit semaphore did, and then takes `n` of however many there are.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        while *free == 0 { free = self.returned.wait(free).unwrap(); }
        *free -= n;
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
