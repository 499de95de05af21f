use std::{sync::Barrier, thread, time::Duration};

use clap::Parser;
use log::info;

/// Barrier: workers take different times to initialise, and wait at a barrier so that none
/// starts running before every one of them is ready.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How many workers meet at the barrier.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=100))]
    workers: u16,
}

// ANCHOR: lesson
fn worker(id: u16, barrier: &Barrier) {
    let initialisation = Duration::from_millis(150 * u64::from(id + 1));
    info!("Worker {id}: initialising for {initialisation:?}");
    thread::sleep(initialisation);
    info!("Worker {id}: initialised");
    // Blocks until all the workers have called `wait`. Exactly one of them is told it is the
    // leader, handy for a job that must run once, such as logging that all are ready.
    if barrier.wait().is_leader() {
        info!("Worker {id}: all workers ready; I am the leader");
    }
    // All are released together, but the OS still runs them when it can: on a machine with
    // fewer cores than workers, they take turns.
    info!("Worker {id}: running");
}

fn main() {
    let args = Args::parse();
    support::init_logging();

    let barrier = Barrier::new(usize::from(args.workers));
    thread::scope(|scope| {
        for id in 0..args.workers {
            let barrier = &barrier;
            scope.spawn(move || worker(id, barrier));
        }
    });
}
// ANCHOR_END: lesson
