//! Breaks: "holding the Mutex from the read to the write so that no update is lost". Each
//! `lock()` is a temporary guard dropped at the end of its statement, so the lock is free during
//! `yield_now`, and another thread can read the same value: updates get lost.

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
        let mut local_copy = *self.value.lock().unwrap();
        local_copy += 1;
        thread::yield_now();
        *self.value.lock().unwrap() = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
