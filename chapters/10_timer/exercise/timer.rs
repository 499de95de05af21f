//! Exercise `timer` (chapter timer)
//!
//! The chapter's timer, made restartable. `start` calls `f` once on a thread of its own when
//! `delay` has passed since the latest successful `restart` (or since `start`): not sooner, and no
//! more than `delay / 2` later. `restart` returns `true` if the timer was still waiting, and then
//! `f` runs `delay` after this call, not before; it returns `false` if the timer had already fired
//! or been cancelled, and then changes nothing. However many restarts come, `f` runs at most once.
//! `cancel` returns `true` if the timer was still waiting (then `f` must never run); it returns
//! `false` if the timer had already fired or been cancelled (so a second `cancel` returns `false`),
//! and then does nothing. `cancel` and `restart` return at once, never waiting out the delay or
//! `f`. `join` waits until the timer is over: fired and `f` returned, or cancelled. After a
//! `cancel` that returned `true`, `join` returns at once: the timer's thread must not sleep out the
//! delay. If `f` panicked, `join` panics too. Firing, restarting and cancelling at the same instant
//! must still give one clear winner: a `restart` or `cancel` that returns `true` came before the
//! firing.
//!
//! Take your primitives from `crate::sync`. Grade it with `cargo xtask check timer`.

#[allow(unused_imports)]
use crate::sync::{Arc, Condvar, Mutex, mpsc, thread};
use std::time::Duration;

pub struct Timer {
    // TODO: what the timer's thread and the handle share, and the thread's JoinHandle.
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        todo!()
    }
    pub fn restart(&self) -> bool {
        todo!()
    }
    pub fn cancel(&self) -> bool {
        todo!()
    }
    pub fn join(self) {
        todo!()
    }
}
