//! Breaks: "Make `increment` lose nothing." One `compare_exchange` makes the write conditional,
//! but when another thread got there first the exchange fails, and nothing tries again: that
//! update is dropped instead of overwritten, lost all the same.
use crate::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) {
        let current = self.value.load(Ordering::SeqCst);
        let _ = self.value.compare_exchange(current, current + 1, Ordering::SeqCst, Ordering::SeqCst);
    }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
