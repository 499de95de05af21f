//! Breaks: "Never let more threads hold permits than there are". The wait loop correctly waits
//! for a free permit, but the guard is dropped before the permit is taken under a second lock:
//! two threads can both see the last permit, and both take it (underflow: a panic in debug
//! builds, a wrapped count and more holders than permits in release builds).

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
        {
            let mut permits = self.permits.lock().unwrap();
            while *permits == 0 {
                permits = self.permit_returned.wait(permits).unwrap();
            }
        }
        *self.permits.lock().unwrap() -= 1;
    }

    /// Gives a permit back and wakes a thread waiting for one.
    pub fn release(&self) {
        let mut permits = self.permits.lock().unwrap();
        *permits += 1;
        self.permit_returned.notify_one();
    }
}
