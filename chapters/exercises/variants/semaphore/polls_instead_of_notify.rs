//! Breaks: "`release` gives one back and wakes a waiter". `release` never notifies; waiters poll
//! with a 10 ms `wait_timeout` instead. Nothing ever hangs for good and the permit count is always
//! right, so correctness tests pass, but a waiter only notices a returned permit at its next poll
//! (and a schedule explorer that does not model time may see it never wake).

use std::time::Duration;

use crate::sync::{Condvar, Mutex};

pub struct Semaphore {
    permits: Mutex<usize>,
    permit_returned: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            permits: Mutex::new(permits),
            permit_returned: Condvar::new(),
        }
    }

    /// Takes a permit, waiting while there is none.
    pub fn acquire(&self) {
        let mut permits = self.permits.lock().unwrap();
        while *permits == 0 {
            permits = self
                .permit_returned
                .wait_timeout(permits, Duration::from_millis(10))
                .unwrap()
                .0;
        }
        *permits -= 1;
    }

    /// Gives a permit back and wakes a thread waiting for one.
    pub fn release(&self) {
        *self.permits.lock().unwrap() += 1;
    }
}
