//! The atomics of `crate::sync` when graded, with what their `Ordering` means.
//!
//! shuttle's own atomics behave as `SeqCst` whatever ordering they are given: every load sees
//! the newest store. A real processor, and the language, promise less: a `Relaxed` load may
//! still see an older store, unless that store *happened before* the load (through a lock, a
//! thread's start or end, or a `Release` store that an `Acquire` load read). Here, each atomic
//! keeps the stores a load may still see, and a load that could see more than one lets the
//! explorer choose which: a spin lock built from `Relaxed` flags loses
//! updates here, as it does on ARM.
//!
//! What is modelled: a non-`SeqCst` load reads any store from the newest one that happened
//! before it (or that it has already seen: a thread never goes back) to the newest of all;
//! read-modify-writes (`fetch_add`, `swap`, a `compare_exchange`) and `SeqCst` loads read the
//! newest. "Happened before" is shuttle's vector clock, which follows locks, channels, thread
//! starts and joins, and here also `Release` stores read by `Acquire` loads (per atomic, a little
//! generously: an `Acquire` load learns every `Release` store to that atomic so far, which can
//! only hide a stale read, never invent one). Fences are treated as `SeqCst` (generous too).
//! Every operation is one scheduling point, as with shuttle's atomics. Each read-modify-write
//! and the usual methods are told in the story of a failing schedule
//! ([`crate::schedules::story`]).
//!
//! Where: `atomic/memory.rs` models what a load may read; `modelled_atomic!` (in
//! `atomic/load_store.rs`) makes each type with its `load` and `store`, and `read_modify_writes!`
//! (in `atomic/read_modify_write.rs`) gives it the rest.

pub use shuttle::sync::atomic::{
    AtomicI8, AtomicI16, AtomicI128, AtomicPtr, AtomicU8, AtomicU16, AtomicU128, Ordering,
    compiler_fence, fence,
};

#[macro_use]
mod load_store;
#[macro_use]
mod read_modify_write;
mod memory;

// What the types the macros make use.
use std::sync::{Mutex as StdMutex, PoisonError};

use crate::schedules::{
    choices::which_store,
    story::{Named, Tag, record},
};
use memory::{Cell, acquires, cell, me, releases, step};

modelled_atomic!(AtomicBool, bool);
modelled_integer!(AtomicI32, i32);
modelled_integer!(AtomicI64, i64);
modelled_integer!(AtomicIsize, isize);
modelled_integer!(AtomicU32, u32);
modelled_integer!(AtomicU64, u64);
modelled_integer!(AtomicUsize, usize);

impl AtomicBool {
    #[track_caller]
    pub fn fetch_not(&self, order: Ordering) -> bool {
        self.fetch_xor(true, order)
    }
}
