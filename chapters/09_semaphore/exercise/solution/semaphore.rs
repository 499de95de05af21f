//! Reference solution of `semaphore`: all `n` permits are taken in one step, under the lock, and
//! a release wakes every waiter, since a waiter that needs fewer permits may be the one to go.

use crate::sync::{Condvar, Mutex};

pub struct Semaphore {
    free: Mutex<usize>,
    returned: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    pub fn acquire(&self, n: usize) {
        let free = self.free.lock().unwrap();
        let mut free = self.returned.wait_while(free, |free| *free < n).unwrap();
        *free -= n;
    }

    pub fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
        self.returned.notify_all();
    }
}
