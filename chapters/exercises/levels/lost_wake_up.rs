//! A lost wake-up, from the semaphore chapter: a semaphore whose callers take several permits,
//! and whose release wakes one waiter only, maybe one that still cannot go on.

use crate::{
    play::{Choices, Level, name, show_part, spawn},
    sync::{Arc, Condvar, Mutex},
};

pub const LEVEL: Level = Level {
    name: "lost_wake_up",
    title: "A lost wake-up with notify_one",
    chapter: "semaphore",
    goal: "leave `needs 1` asleep forever while a permit is free",
    won: |state| state.deadlocked() && state.value("free") == Some("1"),
    breakable: true,
    hints: &[
        "A notify_one wakes one waiter, and you choose which.",
        "Put both waiters to sleep before the permit comes back.",
    ],
    fix: "wake every waiter with `notify_all`: each checks again whether its permits are there (level wake_every_waiter)",
    choices: Choices::NONE,
    run,
};

struct Semaphore {
    free: Mutex<usize>,
    freed: Condvar,
}

// ANCHOR: play
impl Semaphore {
    fn acquire(&self, n: usize) {
        let free = self.free.lock().unwrap();
        let mut free = self
            .freed
            .wait_while(free, |free| *free < n)
            .unwrap();
        *free -= n;
    }

    fn release(&self, n: usize) {
        *self.free.lock().unwrap() += n;
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
    let threads = [("needs 2", 2), ("needs 1", 1), ("gives 1", 0)].map(|(who, needs)| {
        let semaphore = Arc::clone(&semaphore);
        spawn(who, move || match needs {
            0 => semaphore.release(1),
            _ => semaphore.acquire(needs),
        })
    });
    for thread in threads {
        thread.join().unwrap();
    }
}
