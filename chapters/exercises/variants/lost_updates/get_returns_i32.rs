//! Wrong: `get` returns `i32`, not the starter's `u64`. The file compiles on its own; the
//! grader's call does not, and the verdict says what it expected and what it found.
use crate::sync::atomic::{AtomicU64, Ordering};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) { self.value.fetch_add(1, Ordering::SeqCst); }
    pub fn get(&self) -> i32 { self.value.load(Ordering::SeqCst) as i32 }
}
