//! Grades `pool_map`: results in order, exactly `workers` calls at once, on no more than
//! `workers` threads, no worker idle while work is left, every input at once when workers
//! outnumber them, and a panic for 0 workers.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/pool_map.rs"]
mod exercise;
/// What an answer that takes its primitives from `crate::sync`, as other exercises do, gets
/// here: std's own.
#[allow(unused_imports)]
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    sync::Mutex,
    thread::{self, ThreadId},
    time::{Duration, Instant},
};

use exercises::{
    Kind, fail, pass,
    real::{InFlight, live_threads, quiet_panics, within},
};

static IN_FLIGHT: InFlight = InFlight::new();
/// When each call started (`true`) and ended (`false`).
static EVENTS: Mutex<Vec<(Instant, bool)>> = Mutex::new(Vec::new());

/// The threads that ran a call.
static THREADS: Mutex<Vec<ThreadId>> = Mutex::new(Vec::new());

/// Sleeps `input / 1000` ms. The result does not grow with the input, so sorting the results
/// cannot put them in order.
fn work(input: u64) -> u64 {
    let mut threads = THREADS.lock().unwrap();
    let me = thread::current().id();
    if !threads.contains(&me) {
        threads.push(me);
    }
    drop(threads);
    EVENTS.lock().unwrap().push((Instant::now(), true));
    IN_FLIGHT.track(|| thread::sleep(Duration::from_millis(input / 1000)));
    EVENTS.lock().unwrap().push((Instant::now(), false));
    result(input)
}

fn result(input: u64) -> u64 {
    (input * 37) % 1009
}

/// Worker-milliseconds spent idle between the first call's start and the last call's: a pool
/// hands the next input to the first free worker, so only hand-overs count.
fn idle_while_work_was_left(workers: usize) -> f64 {
    let mut events = EVENTS.lock().unwrap().clone();
    events.sort_by_key(|&(at, _)| at);
    let Some(last_start) = events.iter().rposition(|&(_, start)| start) else {
        return 0.0;
    };
    let (mut idle, mut running) = (0.0, 0_usize);
    for pair in events[..=last_start].windows(2) {
        running = if pair[0].1 {
            running + 1
        } else {
            running.saturating_sub(1)
        };
        let gap = (pair[1].0 - pair[0].0).as_secs_f64() * 1000.0;
        idle += workers.saturating_sub(running) as f64 * gap;
    }
    idle
}

/// Calls `map_in_pool`, checking the results' order.
fn run(inputs: Vec<u64>, workers: usize) {
    IN_FLIGHT.reset();
    EVENTS.lock().unwrap().clear();
    THREADS.lock().unwrap().clear();
    let expected: Vec<u64> = inputs.iter().map(|&input| result(input)).collect();
    let what = format!("map_in_pool({} inputs, {workers} workers)", inputs.len());
    let results = within(&what, Duration::from_secs(10), move || {
        exercise::map_in_pool(inputs, workers, work)
    });
    if results != expected {
        fail(
            Kind::WrongResult,
            format!("{what}: expected {expected:?}, got {results:?}"),
        );
    }
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    for workers in [3, 5] {
        // 12 calls of 150 ms each, the inputs not in order.
        let inputs: Vec<u64> = (0..12).map(|i| 150_000 + (i * 5 + 3) % 12).collect();
        let threads_before = live_threads();
        run(inputs, workers);
        let most = IN_FLIGHT.most();
        let threads = THREADS.lock().unwrap().len();
        if threads > workers {
            fail(
                Kind::WrongResult,
                format!(
                    "12 calls with a pool of {workers} ran on {threads} threads: a pool has `workers` threads, each taking the next input when it comes free, not a thread per input"
                ),
            );
        }
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
    // Two long calls among short ones, where a split fixed in advance gives them both to one
    // worker: the others finish their share early and sit idle while that one still has a
    // call to start. A pool hands the next input to whichever worker is free.
    let workers = 3;
    let inputs: Vec<u64> = (0..12)
        .map(|i| if i == 0 || i == 3 { 600_000 } else { 50_000 } + i)
        .collect();
    run(inputs, workers);
    let idle = idle_while_work_was_left(workers);
    if idle > 200.0 {
        fail(
            Kind::TooSlow,
            format!(
                "with {workers} workers, calls of 600 and 50 ms: workers sat idle for {:.2} s in all while inputs were still waiting: the inputs were handed out in shares (as rayon's parallel iterators split them into chunks by default), not one at a time to whichever worker is free",
                idle / 1000.0
            ),
        );
    }
    more_workers_than_inputs();
    zero_workers_panic();
    pass(
        "pools of 3 and 5 threads, each fully used, never idle while work is left, results in order; more workers than inputs run them all at once; 0 workers panics",
    )
}

/// With more workers than inputs, every input runs at once; with no inputs, nothing runs.
fn more_workers_than_inputs() {
    let workers = 5;
    let inputs: Vec<u64> = (0..3).map(|i| 150_000 + 2 - i).collect();
    let count = inputs.len();
    run(inputs, workers);
    let most = IN_FLIGHT.most();
    if most != count {
        fail(
            Kind::TooSlow,
            format!(
                "{count} inputs on {workers} workers: {most} call(s) ran at once; with more workers than inputs, every input runs at once"
            ),
        );
    }
    run(Vec::new(), workers);
}

/// `workers == 0` is the caller's mistake: the answer panics, with a message naming `workers`.
fn zero_workers_panic() {
    let what = "map_in_pool(3 inputs, 0 workers)";
    let outcome = within(what, Duration::from_secs(10), || {
        std::panic::catch_unwind(|| exercise::map_in_pool(vec![1, 2, 3], 0, result))
    });
    match outcome {
        Ok(results) => fail(
            Kind::WrongResult,
            format!(
                "{what} returned {results:?}; it must panic, with a message that contains `workers` (rayon reads num_threads(0) as one thread per core)"
            ),
        ),
        Err(payload) => {
            let message = exercises::panic_message(&*payload);
            if !message.contains("workers") {
                fail(
                    Kind::WrongResult,
                    format!(
                        "{what} panicked with {message:?}, which does not contain `workers`: say what the caller got wrong"
                    ),
                );
            }
        }
    }
}
