//! Breaks: "and as many as that while there is work". The reference solution without
//! `.with_max_len(1)`: rayon splits the inputs into chunks, and a worker runs its chunk's inputs
//! one after another. When the long calls share a chunk with short ones, the other workers run
//! out of work and sit idle while that chunk still has inputs to start.

use rayon::prelude::*;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    assert!(
        workers > 0,
        "map_in_pool: workers must be at least 1, got 0"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    pool.install(|| inputs.into_par_iter().map(work).collect())
}
