//! Right: waiting in slices with `wait_timeout`, checking the count under the lock after every
//! wake-up, whether a release woke it or the slice ran out.
use std::time::Duration;
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { permits: Mutex<usize>, permit_returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore { permits: Mutex::new(permits), permit_returned: Condvar::new() }
    }
    pub fn acquire(&self) {
        let mut permits = self.permits.lock().unwrap();
        while *permits == 0 {
            permits = self.permit_returned.wait_timeout(permits, Duration::from_millis(10)).unwrap().0;
        }
        *permits -= 1;
    }
    pub fn release(&self) {
        *self.permits.lock().unwrap() += 1;
        self.permit_returned.notify_one();
    }
}
