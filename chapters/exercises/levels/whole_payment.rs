//! The payment made whole, from the deadlock chapter's transfer: the payment holds both
//! accounts, taken in one order, and so does the auditor.

use crate::{
    play::{Choices, Level, show, spawn},
    sync::{Arc, Mutex},
};

pub const LEVEL: Level = Level {
    name: "whole_payment",
    title: "The payment made whole",
    chapter: "deadlock",
    goal: "make the auditor see a total other than 200",
    won: |state| state.finished() && state.value("seen") != Some("Some(200)"),
    breakable: false,
    hints: &["Can the auditor hold a while the payer holds b?"],
    fix: "both accounts are held for the whole payment, taken in one order, and the auditor holds both too: it sees the payment before or after, never during (the transfer exercise's fix)",
    choices: Choices::NONE,
    run,
};

type Account = Mutex<i64>;
type Seen = Mutex<Option<i64>>;

// ANCHOR: play
fn pay(from: &Account, to: &Account, n: i64) {
    let mut from = from.lock().unwrap();
    let mut to = to.lock().unwrap();
    *from -= n;
    *to += n;
}

fn audit(a: &Account, b: &Account, seen: &Seen) {
    let a = a.lock().unwrap();
    let b = b.lock().unwrap();
    *seen.lock().unwrap() = Some(*a + *b);
}
// ANCHOR_END: play

fn run() {
    let [a, b] = [100, 100].map(|balance| Arc::new(Mutex::new(balance)));
    let seen = Arc::new(Mutex::new(None));
    show("a", &a);
    show("b", &b);
    show("seen", &seen);
    let (a2, b2) = (Arc::clone(&a), Arc::clone(&b));
    let payer = spawn("payer", move || pay(&a, &b, 50));
    let auditor = spawn("auditor", move || audit(&a2, &b2, &seen));
    payer.join().unwrap();
    auditor.join().unwrap();
}
