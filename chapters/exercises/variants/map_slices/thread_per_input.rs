//! Wrong: one thread per input, so more calls run at once than there are slices.

use std::thread;

pub fn map_slices(inputs: &[u64], _threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .iter()
            .map(|&x| scope.spawn(move || work(x)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
