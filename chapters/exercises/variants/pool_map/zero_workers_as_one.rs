//! Breaks: "`workers == 0` is the caller's mistake: panic". Reads a pool of 0 workers as a pool
//! of 1 and maps the inputs anyway, so the caller's mistake goes unnoticed.

use rayon::prelude::*;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.max(1))
        .build()
        .expect("threads start");
    pool.install(|| inputs.into_par_iter().with_max_len(1).map(work).collect())
}
