//! Wrong: a hand-made pool of the right size, whose workers keep the queue's lock while they
//! work, so they take turns: one call at a time. The pool is not too small; the lock is held
//! too long.
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
pub fn map_in_pool(inputs: Vec<u64>, workers: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let count = inputs.len();
    let (jobs, queue) = mpsc::channel::<(usize, u64)>();
    for job in inputs.into_iter().enumerate() { jobs.send(job).unwrap(); }
    drop(jobs);
    let queue = Arc::new(Mutex::new(queue));
    let (done, results) = mpsc::channel();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, done) = (Arc::clone(&queue), done.clone());
            thread::spawn(move || loop {
                let queue = queue.lock().unwrap();
                let Ok((index, input)) = queue.recv() else { break };
                done.send((index, work(input))).unwrap();
            })
        })
        .collect();
    drop(done);
    let mut out = vec![0; count];
    for (index, value) in results { out[index] = value; }
    threads.into_iter().for_each(|t| t.join().unwrap());
    out
}
