//! A counting semaphore: Python's `threading.Semaphore`, which Rust's standard library does not
//! have, built from a `Mutex` (the count) and a `Condvar` (where threads wait for a permit).
//!
//! For real code, a bounded channel (`std::sync::mpsc::sync_channel(n)`) can serve as one, and
//! async code has `tokio::sync::Semaphore`. Building it once shows what they do inside.

// ANCHOR: state
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

pub(crate) struct Semaphore {
    permits: Mutex<usize>,
    permit_returned: Condvar,
}

/// A permit from [`Semaphore::acquire`]. Dropping it gives the permit back, also when its holder
/// panics, since unwinding drops it too.
#[must_use = "the permit is returned as soon as it is dropped"]
pub(crate) struct Permit<'a> {
    semaphore: &'a Semaphore,
}
// ANCHOR_END: state

// ANCHOR: methods
impl Semaphore {
    pub(crate) fn new(permits: usize) -> Self {
        Semaphore {
            permits: Mutex::new(permits),
            permit_returned: Condvar::new(),
        }
    }

    /// Takes a permit, waiting while there is none.
    pub(crate) fn acquire(&self) -> Permit<'_> {
        let mut permits = self.count();
        // A wake-up is only a hint: it may be spurious, or another thread may have taken the
        // permit first. So check again after every one.
        while *permits == 0 {
            permits = self
                .permit_returned
                .wait(permits)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *permits -= 1;
        Permit { semaphore: self }
    }

    /// How many permits are free right now.
    pub(crate) fn available(&self) -> usize {
        *self.count()
    }

    fn release(&self) {
        *self.count() += 1;
        self.permit_returned.notify_one();
    }

    // No user code runs while the count is locked, so a poisoned lock still holds a valid count.
    fn count(&self) -> MutexGuard<'_, usize> {
        self.permits.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
// ANCHOR_END: methods

// ANCHOR: permit
impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.semaphore.release();
    }
}
// ANCHOR_END: permit

#[cfg(test)]
mod tests {
    use std::{
        panic,
        sync::atomic::{AtomicUsize, Ordering::SeqCst},
        thread,
    };

    use super::*;

    #[test]
    fn never_admits_more_than_its_permits() {
        for _ in 0..20 {
            let semaphore = Semaphore::new(3);
            let (in_use, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            thread::scope(|scope| {
                for _ in 0..8 {
                    scope.spawn(|| {
                        for _ in 0..200 {
                            let _permit = semaphore.acquire();
                            most.fetch_max(in_use.fetch_add(1, SeqCst) + 1, SeqCst);
                            thread::yield_now();
                            in_use.fetch_sub(1, SeqCst);
                        }
                    });
                }
            });
            assert!(
                most.load(SeqCst) <= 3,
                "{} holders at once",
                most.load(SeqCst)
            );
            assert_eq!(semaphore.available(), 3);
        }
    }

    #[test]
    fn a_holder_that_panics_gives_its_permit_back() {
        let semaphore = Semaphore::new(1);
        let outcome = thread::scope(|scope| {
            scope
                .spawn(|| {
                    let _permit = semaphore.acquire();
                    panic::panic_any("worker failed while holding a connection");
                })
                .join()
        });
        assert!(outcome.is_err(), "the holder should have panicked");
        assert_eq!(semaphore.available(), 1);
        let _next_holder = semaphore.acquire(); // would wait forever had the permit leaked
        assert_eq!(semaphore.available(), 0);
    }
}
