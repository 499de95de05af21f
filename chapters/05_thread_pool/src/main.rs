use std::{thread, time::Duration};

use clap::Parser;
use log::info;
use rayon::prelude::*;

/// Using a thread pool: map `thread_function` over 0..3 on a pool of three threads. The three
/// calls overlap, so the run takes about 2 seconds, not 6.
#[derive(Parser)]
#[command(version)]
struct Args {}

fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    thread::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() -> Result<(), rayon::ThreadPoolBuildError> {
    Args::parse();
    support::init_logging();

    // Python's `ThreadPoolExecutor(max_workers=3)` + `map`. `install` returns only when every
    // call is done, as the end of the `with` block does. (Rayon is built for CPU work; a
    // sleeping task holds its worker, so the pool needs one thread per call to overlap them.)
    let executor = rayon::ThreadPoolBuilder::new().num_threads(3).build()?;
    executor.install(|| (0..3).into_par_iter().for_each(thread_function));
    Ok(())
}
