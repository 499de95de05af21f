//! A semaphore that wakes every waiter, from the semaphore chapter: callers take several permits,
//! and a release wakes them all to check again.

use crate::{
    play::{Choices, Level, name, show_part, spawn},
    sync::{Arc, Condvar, Mutex},
};

pub const LEVEL: Level = Level {
    name: "wake_every_waiter",
    title: "A semaphore that wakes every waiter",
    chapter: "semaphore",
    goal: "leave `needs 1` asleep forever while a permit is free",
    won: |state| state.deadlocked() && state.value("free") == Some("1"),
    breakable: false,
    hints: &["Every waiter wakes, and each checks again whether its permits are free."],
    fix: "notify_all wakes every waiter, and each checks its own condition again under the lock (wait_while): a permit never waits beside a waiter that could take it (the semaphore chapter's fix)",
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
        self.freed.notify_all();
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
