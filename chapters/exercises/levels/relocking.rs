//! A thread re-locking its own Mutex, from the deadlock chapter: `add_pair` holds the lock and
//! calls `add`, which locks it again.

use crate::{
    play::{Choices, Level, show_part, spawn},
    sync::{Arc, Mutex},
};

pub const LEVEL: Level = Level {
    name: "relocking",
    title: "A thread re-locking its own Mutex",
    chapter: "deadlock",
    goal: "make the thread add_pair wait for itself forever",
    won: |state| state.deadlocked(),
    breakable: true,
    hints: &["Follow add_pair into add."],
    fix: "let the helper take the locked data (`fn add_locked(items: &mut Vec<_>, item)`) and call it with the guard add_pair holds: Rust's Mutex is not reentrant",
    choices: Choices::NONE,
    run,
};

type Item = &'static str;

struct Shelf {
    items: Mutex<Vec<Item>>,
}

// ANCHOR: play
impl Shelf {
    fn add(&self, item: Item) {
        self.items.lock().unwrap().push(item);
    }

    fn add_pair(&self, one: Item, two: Item) {
        let _items = self.items.lock().unwrap();
        self.add(one);
        self.add(two);
    }
}
// ANCHOR_END: play

fn run() {
    let shelf = Arc::new(Shelf {
        items: Mutex::new(Vec::new()),
    });
    show_part("items", &shelf, |shelf| &shelf.items);
    let theirs = Arc::clone(&shelf);
    let one = spawn("add", move || shelf.add("cup"));
    let two = spawn("add_pair", move || theirs.add_pair("saucer", "spoon"));
    one.join().unwrap();
    two.join().unwrap();
}
