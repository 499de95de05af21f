//! Grades `map_slices`: results in input order, each thread one contiguous slice of
//! `len.div_ceil(threads)` inputs (the last may be shorter), exactly as many threads at once as
//! there are slices, and an empty `Vec` for no inputs.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/map_slices.rs"]
mod exercise;
/// What an answer that takes its primitives from `crate::sync`, as other exercises do, gets
/// here: std's own.
#[allow(unused_imports)]
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    collections::{HashMap, HashSet},
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
    // (inputs, threads): slices of 4, 4, 2; one input per thread with threads to spare; 3 each;
    // 5 slices of 4 on 6 threads (not 6 slices of 4, 4, 3, 3, 3, 3).
    for (count, threads) in [(10_u64, 3_usize), (3, 5), (12, 4), (20, 6)] {
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
        // The runs of neighbouring inputs worked on by one thread: one run per thread, and
        // their lengths those of the cut the task asks for.
        let mut runs: Vec<(ThreadId, usize)> = Vec::new();
        for owner in &owners {
            match runs.last_mut() {
                Some((last, len)) if last == owner => *len += 1,
                _ => runs.push((*owner, 1)),
            }
        }
        let mut seen = HashSet::new();
        if runs.iter().any(|(owner, _)| !seen.insert(*owner)) {
            fail(
                Kind::WrongResult,
                format!(
                    "{what}: a thread worked on inputs that are not side by side: each thread gets one contiguous slice"
                ),
            );
        }
        let slice_len = inputs.len().div_ceil(threads);
        let want: Vec<usize> = inputs.chunks(slice_len).map(<[u64]>::len).collect();
        let got: Vec<usize> = runs.iter().map(|(_, len)| *len).collect();
        if got != want {
            fail(
                Kind::WrongResult,
                format!(
                    "{what}: the slices held {got:?} inputs; slices of {count}.div_ceil({threads}) = {slice_len}, only the last shorter, hold {want:?}"
                ),
            );
        }
        let expected_slices = want.len();
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
        "0, 10, 3, 12 and 20 inputs on 3, 3, 5, 4 and 6 threads: one contiguous slice of len.div_ceil(threads) per thread, all at once, results in order",
    )
}
