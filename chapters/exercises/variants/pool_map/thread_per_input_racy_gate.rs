//! Wrong: a thread per input, each waiting at a gate that checks the count of running calls and
//! then adds itself in a second step. That is not a pool of `workers` threads, and two threads can
//! pass the gate together.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    assert!(workers > 0, "workers must be at least 1");
    let running = AtomicUsize::new(0);
    thread::scope(|s| {
        let handles: Vec<_> = inputs
            .iter()
            .map(|&x| {
                let running = &running;
                s.spawn(move || {
                    while running.load(Ordering::SeqCst) >= workers {
                        thread::yield_now();
                    }
                    running.fetch_add(1, Ordering::SeqCst);
                    let y = work(x);
                    running.fetch_sub(1, Ordering::SeqCst);
                    y
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
