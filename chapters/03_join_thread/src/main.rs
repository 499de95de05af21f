use std::{thread, time::Duration};

use clap::Parser;
use log::info;

/// join() a thread: `main` waits for the thread, so "Thread 1: finishing" comes before
/// "Main    : all done".
#[derive(Parser)]
#[command(version)]
struct Args {}

// ANCHOR: lesson
fn thread_function(name: u32) {
    info!("Thread {name}: starting");
    thread::sleep(Duration::from_secs(2));
    info!("Thread {name}: finishing");
}

fn main() {
    Args::parse();
    support::init_logging();

    info!("Main    : before creating thread");
    let x = thread::Builder::new();
    info!("Main    : before running thread");
    let handle = x
        .spawn(|| thread_function(1))
        .expect("the OS could not start a thread");
    info!("Main    : wait for the thread to finish");
    // `join` blocks until the thread ends. It returns `Err` if the thread panicked,
    // which Python's `join()` has no way to tell you.
    handle.join().expect("thread 1 panicked");
    info!("Main    : all done");
}
// ANCHOR_END: lesson
