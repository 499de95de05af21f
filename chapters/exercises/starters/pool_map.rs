//! Exercise `pool_map` (chapter thread_pool)
//!
//! Map `work` over `inputs` on a pool of exactly `workers` threads, like
//! `ThreadPoolExecutor(max_workers=workers).map(work, inputs)`: never more than `workers` calls
//! at once, and as many as that while there is work. Return the results in input order.
//!
//! Grade it with `cargo xtask check pool_map`.

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: build a rayon::ThreadPool of the right size and map over the inputs in it.
    todo!()
}
