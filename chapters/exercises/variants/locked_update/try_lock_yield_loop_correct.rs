//! Correct: takes the lock with `try_lock`, yielding while another thread holds it, then reads,
//! adds, pauses and writes under that one guard. The waiting loop is slower than `lock()`, but
//! no update is lost.

use crate::sync::{Mutex, TryLockError, thread};

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
        let mut value = loop {
            match self.value.try_lock() {
                Ok(guard) => break guard,
                Err(TryLockError::WouldBlock) => thread::yield_now(),
                Err(TryLockError::Poisoned(poisoned)) => break poisoned.into_inner(),
            }
        };
        let mut local_copy = *value;
        local_copy += 1;
        thread::yield_now();
        *value = local_copy;
    }

    pub fn value(&self) -> i64 {
        *self.value.lock().unwrap()
    }
}
