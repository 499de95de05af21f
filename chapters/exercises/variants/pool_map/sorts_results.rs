//! Breaks: "Return the results in input order." The pool is right, but the results are
//! collected as they come and then sorted, which is the input order only when the inputs come
//! sorted and `work` only grows (as `0..12` and `input + 100` do).

use rayon::prelude::*;
use std::sync::Mutex;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    let results = Mutex::new(Vec::new());
    pool.install(|| {
        inputs
            .into_par_iter()
            .with_max_len(1)
            .for_each(|input| results.lock().unwrap().push(work(input)))
    });
    let mut results = results.into_inner().unwrap();
    results.sort_unstable();
    results
}
