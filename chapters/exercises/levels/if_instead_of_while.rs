//! `if` instead of `while` around a wait, from the semaphore chapter: a waiter that wakes takes
//! a permit without checking again that one is still there.

use crate::{
    play::{Choices, Level, name, show_part, spawn},
    sync::{Arc, Condvar, Mutex},
};

pub const LEVEL: Level = Level {
    name: "if_instead_of_while",
    title: "if instead of while around a wait",
    chapter: "semaphore",
    goal: "make the count of free permits end below 0",
    won: |state| state.finished() && state.value("free") == Some("-1"),
    breakable: true,
    hints: &[
        "Between its wake-up and its lock, a waiter is not the only thread that wants the permit.",
        "Let taker 1 sleep, then let taker 2 take the permit that was meant to wake it.",
    ],
    fix: "check the condition again after every wake-up: `while *free == 0 { ... }`, or `wait_while`",
    choices: Choices::NONE,
    run,
};

struct Semaphore {
    free: Mutex<i64>,
    freed: Condvar,
}

// ANCHOR: play
impl Semaphore {
    fn acquire(&self) {
        let mut free = self.free.lock().unwrap();
        if *free == 0 {
            free = self.freed.wait(free).unwrap();
        }
        *free -= 1;
    }

    fn release(&self) {
        *self.free.lock().unwrap() += 1;
        self.freed.notify_one();
    }
}
// ANCHOR_END: play

fn run() {
    let semaphore = Arc::new(Semaphore {
        free: Mutex::new(0),
        freed: Condvar::new(),
    });
    show_part("free", &semaphore, |semaphore| &semaphore.free);
    name("freed", &semaphore.freed);
    let threads = ["taker 1", "taker 2", "giver"].map(|who| {
        let semaphore = Arc::clone(&semaphore);
        spawn(who, move || match who {
            "giver" => semaphore.release(),
            _ => semaphore.acquire(),
        })
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
