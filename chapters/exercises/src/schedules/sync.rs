//! The `crate::sync` that exercise files see when graded: shuttle's primitives, which let the
//! scheduler choose who runs at every lock, wait and atomic access. Where shuttle differs from
//! std, this module keeps std's behaviour: shuttle's timed waits never time out, so a Mutex and
//! a Condvar of our own make a timed wait release its lock, wake on a notify, and time out at a
//! moment the scheduler picks.
//!
//! Laid out like std's `sync` (and shuttle's), one primitive a file: `mutex.rs`, `condvar.rs`,
//! `mpsc.rs`, `thread.rs`, and `atomic.rs` with the atomics in `atomic/`. `time.rs` is how a
//! timed wait's time runs out; `records.rs` keeps the locks held, the pauses and the lock order
//! of an execution. The choices std leaves open are asked of `super::choices`; each step is told
//! in `super::story`. shuttle's `Arc`, `Barrier`, `Once` and `RwLock` are used as they are.

pub mod atomic;
pub(super) mod condvar;
pub mod mpsc;
mod mutex;
pub(super) mod records;
pub mod thread;
pub(super) mod time;

pub use shuttle::sync::{
    Arc, Barrier, BarrierWaitResult, Once, OnceState, RwLock, RwLockReadGuard, RwLockWriteGuard,
    Weak,
};
pub use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

pub use condvar::{Condvar, WaitTimeoutResult};
pub use mutex::{Mutex, MutexGuard};
pub use records::{Pauses, lock_order, pauses};
pub use time::timed_waits_never_time_out;
