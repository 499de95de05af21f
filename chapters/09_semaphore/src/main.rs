mod semaphore;

use std::{
    sync::atomic::{AtomicUsize, Ordering::SeqCst},
    thread,
    time::Duration,
};

use clap::Parser;
use log::info;
use semaphore::Semaphore;

/// Semaphore: a pool of a few connections shared by more workers. The semaphore makes a worker
/// wait while every connection is in use; the run measures how many were ever in use at once.
///
/// More: `cargo run -p semaphore --example panicking_worker` (a permit comes back on a panic).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Connections in the pool: the semaphore's permits.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=1000))]
    connections: u16,
    /// Workers that each need a connection for a while.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    workers: u16,
    /// How long each worker holds its connection, in milliseconds (at most a minute).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    hold_ms: u64,
}

// ANCHOR: lesson
/// Counts connections in use, and the most ever in use at once.
#[derive(Default)]
struct Usage {
    now: AtomicUsize,
    most: AtomicUsize,
}

fn worker(id: u16, pool: &Semaphore, usage: &Usage, hold: Duration) {
    info!("Worker {id}: waiting for a connection");
    let _connection = pool.acquire();
    let in_use = usage.now.fetch_add(1, SeqCst) + 1;
    usage.most.fetch_max(in_use, SeqCst);
    info!("Worker {id}: got a connection ({in_use} in use)");
    thread::sleep(hold);
    usage.now.fetch_sub(1, SeqCst);
    info!("Worker {id}: gives its connection back");
}

fn main() {
    let args = Args::parse();
    support::init_logging();

    let pool = Semaphore::new(usize::from(args.connections));
    let usage = Usage::default();
    let hold = Duration::from_millis(args.hold_ms);
    thread::scope(|scope| {
        for id in 0..args.workers {
            let (pool, usage) = (&pool, &usage);
            scope.spawn(move || worker(id, pool, usage, hold));
        }
    });
    let most = usage.most.load(SeqCst);
    info!("most connections in use at once: {most}");
    let free = pool.available();
    info!(
        "connections free at the end: {free} of {}",
        args.connections
    );
}
// ANCHOR_END: lesson
