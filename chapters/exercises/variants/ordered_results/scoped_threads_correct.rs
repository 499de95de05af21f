//! Correct, another way: scoped threads borrow `inputs` instead of owning their input; every
//! thread is spawned (the `collect`) before the first join, and joined in spawn order.

use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .iter()
            .map(|input| scope.spawn(move || work(*input)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a worker panicked"))
            .collect()
    })
}
