//! Grades `map_slices`: results in input order, each thread one contiguous slice of the
//! expected size, and exactly as many threads at once as there are slices.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/map_slices.rs"]
mod exercise;

use std::{
    collections::HashMap,
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

/// Takes longer for earlier inputs, so later slices finish first; the result does not grow
/// with the input, so sorting cannot put it in order.
fn work(input: u64) -> u64 {
    IN_FLIGHT.track(|| thread::sleep(Duration::from_millis(40 + 40 * (input % 3))));
    WORKED_ON
        .lock()
        .unwrap()
        .push((input, thread::current().id()));
    (input * 7919) % 101
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    // (inputs, threads): slices of 4, 4, 2; one input per thread with threads to spare; 3 each.
    for (count, threads) in [(10_u64, 3_usize), (3, 5), (12, 4)] {
        IN_FLIGHT.reset();
        WORKED_ON.lock().unwrap().clear();
        // Distinct inputs, not in order.
        let inputs: Vec<u64> = (0..count).map(|i| (i * 37 + 11) % 1000).collect();
        let expected: Vec<u64> = inputs.iter().map(|&x| (x * 7919) % 101).collect();
        let what = format!("map_slices({count} inputs, {threads} threads)");
        let given = inputs.clone();
        let (caller, results) = within(&what, Duration::from_secs(10), move || {
            (
                thread::current().id(),
                exercise::map_slices(&given, threads, work),
            )
        });
        if results != expected {
            fail(
                Kind::WrongResult,
                format!("{what}: expected {expected:?}, got {results:?}"),
            );
        }
        // Who worked on what: each thread one contiguous slice, in the expected cut.
        let by_input: HashMap<u64, ThreadId> = WORKED_ON.lock().unwrap().iter().copied().collect();
        let owners: Vec<ThreadId> = inputs.iter().map(|x| by_input[x]).collect();
        if owners.contains(&caller) {
            fail(
                Kind::TooSlow,
                format!(
                    "{what}: work ran on the calling thread; each slice needs a thread of its own"
                ),
            );
        }
        let slice_len = inputs.len().div_ceil(threads);
        let expected_slices = inputs.len().div_ceil(slice_len);
        for (k, slice) in owners.chunks(slice_len).enumerate() {
            if slice.iter().any(|owner| *owner != slice[0]) {
                fail(
                    Kind::WrongResult,
                    format!(
                        "{what}: slice {k} (inputs {k}*{slice_len}..) was split between threads; each slice belongs to one thread"
                    ),
                );
            }
        }
        let mut distinct = owners.clone();
        distinct.dedup();
        if distinct.len() != expected_slices {
            fail(
                Kind::WrongResult,
                format!(
                    "{what}: the work ran on {} threads; cut into slices of {slice_len}, it needs {expected_slices}",
                    distinct.len()
                ),
            );
        }
        let most = IN_FLIGHT.most();
        if most > expected_slices {
            fail(
                Kind::WrongResult,
                format!(
                    "{what}: {most} calls ran at once; one thread per slice allows {expected_slices}"
                ),
            );
        }
        if most < expected_slices {
            fail(
                Kind::TooSlow,
                format!(
                    "{what}: at most {most} of the {expected_slices} slices ran at once: start every thread before joining any"
                ),
            );
        }
    }
    // No inputs: no slices, and nothing to return. `chunks(0)` panics, so the slice length
    // `0.div_ceil(threads)` needs care.
    let results = within(
        "map_slices(0 inputs, 3 threads)",
        Duration::from_secs(10),
        || exercise::map_slices(&[], 3, work),
    );
    if !results.is_empty() {
        fail(
            Kind::WrongResult,
            format!("map_slices(0 inputs, 3 threads): expected [], got {results:?}"),
        );
    }
    pass(
        "0, 10, 3 and 12 inputs on 3, 3, 5 and 4 threads: one contiguous slice per thread, all at once, results in order",
    )
}
