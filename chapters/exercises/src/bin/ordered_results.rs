//! Grades `ordered_results`: results in input order, with every thread running at once.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/ordered_results.rs"]
mod exercise;

use std::{thread, time::Duration};

use exercises::{
    Kind, fail, pass,
    real::{InFlight, quiet_panics, within},
};

static IN_FLIGHT: InFlight = InFlight::new();

/// Takes longer for smaller inputs, so the threads finish in the reverse of their order; the
/// results do not grow with the input, so sorting them cannot put them in order.
fn work(input: u64) -> u64 {
    IN_FLIGHT.track(|| thread::sleep(Duration::from_millis(600 - 100 * input)));
    (input * 37) % 11
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    let inputs = vec![1, 2, 3, 4, 5];
    let results = within("map_with_threads", Duration::from_secs(10), move || {
        exercise::map_with_threads(inputs, work)
    });
    let expected: Vec<u64> = (1..=5).map(|input| (input * 37) % 11).collect();
    if results != expected {
        fail(
            Kind::WrongResult,
            format!("expected {expected:?}, got {results:?}"),
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
    pass("5 threads at once, results in input order")
}
