//! The lost update, from the race_condition chapter: two threads each add 1 to a shared value,
//! with a load and a store that another thread can come between.

use crate::{
    play::{Choices, Level, show, spawn},
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering::Relaxed},
    },
};

pub const LEVEL: Level = Level {
    name: "lost_update",
    title: "The lost update",
    chapter: "race_condition",
    goal: "make the ending value 1",
    won: |state| state.finished() && state.value("value") == Some("1"),
    breakable: true,
    hints: &[
        "Each update is two steps: a load, then a store of what it loaded plus 1.",
        "Let both threads load before either stores.",
    ],
    fix: "make the read-modify-write one step: `value.fetch_add(1, Relaxed)`, or hold a Mutex from the read to the write (the lock chapter)",
    choices: Choices::NONE,
    run,
};

// ANCHOR: play
fn update(value: &AtomicU64) {
    let mut local_copy = value.load(Relaxed);
    local_copy += 1;
    value.store(local_copy, Relaxed);
}
// ANCHOR_END: play

fn run() {
    let value = Arc::new(AtomicU64::new(0));
    show("value", &value);
    let threads = [1, 2].map(|n| {
        let value = Arc::clone(&value);
        spawn(&format!("thread {n}"), move || update(&value))
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
