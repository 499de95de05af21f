//! Grades `timer` by real runs: it fires once and not early, a cancel in time stops it, a late
//! cancel or restart does nothing and returns at once even while the function runs, join waits
//! for the function to return, cancel never waits out the delay, a restart pushes the firing to
//! `delay` after it (not sooner, not more than `delay / 2` later), restarts stop after a
//! cancel, many restarts still fire once, join panics when the function did, and a cancel or a
//! restart at the very moment of firing still has one clear winner (each tried a thousand
//! times).

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/timer.rs"]
mod exercise;
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    sync::{
        Arc, Mutex, PoisonError,
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

/// A timer whose function records when it started.
fn stamping(delay: Duration) -> (Timer, Arc<Mutex<Option<Instant>>>) {
    let started = Arc::new(Mutex::new(None));
    let theirs = Arc::clone(&started);
    let timer = Timer::start(delay, move || {
        let mut started = theirs.lock().unwrap_or_else(PoisonError::into_inner);
        if started.is_none() {
            *started = Some(Instant::now());
        }
    });
    (timer, started)
}

/// Sleeps until `moment`, if it is still to come.
fn sleep_until(moment: Instant) {
    thread::sleep(moment.saturating_duration_since(Instant::now()));
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
    let ((cancelled, took), (restarted, restart_took), returned) = within(
        "cancel, restart and join while the function runs",
        LIMIT,
        || {
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
            let started = Instant::now();
            let restarted = timer.restart();
            let restart_took = started.elapsed();
            timer.join();
            (
                (cancelled, took),
                (restarted, restart_took),
                returned.load(SeqCst) == 1,
            )
        },
    );
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
    if restarted {
        fail(
            Kind::WrongResult,
            "restart while the function was running returned true: the timer had already fired, so restart must return false",
        );
    }
    if restart_took > Duration::from_millis(200) {
        fail(
            Kind::TooSlow,
            format!(
                "restart took {restart_took:?} while the function ran: it must return false at once"
            ),
        );
    }
    if !returned {
        fail(
            Kind::WrongResult,
            "join returned while the function was still running: join waits until the function has returned",
        );
    }

    let took = within(
        "cancel of a 30 s timer (cancel returns at once, without waiting for the timer's thread)",
        LIMIT,
        || {
            let (timer, _calls) = counting(Duration::from_secs(30));
            let started = Instant::now();
            timer.cancel();
            let took = started.elapsed();
            (took, timer)
        },
    );
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
        "join, called right after a cancel of a 30 s timer that returned true (join must then return at once, but the timer's thread was still running: it sleeps out the delay, or it began to wait after cancel had notified and so never saw it; check the state under the lock before waiting)",
        Duration::from_secs(2),
        move || took.1.join(),
    );
    // Again once the timer's thread has had time to begin its wait: only a cancel that wakes
    // it lets join return at once.
    let cancelled = within(
        "cancel of a 30 s timer 200 ms after its start",
        LIMIT,
        || {
            let (timer, _calls) = counting(Duration::from_secs(30));
            thread::sleep(Duration::from_millis(200));
            (timer.cancel(), timer)
        },
    );
    if !cancelled.0 {
        fail(
            Kind::WrongResult,
            "cancel of a 30 s timer, 200 ms after its start, returned false: it was still waiting",
        );
    }
    within(
        "join, called right after a cancel that returned true while the 30 s timer's thread was waiting (join must then return at once, but the thread slept on: the cancel must wake it, by a notify on the Condvar or a message on the channel it waits on)",
        Duration::from_secs(2),
        move || cancelled.1.join(),
    );

    // Restarts push the firing back: delay 300 ms, restarted at 100 ms and at 250 ms, so it
    // fires no sooner than 300 ms after the second restart (550 ms after the start). Each
    // restart comes 150 ms or more before the deadline it moves, so a slow sleep cannot miss it.
    let (answers, second, fired, calls) = within("restarts at 100 ms and 250 ms", LIMIT, || {
        let start = Instant::now();
        let (timer, fired) = stamping(Duration::from_millis(300));
        sleep_until(start + Duration::from_millis(100));
        let first = timer.restart();
        sleep_until(start + Duration::from_millis(250));
        let second = Instant::now();
        let answers = (first, timer.restart());
        timer.join();
        let fired = *fired.lock().unwrap_or_else(PoisonError::into_inner);
        (answers, second, fired, usize::from(fired.is_some()))
    });
    if answers != (true, true) {
        fail(
            Kind::WrongResult,
            format!(
                "restarts of a waiting timer returned {} and {} (want true, true)",
                answers.0, answers.1
            ),
        );
    }
    match fired {
        None => fail(
            Kind::WrongResult,
            format!("a restarted timer never called its function ({calls} calls)"),
        ),
        Some(fired) if fired < second + Duration::from_millis(300) => fail(
            Kind::WrongResult,
            format!(
                "the timer fired {:?} after its latest restart, before its delay of 300 ms: a restart moves the deadline to `delay` after it, and a wait that ends before that deadline is not the end",
                fired.saturating_duration_since(second)
            ),
        ),
        Some(_) => {}
    }

    // At most `delay / 2` late: delay 600 ms, restarted at 50 ms, due 600 ms after the restart
    // and no later than 900 ms after it; a timer that waits a whole delay again from its first
    // deadline fires 1,150 ms after the restart.
    let (restart, fired) = within("restart at 50 ms of a 600 ms timer", LIMIT, || {
        let start = Instant::now();
        let (timer, fired) = stamping(Duration::from_millis(600));
        sleep_until(start + Duration::from_millis(50));
        let restart = Instant::now();
        timer.restart();
        timer.join();
        let fired = *fired.lock().unwrap_or_else(PoisonError::into_inner);
        (restart, fired)
    });
    if let Some(after) = fired.map(|fired| fired.saturating_duration_since(restart))
        && after > Duration::from_millis(900)
    {
        fail(
            Kind::TooSlow,
            format!(
                "restarted at 50 ms, a 600 ms timer fired {after:?} after the restart: it is due 600 ms after it, and may be at most delay / 2 (300 ms) late. Wait until the latest deadline, not a whole delay again from some other moment"
            ),
        );
    }

    let (cancelled, restarted, calls) = within("restart after cancel", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(100));
        let cancelled = timer.cancel();
        let restarted = timer.restart();
        timer.join();
        thread::sleep(Duration::from_millis(200));
        (cancelled, restarted, calls.load(SeqCst))
    });
    if !cancelled || restarted || calls != 0 {
        fail(
            Kind::WrongResult,
            format!(
                "cancel, then restart, of a waiting timer returned {cancelled} and {restarted}, and the function ran {calls} times (want true, false, 0): a cancelled timer stays cancelled"
            ),
        );
    }

    let (restarted, cancelled, calls) = within("restart after the timer fired", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(10));
        let deadline = Instant::now() + Duration::from_secs(3);
        while calls.load(SeqCst) == 0 && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        thread::sleep(Duration::from_millis(10));
        let restarted = timer.restart();
        let cancelled = timer.cancel();
        timer.join();
        thread::sleep(Duration::from_millis(50));
        (restarted, cancelled, calls.load(SeqCst))
    });
    if restarted || cancelled || calls != 1 {
        fail(
            Kind::WrongResult,
            format!(
                "after the timer fired, restart returned {restarted}, then cancel {cancelled}, and the function ran {calls} times (want false, false, 1): a fired timer is over"
            ),
        );
    }

    let (answers, calls) = within("5 restarts, then cancel", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(300));
        let mut answers = Vec::new();
        for _ in 0..5 {
            thread::sleep(Duration::from_millis(30));
            answers.push(timer.restart());
        }
        answers.push(timer.cancel());
        timer.join();
        thread::sleep(Duration::from_millis(200));
        (answers, calls.load(SeqCst))
    });
    if answers.iter().any(|answer| !answer) || calls != 0 {
        fail(
            Kind::WrongResult,
            format!(
                "5 restarts then a cancel, 30 ms apart, of a 300 ms timer answered {answers:?} and the function ran {calls} times (want all true, 0): a cancel after restarts still stops the timer"
            ),
        );
    }

    let (calls, since_last) = within("20 restarts, then join", LIMIT, || {
        let (timer, calls) = counting(Duration::from_millis(40));
        let mut last = Instant::now();
        for _ in 0..20 {
            thread::sleep(Duration::from_millis(10));
            last = Instant::now();
            timer.restart();
        }
        timer.join();
        thread::sleep(Duration::from_millis(100));
        (calls.load(SeqCst), last.elapsed())
    });
    if calls != 1 {
        fail(
            Kind::WrongResult,
            format!(
                "a timer restarted 20 times called its function {calls} times, not once (counted {since_last:?} after the last restart)"
            ),
        );
    }

    // `f` panics: join must panic too, as `JoinHandle::join` reports a panic of its thread.
    let join_panicked = within("join after the function panicked", LIMIT, || {
        let timer = Timer::start(Duration::from_millis(10), || {
            panic!("the timer's function panics on purpose")
        });
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| timer.join())).is_err()
    });
    if !join_panicked {
        fail(
            Kind::WrongResult,
            "the timer's function panicked, yet join returned normally: if `f` panicked, join must panic too (e.g. unwrap what the thread's join returns), or the caller never learns that `f` failed",
        );
    }

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
    // Restart at the moment of firing, many times over: a restart that says true must push the
    // firing to `delay` after it; one that says false came after the firing.
    let mismatches = within(
        "1000 restarts racing with firing",
        Duration::from_secs(30),
        || {
            let racers: Vec<_> = (0..4u64)
                .map(|racer| {
                    thread::spawn(move || {
                        let mut mismatches = Vec::new();
                        for round in 0..250u64 {
                            let delay = Duration::from_micros(800);
                            let (timer, fired) = stamping(delay);
                            thread::sleep(Duration::from_micros(
                                600 + (round * 7 + racer * 13) % 400,
                            ));
                            let asked = Instant::now();
                            let restarted = timer.restart();
                            timer.join();
                            let fired = *fired.lock().unwrap_or_else(PoisonError::into_inner);
                            match fired {
                                None => mismatches.push((restarted, None)),
                                Some(fired) if restarted && fired < asked + delay => {
                                    mismatches.push((restarted, Some(fired - asked)));
                                }
                                Some(_) => {}
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
    if let Some((restarted, fired)) = mismatches.first() {
        fail(
            Kind::RaceFound,
            format!(
                "{} of 1000 restarts at the moment of firing went wrong, e.g. restart returned {restarted} and the function {}: decide fire-or-restart in one place, under a lock",
                mismatches.len(),
                match fired {
                    None => "never ran".to_owned(),
                    Some(after) =>
                        format!("ran {after:?} after the restart, before the delay of 800 µs"),
                }
            ),
        );
    }
    pass(
        "fires once and on time; restart pushes it back, cancel is prompt and final, both are no-ops once fired; join panics when f did; 1000 racing cancels and 1000 racing restarts all consistent",
    )
}
