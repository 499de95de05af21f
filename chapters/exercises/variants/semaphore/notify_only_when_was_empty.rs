//! Breaks: "`release` gives one back and wakes a waiter ... never lose a wake-up". It only
//! notifies when the count goes from 0 to 1 ("nobody waits otherwise"). With two waiters and two
//! quick releases, the second release finds 1 (the first waiter has not re-locked yet) and
//! notifies nobody: the second waiter sleeps forever with a permit free. Fine with one waiter.

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
            permits = self.permit_returned.wait(permits).unwrap();
        }
        *permits -= 1;
    }

    /// Gives a permit back and wakes a thread waiting for one.
    pub fn release(&self) {
        let mut permits = self.permits.lock().unwrap();
        *permits += 1;
        if *permits == 1 {
            self.permit_returned.notify_one();
        }
    }
}
