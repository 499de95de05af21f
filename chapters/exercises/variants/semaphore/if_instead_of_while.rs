//! Breaks: "remember that a wake-up is only a hint". It waits once and then takes its permits,
//! whether or not enough are free after the wake-up.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        if *free < n { free = self.returned.wait(free).unwrap(); }
        *free -= n;
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
