//! Breaks: "holding the Mutex from the read to the write so that no update is lost". The value
//! is read through `self.value()`, which takes and releases the lock on its own, and only then is
//! the lock taken for the pause and the write. Another thread can read the same value before
//! this one locks, so updates get lost (rarely: the window is before the yield, not across it).

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
        let local_copy = self.value() + 1;
        let mut value = self.value.lock().unwrap();
        thread::yield_now();
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
