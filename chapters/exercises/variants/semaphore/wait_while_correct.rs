//! Right, another way: wait_while, and notify_all.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { permits: Mutex<usize>, permit_returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { permits: Mutex::new(permits), permit_returned: Condvar::new() } }
    pub fn acquire(&self) {
        let mut permits = self.permit_returned.wait_while(self.permits.lock().unwrap(), |p| *p == 0).unwrap();
        *permits -= 1;
    }
    pub fn release(&self) { *self.permits.lock().unwrap() += 1; self.permit_returned.notify_all(); }
}
