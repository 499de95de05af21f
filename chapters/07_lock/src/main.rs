use std::{sync::Mutex, thread, time::Duration};

use clap::Parser;
use log::{debug, info};

/// Basic synchronization using Lock: the same two updates as in race_condition, but each holds a
/// Mutex from its read to its write, so the value ends at 2. Run with RUST_LOG=debug to watch
/// the second thread wait for the lock.
#[derive(Parser)]
#[command(version)]
struct Args {}

// ANCHOR: lesson
// ANCHOR: database
// Python keeps the lock beside the value (`self._lock`). A Rust `Mutex` owns the value: the only
// way to reach it is through the guard `lock()` returns, and dropping the guard (here, at the end
// of the block, as at the end of Python's `with`) unlocks it: there is no unlock call to forget.
struct FakeDatabase {
    value: Mutex<i64>,
}

impl FakeDatabase {
    fn locked_update(&self, name: usize) {
        info!("Thread {name}: starting update");
        debug!("Thread {name} about to lock");
        {
            // `lock` fails only if another thread panicked while holding the lock.
            let mut value = self
                .value
                .lock()
                .expect("a thread panicked holding the lock");
            debug!("Thread {name} has lock");
            let mut local_copy = *value;
            local_copy += 1;
            thread::sleep(Duration::from_millis(100));
            *value = local_copy;
            debug!("Thread {name} about to release lock");
        }
        debug!("Thread {name} after release");
        info!("Thread {name}: finishing update");
    }

    fn value(&self) -> i64 {
        *self
            .value
            .lock()
            .expect("a thread panicked holding the lock")
    }
}
// ANCHOR_END: database

// ANCHOR: main
fn main() -> Result<(), rayon::ThreadPoolBuildError> {
    Args::parse();
    support::init_logging();

    let database = FakeDatabase {
        value: Mutex::new(0),
    };
    info!(
        "Testing locked update. Starting value is {}.",
        database.value()
    );
    let executor = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    executor.scope(|scope| {
        for index in 0..2 {
            let database = &database;
            scope.spawn(move |_| database.locked_update(index));
        }
    });
    info!(
        "Testing locked update. Ending value is {}.",
        database.value()
    );
    Ok(())
}
// ANCHOR_END: main
// ANCHOR_END: lesson
