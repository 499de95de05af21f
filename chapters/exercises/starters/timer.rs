//! Exercise `timer` (chapter timer)
//!
//! Build Python's `threading.Timer`: `start` calls `f` once on a thread of its own after
//! `delay`, unless `cancel` comes first. `cancel` returns `true` if it stopped the timer (then
//! `f` must never run) and `false` if the timer already fired (then it does nothing). `cancel`
//! returns at once, never waiting out the delay. `join` waits until the timer is over: fired
//! and `f` returned, or cancelled. Firing and cancelling at the same instant must still give
//! one clear winner.
//!
//! Take your primitives from `crate::sync` (std's when run for real; a schedule-exploring copy
//! when the grader looks for races). Grade it with `cargo xtask check timer`.

use std::time::Duration;

#[allow(unused_imports)]
use crate::sync::{Arc, Condvar, Mutex, mpsc, thread};

pub struct Timer {
    // TODO: what the timer's thread and the handle share, and the thread's JoinHandle.
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        // TODO
        todo!()
    }

    pub fn cancel(&self) -> bool {
        // TODO
        todo!()
    }

    pub fn join(self) {
        // TODO
        todo!()
    }
}
