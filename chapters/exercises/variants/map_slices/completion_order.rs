//! Wrong: results are gathered as the slices finish, so a slice that finishes early comes first.

use std::{sync::mpsc, thread};

pub fn map_slices(inputs: &[u64], threads: usize, work: fn(u64) -> u64) -> Vec<u64> {
    let slice_len = inputs.len().div_ceil(threads).max(1);
    let (sender, receiver) = mpsc::channel();
    thread::scope(|scope| {
        for slice in inputs.chunks(slice_len) {
            let sender = sender.clone();
            scope.spawn(move || {
                let results: Vec<u64> = slice.iter().map(|&x| work(x)).collect();
                sender.send(results).unwrap();
            });
        }
    });
    drop(sender);
    receiver.into_iter().flatten().collect()
}
