//! Wrong: arrivals are counted with an atomic, and the last one notifies without taking the
//! Mutex. A waiter can check the count under the lock and find it short, then the last arrival
//! adds one and notifies before the waiter has begun to wait: the notify reaches nobody, and
//! the waiter sleeps forever. Changing the condition and notifying under the waiters' Mutex
//! closes that gap.

use crate::sync::{
    Condvar, Mutex,
    atomic::{AtomicUsize, Ordering::SeqCst},
};

pub struct Barrier {
    parties: usize,
    arrived: AtomicUsize,
    lock: Mutex<()>,
    all_arrived: Condvar,
}

impl Barrier {
    pub fn new(parties: usize) -> Self {
        Barrier {
            parties,
            arrived: AtomicUsize::new(0),
            lock: Mutex::new(()),
            all_arrived: Condvar::new(),
        }
    }

    pub fn wait(&self) -> bool {
        let ticket = self.arrived.fetch_add(1, SeqCst);
        let round_end = (ticket / self.parties + 1) * self.parties;
        if ticket + 1 == round_end {
            self.all_arrived.notify_all();
            return true;
        }
        let mut guard = self.lock.lock().unwrap();
        while self.arrived.load(SeqCst) < round_end {
            guard = self.all_arrived.wait(guard).unwrap();
        }
        false
    }
}
