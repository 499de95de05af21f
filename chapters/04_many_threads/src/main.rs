use std::{thread, time::Duration};

use clap::Parser;
use log::info;

/// Working with many threads: start three, then join them in order. They finish in whatever
/// order the operating system picks, which changes from run to run.
#[derive(Parser)]
#[command(version)]
struct Args {}

fn thread_function(name: usize) {
    info!("Thread {name}: starting");
    thread::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    Args::parse();
    support::init_logging();

    let mut threads = Vec::new();
    for index in 0..3 {
        info!("Main    : create and start thread {index}.");
        let handle = thread::spawn(move || thread_function(index));
        threads.push(handle);
    }

    for (index, handle) in threads.into_iter().enumerate() {
        info!("Main    : before joining thread {index}.");
        handle.join().expect("a thread panicked");
        info!("Main    : thread {index} done");
    }
}
