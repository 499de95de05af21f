//! Exercise `map_slices` (chapter cpu_bound)
//!
//! Apply `work` to every input on up to `threads` threads at once: cut `inputs` into contiguous
//! slices of `inputs.len().div_ceil(threads)` inputs each, in order (only the last may be
//! shorter, so there may be fewer slices than `threads`: 20 inputs on 6 threads make 5 slices
//! of 4, not 6 slices), run each slice on a thread of its own, all at the same time, and return
//! the results in the order of `inputs`. No inputs give an empty `Vec`. `threads` is at least 1.
//!
//! Grade it with `cargo xtask check map_slices`.

use std::thread;

/// `work` over `inputs`, one contiguous slice per thread, all threads at once; results in
/// input order.
pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: `thread::scope`, one spawned thread per slice (`chunks`), then join them in order.
    todo!()
}
