//! Correct, the other reading of "more workers than inputs": it starts no more threads than
//! there are inputs, since a thread beyond those would never get one. Each thread takes the
//! next index from a shared counter when it is free; the results are put back by index.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    assert!(workers > 0, "workers must be at least 1");
    let next = AtomicUsize::new(0);
    let (inputs, next) = (&inputs, &next);
    let mut results = vec![0; inputs.len()];
    thread::scope(|scope| {
        let threads: Vec<_> = (0..workers.min(inputs.len()))
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&input) = inputs.get(i) else { break };
                        done.push((i, work(input)));
                    }
                    done
                })
            })
            .collect();
        for thread in threads {
            for (i, value) in thread.join().expect("a worker panicked") {
                results[i] = value;
            }
        }
    });
    results
}
