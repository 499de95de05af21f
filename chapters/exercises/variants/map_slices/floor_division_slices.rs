//! Wrong: slices of `len / threads` inputs make more slices (and threads) than asked when the
//! division leaves a remainder.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = (inputs.len() / threads).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(slice_len)
            .map(|slice| scope.spawn(move || slice.iter().map(|&x| work(x)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}
