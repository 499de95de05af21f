//! Breaks: "run each slice on a thread of its own". The calling thread works on the first slice
//! itself while the spawned threads work on the rest: as many calls at once, in the same
//! slices, but one slice shares the caller's thread.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    let mut slices = inputs.chunks(slice_len);
    let Some(first) = slices.next() else {
        return Vec::new();
    };
    thread::scope(|scope| {
        let others: Vec<_> = slices
            .map(|slice| scope.spawn(move || slice.iter().map(|&x| work(x)).collect::<Vec<_>>()))
            .collect();
        let mut results: Vec<u64> = first.iter().map(|&x| work(x)).collect();
        for other in others {
            results.extend(other.join().expect("work panicked"));
        }
        results
    })
}
