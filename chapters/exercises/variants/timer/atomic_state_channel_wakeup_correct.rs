//! Correct. No Mutex/Condvar: the outcome is one atomic state word, and the winner is whoever
//! moves it out of `WAITING` with `compare_exchange` (the timer thread to `FIRED`, `cancel` to
//! `CANCELLED`): exactly one can succeed, so firing and cancelling at the same instant still
//! give one clear winner, and `f` runs only if the thread won. The thread sleeps with
//! `recv_timeout` on a channel, re-checking the clock after each timeout (so it never fires
//! early); a successful `cancel` sends a message so the thread wakes and ends at once, and
//! `cancel` itself only does a compare-exchange and a non-blocking `try_send`, so it returns at
//! once. `join` joins the thread, which ends only after `f` returned or the cancel was seen.
//! A second `cancel` returns `false` ("true if it stopped the timer": it did not, this time).

use std::time::{Duration, Instant};

use crate::sync::atomic::{AtomicU8, Ordering};
use crate::sync::{Arc, mpsc, thread};

const WAITING: u8 = 0;
const FIRED: u8 = 1;
const CANCELLED: u8 = 2;

pub struct Timer {
    state: Arc<AtomicU8>,
    wake: mpsc::SyncSender<()>,
    thread: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let state = Arc::new(AtomicU8::new(WAITING));
        // Room for the one wake-up a successful cancel sends, so `try_send` never blocks.
        let (wake, wakeup) = mpsc::sync_channel::<()>(1);
        let deadline = Instant::now() + delay;
        let thread = thread::spawn({
            let state = Arc::clone(&state);
            move || {
                loop {
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    match wakeup.recv_timeout(deadline - now) {
                        // Cancelled: the compare-exchange below fails, so `f` does not run.
                        Ok(()) => break,
                        // Possibly early: go round and compare with the clock again.
                        Err(mpsc::RecvTimeoutError::Timeout) => {}
                        // The handle is gone, so nobody can cancel any more: sleep it out.
                        Err(mpsc::RecvTimeoutError::Disconnected) => {
                            thread::sleep(deadline.saturating_duration_since(Instant::now()));
                            break;
                        }
                    }
                }
                if state
                    .compare_exchange(WAITING, FIRED, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    f();
                }
            }
        });
        Timer {
            state,
            wake,
            thread,
        }
    }

    pub fn cancel(&self) -> bool {
        match self
            .state
            .compare_exchange(WAITING, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => {
                // Only this one call can get here, so the buffer of 1 always has room.
                let _ = self.wake.try_send(());
                true
            }
            Err(_) => false,
        }
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
