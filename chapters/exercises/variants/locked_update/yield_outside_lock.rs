//! Breaks: "each call must call `thread::yield_now()` while it holds the lock".
//! The read and write are under one guard, but the block ends before `yield_now`, so the pause
//! happens unlocked. No update is lost, so a test that only checks the final count passes; the
//! exercise's point (the pause inside the critical section) is gone.

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
        {
            let mut value = self.value.lock().unwrap();
            let local_copy = *value + 1;
            *value = local_copy;
        }
        thread::yield_now();
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
