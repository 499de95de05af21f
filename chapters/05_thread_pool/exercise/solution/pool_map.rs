//! Reference solution of `pool_map`.

use rayon::prelude::*;

pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    // rayon reads `num_threads(0)` as "one thread per core": say no before it gets there.
    assert!(
        workers > 0,
        "map_in_pool: workers must be at least 1, got 0"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    pool.install(|| inputs.into_par_iter().with_max_len(1).map(work).collect())
}
