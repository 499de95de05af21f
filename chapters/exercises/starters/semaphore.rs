//! Exercise `semaphore` (chapter semaphore)
//!
//! Write `acquire` and `release` of a counting semaphore on a `Mutex` (the free permits) and a
//! `Condvar` (where threads wait for one). `acquire` takes a permit, waiting while none is free;
//! `release` gives one back and wakes a waiter. Never let more threads hold permits than there
//! are, never lose a wake-up, and remember that a wake-up is only a hint.
//!
//! Take your primitives from `crate::sync`. Grade it with `cargo xtask check semaphore`.

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
        // TODO
        todo!()
    }

    /// Gives a permit back and wakes a thread waiting for one.
    pub fn release(&self) {
        // TODO
        todo!()
    }
}
