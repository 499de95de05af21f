//! Breaks: "`release(n)` gives `n` permits back and wakes every waiter that may now go on: a waiter that needs 1 must not sleep on while a permit is free, even when a waiter that needs more was woken first." Release reasons "n permits came back, so at most n waiters can use them" and calls notify_one n times. If the one woken by release(1) is a waiter needing 3, it re-checks, goes back to sleep, and the waiter needing 1 sleeps on next to a free permit. With only n = 1 callers, or when the woken one happens to fit, it is indistinguishable from a correct answer.

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
        *free += n;
        // Each returned permit can satisfy at most one more waiter.
        for _ in 0..n {
            self.returned.notify_one();
        }
    }
}
