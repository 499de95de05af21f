//! Reference solution for `map_slices`.

use std::thread;

/// `work` over `inputs`, one contiguous slice per thread, all threads at once; results in
/// input order.
pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    thread::scope(|scope| {
        // Spawn every slice first; joining inside this loop would run them one by one.
        let slices: Vec<_> = inputs
            .chunks(slice_len)
            .map(|slice| scope.spawn(move || slice.iter().map(|&x| work(x)).collect::<Vec<_>>()))
            .collect();
        slices
            .into_iter()
            .flat_map(|slice| slice.join().expect("work panicked"))
            .collect()
    })
}
