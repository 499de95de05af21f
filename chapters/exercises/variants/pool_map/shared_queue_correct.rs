//! Correct, by hand: `workers` threads take `(index, input)` from one shared queue, holding its
//! lock only to take the next input, so a free worker always gets the next one; each result
//! goes back to its index.

use std::sync::{Arc, Mutex, mpsc};
use std::thread;

/// `work` over `inputs` on a pool of `workers` threads; results in input order.
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    assert!(workers > 0, "workers must be at least 1");
    let count = inputs.len();
    let (jobs, queue) = mpsc::channel::<(usize, u64)>();
    for job in inputs.into_iter().enumerate() {
        jobs.send(job).expect("the queue is open");
    }
    drop(jobs);
    let queue = Arc::new(Mutex::new(queue));
    let (done, finished) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, done) = (Arc::clone(&queue), done.clone());
            thread::spawn(move || {
                loop {
                    // The guard is a temporary: the lock is released before `work` runs.
                    let Ok((index, input)) = queue.lock().unwrap().recv() else {
                        break;
                    };
                    done.send((index, work(input))).expect("the caller waits");
                }
            })
        })
        .collect();
    drop(done);
    let mut results = vec![0; count];
    for (index, value) in finished {
        results[index] = value;
    }
    for thread in threads {
        thread.join().expect("a worker panicked");
    }
    results
}
