//! Wrong twice: the starter's lost update, in std's atomics instead of `crate::sync`'s. Under
//! std's atomics the grader never switches threads between the load and the store, so the race
//! would pass: the grader names the import to change instead.
use std::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) {
        let current = self.value.load(Ordering::SeqCst);
        self.value.store(current + 1, Ordering::SeqCst);
    }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
