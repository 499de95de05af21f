//! Wrong: rayon's global pool has one thread per core, not `workers`.
use rayon::prelude::*;
pub fn map_in_pool(inputs: Vec<u64>, _workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    inputs.into_par_iter().with_max_len(1).map(work).collect()
}
