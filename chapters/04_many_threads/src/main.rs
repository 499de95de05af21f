use std::{thread, time::Duration};

use clap::Parser;
use log::info;
use support::timeline;

/// Working with many threads: start three, then join them in order. They finish in whatever
/// order the operating system picks, which changes from run to run.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// After the run, draw when each thread was busy: one row per thread.
    #[arg(long)]
    timeline: bool,
}

// ANCHOR: lesson
fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    thread::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    let args = Args::parse();
    support::init_logging();
    if args.timeline {
        timeline::enable();
    }

    let mut threads = Vec::new();
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        // A name shows in panic messages and in the timeline.
        let handle = thread::Builder::new()
            .name(format!("Thread {index}"))
            .spawn(move || timeline::record(|| thread_function(index)))
            .expect("the OS could not start a thread");
        threads.push(handle);
    }

    for (index, handle) in threads.into_iter().enumerate() {
        info!("Main    : before joining thread {index}.");
        handle.join().expect("a thread panicked");
        info!("Main    : thread {index} done");
    }
    timeline::print("Timeline: one row per thread, time across");
}
// ANCHOR_END: lesson
