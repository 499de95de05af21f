//! Exercise `barrier` (chapter barrier)
//!
//! Build a reusable barrier from a `Mutex` and a `Condvar`: `wait` blocks until `parties`
//! threads have called it (`parties` is at least 1), then releases them all, and the same
//! barrier then works for the next round. Exactly one thread per round gets `true` back (the
//! leader; any one of them will do). More threads than `parties` may share the barrier: every
//! `parties` arrivals make a round. Careful: a thread of the next round may arrive before the
//! last one of this round has woken up.
//!
//! Take your primitives from `crate::sync`. Grade it with `cargo xtask check barrier`.

use crate::sync::{Condvar, Mutex};

pub struct Barrier {
    // TODO: choose the state that a Mutex guards; a Condvar to wait on.
    parties: usize,
    state: Mutex<()>,
    all_arrived: Condvar,
}

impl Barrier {
    pub fn new(parties: usize) -> Self {
        Barrier {
            parties,
            state: Mutex::new(()),
            all_arrived: Condvar::new(),
        }
    }

    /// Waits until `parties` threads are waiting; returns `true` in exactly one of them.
    pub fn wait(&self) -> bool {
        // TODO
        todo!()
    }
}
