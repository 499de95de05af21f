//! Wrong: read and write in two separate lock scopes.
use crate::sync::{Mutex, thread};
pub struct FakeDatabase { value: Mutex<i64> }
impl FakeDatabase {
    pub fn new() -> Self { FakeDatabase { value: Mutex::new(0) } }
    pub fn locked_update(&self) {
        let local_copy = { *self.value.lock().unwrap() } + 1;
        thread::yield_now();
        *self.value.lock().unwrap() = local_copy;
    }
    pub fn value(&self) -> i64 { *self.value.lock().unwrap() }
}
