//! What a load may read: the stores each atomic keeps, and what an ordering makes known
//! through shuttle's vector clocks (see [`super`]).

use std::sync::{Mutex as StdMutex, PoisonError};

use super::Ordering;
use crate::schedules::{play, sync::records::execution};

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
pub(super) struct Cell<T> {
    /// The execution these stores belong to: an atomic that outlives an execution (a `static`)
    /// starts the next one with its last value, seen by everyone.
    execution: u64,
    /// The value before the first store in `stores`, which every thread has seen.
    pub(super) first: T,
    /// The stores of this execution, oldest first.
    stores: Vec<Store<T>>,
    /// The last `seq` each thread has read or written (by thread): it never reads older.
    seen: Vec<(usize, u64)>,
}

impl<T: Copy> Cell<T> {
    pub(super) const fn new(value: T) -> Self {
        Cell {
            execution: 0,
            first: value,
            stores: Vec::new(),
            seen: Vec::new(),
        }
    }

    pub(super) fn newest(&self) -> T {
        self.stores.last().map_or(self.first, |store| store.value)
    }

    /// Forgets the stores (everyone has seen the newest): for a new execution, or when the
    /// atomic is reached through `&mut` (nobody else can be looking).
    pub(super) fn settle(&mut self) {
        self.first = self.newest();
        self.stores.clear();
        self.seen.clear();
    }

    pub(super) fn enter(&mut self) {
        let now = execution();
        if self.execution != now {
            self.settle();
            self.execution = now;
        }
    }

    pub(super) fn seen_by(&mut self, thread: usize, seq: u64) {
        match self.seen.iter_mut().find(|(who, _)| *who == thread) {
            Some(entry) => entry.1 = entry.1.max(seq),
            None => self.seen.push((thread, seq)),
        }
    }

    /// Records a store of `value` by the running thread.
    pub(super) fn store(&mut self, value: T, me: (usize, u32)) {
        let seq = self.stores.last().map_or(1, |store| store.seq + 1);
        self.stores.push(Store { value, seq, by: me });
        self.seen_by(me.0, seq);
    }

    /// Reads the newest value, as a read-modify-write does.
    pub(super) fn read_newest(&mut self, me: usize) -> T {
        let seq = self.stores.last().map_or(0, |store| store.seq);
        self.seen_by(me, seq);
        self.newest()
    }

    /// The stores a load by `me`, whose clock was `clock`, may read: newest first, then older
    /// ones, down to the newest that happened before the load or that `me` has seen.
    pub(super) fn readable(&self, me: usize, clock: &[u32]) -> Vec<(u64, T)> {
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
pub(super) fn me() -> (usize, Vec<u32>) {
    let clock = shuttle::current::clock();
    let me = shuttle::current::try_get_current_task().map_or(usize::MAX, usize::from);
    (me, clock.to_vec())
}

pub(super) fn acquires(order: Ordering) -> bool {
    matches!(
        order,
        Ordering::Acquire | Ordering::AcqRel | Ordering::SeqCst
    )
}

pub(super) fn releases(order: Ordering) -> bool {
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
pub(super) fn step(
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

pub(super) fn cell<T>(lock: &StdMutex<Cell<T>>) -> std::sync::MutexGuard<'_, Cell<T>> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}
