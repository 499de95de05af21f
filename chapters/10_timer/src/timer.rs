//! Python's `threading.Timer`, built from a thread, a `Mutex` and a `Condvar`: call a function
//! once after a delay, on a thread of its own, unless `cancel` comes first.

// ANCHOR: state
use std::{
    sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError},
    thread::{self, JoinHandle},
    time::Duration,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Cancelled,
    Fired,
}

/// Shared by the timer's thread and its handle. Whether the timer fires or is cancelled is
/// decided by whoever first moves the state away from `Waiting`, under the lock: the two can
/// never both win.
struct Shared {
    state: Mutex<State>,
    cancelled: Condvar,
}

impl Shared {
    // No user code runs while the state is locked, so a poisoned lock still holds a valid state.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A started timer.
///
/// Dropping a `Timer` does not cancel it: like a dropped `JoinHandle`, the timer carries on
/// and fires on time, unless the program has ended by then. Keep it to `cancel` or `join` it.
pub(crate) struct Timer {
    shared: Arc<Shared>,
    thread: JoinHandle<()>,
}
// ANCHOR_END: state

// ANCHOR: start
impl Timer {
    /// Starts a timer that calls `f` on its own thread once `delay` has passed. As in Python,
    /// `f` runs no sooner than `delay`, and maybe somewhat later.
    pub(crate) fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Waiting),
            cancelled: Condvar::new(),
        });
        let timer_side = Arc::clone(&shared);
        let thread = thread::spawn(move || {
            // Sleeps until the delay is over or the state changes; a spurious wake-up only
            // makes it wait again for the time that is left.
            let (mut state, _) = timer_side
                .cancelled
                .wait_timeout_while(timer_side.state(), delay, |state| *state == State::Waiting)
                .unwrap_or_else(PoisonError::into_inner);
            if *state == State::Waiting {
                *state = State::Fired;
                drop(state); // never call user code with a lock held
                f();
            }
        });
        Timer { shared, thread }
    }
}
// ANCHOR_END: start

// ANCHOR: cancel
impl Timer {
    /// Stops the timer if it has not fired yet, and returns whether it did stop it: `true`
    /// means `f` will never run. Cancelling a timer that already fired (or was cancelled) does
    /// nothing and returns `false`. Returns at once: it does not wait out the delay.
    pub(crate) fn cancel(&self) -> bool {
        let mut state = self.shared.state();
        if *state != State::Waiting {
            return false;
        }
        *state = State::Cancelled;
        self.shared.cancelled.notify_one();
        true
    }

    /// Waits until the timer is over: fired and `f` returned, or cancelled.
    pub(crate) fn join(self) -> thread::Result<()> {
        self.thread.join()
    }
}
// ANCHOR_END: cancel

#[cfg(test)]
mod tests {
    use std::{
        sync::atomic::{AtomicUsize, Ordering::SeqCst},
        time::Instant,
    };

    use super::*;

    fn counting_timer(delay: Duration) -> (Timer, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        (
            Timer::start(delay, move || _ = counter.fetch_add(1, SeqCst)),
            calls,
        )
    }

    #[test]
    fn a_cancelled_timer_never_fires() {
        for _ in 0..20 {
            let (timer, calls) = counting_timer(Duration::from_millis(50));
            assert!(timer.cancel());
            timer.join().unwrap();
            assert_eq!(calls.load(SeqCst), 0);
        }
    }

    #[test]
    fn an_uncancelled_timer_fires_exactly_once_and_not_early() {
        for _ in 0..20 {
            let started = Instant::now();
            let (timer, calls) = counting_timer(Duration::from_millis(20));
            timer.join().unwrap();
            assert!(started.elapsed() >= Duration::from_millis(20));
            assert_eq!(calls.load(SeqCst), 1);
        }
    }

    #[test]
    fn cancel_after_firing_does_nothing() {
        let (timer, calls) = counting_timer(Duration::ZERO);
        while calls.load(SeqCst) == 0 {
            thread::yield_now();
        }
        assert!(!timer.cancel());
        assert!(!timer.cancel());
        timer.join().unwrap();
        assert_eq!(calls.load(SeqCst), 1);
    }

    #[test]
    fn cancel_returns_at_once_and_the_thread_ends() {
        let (timer, calls) = counting_timer(Duration::from_secs(60));
        let started = Instant::now();
        assert!(timer.cancel());
        timer.join().unwrap();
        // Generous: cancel and join take microseconds; waiting out the delay would take 60 s.
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(calls.load(SeqCst), 0);
    }

    #[test]
    fn cancel_racing_with_firing_is_always_one_or_the_other() {
        for round in 0..300 {
            let (timer, calls) = counting_timer(Duration::from_micros(round % 7 * 100));
            if round % 3 == 0 {
                thread::yield_now();
            }
            let cancelled = timer.cancel();
            timer.join().unwrap();
            assert_eq!(calls.load(SeqCst), usize::from(!cancelled), "round {round}");
        }
    }
}
