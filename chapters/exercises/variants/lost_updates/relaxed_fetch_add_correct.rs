//! Correct: `fetch_add` is one indivisible step whatever its ordering, so `Relaxed` loses no
//! update; the threads are joined before `get`, and the join orders their writes before it.

use crate::sync::atomic::{AtomicU64, Ordering::Relaxed};

pub struct Counter {
    value: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Counter {
            value: AtomicU64::new(0),
        }
    }

    pub fn increment(&self) {
        self.value.fetch_add(1, Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.value.load(Relaxed)
    }
}
