//! Wrong: `increment` holds the lock, then calls `get`, which locks it again. A thread that waits
//! for a lock it holds itself waits forever: a deadlock of one thread (std may also panic).
use crate::sync::Mutex;
pub struct Counter { value: Mutex<u64> }
impl Counter {
    pub fn new() -> Self { Counter { value: Mutex::new(0) } }
    pub fn increment(&self) {
        let mut value = self.value.lock().unwrap();
        *value = self.get() + 1;
    }
    pub fn get(&self) -> u64 { *self.value.lock().unwrap() }
}
