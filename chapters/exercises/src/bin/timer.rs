//! Grades `timer` by real runs: it fires once and not early, a cancel in time stops it, a late
//! cancel does nothing and returns at once even while the function runs, join waits for the
//! function to return, cancel never waits out the delay, and a cancel at the very moment of
//! firing still has one clear winner (tried a thousand times).

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/timer.rs"]
mod exercise;
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering::SeqCst},
    },
    thread,
    time::{Duration, Instant},
};

use exercise::Timer;
use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};

const LIMIT: Duration = Duration::from_secs(5);

/// A timer whose function counts its calls, then keeps its thread busy for 3 ms: a cancel that
/// arrives while the function runs must still say it came too late.
fn counting(delay: Duration) -> (Timer, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let theirs = Arc::clone(&calls);
    let timer = Timer::start(delay, move || {
        theirs.fetch_add(1, SeqCst);
        thread::sleep(Duration::from_millis(3));
    });
    (timer, calls)
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();

    let (calls, elapsed) = within("start(60 ms) then join", LIMIT, || {
        let started = Instant::now();
        let (timer, calls) = counting(Duration::from_millis(60));
        timer.join();
        (calls.load(SeqCst), started.elapsed())
    });
    if calls != 1 {
        fail(
            Kind::WrongResult,
            format!("an uncancelled timer called its function {calls} times, not once"),
        );
    }
    if elapsed < Duration::from_millis(60) {
        fail(
            Kind::WrongResult,
            format!("the timer fired after {elapsed:?}, before its delay of 60 ms"),
        );
    }

    let (cancelled, calls) = within("start(300 ms), cancel at once, join", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(300));
        let cancelled = timer.cancel();
        timer.join();
        thread::sleep(Duration::from_millis(400));
        (cancelled, calls.load(SeqCst))
    });
    if !cancelled || calls != 0 {
        fail(
            Kind::WrongResult,
            format!(
                "cancel before the delay returned {cancelled} and the function ran {calls} times (want true, 0)"
            ),
        );
    }

    let (cancelled, calls) = within("cancel after the timer fired", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(10));
        let deadline = Instant::now() + Duration::from_secs(3);
        while calls.load(SeqCst) == 0 && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        let cancelled = timer.cancel();
        timer.join();
        (cancelled, calls.load(SeqCst))
    });
    if cancelled || calls != 1 {
        fail(
            Kind::WrongResult,
            format!(
                "cancel after firing returned {cancelled}, function ran {calls} times (want false, 1)"
            ),
        );
    }

    // The timer has fired and its function is still running (for 400 ms): cancel must answer
    // false at once, and join must wait until the function has returned.
    let (cancelled, took, returned) =
        within("cancel and join while the function runs", LIMIT, || {
            let (running, returned) =
                (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            let (theirs, their_return) = (Arc::clone(&running), Arc::clone(&returned));
            let timer = Timer::start(Duration::from_millis(10), move || {
                theirs.store(1, SeqCst);
                thread::sleep(Duration::from_millis(400));
                their_return.store(1, SeqCst);
            });
            let deadline = Instant::now() + Duration::from_secs(3);
            while running.load(SeqCst) == 0 && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(1));
            }
            let started = Instant::now();
            let cancelled = timer.cancel();
            let took = started.elapsed();
            timer.join();
            (cancelled, took, returned.load(SeqCst) == 1)
        });
    if cancelled {
        fail(
            Kind::WrongResult,
            "cancel while the function was running returned true: the timer had already fired, so cancel must return false",
        );
    }
    if took > Duration::from_millis(200) {
        fail(
            Kind::TooSlow,
            format!(
                "cancel took {took:?} while the function ran: it must return false at once, not wait for the function to finish (that is join's job)"
            ),
        );
    }
    if !returned {
        fail(
            Kind::WrongResult,
            "join returned while the function was still running: join waits until the function has returned",
        );
    }

    let took = within("cancel of a 30 s timer", LIMIT, || {
        let (timer, _calls) = counting(Duration::from_secs(30));
        let started = Instant::now();
        timer.cancel();
        let took = started.elapsed();
        (took, timer)
    });
    if took.0 > Duration::from_millis(500) {
        fail(
            Kind::TooSlow,
            format!(
                "cancel took {:?}: it must return at once, not wait out the delay",
                took.0
            ),
        );
    }
    within(
        "join, called right after cancelling a 30 s timer (the timer's thread was still running: it sleeps out the delay, or it began to wait after cancel had notified and so never saw it; check the state under the lock before waiting)",
        Duration::from_secs(2),
        move || took.1.join(),
    );

    // Cancel at the moment of firing, many times over, on four threads at once.
    let mismatches = within(
        "1000 cancels racing with firing",
        Duration::from_secs(30),
        || {
            let racers: Vec<_> = (0..4u64)
                .map(|racer| {
                    thread::spawn(move || {
                        let mut mismatches = Vec::new();
                        for round in 0..250u64 {
                            let (timer, calls) = counting(Duration::from_micros(800));
                            thread::sleep(Duration::from_micros(
                                600 + (round * 7 + racer * 13) % 400,
                            ));
                            let cancelled = timer.cancel();
                            timer.join();
                            let ran = calls.load(SeqCst);
                            if cancelled == (ran == 1) || ran > 1 {
                                mismatches.push((cancelled, ran));
                            }
                        }
                        mismatches
                    })
                })
                .collect();
            racers
                .into_iter()
                .flat_map(|racer| racer.join().unwrap_or_default())
                .collect::<Vec<_>>()
        },
    );
    if let Some((cancelled, ran)) = mismatches.first() {
        fail(
            Kind::RaceFound,
            format!(
                "{} of 1000 cancels at the moment of firing went wrong, e.g. cancel returned {cancelled} and the function ran {ran} times: decide fire-or-cancel in one place, under a lock",
                mismatches.len()
            ),
        );
    }
    pass(
        "fires once and on time; cancel is prompt, final, and a no-op once fired; 1000 racing cancels all consistent",
    )
}
