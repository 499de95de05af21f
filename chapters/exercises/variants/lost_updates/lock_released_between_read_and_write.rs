//! Wrong: the lock is taken for the read and released before the write.
use crate::sync::Mutex;
pub struct Counter { value: Mutex<u64> }
impl Counter {
    pub fn new() -> Self { Counter { value: Mutex::new(0) } }
    pub fn increment(&self) {
        let current = *self.value.lock().unwrap();
        *self.value.lock().unwrap() = current + 1;
    }
    pub fn get(&self) -> u64 { *self.value.lock().unwrap() }
}
