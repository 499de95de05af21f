//! Grades `pool_map`: results in order, exactly `workers` calls at once.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/pool_map.rs"]
mod exercise;

use std::{
    sync::atomic::{AtomicUsize, Ordering::SeqCst},
    thread,
    time::Duration,
};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST_AT_ONCE: AtomicUsize = AtomicUsize::new(0);

fn work(input: u64) -> u64 {
    let now = RUNNING.fetch_add(1, SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, SeqCst);
    thread::sleep(Duration::from_millis(150));
    RUNNING.fetch_sub(1, SeqCst);
    input + 100
}

fn main() {
    quiet_panics();
    for workers in [3, 5] {
        MOST_AT_ONCE.store(0, SeqCst);
        let inputs: Vec<u64> = (0..12).collect();
        let expected: Vec<u64> = inputs.iter().map(|i| i + 100).collect();
        let results = within(
            &format!("map_in_pool(12 inputs, {workers} workers)"),
            Duration::from_secs(10),
            move || exercise::map_in_pool(inputs, workers, work),
        );
        if results != expected {
            fail(
                Kind::WrongResult,
                format!("with {workers} workers: expected {expected:?}, got {results:?}"),
            );
        }
        let most = MOST_AT_ONCE.load(SeqCst);
        if most > workers {
            fail(
                Kind::WrongResult,
                format!("{most} calls ran at once with a pool of {workers}: the pool is too big"),
            );
        }
        if most < workers {
            fail(
                Kind::TooSlow,
                format!(
                    "only {most} calls ran at once with a pool of {workers}: the pool is too small"
                ),
            );
        }
    }
    pass("pools of 3 and 5 threads, each fully used, results in order")
}
