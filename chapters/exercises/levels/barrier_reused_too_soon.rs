//! A barrier reused too soon, from the barrier chapter: it counts arrivals without a
//! generation, so a thread of the next round can spoil the count of this one.

use crate::{
    play::{Choices, Level, name, show_part, spawn},
    sync::{Arc, Condvar, Mutex},
};

pub const LEVEL: Level = Level {
    name: "barrier_reused_too_soon",
    title: "A barrier reused too soon",
    chapter: "barrier",
    goal: "make both threads wait forever at the barrier",
    won: |state| state.deadlocked(),
    breakable: true,
    hints: &[
        "Each thread waits at the barrier twice.",
        "Let the last thread of round 1 reach round 2 before the other wakes up.",
    ],
    fix: "keep a generation number: a waiter waits until the generation changes, whatever the count does (level barrier_with_a_generation)",
    choices: Choices::NONE,
    run,
};

struct Barrier {
    parties: usize,
    arrived: Mutex<usize>,
    all_here: Condvar,
}

// ANCHOR: play
fn thread(barrier: &Barrier) {
    barrier.wait();
    barrier.wait();
}

impl Barrier {
    fn wait(&self) {
        let mut n = self.arrived.lock().unwrap();
        *n += 1;
        if n.is_multiple_of(self.parties) {
            self.all_here.notify_all();
            return;
        }
        while !n.is_multiple_of(self.parties) {
            n = self.all_here.wait(n).unwrap();
        }
    }
}
// ANCHOR_END: play

fn run() {
    let barrier = Arc::new(Barrier {
        parties: 2,
        arrived: Mutex::new(0),
        all_here: Condvar::new(),
    });
    show_part("arrived", &barrier, |barrier| &barrier.arrived);
    name("all_here", &barrier.all_here);
    let threads = [1, 2].map(|n| {
        let barrier = Arc::clone(&barrier);
        spawn(&format!("thread {n}"), move || thread(&barrier))
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
