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
//! and the usual methods are told in the story of a failing schedule ([`super::story`]).

use std::sync::{Mutex as StdMutex, PoisonError};

pub use shuttle::sync::atomic::{
    AtomicI8, AtomicI16, AtomicI128, AtomicPtr, AtomicU8, AtomicU16, AtomicU128, Ordering,
    compiler_fence, fence,
};

use super::{
    choices::which_store,
    play,
    story::{Named, Tag, record},
    sync::execution,
};

/// One store to an atomic, as a later load may still see it.
#[derive(Debug, Clone, Copy)]
struct Store<T> {
    value: T,
    /// Its place in the atomic's modification order.
    seq: u64,
    /// The thread that stored it and its own clock entry just after: the store happened before
    /// a load whose clock has at least that entry for that thread.
    by: (usize, u32),
}

/// An atomic's value and the stores a load may still see.
#[derive(Debug)]
struct Cell<T> {
    /// The execution these stores belong to: an atomic that outlives an execution (a `static`)
    /// starts the next one with its last value, seen by everyone.
    execution: u64,
    /// The value before the first store in `stores`, which every thread has seen.
    first: T,
    /// The stores of this execution, oldest first.
    stores: Vec<Store<T>>,
    /// The last `seq` each thread has read or written (by thread): it never reads older.
    seen: Vec<(usize, u64)>,
}

impl<T: Copy> Cell<T> {
    const fn new(value: T) -> Self {
        Cell {
            execution: 0,
            first: value,
            stores: Vec::new(),
            seen: Vec::new(),
        }
    }

    fn newest(&self) -> T {
        self.stores.last().map_or(self.first, |store| store.value)
    }

    /// Forgets the stores (everyone has seen the newest): for a new execution, or when the
    /// atomic is reached through `&mut` (nobody else can be looking).
    fn settle(&mut self) {
        self.first = self.newest();
        self.stores.clear();
        self.seen.clear();
    }

    fn enter(&mut self) {
        let now = execution();
        if self.execution != now {
            self.settle();
            self.execution = now;
        }
    }

    fn seen_by(&mut self, thread: usize, seq: u64) {
        match self.seen.iter_mut().find(|(who, _)| *who == thread) {
            Some(entry) => entry.1 = entry.1.max(seq),
            None => self.seen.push((thread, seq)),
        }
    }

    /// Records a store of `value` by the running thread.
    fn store(&mut self, value: T, me: (usize, u32)) {
        let seq = self.stores.last().map_or(1, |store| store.seq + 1);
        self.stores.push(Store { value, seq, by: me });
        self.seen_by(me.0, seq);
    }

    /// Reads the newest value, as a read-modify-write does.
    fn read_newest(&mut self, me: usize) -> T {
        let seq = self.stores.last().map_or(0, |store| store.seq);
        self.seen_by(me, seq);
        self.newest()
    }

    /// The stores a load by `me`, whose clock was `clock`, may read: newest first, then older
    /// ones, down to the newest that happened before the load or that `me` has seen.
    fn readable(&self, me: usize, clock: &[u32]) -> Vec<(u64, T)> {
        let seen = self
            .seen
            .iter()
            .find(|(who, _)| *who == me)
            .map_or(0, |&(_, seq)| seq);
        let mut readable = Vec::new();
        for store in self.stores.iter().rev() {
            readable.push((store.seq, store.value));
            let (writer, entry) = store.by;
            let happened_before = writer == me || clock.get(writer).is_some_and(|&c| c >= entry);
            if happened_before || store.seq <= seen {
                return readable;
            }
        }
        readable.push((0, self.first));
        readable
    }
}

/// The running thread, and its clock (while an execution is torn down, maybe none).
fn me() -> (usize, Vec<u32>) {
    let clock = shuttle::current::clock();
    let me = shuttle::current::try_get_current_task().map_or(usize::MAX, usize::from);
    (me, clock.to_vec())
}

fn acquires(order: Ordering) -> bool {
    matches!(
        order,
        Ordering::Acquire | Ordering::AcqRel | Ordering::SeqCst
    )
}

fn releases(order: Ordering) -> bool {
    matches!(
        order,
        Ordering::Release | Ordering::AcqRel | Ordering::SeqCst
    )
}

/// The scheduling point of one atomic operation, with what its ordering makes known: an
/// acquiring one learns what the releasing ones to this atomic knew, a releasing one passes on
/// what its thread knows. Each also moves the thread's own clock entry on, so a store made
/// now is known only to those who learn of it later. Returns the running thread and its own
/// entry afterwards.
#[track_caller]
fn step(
    release: &shuttle::sync::atomic::AtomicBool,
    tick: &shuttle::sync::atomic::AtomicBool,
    acquire: bool,
    publish: bool,
) -> (usize, u32) {
    use shuttle::sync::atomic::Ordering::SeqCst;
    play::at(std::panic::Location::caller());
    match (acquire, publish) {
        (true, true) => drop(release.swap(false, SeqCst)),
        (true, false) => drop(release.load(SeqCst)),
        (false, true) => release.store(false, SeqCst),
        // Nobody stores to `tick`: loading it learns nothing, but still moves the clock on.
        (false, false) => drop(tick.load(SeqCst)),
    }
    let (me, clock) = me();
    (me, clock.get(me).copied().unwrap_or(0))
}

fn cell<T>(lock: &StdMutex<Cell<T>>) -> std::sync::MutexGuard<'_, Cell<T>> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}

macro_rules! modelled_atomic {
    ($name:ident, $int:ty) => {
        /// A model of std's atomic of the same name (see the module's documentation).
        pub struct $name {
            tag: Tag,
            cell: StdMutex<Cell<$int>>,
            /// What the `Release` stores to this atomic passed on, for `Acquire` loads.
            release: shuttle::sync::atomic::AtomicBool,
            /// Stored to by nobody: a scheduling point that passes nothing on.
            tick: shuttle::sync::atomic::AtomicBool,
        }

        impl Default for $name {
            fn default() -> Self {
                $name::new(<$int>::default())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&cell(&self.cell).newest(), f)
            }
        }

        impl Named for $name {
            fn tag(&self) -> &Tag {
                &self.tag
            }
        }

        impl From<$int> for $name {
            fn from(value: $int) -> Self {
                $name::new(value)
            }
        }

        impl $name {
            #[track_caller]
            pub const fn new(value: $int) -> Self {
                $name {
                    tag: Tag::new(),
                    cell: StdMutex::new(Cell::new(value)),
                    release: shuttle::sync::atomic::AtomicBool::new(false),
                    tick: shuttle::sync::atomic::AtomicBool::new(false),
                }
            }

            pub fn into_inner(self) -> $int {
                self.cell
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner)
                    .newest()
            }

            pub fn get_mut(&mut self) -> &mut $int {
                let cell = self.cell.get_mut().unwrap_or_else(PoisonError::into_inner);
                cell.settle();
                &mut cell.first
            }

            fn tell(&self, step: impl FnOnce(String) -> String) {
                let at = self.tag.id();
                record(|name| step(name(at, stringify!($name))));
            }

            #[track_caller]
            pub fn load(&self, order: Ordering) -> $int {
                let (_, before) = me();
                let (me, _) = step(&self.release, &self.tick, acquires(order), false);
                let mut cell = cell(&self.cell);
                cell.enter();
                let readable = if order == Ordering::SeqCst {
                    Vec::new()
                } else {
                    cell.readable(me, &before)
                };
                if readable.len() < 2 {
                    let value = cell.read_newest(me);
                    drop(cell);
                    self.tell(|it| format!("reads {it}: {value}"));
                    return value;
                }
                let (seq, value) =
                    readable[which_store(readable.len(), |at| readable[at].1.to_string())];
                cell.seen_by(me, seq);
                let newest = readable[0].1;
                drop(cell);
                self.tell(|it| {
                    if seq == readable[0].0 {
                        format!("reads {it}: {value}")
                    } else {
                        format!(
                            "reads {it}: {value}, an older value ({newest} is newer, but with {order:?} nothing made that write visible to this thread yet)"
                        )
                    }
                });
                value
            }

            #[track_caller]
            pub fn store(&self, value: $int, order: Ordering) {
                let me = step(&self.release, &self.tick, false, releases(order));
                let mut cell = cell(&self.cell);
                cell.enter();
                cell.store(value, me);
                drop(cell);
                self.tell(|it| format!("writes {value} to {it}"));
            }

            /// A read-modify-write: reads the newest value and stores `change` of it, if any;
            /// `Ok(old)` if it stored, `Err(old)` if not.
            #[track_caller]
            fn update_with(
                &self,
                success: Ordering,
                failure: Ordering,
                change: impl FnOnce($int) -> Option<$int>,
            ) -> Result<$int, $int> {
                // Whether it stores is known only once it reads; its scheduling point comes
                // first, with the success ordering's acquire and the release it may make.
                let me = step(
                    &self.release,
                    &self.tick,
                    acquires(success) || acquires(failure),
                    releases(success),
                );
                let mut cell = cell(&self.cell);
                cell.enter();
                let old = cell.read_newest(me.0);
                match change(old) {
                    Some(new) => {
                        cell.store(new, me);
                        Ok(old)
                    }
                    None => Err(old),
                }
            }

            #[track_caller]
            pub fn swap(&self, value: $int, order: Ordering) -> $int {
                let old = self.update_with(order, order, |_| Some(value)).unwrap_or_else(|old| old);
                self.tell(|it| format!("swaps {it}: {old} -> {value}"));
                old
            }

            #[track_caller]
            pub fn compare_exchange(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                let result =
                    self.update_with(success, failure, |old| (old == current).then_some(new));
                self.tell(|it| match result {
                    Ok(_) => format!("changes {it}: {current} -> {new}"),
                    Err(found) => format!("finds {it} at {found}, not {current}: no change"),
                });
                result
            }

            /// As `compare_exchange`: this model never fails spuriously.
            #[track_caller]
            pub fn compare_exchange_weak(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                self.compare_exchange(current, new, success, failure)
            }

            #[deprecated(note = "std deprecates it too: use `compare_exchange`")]
            #[track_caller]
            pub fn compare_and_swap(&self, current: $int, new: $int, order: Ordering) -> $int {
                let failure = match order {
                    Ordering::Release => Ordering::Relaxed,
                    Ordering::AcqRel => Ordering::Acquire,
                    other => other,
                };
                self.compare_exchange(current, new, order, failure)
                    .unwrap_or_else(|old| old)
            }

            /// As std's: loads, then tries `compare_exchange_weak` until `f` says no or it
            /// succeeds.
            #[track_caller]
            pub fn fetch_update<F: FnMut($int) -> Option<$int>>(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                mut f: F,
            ) -> Result<$int, $int> {
                let mut previous = self.load(fetch_order);
                while let Some(next) = f(previous) {
                    match self.compare_exchange_weak(previous, next, set_order, fetch_order) {
                        Ok(old) => return Ok(old),
                        Err(found) => previous = found,
                    }
                }
                Err(previous)
            }

            #[track_caller]
            pub fn try_update(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                f: impl FnMut($int) -> Option<$int>,
            ) -> Result<$int, $int> {
                self.fetch_update(set_order, fetch_order, f)
            }

            #[track_caller]
            pub fn update(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                mut f: impl FnMut($int) -> $int,
            ) -> $int {
                self.fetch_update(set_order, fetch_order, |old| Some(f(old)))
                    .unwrap_or_else(|old| old)
            }

            /// A read-modify-write that always stores, told as `verb`.
            #[track_caller]
            fn fetch_with(
                &self,
                order: Ordering,
                verb: &str,
                argument: $int,
                change: impl Fn($int) -> $int,
            ) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(change(old)))
                    .unwrap_or_else(|old| old);
                let new = change(old);
                self.tell(|it| format!("{verb} {argument} on {it}: {old} -> {new}"));
                old
            }

            #[track_caller]
            pub fn fetch_and(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies and", value, |old| old & value)
            }

            #[track_caller]
            pub fn fetch_nand(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies nand", value, |old| !(old & value))
            }

            #[track_caller]
            pub fn fetch_or(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies or", value, |old| old | value)
            }

            #[track_caller]
            pub fn fetch_xor(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies xor", value, |old| old ^ value)
            }
        }
    };
}

macro_rules! modelled_integer {
    ($name:ident, $int:ty) => {
        modelled_atomic!($name, $int);

        impl $name {
            #[track_caller]
            pub fn fetch_add(&self, value: $int, order: Ordering) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(old.wrapping_add(value)))
                    .unwrap_or_else(|old| old);
                self.tell(|it| {
                    format!("adds {value} to {it}: {old} -> {}", old.wrapping_add(value))
                });
                old
            }

            #[track_caller]
            pub fn fetch_sub(&self, value: $int, order: Ordering) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(old.wrapping_sub(value)))
                    .unwrap_or_else(|old| old);
                self.tell(|it| {
                    format!(
                        "takes {value} from {it}: {old} -> {}",
                        old.wrapping_sub(value)
                    )
                });
                old
            }

            #[track_caller]
            pub fn fetch_max(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies max", value, |old| old.max(value))
            }

            #[track_caller]
            pub fn fetch_min(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies min", value, |old| old.min(value))
            }
        }
    };
}

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
