//! What the model records of an execution besides its story: the locks held, the pauses
//! (`thread::yield_now`) taken and the lock order, all forgotten when the next execution begins,
//! and the number of the execution (for the atomics, [`execution`]). The harnesses read the
//! pauses and the lock order ([`pauses`], [`lock_order`]); the Mutex reads the locks held, and
//! tells the story ([`crate::schedules::story`]) whom a thread waits for.

use std::sync::{
    Mutex as StdMutex, MutexGuard as StdMutexGuard, PoisonError,
    atomic::{AtomicU64, Ordering::Relaxed},
};

use shuttle::thread::ThreadId;

use crate::schedules::story;

/// A lock held, or one whose unlock the story has not told yet.
struct Held {
    /// The lock's tag, by which the story names it.
    tag: usize,
    /// The lock's address, by which the lock order names it.
    address: usize,
    /// The thread that holds it, until its guard starts to unlock it.
    thread: Option<ThreadId>,
    /// The holder's name in the story, until the story tells the unlock. Unlocking is a
    /// scheduling point: a thread that comes to the lock in between is told to wait for the
    /// holder, as the story has not let it go yet.
    told: Option<String>,
}

/// The one table of the locks held, oldest first. It answers who holds a lock (so that a thread
/// locking one it already holds is caught), what a thread holds (for the pauses and the lock
/// order), and whom the story tells a thread waits for.
static HELD: StdMutex<Vec<Held>> = StdMutex::new(Vec::new());

/// The pauses taken in this execution, with or without a lock held.
static PAUSES: StdMutex<Pauses> = StdMutex::new(Pauses {
    holding_a_lock: 0,
    holding_none: 0,
});

/// Every (thread name, lock held, lock wanted) seen in this execution: a thread that locks or
/// tries to lock `wanted` while it holds `held`.
static LOCK_ORDER: StdMutex<Vec<(String, usize, usize)>> = StdMutex::new(Vec::new());

/// Counts the executions: an atomic that outlives one (a `static`) knows it is in a new one.
static EXECUTION: AtomicU64 = AtomicU64::new(1);

/// How many pauses were taken with a lock held, and how many with none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pauses {
    pub holding_a_lock: usize,
    pub holding_none: usize,
}

/// The pauses taken so far in this execution.
pub fn pauses() -> Pauses {
    *plain(&PAUSES)
}

/// The (thread name, held, wanted) lock-order edges seen so far in this execution; a lock is
/// named by its address (`std::ptr::from_ref(&mutex) as usize`).
pub fn lock_order() -> Vec<(String, usize, usize)> {
    plain(&LOCK_ORDER).clone()
}

/// A std lock of the harness's own bookkeeping, which the scheduler does not see.
pub(super) fn plain<T>(lock: &StdMutex<T>) -> StdMutexGuard<'_, T> {
    lock.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The address of `lock`: what the lock order is recorded by.
pub(super) fn address<T: ?Sized>(lock: &T) -> usize {
    std::ptr::from_ref(lock).cast::<()>() as usize
}

/// The number of the execution running now.
pub(super) fn execution() -> u64 {
    EXECUTION.load(Relaxed)
}

/// Starts a new execution: forgets the last one's Condvars, locks held, pauses and lock order.
pub(in crate::schedules) fn begin_execution() {
    EXECUTION.fetch_add(1, Relaxed);
    super::condvar::forget_condvars();
    plain(&HELD).clear();
    plain(&LOCK_ORDER).clear();
    *plain(&PAUSES) = Pauses {
        holding_a_lock: 0,
        holding_none: 0,
    };
}

/// The running thread has locked the lock tagged `tag`, at `address`.
pub(super) fn locked(tag: usize, address: usize) {
    let thread = shuttle::thread::current().id();
    let told = story::current_thread();
    let mut held = plain(&HELD);
    held.retain(|lock| lock.tag != tag);
    held.push(Held {
        tag,
        address,
        thread: Some(thread),
        told: Some(told),
    });
}

/// The holder of the lock tagged `tag` starts to unlock it.
pub(super) fn unlocking(tag: usize) {
    forget(tag, |lock| lock.thread = None);
}

/// The story has told the unlock of the lock tagged `tag`.
pub(super) fn unlock_told(tag: usize) {
    forget(tag, |lock| lock.told = None);
}

/// Applies `change` to the lock tagged `tag`, and drops its entry once nothing is left of it.
fn forget(tag: usize, change: impl FnOnce(&mut Held)) {
    let mut held = plain(&HELD);
    if let Some(at) = held.iter().position(|lock| lock.tag == tag) {
        change(&mut held[at]);
        if held[at].thread.is_none() && held[at].told.is_none() {
            held.remove(at);
        }
    }
}

/// The thread that holds the lock tagged `tag`, if one does.
pub(super) fn holder(tag: usize) -> Option<ThreadId> {
    plain(&HELD)
        .iter()
        .find(|lock| lock.tag == tag)
        .and_then(|lock| lock.thread)
}

/// The story's name for the thread that holds the lock tagged `tag`, if one does.
pub(in crate::schedules) fn told_holder(tag: usize) -> Option<String> {
    plain(&HELD)
        .iter()
        .find(|lock| lock.tag == tag)
        .and_then(|lock| lock.told.clone())
}

/// The addresses of the locks `thread` holds, oldest first.
fn held_by(thread: ThreadId) -> Vec<usize> {
    plain(&HELD)
        .iter()
        .filter(|lock| lock.thread == Some(thread))
        .map(|lock| lock.address)
        .collect()
}

/// Records that the running thread wants the lock at `wanted` (locking or trying to), for the
/// lock order.
pub(super) fn wanting(wanted: usize) {
    let me = shuttle::thread::current();
    let held = held_by(me.id());
    let name = me.name().unwrap_or("main-thread").to_owned();
    let mut order = plain(&LOCK_ORDER);
    for held in held.into_iter().filter(|&held| held != wanted) {
        let edge = (name.clone(), held, wanted);
        if !order.contains(&edge) {
            order.push(edge);
        }
    }
}

/// Counts a pause of the running thread, with or without a lock held.
pub(super) fn pause() {
    let holding = !held_by(shuttle::thread::current().id()).is_empty();
    let mut pauses = plain(&PAUSES);
    if holding {
        pauses.holding_a_lock += 1;
    } else {
        pauses.holding_none += 1;
    }
}
