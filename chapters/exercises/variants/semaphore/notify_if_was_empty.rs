//! Breaks: "`release(n)` gives `n` permits back and wakes every waiter that may now go on: a waiter that needs 1 must not sleep on while a permit is free, even when a waiter that needs more was woken first." Carried over from the one-permit chapter: release only notifies when the count goes up from 0 ("nobody waits while permits are free"). But with multi-permit requests a waiter needing 2 does wait while 1 is free; release(1) then takes the count 1 -> 2 without any notify and that waiter sleeps forever. Runs where every release happens to start from 0 free (most of them under contention) pass.

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
        while *free < n {
            free = self.returned.wait(free).unwrap();
        }
        *free -= n;
    }

    /// Gives `n` permits back and wakes the threads that may now go on.
    pub fn release(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        let was_empty = *free == 0;
        *free += n;
        // Nobody can be waiting if permits were already free.
        if was_empty {
            self.returned.notify_all();
        }
    }
}
