//! The Condvar, which behaves like std's where shuttle's does not: a wait unlocks the Mutex until
//! a notify, a spurious wake-up or (for a timed wait) its time running out, then locks it again.

use std::{
    fmt,
    sync::{
        Mutex as StdMutex,
        atomic::{AtomicU64, Ordering::Relaxed},
    },
    time::Duration,
};

use super::records::plain;
use super::time::{at_some_moment, timeouts};
use super::{LockResult, MutexGuard, PoisonError};
use crate::schedules::{choices, play, story};

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

/// Forgets the Condvars of the last execution.
pub(super) fn forget_condvars() {
    plain(&CONDVARS).clear();
}

/// Wakes every thread waiting on any Condvar, as a spurious wake-up.
pub(in crate::schedules) fn wake_all_spuriously() {
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
