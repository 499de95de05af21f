//! Without a sleep, the window between a load and its store is a few nanoseconds wide. On one
//! core a thread must be switched out inside it; on two, both threads can be in it at once, no
//! switch needed. Over millions of increments it happens every run: many threads add one,
//! again and again, and count the updates they lose. `fetch_add`, one indivisible step, loses none.

use std::{
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
    time::Instant,
};

use clap::Parser;
use log::info;

/// Many threads add one to a shared value millions of times; count the updates lost.
#[derive(Parser)]
struct Args {
    /// Threads that race.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=256))]
    threads: u64,
    /// Increments each thread makes.
    #[arg(long, default_value_t = 1_000_000,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    iterations: u64,
}

// ANCHOR: example
/// `x += 1` on shared memory is three steps: load, add, store. Another thread may run
/// between any two of them, and then one of the two increments is lost.
fn racy_increment(x: &AtomicU64) {
    let loaded = x.load(Relaxed);
    let added = loaded + 1;
    x.store(added, Relaxed);
}

/// `fetch_add` does the load, the add and the store as one step no thread can split.
fn atomic_increment(x: &AtomicU64) {
    x.fetch_add(1, Relaxed);
}
// ANCHOR_END: example

fn main() {
    let Args {
        threads,
        iterations,
    } = Args::parse();
    support::init_logging();
    let expected = threads * iterations;
    for (name, increment) in [
        ("load + add + store", racy_increment as fn(&AtomicU64)),
        ("fetch_add", atomic_increment),
    ] {
        let x = AtomicU64::new(0);
        let started = Instant::now();
        thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| (0..iterations).for_each(|_| increment(&x)));
            }
        });
        let actual = x.load(Relaxed);
        info!(
            "{name:<18}: {threads} threads x {iterations} increments: expected {expected}, \
             actual {actual}, lost {} ({:.1} ms)",
            expected - actual,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
