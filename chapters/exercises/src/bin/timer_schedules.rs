//! Grades `timer` under many schedules: a cancel racing with the timer's own decision to fire
//! must have exactly one winner, whatever the interleaving.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/timer.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use std::time::Duration;

use exercises::{Kind, flunk, schedules};
use sync::{
    Arc,
    atomic::{AtomicUsize, Ordering::SeqCst},
};

fn test() {
    let calls = Arc::new(AtomicUsize::new(0));
    let theirs = Arc::clone(&calls);
    let timer = exercise::Timer::start(Duration::from_nanos(1), move || {
        _ = theirs.fetch_add(1, SeqCst)
    });
    let cancelled = timer.cancel();
    let again = timer.cancel();
    timer.join();
    let ran = calls.load(SeqCst);
    if cancelled && ran != 0 {
        flunk(
            Kind::RaceFound,
            format!("cancel returned true, yet the function ran {ran} time(s)"),
        );
    }
    if !cancelled && ran != 1 {
        flunk(
            Kind::RaceFound,
            format!("cancel returned false (too late), yet the function ran {ran} times, not once"),
        );
    }
    if again {
        flunk(
            Kind::WrongResult,
            "a second cancel returned true: only the first one can stop the timer",
        );
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check("timer", test)
}
