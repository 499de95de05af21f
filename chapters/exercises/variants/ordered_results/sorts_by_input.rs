//! Breaks: "The threads may finish in any order: the results must not." Each thread sends its
//! input with its result, and the pairs are sorted by input: that is the input order only when
//! `inputs` came sorted, as `[1, 2, 3, 4, 5]` does.

use std::sync::mpsc;
use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, receiver) = mpsc::channel();
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let sender = sender.clone();
            thread::spawn(move || sender.send((input, work(input))).expect("receiver is alive"))
        })
        .collect();
    drop(sender);
    for handle in handles {
        handle.join().expect("worker thread panicked");
    }
    let mut pairs: Vec<(u64, u64)> = receiver.into_iter().collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, result)| result).collect()
}
