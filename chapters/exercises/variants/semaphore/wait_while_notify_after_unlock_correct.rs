//! Correct. `acquire` uses `Condvar::wait_while`, which re-checks "no permit free" after every
//! wake-up (spurious or stolen) and only returns, still holding the lock, once a permit is free;
//! the permit is taken under that same guard, so the count never goes below 0. `release` adds
//! the permit under the lock and notifies after unlocking: any waiter checked the count under
//! the lock, so it either saw the new permit or was already waiting and gets this notify (no
//! lost wake-up), and notifying unlocked spares the woken thread from blocking on the lock.

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
        let permits = self.permits.lock().unwrap();
        let mut permits = self
            .permit_returned
            .wait_while(permits, |free| *free == 0)
            .unwrap();
        *permits -= 1;
    }

    /// Gives a permit back and wakes a thread waiting for one.
    pub fn release(&self) {
        {
            let mut permits = self.permits.lock().unwrap();
            *permits += 1;
        }
        self.permit_returned.notify_one();
    }
}
