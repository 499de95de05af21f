//! Right, with another technique than the reference: one Mutex held for the whole update.
use crate::sync::Mutex;
pub struct Counter { value: Mutex<u64> }
impl Counter {
    pub fn new() -> Self { Counter { value: Mutex::new(0) } }
    pub fn increment(&self) { *self.value.lock().unwrap() += 1; }
    pub fn get(&self) -> u64 { *self.value.lock().unwrap() }
}
