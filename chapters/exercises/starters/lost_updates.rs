//! Exercise `lost_updates` (chapter race_condition)
//!
//! Several threads call `increment` at once. As written, `increment` reads the value, adds one
//! and writes it back in separate steps, so two threads can read the same value and one update
//! is lost. Make `increment` lose nothing. Any correct technique is fine: change the fields too.
//!
//! Take your primitives from `crate::sync` (it is `std::sync` when you run this, and a
//! schedule-exploring copy of it when it is graded). Grade it with `cargo xtask check lost_updates`.

use crate::sync::atomic::{AtomicU64, Ordering};

/// A counter that many threads add to at once.
pub struct Counter {
    value: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Counter {
            value: AtomicU64::new(0),
        }
    }

    /// Adds one. TODO: another thread can run between the load and the store.
    pub fn increment(&self) {
        let current = self.value.load(Ordering::SeqCst);
        self.value.store(current + 1, Ordering::SeqCst);
    }

    pub fn get(&self) -> u64 {
        self.value.load(Ordering::SeqCst)
    }
}
