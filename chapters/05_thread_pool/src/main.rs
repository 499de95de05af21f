use std::{thread, time::Duration};

use clap::Parser;
use log::info;
use rayon::prelude::*;
use support::timeline;

/// Using a thread pool: map `thread_function` over 0..3 on a pool of three threads. The three
/// calls overlap, so the run takes about 2 seconds, not 6.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// After the run, draw when each pool thread was busy: one row per thread.
    #[arg(long)]
    timeline: bool,
}

// ANCHOR: lesson
fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    thread::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() -> Result<(), rayon::ThreadPoolBuildError> {
    let args = Args::parse();
    support::init_logging();
    if args.timeline {
        timeline::enable();
    }

    // Python's `ThreadPoolExecutor(max_workers=3)` + `map`. `install` returns only when every
    // call is done, as the end of the `with` block does. (Rayon is built for CPU work; a
    // sleeping task holds its worker, so the pool needs one thread per call to overlap them.)
    let executor = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .thread_name(|index| format!("worker {index}"))
        .build()?;
    executor.install(|| {
        (0..3)
            .into_par_iter()
            .for_each(|name| timeline::record(|| thread_function(name)));
    });
    timeline::print("Timeline: one row per pool thread, time across");
    Ok(())
}
// ANCHOR_END: lesson
