//! Two locks in opposite orders, from the deadlock chapter: each thread holds one lock and
//! wants the other.

use crate::{
    play::{Choices, Level, name, spawn},
    sync::{Arc, Mutex},
};

pub const LEVEL: Level = Level {
    name: "lock_ordering",
    title: "Two locks in opposite orders",
    chapter: "deadlock",
    goal: "make both threads wait forever",
    won: |state| state.deadlocked(),
    breakable: true,
    hints: &[
        "Thread 1 takes a, then b; thread 2 takes b, then a.",
        "Let each thread take its first lock before either takes its second.",
    ],
    fix: "take the locks in one global order, the same in every thread (level one_lock_order)",
    choices: Choices::NONE,
    run,
};

// ANCHOR: play
fn thread_1(a: &Mutex<()>, b: &Mutex<()>) {
    let _a = a.lock().unwrap();
    let _b = b.lock().unwrap();
}

fn thread_2(a: &Mutex<()>, b: &Mutex<()>) {
    let _b = b.lock().unwrap();
    let _a = a.lock().unwrap();
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
