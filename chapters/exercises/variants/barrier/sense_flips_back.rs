//! Wrong: a sense-reversing barrier: the last arrival flips a shared flag, and each waiter waits
//! for the flag to match the sense it expects. With more threads than `parties`, the next round can
//! flip the flag back before a waiter of this round has woken and looked: that waiter then waits
//! for a flip that already came and went, forever.

use crate::sync::{Condvar, Mutex};

pub struct Barrier {
    parties: usize,
    /// (threads arrived this round, sense of this round)
    state: Mutex<(usize, bool)>,
    all_arrived: Condvar,
}

impl Barrier {
    pub fn new(parties: usize) -> Self {
        Barrier {
            parties,
            state: Mutex::new((0, false)),
            all_arrived: Condvar::new(),
        }
    }

    /// Waits until `parties` threads are waiting; returns `true` in exactly one of them.
    pub fn wait(&self) -> bool {
        let mut guard = self.state.lock().unwrap();
        let my_sense = guard.1;
        guard.0 += 1;
        if guard.0 == self.parties {
            guard.0 = 0;
            guard.1 = !my_sense;
            drop(guard);
            self.all_arrived.notify_all();
            true
        } else {
            while guard.1 == my_sense {
                guard = self.all_arrived.wait(guard).unwrap();
            }
            false
        }
    }
}
