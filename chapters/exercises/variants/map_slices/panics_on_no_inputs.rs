//! Breaks: "return the results in the order of `inputs`", for no inputs. The slice length
//! `inputs.len().div_ceil(threads)` is 0 then, and `chunks(0)` panics instead of returning an
//! empty Vec.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads);
    thread::scope(|scope| {
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
