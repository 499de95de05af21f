//! The fix for `lock_ordering`: every thread takes the locks in one global order, `a` before
//! `b`. Whoever holds `a` first also gets `b`; no cycle can form, so no deadlock.

use std::thread;

use log::info;
use parking_lot::Mutex;
use support::watchdog::run_watched;

// ANCHOR: example
fn take_both_in_order(a: &Mutex<()>, b: &Mutex<()>) {
    let me = thread::current().name().unwrap_or("a thread").to_owned();
    let _a = a.lock();
    info!("{me}: has lock a");
    let _b = b.lock();
    info!("{me}: has locks a and b; done");
}

fn main() {
    support::init_logging();
    info!("Both threads take the locks in one global order, a before b");
    run_watched(
        "main",
        "unexpected: one lock order leaves no cycle.",
        || {
            let (a, b) = (Mutex::new(()), Mutex::new(()));
            thread::scope(|scope| {
                for name in ["Thread 1", "Thread 2"] {
                    let (a, b) = (&a, &b);
                    thread::Builder::new()
                        .name(name.to_owned())
                        .spawn_scoped(scope, move || take_both_in_order(a, b))
                        .expect("the OS could not start a thread");
                }
            });
        },
    );
}
// ANCHOR_END: example
