//! Breaks: "Firing and cancelling at the same instant must still give one clear winner." The
//! timer thread checks "not cancelled" under the lock, releases it, and only then records that it
//! fired; `cancel` checks "not fired" on an atomic and only then records the cancel. Between one
//! side's check and its record, the other side can check too: `cancel` returns `true` and `f`
//! still runs. `restart` shares the flaw: it checks "not fired" on the atomic, then moves the
//! deadline under the lock. Every test that cancels well before or well after the delay passes.

use std::time::{Duration, Instant};

use crate::sync::atomic::{AtomicBool, Ordering};
use crate::sync::{Arc, Condvar, Mutex, thread};

struct Shared {
    /// Whether cancelled, and the deadline.
    cancelled: Mutex<(bool, Instant)>,
    wake: Condvar,
    fired: AtomicBool,
}

pub struct Timer {
    shared: Arc<Shared>,
    delay: Duration,
    thread: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            cancelled: Mutex::new((false, Instant::now() + delay)),
            wake: Condvar::new(),
            fired: AtomicBool::new(false),
        });
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let mut cancelled = shared.cancelled.lock().unwrap();
                while !cancelled.0 {
                    let now = Instant::now();
                    if now >= cancelled.1 {
                        break;
                    }
                    let left = cancelled.1 - now;
                    cancelled = shared.wake.wait_timeout(cancelled, left).unwrap().0;
                }
                let was_cancelled = cancelled.0;
                drop(cancelled);
                if !was_cancelled {
                    shared.fired.store(true, Ordering::SeqCst);
                    f();
                }
            }
        });
        Timer {
            shared,
            delay,
            thread,
        }
    }

    pub fn restart(&self) -> bool {
        if self.shared.fired.load(Ordering::SeqCst) {
            return false;
        }
        let mut cancelled = self.shared.cancelled.lock().unwrap();
        if cancelled.0 {
            return false;
        }
        cancelled.1 = Instant::now() + self.delay;
        true
    }

    pub fn cancel(&self) -> bool {
        if self.shared.fired.load(Ordering::SeqCst) {
            return false;
        }
        self.shared.cancelled.lock().unwrap().0 = true;
        self.shared.wake.notify_all();
        true
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
