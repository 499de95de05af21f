//! The payment seen half made, from the deadlock chapter's transfer: the payment locks one
//! account at a time, and an auditor adds up both.

use crate::{
    play::{Choices, Level, show, spawn},
    sync::{Arc, Mutex},
};

pub const LEVEL: Level = Level {
    name: "half_made_payment",
    title: "The payment seen half made",
    chapter: "deadlock",
    goal: "make the auditor see a total other than 200",
    won: |state| state.finished() && state.value("seen") != Some("Some(200)"),
    breakable: true,
    hints: &[
        "Between its two locks, the payment holds neither account.",
        "Let the auditor look while the 50 is in neither account.",
    ],
    fix: "lock both accounts for the whole payment, in one global order (the transfer exercise), as the auditor does",
    choices: Choices::NONE,
    run,
};

type Account = Mutex<i64>;
type Seen = Mutex<Option<i64>>;

// ANCHOR: play
fn pay(from: &Account, to: &Account, n: i64) {
    *from.lock().unwrap() -= n;
    *to.lock().unwrap() += n;
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
