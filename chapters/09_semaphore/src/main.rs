mod semaphore;

use std::{
    sync::atomic::{AtomicUsize, Ordering::SeqCst},
    thread,
    time::Duration,
};

use clap::{CommandFactory, Parser, error::ErrorKind};
use log::{info, warn};
use semaphore::Semaphore;

/// Semaphore: a pool of a few connections shared by more workers. The semaphore makes a worker
/// wait while every connection is in use; the run measures how many were ever in use at once.
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
    /// Make this worker (numbered from 0) panic while it holds a connection, to see the permit
    /// come back.
    #[arg(long, value_name = "WORKER")]
    panic_worker: Option<u16>,
}

impl Args {
    /// clap's `parse`, then what clap cannot check alone: --panic-worker names a worker.
    fn parse() -> Self {
        let args = <Args as Parser>::parse();
        if let Some(id) = args.panic_worker.filter(|&id| id >= args.workers) {
            let message = format!(
                "invalid value '{id}' for '--panic-worker <WORKER>': the workers are numbered 0 to {}",
                args.workers - 1
            );
            Args::command()
                .error(ErrorKind::ValueValidation, message)
                .exit();
        }
        args
    }
}

// ANCHOR: lesson
/// Counts connections in use, and the most ever in use at once.
#[derive(Default)]
struct Usage {
    now: AtomicUsize,
    most: AtomicUsize,
}

fn worker(id: u16, pool: &Semaphore, usage: &Usage, hold: Duration, panics: bool) {
    info!("Worker {id}: waiting for a connection");
    let _connection = pool.acquire();
    let in_use = usage.now.fetch_add(1, SeqCst) + 1;
    usage.most.fetch_max(in_use, SeqCst);
    info!("Worker {id}: got a connection ({in_use} in use)");
    thread::sleep(hold);
    usage.now.fetch_sub(1, SeqCst);
    if panics {
        panic!("worker {id} failed while holding a connection");
    }
    info!("Worker {id}: gives its connection back");
}

fn main() {
    let args = Args::parse();
    support::init_logging();

    let pool = Semaphore::new(usize::from(args.connections));
    let usage = Usage::default();
    let hold = Duration::from_millis(args.hold_ms);
    thread::scope(|scope| {
        let workers: Vec<_> = (0..args.workers)
            .map(|id| {
                let (pool, usage) = (&pool, &usage);
                let panics = args.panic_worker == Some(id);
                scope.spawn(move || worker(id, pool, usage, hold, panics))
            })
            .collect();
        for (id, worker) in workers.into_iter().enumerate() {
            if worker.join().is_err() {
                warn!("Worker {id}: panicked; its permit was returned as the panic unwound");
            }
        }
    });
    info!(
        "most connections in use at once: {}",
        usage.most.load(SeqCst)
    );
    info!(
        "connections free at the end: {} of {}",
        pool.available(),
        args.connections
    );
}
// ANCHOR_END: lesson
