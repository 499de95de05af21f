//! One global lock order, from the deadlock chapter: both threads take lock a before lock b.

use crate::{
    play::{Choices, Level, name, spawn},
    sync::{Arc, Mutex},
};

pub const LEVEL: Level = Level {
    name: "one_lock_order",
    title: "One global lock order",
    chapter: "deadlock",
    goal: "make both threads wait forever",
    won: |state| state.deadlocked(),
    breakable: false,
    hints: &[
        "A deadlock needs a thread that holds one lock and waits for another held by a thread waiting for it.",
        "Whoever holds b already holds a.",
    ],
    fix: "with one order, whoever holds the later lock already holds the earlier one, so no cycle of waiting threads can form (the deadlock chapter's fix)",
    choices: Choices::NONE,
    run,
};

// ANCHOR: play
fn thread_1(a: &Mutex<()>, b: &Mutex<()>) {
    let _a = a.lock().unwrap();
    let _b = b.lock().unwrap();
}

fn thread_2(a: &Mutex<()>, b: &Mutex<()>) {
    let _a = a.lock().unwrap();
    let _b = b.lock().unwrap();
}
// ANCHOR_END: play

fn run() {
    let (a, b) = (Arc::new(Mutex::new(())), Arc::new(Mutex::new(())));
    name("a", &*a);
    name("b", &*b);
    let (a2, b2) = (Arc::clone(&a), Arc::clone(&b));
    let one = spawn("thread 1", move || thread_1(&a, &b));
    let two = spawn("thread 2", move || thread_2(&a2, &b2));
    one.join().unwrap();
    two.join().unwrap();
}
