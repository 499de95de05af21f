//! Breaks: "let other threads run (`thread::yield_now` stands in for the tutorial's sleep)". It
//! holds one guard from the read to the write but leaves the pause out: nothing is lost, and
//! nothing shows why the lock is needed, which is what the pause is there for.

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

    pub fn locked_update(&self) {
        let mut value = self.value.lock().unwrap();
        let mut local_copy = *value;
        local_copy += 1;
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
