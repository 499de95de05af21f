//! Exercise `pool_map` (chapter thread_pool)
//!
//! Map `work` over `inputs` on a pool of exactly `workers` threads, like
//! `ThreadPoolExecutor(max_workers=workers).map(work, inputs)`: never more than `workers` calls
//! at once, and as many as that while there is work, which means that a worker that comes free
//! takes the next waiting input at once. Inputs dealt out in shares fixed in advance break
//! this, and so do rayon's parallel iterators left to split the inputs into chunks as they do
//! by default. With more workers than inputs, all the inputs run at once (the pool may then
//! start fewer threads). Return the results in input order.
//!
//! `workers == 0` is the caller's mistake: panic, with a message that contains `workers`
//! (Python's pool raises a ValueError).
//!
//! Grade it with `cargo xtask check pool_map`.

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    // TODO: build a rayon::ThreadPool of the right size and map over the inputs in it.
    todo!()
}
