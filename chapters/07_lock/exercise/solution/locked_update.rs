//! Reference solution of `locked_update`.

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

    pub fn locked_update(&self) {
        let mut value = self.value.lock().unwrap();
        let mut local_copy = *value;
        local_copy += 1;
        thread::yield_now();
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
