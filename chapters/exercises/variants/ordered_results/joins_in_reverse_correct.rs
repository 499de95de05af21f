//! Correct, the other reading of "join them": every thread is started first, then the threads
//! are joined last to first and the results turned round. Only the results must be in input
//! order, not the joins.

use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| thread::spawn(move || work(input)))
        .collect();
    let mut results: Vec<u64> = handles
        .into_iter()
        .rev()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect();
    results.reverse();
    results
}
