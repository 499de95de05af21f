//! Breaks: "and as many as that while there is work". `workers` threads, each dealt every
//! `workers`-th input in advance. With calls that all take the same time it looks like a pool;
//! when one thread's share holds the long calls, the others finish early and sit idle while it
//! still has inputs to start.

use std::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let mut results = vec![0; inputs.len()];
    let inputs = &inputs;
    thread::scope(|scope| {
        let shares: Vec<_> = (0..workers)
            .map(|k| {
                scope.spawn(move || {
                    (k..inputs.len())
                        .step_by(workers)
                        .map(|i| (i, work(inputs[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for share in shares {
            for (i, value) in share.join().expect("a worker panicked") {
                results[i] = value;
            }
        }
    });
    results
}
