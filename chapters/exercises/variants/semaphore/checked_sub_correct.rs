//! Correct. Written as a single `loop` that tries `checked_sub` on the free count and waits only when it fails (so the "enough?" test and the take are one step under the lock); release adds and calls notify_all while still holding the guard, so no waiter can miss it, and every woken waiter re-checks.

use crate::sync::{Condvar, Mutex};

pub struct Semaphore {
    /// How many are free now.
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

    /// Takes `n` permits at once, waiting while fewer than `n` are free.
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        loop {
            match free.checked_sub(n) {
                Some(rest) => {
                    *free = rest;
                    return;
                }
                None => free = self.returned.wait(free).unwrap(),
            }
        }
    }

    /// Gives `n` permits back and wakes the threads that may now go on.
    pub fn release(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        *free += n;
        self.returned.notify_all();
    }
}
