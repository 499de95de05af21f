//! Breaks: "never holds some of them while it waits for the rest". It takes the permits one by
//! one: two threads that each need both can take one each and wait for each other forever.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { free: Mutex<usize>, returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { free: Mutex::new(permits), returned: Condvar::new() } }
    pub fn acquire(&self, n: usize) {
        for _ in 0..n {
            let mut free = self.free.lock().unwrap();
            while *free == 0 { free = self.returned.wait(free).unwrap(); }
            *free -= 1;
        }
    }
    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
