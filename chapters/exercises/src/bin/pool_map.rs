//! Grades `pool_map`: results in order, exactly `workers` calls at once.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/pool_map.rs"]
mod exercise;

use std::{thread, time::Duration};

use exercises::{
    Kind, fail, pass,
    real::{InFlight, live_threads, quiet_panics, within},
};

static IN_FLIGHT: InFlight = InFlight::new();

fn work(input: u64) -> u64 {
    IN_FLIGHT.track(|| thread::sleep(Duration::from_millis(150)));
    input + 100
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    for workers in [3, 5] {
        IN_FLIGHT.reset();
        let inputs: Vec<u64> = (0..12).collect();
        let expected: Vec<u64> = inputs.iter().map(|i| i + 100).collect();
        let threads_before = live_threads();
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
        let most = IN_FLIGHT.most();
        if most > workers {
            fail(
                Kind::WrongResult,
                format!("{most} calls ran at once with a pool of {workers}: the pool is too big"),
            );
        }
        // The threads that `within` and the pool added (where the system tells).
        let pool = threads_before
            .zip(IN_FLIGHT.most_threads())
            .map(|(before, most_threads)| most_threads.saturating_sub(before + 1));
        if most < workers && pool.is_some_and(|pool| pool >= workers) {
            fail(
                Kind::TooSlow,
                format!(
                    "the pool had its {workers} threads, yet only {most} call(s) ran at once: the workers take turns, as when each holds the queue's lock while it works (drop the guard before calling work)"
                ),
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
