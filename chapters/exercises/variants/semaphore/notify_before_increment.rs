//! Breaks: "never lose a wake-up". `release` notifies first and only then locks and adds the
//! permit. A waiter woken by that notify can re-lock before the permit is added, see 0, and go
//! back to sleep; the increment that follows notifies nobody, so it sleeps on with a permit free.

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
        self.permit_returned.notify_one();
        *self.permits.lock().unwrap() += 1;
    }
}
