//! Grades `transfer`: one transfer alone must move the money, and a transfer to the same account
//! must return; transfers in both directions at once must neither deadlock nor let an onlooker
//! see the money anywhere but in exactly one account, and must take the two locks in one order.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/transfer.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercises::{Kind, flunk, schedules};
use sync::{Arc, thread};

/// Every interleaving of this one is explored (within a preemption bound).
fn small() {
    transfers(1, 1);
}

fn test() {
    transfers(2, 4);
}

/// One transfer alone, then `each` transfers each way while an onlooker looks `looks` times.
fn transfers(each: usize, looks: usize) {
    // Alone first: balances that are wrong without other threads are no race.
    let (a, b) = (
        exercise::Account::new(1, 100),
        exercise::Account::new(2, 100),
    );
    exercise::transfer(&a, &b, 10);
    let (x, y) = (*a.balance.lock().unwrap(), *b.balance.lock().unwrap());
    if (x, y) != (90, 110) {
        flunk(
            Kind::WrongResult,
            format!(
                "one transfer of 10 from A to B, with no other thread running, left balances {x} and {y}, not 90 and 110"
            ),
        );
    }
    let a = Arc::new(exercise::Account::new(1, 100));
    let same = Arc::clone(&a);
    thread::Builder::new()
        .name("transfer A to A (the same account)".into())
        .spawn(move || exercise::transfer(&same, &same, 10))
        .expect("spawn")
        .join()
        .expect("a thread panicked");
    let x = *a.balance.lock().unwrap();
    if x != 100 {
        flunk(
            Kind::WrongResult,
            format!("a transfer of 10 from account 1 to itself left its balance at {x}, not 100"),
        );
    }
    let b = Arc::new(exercise::Account::new(2, 100));
    schedules::story::name(&a.balance, "account 1");
    schedules::story::name(&b.balance, "account 2");
    let spawn = |name: &str, from: &Arc<exercise::Account>, to: &Arc<exercise::Account>| {
        let (from, to) = (Arc::clone(from), Arc::clone(to));
        thread::Builder::new()
            .name(name.into())
            .spawn(move || (0..each).for_each(|_| exercise::transfer(&from, &to, 10)))
            .expect("spawn")
    };
    let a_to_b = spawn("transfer A to B", &a, &b);
    let b_to_a = spawn("transfer B to A", &b, &a);
    // An onlooker that never blocks (try_lock), so it cannot cause a deadlock of its own.
    let (a2, b2) = (Arc::clone(&a), Arc::clone(&b));
    let onlooker = thread::Builder::new()
        .name("onlooker".into())
        .spawn(move || {
            for _ in 0..looks {
                if let (Ok(x), Ok(y)) = (a2.balance.try_lock(), b2.balance.try_lock())
                    && *x + *y != 200
                {
                    flunk(Kind::RaceFound, format!("mid-transfer, the two accounts held {} instead of 200: hold both locks while the money moves", *x + *y));
                }
                thread::yield_now();
            }
        })
        .expect("spawn");
    for worker in [a_to_b, b_to_a, onlooker] {
        worker.join().expect("a thread panicked");
    }
    let (x, y) = (*a.balance.lock().unwrap(), *b.balance.lock().unwrap());
    if (x, y) != (100, 100) {
        flunk(
            Kind::WrongResult,
            format!(
                "after {each} transfers of 10 each way, balances are {x} and {y}, not 100 and 100"
            ),
        );
    }
    // This schedule did not deadlock; the order the locks were taken in tells whether another
    // could. A thread that wants one account while holding the other is an edge of that order.
    let account = |lock: usize| {
        if lock == std::ptr::from_ref(&a.balance) as usize {
            Some("account 1")
        } else if lock == std::ptr::from_ref(&b.balance) as usize {
            Some("account 2")
        } else {
            None
        }
    };
    let edges: Vec<(String, &str, &str)> = sync::lock_order()
        .into_iter()
        .filter(|(thread, _, _)| thread.starts_with("transfer"))
        .filter_map(|(thread, held, wanted)| Some((thread, account(held)?, account(wanted)?)))
        .collect();
    let forward = edges.iter().find(|(_, held, _)| *held == "account 1");
    let backward = edges.iter().find(|(_, held, _)| *held == "account 2");
    if let (Some((one, ..)), Some((other, ..))) = (forward, backward) {
        flunk(
            Kind::Deadlock,
            format!(
                "the transfers take the two locks in opposite orders ({one}: account 1, then account 2; {other}: account 2, then account 1), and two threads doing that can each hold one and wait for the other; this schedule was lucky. Waiting, sleeping or retrying only makes it rarer: take the locks in one order, e.g. by id"
            ),
        );
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check_tiers(
        "transfer",
        schedules::Tiers {
            small: (small, "1 transfer each way and an onlooker"),
            bounds: schedules::Bounds {
                preemptions: Some(2),
                ..schedules::Bounds::default()
            },
            sampled: (test, "2 transfers each way and an onlooker"),
        },
    )
}
