//! Breaks: "Start one thread per input". All but the last input get a thread; the last one is
//! computed on the calling thread, which would only wait otherwise. Every call still runs at
//! once and the order is right: only the check of which thread ran each input sees it.

use std::thread;

/// `work` applied to every input, each on its own thread, all at once; results in input order.
pub fn map_with_threads(mut inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let Some(last) = inputs.pop() else {
        return Vec::new();
    };
    let handles: Vec<_> = inputs
        .into_iter()
        .map(|input| thread::spawn(move || work(input)))
        .collect();
    let last = work(last);
    let mut results: Vec<u64> = handles
        .into_iter()
        .map(|handle| handle.join().expect("a worker panicked"))
        .collect();
    results.push(last);
    results
}
