//! The Mutex: shuttle's, with a guard that remembers its Mutex (so that a Condvar can release
//! and retake it), a record of who holds it ([`super::records`]), and a clear verdict when a
//! thread locks it a second time (std deadlocks, or panics).

use std::{
    fmt,
    ops::{Deref, DerefMut},
    sync::atomic::{AtomicBool, Ordering::Relaxed},
};

use super::records::{self, address};
use super::{LockResult, PoisonError, TryLockError, TryLockResult};
use crate::Kind;
use crate::schedules::{play, story};

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
        story::before_lock(tag, records::told_holder(tag));
        if records::holder(tag) == Some(me.id()) {
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
        records::wanting(address(self));
        let locked = self.inner.lock();
        records::locked(tag, address(self));
        story::locked(tag);
        match locked {
            Ok(inner) => Ok(self.guard(inner)),
            Err(poisoned) => Err(PoisonError::new(self.guard(poisoned.into_inner()))),
        }
    }

    #[track_caller]
    pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {
        play::at(std::panic::Location::caller());
        records::wanting(address(self));
        let locked = self.inner.try_lock();
        let tag = self.tag.id();
        if !matches!(locked, Err(TryLockError::WouldBlock)) {
            records::locked(tag, address(self));
            story::locked(tag);
        } else {
            story::try_lock_failed(tag, records::told_holder(tag));
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

impl<T: ?Sized> story::Named for Mutex<T> {
    fn tag(&self) -> &story::Tag {
        &self.tag
    }
}

impl<'a, T: ?Sized> MutexGuard<'a, T> {
    /// Unlocks, and gives back the Mutex to lock again.
    pub(super) fn unlock(mut self) -> &'a Mutex<T> {
        self.release();
        self.mutex
    }

    fn release(&mut self) {
        if let Some(inner) = self.inner.take() {
            let tag = self.mutex.tag.id();
            records::unlocking(tag);
            if std::thread::panicking() {
                self.mutex.poisoned.store(true, Relaxed);
            }
            // Unlocking is a scheduling point: others may run before it is done.
            drop(inner);
            records::unlock_told(tag);
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
