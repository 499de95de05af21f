//! Correct: plain threads from `std::thread::spawn` need owned data, so each slice is copied
//! into its thread; results are joined in slice order.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    let handles: Vec<_> = inputs
        .chunks(slice_len)
        .map(|slice| {
            let slice = slice.to_vec();
            thread::spawn(move || slice.into_iter().map(work).collect::<Vec<_>>())
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect()
}
