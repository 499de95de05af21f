//! Grades `timer` under many schedules, where a timed wait may time out at any moment: a cancel
//! or a restart racing with the timer's own decision to fire must leave one clear winner,
//! whatever the interleaving, and a timer restarted for an hour must not take a time-out for
//! the end of its delay.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/timer.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use std::time::Duration;

use exercise::Timer;
use exercises::{Kind, flunk, schedules};
use sync::{
    Arc,
    atomic::{AtomicUsize, Ordering::SeqCst},
    mpsc,
};

/// A timer whose function counts its calls.
fn counting(delay: Duration) -> (Timer, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let theirs = Arc::clone(&calls);
    let timer = Timer::start(delay, move || _ = theirs.fetch_add(1, SeqCst));
    (timer, calls)
}

/// Cancel against firing: exactly one wins, and a second cancel never does.
fn cancel_races_firing() {
    let (timer, calls) = counting(Duration::from_nanos(1));
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
            "a second cancel returned true: once cancelled, the timer is no longer waiting, so every later cancel returns false",
        );
    }
}

/// Two restarts, a cancel and a last restart against firing: a restart that says `true` came
/// before the firing, one that says `false` came after it (or after the cancel).
fn restart_races_firing() {
    let (timer, calls) = counting(Duration::from_nanos(1));
    let before = calls.load(SeqCst);
    let first = timer.restart();
    let second = timer.restart();
    let cancelled = timer.cancel();
    let last = timer.restart();
    timer.join();
    let ran = calls.load(SeqCst);
    if first && before != 0 {
        flunk(
            Kind::RaceFound,
            "restart returned true after the function had already run: a fired timer cannot be restarted",
        );
    }
    if second && !first {
        flunk(
            Kind::WrongResult,
            "a restart returned true after an earlier one had returned false (the timer had fired): once fired, restart must return false",
        );
    }
    if last {
        flunk(
            Kind::WrongResult,
            format!(
                "restart returned true after {}: a timer that is over cannot be restarted",
                if cancelled {
                    "a cancel had stopped the timer"
                } else {
                    "the timer had fired"
                }
            ),
        );
    }
    if cancelled && ran != 0 {
        flunk(
            Kind::RaceFound,
            format!("cancel returned true after restarts, yet the function ran {ran} time(s)"),
        );
    }
    if !cancelled && ran != 1 {
        flunk(
            Kind::RaceFound,
            format!(
                "cancel returned false (the timer had fired), yet the function ran {ran} times, not once"
            ),
        );
    }
    if !second && cancelled {
        flunk(
            Kind::RaceFound,
            "restart returned false (the timer had fired), yet the cancel after it returned true",
        );
    }
}

/// Once `f` has run, restart and cancel both say `false` and change nothing.
fn restart_after_firing() {
    let (ran, running) = mpsc::channel();
    let timer = Timer::start(Duration::from_nanos(1), move || ran.send(()).unwrap());
    running.recv().unwrap();
    if timer.restart() {
        flunk(
            Kind::WrongResult,
            "restart returned true after the function had run: a fired timer cannot be restarted",
        );
    }
    if timer.cancel() {
        flunk(
            Kind::WrongResult,
            "cancel returned true after the function had run (and a restart): it fired, so cancel must return false",
        );
    }
    timer.join();
    if running.try_recv().is_ok() {
        flunk(
            Kind::WrongResult,
            "the function ran twice: a timer fires at most once",
        );
    }
}

/// An hour's timer, restarted twice, then cancelled: whenever its timed waits time out, the
/// hour is not up, so `f` must never run.
fn hour_is_not_up_at_a_time_out() {
    let (timer, calls) = counting(Duration::from_secs(3600));
    let restarted = (timer.restart(), timer.restart());
    let cancelled = timer.cancel();
    timer.join();
    let ran = calls.load(SeqCst);
    if ran != 0 {
        flunk(
            Kind::WrongResult,
            format!(
                "the function ran {ran} time(s), though its hour was not up: the timer was restarted twice and then cancelled. A timed wait may end as its time runs out just as a restart comes in, or wake for no reason, so a wait that ends is not the end of the delay: compare the clock with the latest deadline"
            ),
        );
    }
    if restarted != (true, true) || !cancelled {
        flunk(
            Kind::WrongResult,
            format!(
                "a waiting timer of an hour answered restart {}, restart {}, cancel {cancelled} (want true, true, true)",
                restarted.0, restarted.1
            ),
        );
    }
}

fn test() {
    cancel_races_firing();
    restart_races_firing();
    restart_after_firing();
    hour_is_not_up_at_a_time_out();
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check("timer", test)
}
