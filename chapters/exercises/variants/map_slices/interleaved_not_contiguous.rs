//! Wrong: thread k takes every k-th input (a strided split), not a contiguous slice.

use std::thread;

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let threads = threads.min(inputs.len()).max(1);
    let mut results = vec![0; inputs.len()];
    thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                scope.spawn(move || {
                    (k..inputs.len())
                        .step_by(threads)
                        .map(|i| (i, work(inputs[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().unwrap() {
                results[i] = result;
            }
        }
    });
    results
}
