//! Wrong: collects results in the order the threads finish.
use std::{sync::mpsc, thread};
pub fn map_with_threads(inputs: Vec<u64>, work: fn(u64) -> u64) -> Vec<u64> {
    let (sender, receiver) = mpsc::channel();
    let count = inputs.len();
    for input in inputs { let sender = sender.clone(); thread::spawn(move || sender.send(work(input)).unwrap()); }
    receiver.iter().take(count).collect()
}
