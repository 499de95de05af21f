//! A helper that locks is called both on its own and from code that already holds the lock: a
//! plain Mutex deadlocks on the second call; Python's answer, a reentrant lock, does not.
//! `--example helper_takes_locked_data` shows the usual Rust answer.

use std::cell::RefCell;

use log::info;
use parking_lot::{Mutex, ReentrantMutex};
use support::watchdog::run_watched;

// ANCHOR: example
struct Shelf {
    items: Mutex<Vec<&'static str>>,
}

impl Shelf {
    fn add(&self, item: &'static str) {
        self.items.lock().push(item);
    }

    /// Locks the shelf so the pair goes in together, then calls `add`, which locks it again.
    fn add_pair(&self, first: &'static str, second: &'static str) {
        let _items = self.items.lock();
        self.add(first);
        self.add(second);
    }
}

/// A reentrant lock hands out shared references only (two guards may be alive at once), so
/// changing the data needs a RefCell inside.
struct ReentrantShelf {
    items: ReentrantMutex<RefCell<Vec<&'static str>>>,
}

impl ReentrantShelf {
    fn add(&self, item: &'static str) {
        self.items.lock().borrow_mut().push(item);
    }

    fn add_pair(&self, first: &'static str, second: &'static str) {
        let _items = self.items.lock();
        self.add(first);
        self.add(second);
    }
}
// ANCHOR_END: example

fn main() {
    support::init_logging();
    run_watched(
        "Thread 1",
        "Thread 1 holds `items` (taken in add_pair) and waits for it in add.",
        || {
            let shelf = Shelf {
                items: Mutex::new(Vec::new()),
            };
            shelf.add("cup");
            info!(
                "plain Mutex: add works on its own; now add_pair, which calls add holding the lock"
            );
            shelf.add_pair("saucer", "spoon");
            info!("plain Mutex: add_pair done");
        },
    );
    run_watched(
        "Thread 1",
        "unexpected: a reentrant lock cannot deadlock here.",
        || {
            let shelf = ReentrantShelf {
                items: ReentrantMutex::new(RefCell::new(Vec::new())),
            };
            shelf.add("cup");
            shelf.add_pair("saucer", "spoon");
            info!(
                "ReentrantMutex: shelf holds {:?}",
                shelf.items.lock().borrow()
            );
        },
    );
}
