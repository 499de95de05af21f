//! Correct, another way: the output is made first, and each thread writes its slice's results
//! straight into the matching `chunks_mut` of it, so nothing is joined back in order; the scope
//! waits for every thread before the output is returned.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    let mut results = vec![0; inputs.len()];
    thread::scope(|scope| {
        for (slice, out) in inputs.chunks(slice_len).zip(results.chunks_mut(slice_len)) {
            scope.spawn(move || {
                for (x, result) in slice.iter().zip(out) {
                    *result = work(*x);
                }
            });
        }
    });
    results
}
