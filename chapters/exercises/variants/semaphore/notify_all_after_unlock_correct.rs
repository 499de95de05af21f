//! Right: the lock is let go before the waiters are woken, which spares them waking into a
//! held lock; the permits are back before anyone is woken.
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
        {
            let mut free = self.free.lock().unwrap();
            *free += n;
        }
        self.returned.notify_all();
    }
}
