//! Breaks: "Make `increment` lose nothing." The update is held under a lock, but a lock made
//! inside `increment` is a new one in every call: no two threads ever wait for the same lock,
//! so they still read the same value.
use crate::sync::{Mutex, atomic::{AtomicU64, Ordering}};
pub struct Counter { value: AtomicU64 }
impl Counter {
    pub fn new() -> Self { Counter { value: AtomicU64::new(0) } }
    pub fn increment(&self) {
        let lock = Mutex::new(());
        let _guard = lock.lock().unwrap();
        let current = self.value.load(Ordering::SeqCst);
        self.value.store(current + 1, Ordering::SeqCst);
    }
    pub fn get(&self) -> u64 { self.value.load(Ordering::SeqCst) }
}
