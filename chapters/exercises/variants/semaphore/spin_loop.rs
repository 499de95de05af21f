//! Wrong: spins instead of waiting on the Condvar.
use crate::sync::{Condvar, Mutex};
pub struct Semaphore { permits: Mutex<usize>, permit_returned: Condvar }
impl Semaphore {
    pub fn new(permits: usize) -> Self { Semaphore { permits: Mutex::new(permits), permit_returned: Condvar::new() } }
    pub fn acquire(&self) {
        loop {
            let mut permits = self.permits.lock().unwrap();
            if *permits > 0 { *permits -= 1; return; }
        }
    }
    pub fn release(&self) { *self.permits.lock().unwrap() += 1; self.permit_returned.notify_one(); }
}
