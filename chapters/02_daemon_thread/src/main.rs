use std::{thread, time::Duration};

use clap::Parser;
use log::info;

/// Daemon threads: nobody joins the thread, so it dies mid-sleep when `main` returns and its
/// "finishing" line never appears.
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
    // Every `thread::spawn`ed thread behaves like a Python daemon thread (`daemon=True`):
    // when `main` returns, the process exits wherever the thread happens to be.
    let _handle = x
        .spawn(|| thread_function(1))
        .expect("the OS could not start a thread");
    info!("Main    : wait for the thread to finish");
    info!("Main    : all done");
}
// ANCHOR_END: lesson
