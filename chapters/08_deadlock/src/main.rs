use clap::Parser;
use log::info;
use parking_lot::{Mutex, ReentrantMutex};
use support::watchdog::run_watched;

/// Deadlock: one thread takes the same lock twice and waits for itself forever; a reentrant lock
/// (Python's RLock) lets it. The deadlock is reported after 2 seconds and the run goes on.
///
/// More in the examples: lock_ordering, one_lock_order, helper_holding_the_lock,
/// helper_takes_locked_data (`cargo run -p deadlock --example NAME`).
#[derive(Parser)]
#[command(version)]
struct Args {}

// ANCHOR: lesson
// parking_lot's Mutex documents what a second `lock` on the same thread does: it deadlocks.
// std's Mutex only promises that the call never returns (it may panic instead).
fn acquire_twice() {
    let l = Mutex::new(());
    info!("before first acquire");
    let _first = l.lock();
    info!("before second acquire");
    let _second = l.lock();
    info!("acquired lock twice");
}

// A reentrant lock counts how often its owner took it and frees it when every guard is gone.
fn acquire_twice_reentrant() {
    let l = ReentrantMutex::new(());
    info!("before first acquire");
    let first = l.lock();
    info!("before second acquire");
    let second = l.lock();
    info!("acquired lock twice");
    drop(second);
    drop(first);
    info!("released both acquires: the lock is free again");
}

fn main() {
    Args::parse();
    support::init_logging();
    info!("A plain lock, acquired twice by one thread:");
    run_watched(
        "Thread 1",
        "Thread 1 holds `l` and waits for `l`: only it could release it.",
        acquire_twice,
    );
    info!("A reentrant lock (Python's RLock), acquired twice by one thread:");
    run_watched(
        "Thread 1",
        "unexpected: a reentrant lock cannot deadlock here.",
        acquire_twice_reentrant,
    );
}
// ANCHOR_END: lesson
