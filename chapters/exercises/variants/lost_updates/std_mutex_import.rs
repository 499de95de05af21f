//! Wrong: a right answer in std's Mutex, not `crate::sync`'s. The grader cannot switch threads
//! inside std's primitives, so it would see no race even if there were one: it names the import.
use std::sync::Mutex;
pub struct Counter { value: Mutex<u64> }
impl Counter {
    pub fn new() -> Self { Counter { value: Mutex::new(0) } }
    pub fn increment(&self) { *self.value.lock().unwrap() += 1; }
    pub fn get(&self) -> u64 { *self.value.lock().unwrap() }
}
