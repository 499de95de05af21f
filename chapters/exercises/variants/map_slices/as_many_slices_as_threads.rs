//! Breaks: "slices of `inputs.len().div_ceil(threads)` inputs each, in order (only the last may
//! be shorter, so there may be fewer slices than `threads` ...)". It reads the task as "cut
//! `threads` slices" and evens them out: 20 inputs on 6 threads make 4, 4, 3, 3, 3, 3, and 10
//! on 3 make 4, 3, 3 where the task asks for 4, 4, 2. Contiguous, all at once, in order.

use std::thread;

/// `work` over `inputs`, one contiguous slice per thread, all threads at once; results in
/// input order.
pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    // The first `len % threads` slices take one input more than the others.
    let (each, extra) = (inputs.len() / threads, inputs.len() % threads);
    let mut slices = Vec::new();
    let mut rest = inputs;
    for k in 0..threads {
        let (slice, after) = rest.split_at(each + usize::from(k < extra));
        if !slice.is_empty() {
            slices.push(slice);
        }
        rest = after;
    }
    thread::scope(|scope| {
        // Spawn every slice first; joining inside this loop would run them one by one.
        let slices: Vec<_> = slices
            .into_iter()
            .map(|slice| scope.spawn(move || slice.iter().map(|&x| work(x)).collect::<Vec<_>>()))
            .collect();
        slices
            .into_iter()
            .flat_map(|slice| slice.join().expect("work panicked"))
            .collect()
    })
}
