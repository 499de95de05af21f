//! Breaks: "Take your primitives from `crate::sync`." The locking is right, but the pause is
//! `std::thread::yield_now`, which the grader's schedule explorer does not see as a point where
//! another thread may run, so the pause the exercise asks for is invisible to it. Runs fine.

use crate::sync::Mutex;

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
        let local_copy = *value + 1;
        std::thread::yield_now();
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
