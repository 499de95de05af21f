//! Correct. Release wakes everybody only after dropping the guard (the count is already updated under the lock, so nothing is lost), and an acquirer that succeeds while permits are still left over relays a notify_all of its own. The relay is redundant with notify_all in release but harmless; the wait loop re-checks after every wake-up, so spurious or stolen wake-ups never over-subscribe.

use crate::sync::{Condvar, Mutex};

pub struct Semaphore {
    /// How many are free now.
    free: Mutex<usize>,
    returned: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    /// Takes `n` permits at once, waiting while fewer than `n` are free.
    pub fn acquire(&self, n: usize) {
        let left = {
            let mut free = self.free.lock().unwrap();
            while *free < n {
                free = self.returned.wait(free).unwrap();
            }
            *free -= n;
            *free
        };
        if left > 0 {
            self.returned.notify_all();
        }
    }

    /// Gives `n` permits back and wakes the threads that may now go on.
    pub fn release(&self, n: usize) {
        {
            let mut free = self.free.lock().unwrap();
            *free += n;
        }
        self.returned.notify_all();
    }
}
