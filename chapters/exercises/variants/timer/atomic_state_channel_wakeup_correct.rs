//! Correct. No Mutex/Condvar: the outcome and the deadline are one atomic word (nanoseconds
//! after `start` while waiting, or `FIRED`, or `CANCELLED`), and every decision is a
//! `compare_exchange` on it: the timer thread swaps the deadline it saw for `FIRED` only if it
//! has passed, `restart` swaps it for a later deadline, `cancel` for `CANCELLED`. Whoever moves
//! the word first wins and the others see a changed word, so firing, restarting and cancelling
//! at the same instant still give one clear winner, and `f` runs only if the thread won. The
//! thread sleeps with `recv_timeout` on a channel and re-reads the word after every wake-up (a
//! restart needs no message: the deadline only moves later); a successful `cancel` sends a
//! message so the thread wakes and ends at once, and `cancel` and `restart` only do
//! compare-exchanges and a non-blocking `try_send`, so they return at once.

use std::time::{Duration, Instant};

use crate::sync::atomic::{AtomicU64, Ordering};
use crate::sync::{Arc, mpsc, thread};

const FIRED: u64 = u64::MAX;
const CANCELLED: u64 = u64::MAX - 1;

pub struct Timer {
    word: Arc<AtomicU64>,
    began: Instant,
    delay: Duration,
    wake: mpsc::SyncSender<()>,
    thread: thread::JoinHandle<()>,
}

/// Nanoseconds from `began` to `moment`.
fn nanos(began: Instant, moment: Instant) -> u64 {
    u64::try_from((moment - began).as_nanos()).unwrap_or(CANCELLED - 1)
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let began = Instant::now();
        let word = Arc::new(AtomicU64::new(nanos(began, began + delay)));
        // Room for the one wake-up a successful cancel sends, so `try_send` never blocks.
        let (wake, wakeup) = mpsc::sync_channel::<()>(1);
        let thread = thread::spawn({
            let word = Arc::clone(&word);
            move || {
                loop {
                    let deadline = word.load(Ordering::Acquire);
                    if deadline == CANCELLED || deadline == FIRED {
                        return;
                    }
                    let now = nanos(began, Instant::now());
                    if now >= deadline {
                        // Fails if a restart or a cancel moved the word meanwhile: look again.
                        if word
                            .compare_exchange(deadline, FIRED, Ordering::AcqRel, Ordering::Acquire)
                            .is_ok()
                        {
                            f();
                            return;
                        }
                        continue;
                    }
                    match wakeup.recv_timeout(Duration::from_nanos(deadline - now)) {
                        // Cancelled: the word says so at the top of the loop.
                        Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                        // The handle is gone, so nobody can cancel or restart any more.
                        Err(mpsc::RecvTimeoutError::Disconnected) => {
                            thread::sleep(Duration::from_nanos(deadline - now));
                        }
                    }
                }
            }
        });
        Timer {
            word,
            began,
            delay,
            wake,
            thread,
        }
    }

    pub fn restart(&self) -> bool {
        let mut seen = self.word.load(Ordering::Acquire);
        loop {
            if seen == CANCELLED || seen == FIRED {
                return false;
            }
            let later = nanos(self.began, Instant::now() + self.delay);
            match self
                .word
                .compare_exchange(seen, later, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return true,
                Err(now) => seen = now,
            }
        }
    }

    pub fn cancel(&self) -> bool {
        let mut seen = self.word.load(Ordering::Acquire);
        loop {
            if seen == CANCELLED || seen == FIRED {
                return false;
            }
            match self
                .word
                .compare_exchange(seen, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => {
                    // Only this one call can get here, so the buffer of 1 always has room.
                    let _ = self.wake.try_send(());
                    return true;
                }
                Err(now) => seen = now,
            }
        }
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
