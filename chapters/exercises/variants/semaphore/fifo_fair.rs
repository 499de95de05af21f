//! Breaks: "`release(n)` gives `n` permits back and wakes every waiter that may now go on: a waiter that needs 1 must not sleep on while a permit is free, even when a waiter that needs more was woken first." To "avoid starving big requests" it serves waiters strictly in ticket order: a waiter needing 1 queued behind a waiter needing 3 sleeps on while 1 or 2 permits are free. Permit counts are never exceeded and nothing deadlocks in ordinary tests (the big waiter is eventually served), so a grader that checks only safety and completion passes it; it fails only when the small waiter's progress is what frees the rest.

use crate::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::{Condvar, Mutex};

pub struct Semaphore {
    /// How many are free now.
    free: Mutex<usize>,
    returned: Condvar,
    /// Next ticket to hand out.
    next_ticket: AtomicUsize,
    /// Ticket allowed to take permits now (changed only under `free`'s lock).
    serving: AtomicUsize,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            returned: Condvar::new(),
            next_ticket: AtomicUsize::new(0),
            serving: AtomicUsize::new(0),
        }
    }

    /// Takes `n` permits at once, waiting while fewer than `n` are free.
    pub fn acquire(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        let ticket = self.next_ticket.fetch_add(1, Ordering::SeqCst);
        while self.serving.load(Ordering::SeqCst) != ticket || *free < n {
            free = self.returned.wait(free).unwrap();
        }
        *free -= n;
        self.serving.store(ticket + 1, Ordering::SeqCst);
        // Let the next in line check.
        self.returned.notify_all();
    }

    /// Gives `n` permits back and wakes the threads that may now go on.
    pub fn release(&self, n: usize) {
        let mut free = self.free.lock().unwrap();
        *free += n;
        self.returned.notify_all();
    }
}
