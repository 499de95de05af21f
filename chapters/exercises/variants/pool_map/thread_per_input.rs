//! Breaks: "never more than `workers` calls at once". A thread per input, so every call runs at
//! once: as fast as it gets, and as many threads as there are inputs.

use std::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, _workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| thread::spawn(move || work(input)))
        .collect();
    handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect()
}
