//! Correct: a spin lock taken with `Acquire` and given back with `Release`, so that each holder
//! sees the counter as the last holder left it; the counter itself may then be `Relaxed`.

use crate::sync::{
    atomic::{
        AtomicBool, AtomicU64,
        Ordering::{Acquire, Relaxed, Release},
    },
    thread,
};

pub struct Counter {
    locked: AtomicBool,
    value: AtomicU64,
}

impl Counter {
    pub fn new() -> Self {
        Counter {
            locked: AtomicBool::new(false),
            value: AtomicU64::new(0),
        }
    }

    pub fn increment(&self) {
        while self
            .locked
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_err()
        {
            thread::yield_now();
        }
        let value = self.value.load(Relaxed);
        self.value.store(value + 1, Relaxed);
        self.locked.store(false, Release);
    }

    pub fn get(&self) -> u64 {
        self.value.load(Relaxed)
    }
}
