//! Exercise `semaphore` (chapter semaphore)
//!
//! The chapter's semaphore hands out one permit at a time. Write one whose callers may need
//! several at once, as a job may need three of a pool's connections. `acquire(n)` takes `n`
//! permits together, waiting while fewer than `n` are free, and never holds some of them while
//! it waits for the rest. `release(n)` gives `n` permits back and wakes every waiter that may
//! now go on: a waiter that needs 1 must not sleep on while a permit is free, even when a
//! waiter that needs more was woken first. Never let threads hold more permits than there are,
//! and remember that a wake-up is only a hint. `n` is never 0, nor more than there are in all.
//!
//! Take your primitives from `crate::sync`. Grade it with `cargo xtask check semaphore`.

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
        // TODO
        todo!()
    }

    /// Gives `n` permits back and wakes the threads that may now go on.
    pub fn release(&self, n: usize) {
        // TODO
        todo!()
    }
}
