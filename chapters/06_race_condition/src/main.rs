use std::{
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
    time::{Duration, Instant},
};

use clap::Parser;
use log::{debug, info};

/// Race conditions: two threads each add one to a shared value, and the value ends at 1.
///
/// With --hammer, many threads add one, millions of times, with no sleep, and count the updates
/// they lose.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Race without any sleep, many times over, and count the lost updates.
    #[arg(long)]
    hammer: bool,
    /// Threads that race in --hammer mode.
    #[arg(long, default_value_t = 4, requires = "hammer",
          value_parser = clap::value_parser!(u64).range(1..=256))]
    threads: u64,
    /// Increments each thread makes in --hammer mode.
    #[arg(long, default_value_t = 1_000_000, requires = "hammer",
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    iterations: u64,
}

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
        self.show_step(name, "local_copy = value", local_copy);
        local_copy += 1;
        self.show_step(name, "local_copy += 1", local_copy);
        thread::sleep(Duration::from_millis(100));
        self.value.store(local_copy, Relaxed);
        self.show_step(name, "value = local_copy", local_copy);
        info!("Thread {name}: finishing update");
    }

    /// With RUST_LOG=debug: the step just taken, this thread's own copy, and the shared value.
    fn show_step(&self, name: usize, step: &str, local_copy: u64) {
        let value = self.value.load(Relaxed);
        debug!("Thread {name}: {step:<18} | local_copy = {local_copy} | value = {value}");
    }
}

fn main() -> Result<(), rayon::ThreadPoolBuildError> {
    let args = Args::parse();
    support::init_logging();
    if args.hammer {
        hammer(args.threads, args.iterations);
        return Ok(());
    }

    let database = FakeDatabase {
        value: AtomicU64::new(0),
    };
    info!(
        "Testing unlocked update. Starting value is {}.",
        database.value.load(Relaxed)
    );
    // `ThreadPoolExecutor(max_workers=2)` and one `submit` per update; the scope waits for both.
    let executor = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    executor.scope(|scope| {
        for index in 0..2 {
            let database = &database;
            scope.spawn(move |_| database.update(index));
        }
    });
    info!(
        "Testing unlocked update. Ending value is {}.",
        database.value.load(Relaxed)
    );
    Ok(())
}

// ANCHOR: three_steps
/// `x += 1` on shared memory is three steps: load, add, store. Another thread may run
/// between any two of them, and then one of the two increments is lost.
fn racy_increment(x: &AtomicU64) {
    let loaded = x.load(Relaxed);
    let added = loaded + 1;
    x.store(added, Relaxed);
}

/// `fetch_add` does the load, the add and the store as one step no thread can split.
fn atomic_increment(x: &AtomicU64) {
    x.fetch_add(1, Relaxed);
}
// ANCHOR_END: three_steps

/// Without a sleep, a thread is rarely switched out between the load and the store, but over
/// millions of increments "rarely" becomes "every run".
fn hammer(threads: u64, iterations: u64) {
    let expected = threads * iterations;
    for (name, increment) in [
        ("load + add + store", racy_increment as fn(&AtomicU64)),
        ("fetch_add", atomic_increment),
    ] {
        let x = AtomicU64::new(0);
        let started = Instant::now();
        thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| (0..iterations).for_each(|_| increment(&x)));
            }
        });
        let actual = x.load(Relaxed);
        info!(
            "{name:<18}: {threads} threads x {iterations} increments: expected {expected}, \
             actual {actual}, lost {} ({:.1} ms)",
            expected - actual,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
// ANCHOR_END: lesson
