//! Correct. One guard is taken before the read and explicitly dropped only after the write, so
//! the read, the `crate::sync::thread::yield_now` pause and the write all happen under the lock.
//! Unlike the obvious `.unwrap()`, it recovers a poisoned lock (`into_inner`): a panic in one
//! updater does not make every later update panic too; the value itself is always consistent
//! here, since it is only written in one step.

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
        let mut guard = self
            .value
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let local_copy = *guard + 1; // read and add, under the lock
        thread::yield_now(); // pause, still under the lock
        *guard = local_copy; // write back, still under the lock
        drop(guard); // only now may another thread read
    }

    pub fn value(&self) -> i64 {
        *self
            .value
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
