//! Wrong, with no race needed: each call adds 2. One thread alone shows it.
use crate::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) { self.value.fetch_add(2, Ordering::SeqCst); }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
