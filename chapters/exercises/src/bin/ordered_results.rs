//! Grades `ordered_results`: results in input order, with every thread running at once, each
//! input on a thread of its own (joined in any order), and a panic in `work` passed on.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/ordered_results.rs"]
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
    time::Duration,
};

use exercises::{
    Kind, fail, pass,
    real::{InFlight, quiet_panics, within},
};

static IN_FLIGHT: InFlight = InFlight::new();
/// Which thread worked on which input.
static WORKED_ON: Mutex<Vec<(u64, ThreadId)>> = Mutex::new(Vec::new());

/// How long `work(input)` takes: neither the inputs' order nor their size, so the threads
/// finish in an order of their own (2, 4, 1, 5, 3), which is not the input order, nor its
/// reverse, nor sorted.
fn millis(input: u64) -> u64 {
    [0, 300, 100, 500, 200, 400][input as usize]
}

/// The result does not grow with the input, so sorting the results, or the inputs, cannot put
/// them in order.
fn expected(input: u64) -> u64 {
    (input * 37) % 11
}

fn work(input: u64) -> u64 {
    IN_FLIGHT.track(|| thread::sleep(Duration::from_millis(millis(input))));
    WORKED_ON
        .lock()
        .unwrap()
        .push((input, thread::current().id()));
    expected(input)
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    // Not sorted: an answer that sorts by input cannot pass for one that keeps the order.
    let inputs: Vec<u64> = vec![4, 1, 5, 2, 3];
    let given = inputs.clone();
    let (caller, results) = within("map_with_threads", Duration::from_secs(10), move || {
        (
            thread::current().id(),
            exercise::map_with_threads(given, work),
        )
    });
    let expected: Vec<u64> = inputs.iter().map(|&input| expected(input)).collect();
    if results != expected {
        fail(
            Kind::WrongResult,
            format!("inputs {inputs:?}: expected {expected:?}, got {results:?}"),
        );
    }
    let worked_on = WORKED_ON.lock().unwrap().clone();
    if worked_on.len() != inputs.len() {
        fail(
            Kind::WrongResult,
            format!(
                "work was called {} times for {} inputs: once per input",
                worked_on.len(),
                inputs.len()
            ),
        );
    }
    if let Some((input, _)) = worked_on.iter().find(|(_, thread)| *thread == caller) {
        fail(
            Kind::WrongResult,
            format!(
                "work({input}) ran on the thread that called map_with_threads: every input needs a thread of its own"
            ),
        );
    }
    let most = IN_FLIGHT.most();
    if most < 5 {
        fail(
            Kind::TooSlow,
            format!(
                "at most {most} of the 5 threads ran at once: start them all before joining any"
            ),
        );
    }
    panics_are_passed_on();
    pass("5 threads at once, one per input, results in input order, a panic in work passed on")
}

/// `work` that panics for the input 2, after the others have had time to start.
fn work_failing_on_2(input: u64) -> u64 {
    thread::sleep(Duration::from_millis(50));
    if input == 2 {
        panic!("work(2) failed");
    }
    expected(input)
}

/// A panic in `work` must make `map_with_threads` panic too: no value stands in for it.
fn panics_are_passed_on() {
    let what = "map_with_threads([1, 2, 3]) where work(2) panics";
    let outcome = within(what, Duration::from_secs(5), || {
        std::panic::catch_unwind(|| exercise::map_with_threads(vec![1, 2, 3], work_failing_on_2))
    });
    if let Ok(results) = outcome {
        fail(
            Kind::WrongResult,
            format!(
                "{what}: returned {results:?}; a panic in work must make map_with_threads panic too (join().expect(...) does), not be replaced by a value"
            ),
        );
    }
}
