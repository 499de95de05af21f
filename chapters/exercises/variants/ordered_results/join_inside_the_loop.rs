//! Wrong: joins each thread before starting the next, so they never overlap.
use std::thread;
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    inputs.into_iter().map(|input| thread::spawn(move || work(input)).join().unwrap()).collect()
}
