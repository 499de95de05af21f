//! Grades `ordered_results`: results in input order, with every thread running at once.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/ordered_results.rs"]
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

/// Takes longer for smaller inputs, so the threads finish in the reverse of their order.
fn work(input: u64) -> u64 {
    let now = RUNNING.fetch_add(1, SeqCst) + 1;
    MOST_AT_ONCE.fetch_max(now, SeqCst);
    thread::sleep(Duration::from_millis(600 - 100 * input));
    RUNNING.fetch_sub(1, SeqCst);
    input * 10
}

fn main() {
    quiet_panics();
    let inputs = vec![1, 2, 3, 4, 5];
    let results = within("map_with_threads", Duration::from_secs(10), move || {
        exercise::map_with_threads(inputs, work)
    });
    if results != [10, 20, 30, 40, 50] {
        fail(
            Kind::WrongResult,
            format!("expected [10, 20, 30, 40, 50], got {results:?}"),
        );
    }
    let most = MOST_AT_ONCE.load(SeqCst);
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
