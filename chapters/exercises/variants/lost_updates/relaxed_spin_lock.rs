//! Wrong: a spin lock whose flag is taken and given back with `Relaxed`. The flag alone is
//! right (one thread at a time gets it), but `Relaxed` orders nothing else: the next holder may
//! still read the counter as it was before the last holder's write, and that update is lost. On
//! x86 this seldom shows; on ARM it does. Taking the flag with `Acquire` and giving it back with
//! `Release` is the repair.

use crate::sync::{
    atomic::{AtomicBool, AtomicU64, Ordering::Relaxed},
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
        while self.locked.swap(true, Relaxed) {
            thread::yield_now();
        }
        let value = self.value.load(Relaxed);
        self.value.store(value + 1, Relaxed);
        self.locked.store(false, Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.value.load(Relaxed)
    }
}
