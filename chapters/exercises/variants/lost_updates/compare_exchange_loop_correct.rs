//! Right, another way: load, then `compare_exchange` the value one higher, and when another
//! thread changed it in between, start again from the value it left.
use crate::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) {
        let mut current = self.value.load(Ordering::SeqCst);
        while let Err(now) = self.value.compare_exchange(current, current + 1, Ordering::SeqCst, Ordering::SeqCst) {
            current = now;
        }
    }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
