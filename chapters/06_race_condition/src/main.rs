use std::{
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
    time::Duration,
};

use clap::Parser;
use log::info;

/// Race conditions: two threads each add one to a shared value, and the value ends at 1.
///
/// More in the examples: steps (the race, one step at a time), hammer (millions of racing
/// increments, counted): `cargo run -p race_condition --example NAME`.
#[derive(Parser)]
#[command(version)]
struct Args {}

// ANCHOR: lesson
// The word-for-word port (`naive_port.rs`) does not compile: Rust will not let two threads
// write a plain integer. An atomic may be shared, but a separate load and store still leave
// the read-modify-write open to another thread, which is the race this chapter is about.
struct FakeDatabase {
    value: AtomicU64,
}

impl FakeDatabase {
    fn update(&self, name: usize) {
        info!("Thread {name}: starting update");
        let mut local_copy = self.value.load(Relaxed);
        local_copy += 1;
        thread::sleep(Duration::from_millis(100));
        self.value.store(local_copy, Relaxed);
        info!("Thread {name}: finishing update");
    }
}

fn main() -> Result<(), rayon::ThreadPoolBuildError> {
    Args::parse();
    support::init_logging();

    let database = FakeDatabase {
        value: AtomicU64::new(0),
    };
    let value = || database.value.load(Relaxed);
    info!("Testing unlocked update. Starting value is {}.", value());
    // `ThreadPoolExecutor(max_workers=2)` and one `submit` per update; the scope waits for both.
    let executor = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    executor.scope(|scope| {
        for index in 0..2 {
            let database = &database;
            scope.spawn(move |_| database.update(index));
        }
    });
    info!("Testing unlocked update. Ending value is {}.", value());
    Ok(())
}
// ANCHOR_END: lesson
