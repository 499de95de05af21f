//! Wrong: each slice's thread is joined before the next is spawned, so the slices run one after
//! another.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    let mut results = Vec::new();
    thread::scope(|scope| {
        for slice in inputs.chunks(slice_len) {
            let handle = scope.spawn(move || slice.iter().map(|&x| work(x)).collect::<Vec<_>>());
            results.extend(handle.join().unwrap());
        }
    });
    results
}
