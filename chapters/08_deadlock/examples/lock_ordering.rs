//! Two threads take two locks in opposite orders: each holds one and waits for the other's, a
//! cycle, so neither can ever go on. `cargo run -p deadlock --example one_lock_order` fixes it.

use std::{sync::Barrier, thread};

use log::info;
use parking_lot::Mutex;
use support::watchdog::run_watched;

// ANCHOR: example
/// Locks `first`, then `second`, logging each step.
fn take_two(first: (&str, &Mutex<()>), second: (&str, &Mutex<()>), both_hold_one: &Barrier) {
    let me = thread::current().name().unwrap_or("a thread").to_owned();
    let _first = first.1.lock();
    info!("{me}: has lock {}", first.0);
    // Wait until the other thread holds its first lock too, so the deadlock happens on every
    // run. Without this it happens only on unlucky timing: why real deadlocks are rare and
    // hard to debug.
    both_hold_one.wait();
    info!("{me}: holds {}, about to lock {}", first.0, second.0);
    let _second = second.1.lock();
    info!("{me}: has locks {} and {}; done", first.0, second.0);
}

fn main() {
    support::init_logging();
    info!("Two threads take locks a and b in opposite orders");
    run_watched(
        "main",
        "Thread 1 holds `a` and waits for `b`; Thread 2 holds `b` and waits for `a`.",
        || {
            let (a, b) = (Mutex::new(()), Mutex::new(()));
            let both_hold_one = Barrier::new(2);
            thread::scope(|scope| {
                let spawn = |name: &str| thread::Builder::new().name(name.to_owned());
                let (a, b, barrier) = (&a, &b, &both_hold_one);
                spawn("Thread 1")
                    .spawn_scoped(scope, move || take_two(("a", a), ("b", b), barrier))
                    .expect("the OS could not start a thread");
                spawn("Thread 2")
                    .spawn_scoped(scope, move || take_two(("b", b), ("a", a), barrier))
                    .expect("the OS could not start a thread");
            });
        },
    );
}
// ANCHOR_END: example
