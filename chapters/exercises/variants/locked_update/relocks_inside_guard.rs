//! Breaks: "read the value ... holding the Mutex from the read to the write". The lock is taken
//! first, but the read goes through `self.value()`, which locks the same, non-reentrant Mutex
//! again: the thread deadlocks on itself (std may also panic) on the very first call.

use crate::sync::{Mutex, thread};

pub struct FakeDatabase {
    value: Mutex<i64>,
}

impl FakeDatabase {
    pub fn new() -> Self {
        FakeDatabase {
            value: Mutex::new(0),
        }
    }

    /// Adds one to the value, holding the lock across the read, the pause and the write.
    pub fn locked_update(&self) {
        let mut value = self.value.lock().unwrap();
        let local_copy = self.value() + 1;
        thread::yield_now();
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
