//! Wrong, with no race needed: `increment` reads the value and forgets to store it back.
use crate::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) { let _ = self.value.load(Ordering::SeqCst) + 1; }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
