//! Grades `transfer`: one transfer alone must move the money; transfers in both directions at
//! once must neither deadlock nor let an onlooker see the money anywhere but in exactly one
//! account.

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
