//! A timer whose cancel and firing both win, from the timer chapter: the timer fires whenever
//! its wait timed out, without checking whether it was cancelled meanwhile.

use std::time::Duration;

use crate::{
    play::{Choices, Level, name, show, show_part, spawn},
    sync::{
        Arc, Condvar, Mutex,
        atomic::{AtomicBool, Ordering::SeqCst},
    },
};

pub const LEVEL: Level = Level {
    name: "cancel_and_fire",
    title: "A timer whose cancel and firing both win",
    chapter: "timer",
    goal: "make cancel return true and the timer fire anyway",
    won: |state| {
        state.finished()
            && state.value("fired") == Some("true")
            && state.value("cancel returned") == Some("Some(true)")
    },
    breakable: true,
    hints: &[
        "At the wait, you choose whether the timer's time runs out at once.",
        "Cancel looks at `fired` before the timer sets it.",
    ],
    fix: "decide under one lock: the timer fires only if not cancelled, and cancel succeeds only if not fired (the timer exercise's state)",
    choices: Choices {
        spurious_wakeups: false,
        early_timeouts: true,
    },
    run,
};

struct Timer {
    cancelled: Mutex<bool>,
    wake: Condvar,
    fired: AtomicBool,
}

const DELAY: Duration = Duration::from_millis(100);

// ANCHOR: play
fn wait_then_fire(timer: &Timer) {
    let guard = timer.cancelled.lock().unwrap();
    let (guard, waited) = timer
        .wake
        .wait_timeout(guard, DELAY)
        .unwrap();
    drop(guard);
    if waited.timed_out() {
        timer.fired.store(true, SeqCst);
    }
}

fn cancel(timer: &Timer) -> bool {
    *timer.cancelled.lock().unwrap() = true;
    timer.wake.notify_one();
    !timer.fired.load(SeqCst)
}
// ANCHOR_END: play

fn run() {
    let timer = Arc::new(Timer {
        cancelled: Mutex::new(false),
        wake: Condvar::new(),
        fired: AtomicBool::new(false),
    });
    let said = Arc::new(Mutex::new(None));
    show_part("cancelled", &timer, |timer| &timer.cancelled);
    show_part("fired", &timer, |timer| &timer.fired);
    name("wake", &timer.wake);
    show("cancel returned", &said);
    let theirs = Arc::clone(&timer);
    let fires = spawn("timer", move || wait_then_fire(&theirs));
    let cancels = spawn("canceller", move || {
        *said.lock().unwrap() = Some(cancel(&timer))
    });
    fires.join().unwrap();
    cancels.join().unwrap();
}
