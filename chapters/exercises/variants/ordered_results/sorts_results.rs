//! Breaks: "return their results in the order of `inputs`". The results are gathered in
//! completion order and then sorted, which restores input order only when the inputs are sorted
//! and `work` is increasing (e.g. `inputs = [1, 2, 3]`, `work = |x| x * 10`).

use std::sync::mpsc;
use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, receiver) = mpsc::channel();
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let sender = sender.clone();
            thread::spawn(move || sender.send(work(input)).expect("receiver is alive"))
        })
        .collect();
    drop(sender);
    for handle in handles {
        handle.join().expect("worker thread panicked");
    }
    let mut results: Vec<u64> = receiver.into_iter().collect();
    results.sort_unstable();
    results
}
