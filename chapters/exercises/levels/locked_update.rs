//! The locked update, from the lock chapter: the update of the lost update, done while holding
//! the lock, with a pause in the middle where another thread may run.

use std::time::Duration;

use crate::{
    play::{Choices, Level, show, spawn},
    sync::{Arc, Mutex, thread},
};

pub const LEVEL: Level = Level {
    name: "locked_update",
    title: "The locked update",
    chapter: "lock",
    goal: "make the ending value 1",
    won: |state| state.finished() && state.value("value") == Some("1"),
    breakable: false,
    hints: &[
        "The other thread may run during the sleep. What can it do there?",
        "Try to make both threads read the value before either writes it.",
    ],
    fix: "the guard keeps the lock from the read to the write, so no other thread can read between them (the lock chapter's fix)",
    choices: Choices::NONE,
    run,
};

// ANCHOR: play
fn locked_update(value: &Mutex<i64>) {
    let mut guard = value.lock().unwrap();
    let mut local_copy = *guard;
    local_copy += 1;
    thread::sleep(Duration::from_millis(100));
    *guard = local_copy;
}
// ANCHOR_END: play

fn run() {
    let value = Arc::new(Mutex::new(0));
    show("value", &value);
    let threads = [1, 2].map(|n| {
        let value = Arc::clone(&value);
        spawn(&format!("thread {n}"), move || locked_update(&value))
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
