//! Exercise `ordered_results` (chapter many_threads)
//!
//! Start one thread per input, each computing `work(input)`, so that all of them run at the
//! same time; then join them and return their results in the order of `inputs`. Only the
//! results' order is required: you may join the threads in any order. The threads may finish in
//! any order: the results must not. If a call of `work` panics, `map_with_threads` panics too
//! (with a message of your choice) instead of returning.
//!
//! Grade it with `cargo xtask check ordered_results`.

use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: start every thread first, keep their JoinHandles, then join them in order.
    todo!()
}
