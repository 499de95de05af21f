//! Breaks: "Firing and cancelling at the same instant must still give one clear winner." The
//! timer thread checks "not cancelled" under the lock, releases it, and only then records that it
//! fired; `cancel` checks "not fired" on an atomic and only then records the cancel. Between one
//! side's check and its record, the other side can check too: `cancel` returns `true` and `f`
//! still runs. Every test that cancels well before or well after the delay passes.

use std::time::{Duration, Instant};

use crate::sync::atomic::{AtomicBool, Ordering};
use crate::sync::{Arc, Condvar, Mutex, thread};

struct Shared {
    cancelled: Mutex<bool>,
    wake: Condvar,
    fired: AtomicBool,
}

pub struct Timer {
    shared: Arc<Shared>,
    thread: thread::JoinHandle<()>,
}

impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let shared = Arc::new(Shared {
            cancelled: Mutex::new(false),
            wake: Condvar::new(),
            fired: AtomicBool::new(false),
        });
        let deadline = Instant::now() + delay;
        let thread = thread::spawn({
            let shared = Arc::clone(&shared);
            move || {
                let mut cancelled = shared.cancelled.lock().unwrap();
                while !*cancelled {
                    let now = Instant::now();
                    if now >= deadline {
                        break;
                    }
                    cancelled = shared.wake.wait_timeout(cancelled, deadline - now).unwrap().0;
                }
                let was_cancelled = *cancelled;
                drop(cancelled);
                if !was_cancelled {
                    shared.fired.store(true, Ordering::SeqCst);
                    f();
                }
            }
        });
        Timer { shared, thread }
    }

    pub fn cancel(&self) -> bool {
        if self.shared.fired.load(Ordering::SeqCst) {
            return false;
        }
        *self.shared.cancelled.lock().unwrap() = true;
        self.shared.wake.notify_all();
        true
    }

    pub fn join(self) {
        if let Err(panic) = self.thread.join() {
            std::panic::resume_unwind(panic);
        }
    }
}
