//! Grades `transfer`, which pays one account's money to several: payments alone must move the
//! right amounts, also to an account listed twice or to the payer itself; payments that cross
//! must neither deadlock nor let an onlooker see a payment half made (it sees only balances that
//! whole payments leave), and every call must take its locks in one order that all calls agree
//! on.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/transfer.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;
}

use exercise::{Account, transfer};
use exercises::{Kind, flunk, schedules};
use sync::{Arc, thread};

/// A payment: who pays, to whom (by index into the accounts A, B, C), how much to each.
struct Payment {
    from: usize,
    to: &'static [usize],
    amount: i64,
}

const NAMES: [&str; 3] = ["A", "B", "C"];

impl Payment {
    fn describe(&self) -> String {
        let to: Vec<&str> = self.to.iter().map(|&at| NAMES[at]).collect();
        format!(
            "{} pays {} to {}",
            NAMES[self.from],
            self.amount,
            to.join(" and ")
        )
    }
}

/// Every interleaving of this one is explored (within a preemption bound). The amounts differ
/// so that no bill half paid leaves the balances of some number of whole payments.
fn small() {
    alone();
    crossing(
        &[
            Payment {
                from: 1,
                to: &[0, 2],
                amount: 10,
            },
            Payment {
                from: 2,
                to: &[1],
                amount: 20,
            },
        ],
        1,
        1,
    );
}

/// As in `small`, the amounts differ so that no bill half paid looks like whole payments.
fn test() {
    alone();
    crossing(
        &[
            Payment {
                from: 0,
                to: &[1, 2],
                amount: 10,
            },
            Payment {
                from: 1,
                to: &[2, 0],
                amount: 20,
            },
            Payment {
                from: 2,
                to: &[1],
                amount: 30,
            },
        ],
        2,
        4,
    );
}

/// Accounts A, B and C, with ids 1, 2 and 3, side by side in one allocation: so that their
/// addresses, which an answer may lock them by, come in the same order in every execution.
fn accounts() -> Arc<[Account; 3]> {
    Arc::new([1, 2, 3].map(|id| Account::new(id, 100)))
}

fn balances(accounts: &[Account; 3]) -> [i64; 3] {
    [0, 1, 2].map(|at| *accounts[at].balance.lock().unwrap())
}

/// One payment at a time, each on a thread of its own (so that a thread waiting for itself is
/// named): wrong here is wrong without any other thread.
fn alone() {
    let cases: [(Payment, [i64; 3]); 6] = [
        (
            Payment {
                from: 0,
                to: &[1, 2],
                amount: 10,
            },
            [80, 110, 110],
        ),
        (
            Payment {
                from: 0,
                to: &[1, 1],
                amount: 10,
            },
            [80, 120, 100],
        ),
        (
            Payment {
                from: 0,
                to: &[1, 2, 1],
                amount: 10,
            },
            [70, 120, 110],
        ),
        (
            Payment {
                from: 0,
                to: &[0, 1],
                amount: 10,
            },
            [90, 110, 100],
        ),
        (
            Payment {
                from: 1,
                to: &[2, 1, 0],
                amount: 10,
            },
            [110, 80, 110],
        ),
        (
            Payment {
                from: 0,
                to: &[],
                amount: 10,
            },
            [100, 100, 100],
        ),
    ];
    for (payment, want) in cases {
        let accounts = accounts();
        let theirs = Arc::clone(&accounts);
        let to: &'static [usize] = payment.to;
        let from = payment.from;
        let amount = payment.amount;
        thread::Builder::new()
            .name(format!("{} (alone)", payment.describe()))
            .spawn(move || {
                let payees: Vec<&Account> = to.iter().map(|&at| &theirs[at]).collect();
                transfer(&theirs[from], &payees, amount);
            })
            .expect("spawn")
            .join()
            .expect("a thread panicked");
        let got = balances(&accounts);
        if got != want {
            flunk(
                Kind::WrongResult,
                format!(
                    "{}, with no other thread running, left A, B and C at {got:?}, not {want:?}",
                    payment.describe()
                ),
            );
        }
    }
}

/// Every balance of A, B and C that whole payments can leave: each of `payments` made any number
/// of times from none to `each`, in any order. A bill half paid leaves none of these (the
/// amounts are chosen so).
fn whole_states(payments: &'static [Payment], each: usize) -> Vec<[i64; 3]> {
    let mut states = vec![[100; 3]];
    for payment in payments {
        states = states
            .iter()
            .flat_map(|state| {
                (0..=each as i64).map(move |times| {
                    let mut state = *state;
                    for &payee in payment.to {
                        state[payment.from] -= payment.amount * times;
                        state[payee] += payment.amount * times;
                    }
                    state
                })
            })
            .collect();
    }
    states
}

/// `payments` each made `each` times at once, on threads of their own, while an onlooker
/// looks `looks` times.
fn crossing(payments: &'static [Payment], each: usize, looks: usize) {
    let accounts = accounts();
    schedules::story::start_here();
    for account in accounts.iter() {
        schedules::story::name(&account.balance, format!("account {}", account.id));
    }
    let workers: Vec<_> = payments
        .iter()
        .map(|payment| {
            let theirs = Arc::clone(&accounts);
            thread::Builder::new()
                .name(payment.describe())
                .spawn(move || {
                    let payees: Vec<&Account> = payment.to.iter().map(|&at| &theirs[at]).collect();
                    (0..each)
                        .for_each(|_| transfer(&theirs[payment.from], &payees, payment.amount));
                })
                .expect("spawn")
        })
        .collect();
    // An onlooker that never blocks (try_lock), so it cannot cause a deadlock of its own: the
    // spec lets `transfer` take its locks in any one order. It looks at the accounts the
    // payments involve, and holding all their locks, it must see whole payments only.
    let mut involved: Vec<usize> = payments
        .iter()
        .flat_map(|payment| payment.to.iter().copied().chain([payment.from]))
        .collect();
    involved.sort_unstable();
    involved.dedup();
    let whole = whole_states(payments, each);
    let theirs = Arc::clone(&accounts);
    let onlooker = thread::Builder::new()
        .name("onlooker".into())
        .spawn(move || {
            let all = 100 * involved.len() as i64;
            for _ in 0..looks {
                let held: Vec<_> = involved.iter().filter_map(|&at| theirs[at].balance.try_lock().ok()).collect();
                if held.len() == involved.len() {
                    let total: i64 = held.iter().map(|balance| **balance).sum();
                    if total != all {
                        flunk(Kind::RaceFound, format!("mid-payment, the {} accounts involved held {total} instead of {all}: hold every account's lock while the money moves", involved.len()));
                    }
                    let seen: Vec<i64> = held.iter().map(|balance| **balance).collect();
                    if !whole.iter().any(|state| involved.iter().zip(&seen).all(|(&at, balance)| state[at] == *balance)) {
                        let names: Vec<&str> = involved.iter().map(|&at| NAMES[at]).collect();
                        flunk(Kind::RaceFound, format!("a payment was seen half made: holding their locks, the onlooker saw {} at {seen:?}, which no number of whole payments leaves (some payees of a bill were paid, others not yet): hold the locks of every account the bill involves from its first entry to its last", names.join(", ")));
                    }
                }
                drop(held);
                thread::yield_now();
            }
        })
        .expect("spawn");
    for worker in workers.into_iter().chain([onlooker]) {
        worker.join().expect("a thread panicked");
    }
    let mut want = [100; 3];
    for payment in payments {
        for &payee in payment.to {
            want[payment.from] -= payment.amount * each as i64;
            want[payee] += payment.amount * each as i64;
        }
    }
    let got = balances(&accounts);
    if got != want {
        flunk(
            Kind::WrongResult,
            format!("after the crossing payments, A, B and C hold {got:?}, not {want:?}"),
        );
    }
    lock_order(&accounts);
}

/// This schedule did not deadlock; the order the locks were taken in tells whether another
/// could. A thread that wants one account while it holds another is an edge of that order,
/// and a cycle of edges is a deadlock waiting for its schedule.
fn lock_order(accounts: &[Account; 3]) {
    let account = |lock: usize| {
        accounts
            .iter()
            .position(|account| std::ptr::from_ref(&account.balance) as usize == lock)
    };
    let edges: Vec<(String, usize, usize)> = sync::lock_order()
        .into_iter()
        .filter(|(thread, _, _)| thread.contains(" pays ") && !thread.ends_with("(alone)"))
        .filter_map(|(thread, held, wanted)| Some((thread, account(held)?, account(wanted)?)))
        .collect();
    // With three accounts, a cycle is two edges each way between two accounts, or three edges
    // around all three.
    for (thread, held, wanted) in &edges {
        let back = |from: usize, to: usize| edges.iter().find(|(_, h, w)| *h == from && *w == to);
        let cycle: Vec<&(String, usize, usize)> = if let Some(edge) = back(*wanted, *held) {
            vec![edge]
        } else if let Some(third) = (0..3).find(|&at| at != *held && at != *wanted) {
            match (back(*wanted, third), back(third, *held)) {
                (Some(one), Some(two)) => vec![one, two],
                _ => continue,
            }
        } else {
            continue;
        };
        let steps: Vec<String> = std::iter::once((thread, held, wanted))
            .chain(cycle.iter().map(|(t, h, w)| (t, h, w)))
            .map(|(thread, held, wanted)| {
                format!(
                    "{thread}: account {}, then account {}",
                    accounts[*held].id, accounts[*wanted].id
                )
            })
            .collect();
        flunk(
            Kind::Deadlock,
            format!(
                "the payments take their locks in orders that form a cycle ({}), and threads doing that can each hold one and wait for the next; this schedule was lucky. Waiting, sleeping or retrying only makes it rarer: take the locks in one order, e.g. by id",
                steps.join("; ")
            ),
        );
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check_tiers(
        "transfer",
        schedules::Tiers {
            small: (small, "B paying A and C while C pays B, and an onlooker"),
            bounds: schedules::Bounds {
                preemptions: Some(1),
                ..schedules::Bounds::default()
            },
            also: Vec::new(),
            sampled: (
                test,
                "A paying B and C, B paying C and A, C paying B, twice each, and an onlooker",
            ),
        },
    )
}
