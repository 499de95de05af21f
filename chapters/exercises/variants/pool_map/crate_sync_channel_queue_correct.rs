//! Correct: a job channel shared behind a Mutex by `workers` threads, results sent back with their
//! index; it takes its primitives from `crate::sync`, as the other exercises do, which here is
//! std's.

use crate::sync::mpsc;
use crate::sync::{Arc, Mutex};
use crate::sync::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    assert!(workers != 0, "the pool needs at least one thread: workers = {workers}");
    let n = inputs.len();
    let (job_tx, job_rx) = mpsc::channel::<(usize, u64)>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (res_tx, res_rx) = mpsc::channel::<(usize, u64)>();

    let mut handles = Vec::new();
    for _ in 0..workers.min(n) {
        let job_rx = Arc::clone(&job_rx);
        let res_tx = res_tx.clone();
        handles.push(thread::spawn(move || loop {
            let job = job_rx.lock().unwrap().recv();
            match job {
                Ok((i, x)) => res_tx.send((i, work(x))).unwrap(),
                Err(_) => break,
            }
        }));
    }
    drop(res_tx);

    for job in inputs.into_iter().enumerate() {
        job_tx.send(job).unwrap();
    }
    drop(job_tx);

    let mut results = vec![0u64; n];
    for (i, value) in res_rx {
        results[i] = value;
    }
    for handle in handles {
        handle.join().unwrap();
    }
    results
}
