//! Correct. Every thread is started first (the `collect` forces all spawns before any join),
//! each sending `(index, result)` through a channel; the handles are then joined in order, and
//! each result is put into the slot of its input's index, so the output follows `inputs` no
//! matter in which order the threads finished or their messages arrived.

use std::sync::mpsc;
use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, receiver) = mpsc::channel::<(usize, u64)>();
    let handles: Vec<thread::JoinHandle<()>> = inputs
        .iter()
        .copied()
        .enumerate()
        .map(|(index, input)| {
            let sender = sender.clone();
            thread::spawn(move || {
                sender
                    .send((index, work(input)))
                    .expect("the receiver outlives every worker");
            })
        })
        .collect();
    drop(sender);

    for handle in handles {
        handle.join().expect("worker thread panicked");
    }

    let mut results = vec![0; inputs.len()];
    for (index, result) in receiver {
        results[index] = result;
    }
    results
}
