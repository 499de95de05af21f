//! A barrier with a generation, from the barrier chapter: a waiter waits until the round it
//! arrived in is over, whatever the next round does to the count.

use crate::{
    play::{Choices, Level, name, show_part, spawn},
    sync::{Arc, Condvar, Mutex},
};

pub const LEVEL: Level = Level {
    name: "barrier_with_a_generation",
    title: "A barrier with a generation",
    chapter: "barrier",
    goal: "make both threads wait forever at the barrier",
    won: |state| state.deadlocked(),
    breakable: false,
    hints: &["A waiter looks at the generation, which only the last arrival of its round changes."],
    fix: "the generation tells one round from the next: a waiter of round 1 leaves once round 1 is over, whatever round 2 does to the count (the barrier chapter's fix)",
    choices: Choices::NONE,
    run,
};

#[derive(Debug)]
struct Count {
    arrived: usize,
    generation: u64,
}

struct Barrier {
    parties: usize,
    count: Mutex<Count>,
    all_here: Condvar,
}

// ANCHOR: play
fn thread(barrier: &Barrier) {
    barrier.wait();
    barrier.wait();
}

impl Barrier {
    fn wait(&self) {
        let mut c = self.count.lock().unwrap();
        let generation = c.generation;
        c.arrived += 1;
        if c.arrived == self.parties {
            c.arrived = 0;
            c.generation += 1;
            self.all_here.notify_all();
            return;
        }
        while c.generation == generation {
            c = self.all_here.wait(c).unwrap();
        }
    }
}
// ANCHOR_END: play

fn run() {
    let count = Mutex::new(Count {
        arrived: 0,
        generation: 0,
    });
    let barrier = Arc::new(Barrier {
        parties: 2,
        count,
        all_here: Condvar::new(),
    });
    show_part("count", &barrier, |barrier| &barrier.count);
    name("all_here", &barrier.all_here);
    let threads = [1, 2].map(|n| {
        let barrier = Arc::clone(&barrier);
        spawn(&format!("thread {n}"), move || thread(&barrier))
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
