use std::{thread, time::Duration};

use clap::Parser;
use log::info;

/// Starting a thread: `main` logs "all done" before the thread finishes, yet the program still
/// waits for it, as Python waits for a thread that is not a daemon.
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

    // A Rust program ends when `main` returns, killing any thread still running. A scoped
    // thread is Rust's closest match to Python's non-daemon thread: the scope joins it on exit.
    thread::scope(|scope| {
        info!("Main    : before creating thread");
        let x = thread::Builder::new();
        info!("Main    : before running thread");
        x.spawn_scoped(scope, || thread_function(1))
            .expect("the OS could not start a thread");
        info!("Main    : wait for the thread to finish");
        // x.join() would go here; see the join_thread chapter.
        info!("Main    : all done");
    });
}
// ANCHOR_END: lesson
