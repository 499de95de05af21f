//! A worker panics while it holds a connection. The permit is a guard: unwinding drops it, so
//! the connection comes back and the workers still waiting get it. Nothing leaks.

#[path = "../src/semaphore.rs"]
mod semaphore;

use std::{thread, time::Duration};

use clap::{CommandFactory, Parser, error::ErrorKind};
use log::{info, warn};
use semaphore::Semaphore;

/// One connection, several workers, and one worker that panics while it holds the connection.
#[derive(Parser)]
struct Args {
    /// Workers that each need the connection for a while.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=100))]
    workers: u16,
    /// The worker that panics while it holds the connection (0 is the first).
    #[arg(long, default_value_t = 1, value_name = "WORKER")]
    panic_worker: u16,
}

/// The arguments; exits with clap's usage error if `--panic-worker` names no worker.
fn parse_args() -> Args {
    let args = Args::parse();
    if args.panic_worker >= args.workers {
        Args::command()
            .error(
                ErrorKind::ValueValidation,
                format!(
                    "--panic-worker {} names no worker: with --workers {} they are 0 to {}",
                    args.panic_worker,
                    args.workers,
                    args.workers - 1
                ),
            )
            .exit();
    }
    args
}

// ANCHOR: example
fn worker(id: u16, pool: &Semaphore, panics: bool) {
    info!("Worker {id}: waiting for a connection");
    let _connection = pool.acquire();
    info!("Worker {id}: got a connection");
    thread::sleep(Duration::from_millis(50));
    if panics {
        panic!("worker {id} failed while holding a connection");
    }
    info!("Worker {id}: gives its connection back");
}

fn main() {
    let args = parse_args();
    support::init_logging();
    let pool = Semaphore::new(1);
    thread::scope(|scope| {
        let workers: Vec<_> = (0..args.workers)
            .map(|id| {
                let pool = &pool;
                scope.spawn(move || worker(id, pool, id == args.panic_worker))
            })
            .collect();
        for (id, worker) in workers.into_iter().enumerate() {
            if worker.join().is_err() {
                warn!("Worker {id}: panicked; its permit came back as the panic unwound");
            }
        }
    });
    info!("connections free at the end: {} of 1", pool.available());
}
// ANCHOR_END: example
