//! The `crate::sync` that exercise files see when graded: shuttle's primitives, which let the
//! scheduler choose who runs at every lock, wait and atomic access. Where shuttle differs from
//! std, this module keeps std's behaviour: shuttle's timed waits never time out, so a Mutex and
//! a Condvar of our own make a timed wait release its lock, wake on a notify, and time out at a
//! moment the scheduler picks (a "clock" task, started for each timed wait, is that moment).

use std::{
    fmt,
    ops::{Deref, DerefMut},
    sync::{
        Mutex as StdMutex, PoisonError as StdPoisonError,
        atomic::{AtomicBool, AtomicU64, Ordering::Relaxed},
    },
    time::Duration,
};

pub use shuttle::sync::{
    Arc, Barrier, BarrierWaitResult, Once, OnceState, RwLock, RwLockReadGuard, RwLockWriteGuard,
    Weak,
};

pub use super::atomic;
use super::{choices, play, story};
pub use std::sync::{LockResult, PoisonError, TryLockError, TryLockResult};

use crate::Kind;
use shuttle::thread::ThreadId;

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

/// The pauses (`thread::yield_now`) taken in this execution, with or without a lock held.
static PAUSES: StdMutex<Pauses> = StdMutex::new(Pauses {
    holding_a_lock: 0,
    holding_none: 0,
});

/// Every (thread name, lock held, lock wanted) seen in this execution: a thread that locks or
/// tries to lock `wanted` while it holds `held`.
static LOCK_ORDER: StdMutex<Vec<(String, usize, usize)>> = StdMutex::new(Vec::new());

/// Whether timed waits may time out. A harness whose spec has no time in it turns this off, so
/// that a wait which only a time-out ends counts as what it is: a wake-up nobody sends.
static TIMEOUTS: AtomicBool = AtomicBool::new(true);

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

/// From now on, timed waits (`wait_timeout`, `park_timeout`, `recv_timeout`) never time out.
pub fn timed_waits_never_time_out() {
    TIMEOUTS.store(false, Relaxed);
}

/// Whether timed waits may time out (see [`timed_waits_never_time_out`]).
pub(super) fn timeouts() -> bool {
    TIMEOUTS.load(Relaxed)
}

/// The running thread has locked the lock tagged `tag`, at `address`.
fn locked_by_me(tag: usize, address: usize) {
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
fn unlocking(tag: usize) {
    forget(tag, |lock| lock.thread = None);
}

/// The story has told the unlock of the lock tagged `tag`.
fn unlock_told(tag: usize) {
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
fn holder(tag: usize) -> Option<ThreadId> {
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

/// Records that the current thread wants `wanted` (locking or trying to), for the lock order.
fn record_wanting(wanted: usize) {
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

/// The address of `lock`: what the lock order is recorded by.
fn address<T: ?Sized>(lock: &T) -> usize {
    std::ptr::from_ref(lock).cast::<()>() as usize
}

/// A std lock of the harness's own bookkeeping, which the scheduler does not see.
fn plain<T>(lock: &StdMutex<T>) -> std::sync::MutexGuard<'_, T> {
    lock.lock().unwrap_or_else(StdPoisonError::into_inner)
}

/// Runs `then` on a task of its own, at a moment the scheduler picks: this is how time passes.
fn at_some_moment(then: impl FnOnce() + Send + 'static) {
    let started = shuttle::thread::Builder::new()
        .name(choices::CLOCK.into())
        .spawn(move || {
            // Under PCT a yield also lowers the task's priority: time passes late as well as early.
            // (The exhaustive tier picks every moment itself.)
            if !choices::every_moment_explored() {
                shuttle::thread::yield_now();
            }
            then();
        })
        .expect("shuttle spawns tasks");
    // Detached: an execution may end while its clock still runs.
    drop(started);
}

/// shuttle's Mutex, whose guard remembers its Mutex so that a Condvar can release and retake
/// it, and which says so when a thread locks it a second time (std deadlocks, or panics).
pub struct Mutex<T: ?Sized> {
    tag: story::Tag,
    poisoned: AtomicBool,
    inner: shuttle::sync::Mutex<T>,
}

pub struct MutexGuard<'a, T: ?Sized> {
    mutex: &'a Mutex<T>,
    inner: Option<shuttle::sync::MutexGuard<'a, T>>,
}

impl<T> Mutex<T> {
    #[track_caller]
    pub const fn new(value: T) -> Self {
        Mutex {
            tag: story::Tag::new(),
            poisoned: AtomicBool::new(false),
            inner: shuttle::sync::Mutex::new(value),
        }
    }

    pub fn into_inner(self) -> LockResult<T> {
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    #[track_caller]
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        play::at(std::panic::Location::caller());
        let me = shuttle::thread::current();
        let tag = self.tag.id();
        story::before_lock(tag, told_holder(tag));
        if holder(tag) == Some(me.id()) {
            crate::flunk(
                Kind::Deadlock,
                format!(
                    "deadlock: {} locks a Mutex it already holds, so it waits for itself forever (drop the first guard, or pass the locked value along)",
                    match story::current_thread().as_str() {
                        "main" => "the test's main thread".to_owned(),
                        name => name.to_owned(),
                    }
                ),
            );
        }
        record_wanting(address(self));
        let locked = self.inner.lock();
        locked_by_me(tag, address(self));
        story::locked(tag);
        match locked {
            Ok(inner) => Ok(self.guard(inner)),
            Err(poisoned) => Err(PoisonError::new(self.guard(poisoned.into_inner()))),
        }
    }

    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        play::at(std::panic::Location::caller());
        record_wanting(address(self));
        let locked = self.inner.try_lock();
        let tag = self.tag.id();
        if !matches!(locked, Err(TryLockError::WouldBlock)) {
            locked_by_me(tag, address(self));
            story::locked(tag);
        } else {
            story::try_lock_failed(tag, told_holder(tag));
        }
        match locked {
            Ok(inner) => Ok(self.guard(inner)),
            Err(TryLockError::Poisoned(poisoned)) => Err(TryLockError::Poisoned(PoisonError::new(
                self.guard(poisoned.into_inner()),
            ))),
            Err(TryLockError::WouldBlock) => Err(TryLockError::WouldBlock),
        }
    }

    pub fn get_mut(&mut self) -> LockResult<&mut T> {
        self.inner.get_mut()
    }

    pub fn is_poisoned(&self) -> bool {
        self.poisoned.load(Relaxed)
    }

    pub fn clear_poison(&self) {
        self.inner.clear_poison();
        self.poisoned.store(false, Relaxed);
    }

    fn guard<'a>(&'a self, inner: shuttle::sync::MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        MutexGuard {
            mutex: self,
            inner: Some(inner),
        }
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T> From<T> for Mutex<T> {
    fn from(value: T) -> Self {
        Mutex::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl<'a, T: ?Sized> MutexGuard<'a, T> {
    /// Unlocks, and gives back the Mutex to lock again.
    fn unlock(mut self) -> &'a Mutex<T> {
        self.release();
        self.mutex
    }

    fn release(&mut self) {
        if let Some(inner) = self.inner.take() {
            let tag = self.mutex.tag.id();
            unlocking(tag);
            if std::thread::panicking() {
                self.mutex.poisoned.store(true, Relaxed);
            }
            // Unlocking is a scheduling point: others may run before it is done.
            drop(inner);
            unlock_told(tag);
            story::unlocked(tag);
        }
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.release();
    }
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.inner
            .as_ref()
            .expect("a guard holds its lock until dropped")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner
            .as_mut()
            .expect("a guard holds its lock until dropped")
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// Whether a timed wait ended because its time ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

/// Why a waiting thread woke up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wake {
    Notified,
    /// A spurious wake-up, which std allows at any time.
    Spurious,
    TimedOut,
}

/// A thread in a Condvar's wait, and the channel that wakes it: a message sent before the
/// thread blocks still wakes it, as std's wait registers before it unlocks.
struct Waiter {
    id: u64,
    wake: shuttle::sync::mpsc::Sender<Wake>,
}

type Waiters = StdMutex<Vec<Waiter>>;

/// Every Condvar made in the current execution, so that spurious wake-ups can reach them.
static CONDVARS: StdMutex<Vec<std::sync::Weak<Waiters>>> = StdMutex::new(Vec::new());

static NEXT_WAITER: AtomicU64 = AtomicU64::new(0);

/// Counts the executions: an atomic that outlives one (a `static`) knows it is in a new one.
static EXECUTION: AtomicU64 = AtomicU64::new(1);

/// The number of the execution running now.
pub(super) fn execution() -> u64 {
    EXECUTION.load(Relaxed)
}

/// Forgets the Condvars, the locks held, the pauses and the lock order of the last execution.
pub(super) fn reset_condvars() {
    EXECUTION.fetch_add(1, Relaxed);
    plain(&CONDVARS).clear();
    plain(&HELD).clear();
    plain(&LOCK_ORDER).clear();
    *plain(&PAUSES) = Pauses {
        holding_a_lock: 0,
        holding_none: 0,
    };
}

/// Counts a pause of the current thread, with or without a lock held.
fn record_pause() {
    let holding = !held_by(shuttle::thread::current().id()).is_empty();
    let mut pauses = plain(&PAUSES);
    if holding {
        pauses.holding_a_lock += 1;
    } else {
        pauses.holding_none += 1;
    }
}

/// Wakes every thread waiting on any Condvar, as a spurious wake-up.
pub(super) fn wake_all_spuriously() {
    let all: Vec<_> = plain(&CONDVARS).clone();
    for waiters in all.iter().filter_map(std::sync::Weak::upgrade) {
        // Not one statement: the bookkeeping lock must be released before sending switches.
        let all = plain(&waiters).drain(..).collect();
        wake(all, Wake::Spurious);
    }
}

fn wake(waiters: Vec<Waiter>, why: Wake) {
    for waiter in waiters {
        // Only an execution being torn down has dropped the receiving end.
        waiter.wake.send(why).ok();
    }
}

/// A condition variable that behaves like std's: a wait unlocks the Mutex until a notify, a
/// spurious wake-up or (for a timed wait) its time running out, then locks it again.
pub struct Condvar {
    tag: story::Tag,
    waiters: std::sync::Arc<Waiters>,
}

impl Condvar {
    pub fn new() -> Self {
        let waiters = std::sync::Arc::new(StdMutex::new(Vec::new()));
        plain(&CONDVARS).push(std::sync::Arc::downgrade(&waiters));
        Condvar {
            tag: story::Tag::new(),
            waiters,
        }
    }

    /// Unlocks `guard`, waits to be woken, locks again; says whether the time ran out.
    #[track_caller]
    fn block<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        timed: bool,
    ) -> (LockResult<MutexGuard<'a, T>>, WaitTimeoutResult) {
        play::at(std::panic::Location::caller());
        // A scheduling point between the caller's last look at its condition and the moment its
        // wait registers, as in std: a notify sent then, by a thread that changed the condition
        // without taking the Mutex, reaches nobody, and the wait may never end.
        shuttle::thread::sleep(Duration::ZERO);
        // The exhaustive tier's (or the player's) choices: woken at once, before it is even
        // registered, so that no notify can be spent on it; others may still run before it
        // locks again.
        let time_is_up = timed && timeouts() && choices::early_timeout();
        if time_is_up || choices::spurious_wakeup() {
            let mutex = guard.unlock();
            story::waits(self.tag.id());
            let how = if time_is_up {
                story::TIMED_OUT
            } else {
                "spuriously"
            };
            story::woken(self.tag.id(), how);
            return (mutex.lock(), WaitTimeoutResult(time_is_up));
        }
        let (sender, woken) = shuttle::sync::mpsc::channel();
        let id = NEXT_WAITER.fetch_add(1, Relaxed);
        plain(&self.waiters).push(Waiter { id, wake: sender });
        play::waits(id);
        if timed && timeouts() {
            let waiters = std::sync::Arc::clone(&self.waiters);
            at_some_moment(move || {
                let mut list = plain(&waiters);
                // Not there any more: a notify came first.
                if let Some(at) = list.iter().position(|waiter| waiter.id == id) {
                    let waiter = list.remove(at);
                    drop(list);
                    wake(vec![waiter], Wake::TimedOut);
                }
            });
        }
        let mutex = guard.unlock();
        story::waits(self.tag.id());
        let why = woken.recv();
        let timed_out = why == Ok(Wake::TimedOut);
        story::woken(
            self.tag.id(),
            match why {
                Ok(Wake::TimedOut) => story::TIMED_OUT,
                Ok(Wake::Spurious) => "spuriously",
                _ => "by a notify",
            },
        );
        (mutex.lock(), WaitTimeoutResult(timed_out))
    }

    #[track_caller]
    pub fn wait<'a, T: ?Sized>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        self.block(guard, false).0
    }

    #[track_caller]
    pub fn wait_while<'a, T: ?Sized, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> LockResult<MutexGuard<'a, T>> {
        while condition(&mut *guard) {
            guard = self.wait(guard)?;
        }
        Ok(guard)
    }

    /// shuttle has no clock: the wait times out at a moment the scheduler picks, unless a
    /// notify (or a spurious wake-up) comes first.
    #[track_caller]
    pub fn wait_timeout<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        _timeout: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        match self.block(guard, true) {
            (Ok(guard), result) => Ok((guard, result)),
            (Err(poisoned), result) => Err(PoisonError::new((poisoned.into_inner(), result))),
        }
    }

    /// As std's: waits while `condition` holds, until the time runs out; `timed_out()` is true
    /// only if the condition still holds then.
    #[track_caller]
    pub fn wait_timeout_while<'a, T: ?Sized, F: FnMut(&mut T) -> bool>(
        &self,
        mut guard: MutexGuard<'a, T>,
        timeout: Duration,
        mut condition: F,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let mut time_is_up = false;
        loop {
            if !condition(&mut *guard) {
                return Ok((guard, WaitTimeoutResult(false)));
            }
            if time_is_up {
                return Ok((guard, WaitTimeoutResult(true)));
            }
            let (next, result) = self.wait_timeout(guard, timeout)?;
            guard = next;
            time_is_up = result.timed_out();
        }
    }

    #[track_caller]
    pub fn notify_one(&self) {
        play::at(std::panic::Location::caller());
        // A scheduling point, as in std: other threads may run before the notify lands.
        shuttle::thread::sleep(Duration::ZERO);
        let chosen = {
            let mut list = plain(&self.waiters);
            (!list.is_empty()).then(|| {
                let ids: Vec<u64> = list.iter().map(|waiter| waiter.id).collect();
                list.remove(choices::which_waiter(&ids))
            })
        };
        story::notifies(self.tag.id(), "notify_one", usize::from(chosen.is_some()));
        wake(chosen.into_iter().collect(), Wake::Notified);
    }

    #[track_caller]
    pub fn notify_all(&self) {
        play::at(std::panic::Location::caller());
        shuttle::thread::sleep(Duration::ZERO);
        let all: Vec<Waiter> = plain(&self.waiters).drain(..).collect();
        story::notifies(self.tag.id(), "notify_all", all.len());
        wake(all, Wake::Notified);
    }
}

impl story::Named for Condvar {
    fn tag(&self) -> &story::Tag {
        &self.tag
    }
}

impl<T: ?Sized> story::Named for Mutex<T> {
    fn tag(&self) -> &story::Tag {
        &self.tag
    }
}

impl Default for Condvar {
    fn default() -> Self {
        Condvar::new()
    }
}

impl fmt::Debug for Condvar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condvar").finish_non_exhaustive()
    }
}

/// shuttle's threads, with a `park_timeout` that can time out, and a `yield_now` that counts
/// whether it paused inside a critical section.
pub mod thread {
    pub use shuttle::thread::*;

    /// Lets other threads run: shuttle has no clock, so a sleep is a moment where another
    /// thread may run.
    #[track_caller]
    pub fn sleep(duration: std::time::Duration) {
        super::play::at(std::panic::Location::caller());
        shuttle::thread::sleep(duration);
    }

    /// Returns when unparked, spuriously, or when the time runs out: at a moment the scheduler
    /// picks, as shuttle has no clock.
    pub fn park_timeout(_timeout: std::time::Duration) {
        if super::timeouts() {
            let me = current();
            super::at_some_moment(move || me.unpark());
        }
        park();
    }

    /// Lets other threads run, as std's does; the harness learns whether a lock was held.
    #[track_caller]
    pub fn yield_now() {
        super::play::at(std::panic::Location::caller());
        super::record_pause();
        shuttle::thread::yield_now();
    }
}

/// shuttle's channels, with a `recv_timeout` that may time out at any moment the channel
/// is empty: shuttle has no clock, so "the delay ran out" becomes one more choice to explore.
pub mod mpsc {
    pub use shuttle::sync::mpsc::{
        RecvError, RecvTimeoutError, SendError, Sender, SyncSender, TryRecvError, TrySendError,
    };

    pub struct Receiver<T>(shuttle::sync::mpsc::Receiver<T>);

    pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
        let (sender, receiver) = shuttle::sync::mpsc::channel();
        (sender, Receiver(receiver))
    }

    pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        let (sender, receiver) = shuttle::sync::mpsc::sync_channel(bound);
        (sender, Receiver(receiver))
    }

    impl<T> Receiver<T> {
        pub fn recv(&self) -> Result<T, RecvError> {
            self.0.recv()
        }

        pub fn try_recv(&self) -> Result<T, TryRecvError> {
            self.0.try_recv()
        }

        /// Blocks until a message comes, every sender is gone, or the time runs out.
        pub fn recv_timeout(&self, _timeout: std::time::Duration) -> Result<T, RecvTimeoutError> {
            loop {
                match self.0.try_recv() {
                    Ok(value) => return Ok(value),
                    Err(TryRecvError::Disconnected) => {
                        return Err(RecvTimeoutError::Disconnected);
                    }
                    Err(TryRecvError::Empty) if !super::timeouts() => {
                        return self.0.recv().map_err(|_| RecvTimeoutError::Disconnected);
                    }
                    Err(TryRecvError::Empty) if crate::schedules::choices::recv_times_out() => {
                        return Err(RecvTimeoutError::Timeout);
                    }
                    Err(TryRecvError::Empty) => shuttle::thread::yield_now(),
                }
            }
        }

        pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
            std::iter::from_fn(|| self.recv().ok())
        }

        pub fn try_iter(&self) -> impl Iterator<Item = T> + '_ {
            std::iter::from_fn(|| self.try_recv().ok())
        }
    }

    impl<T: 'static> IntoIterator for Receiver<T> {
        type Item = T;
        type IntoIter = std::iter::FromFn<Box<dyn FnMut() -> Option<T>>>;

        fn into_iter(self) -> Self::IntoIter {
            std::iter::from_fn(Box::new(move || self.recv().ok()))
        }
    }

    impl<'a, T> IntoIterator for &'a Receiver<T> {
        type Item = T;
        type IntoIter = std::iter::FromFn<Box<dyn FnMut() -> Option<T> + 'a>>;

        fn into_iter(self) -> Self::IntoIter {
            std::iter::from_fn(Box::new(move || self.recv().ok()))
        }
    }
}
