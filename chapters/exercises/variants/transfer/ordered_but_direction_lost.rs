//! Breaks: "`transfer` moves money between two accounts" (from `from` to `to`). The locks are
//! taken in id order, so it never deadlocks, but the arithmetic is done on the ordered pair, so
//! when `from.id > to.id` the money moves the wrong way. Passes every test that only transfers
//! from a lower id to a higher one, and a deadlock test with equal opposite amounts (they cancel).

use crate::sync::Mutex;

pub struct Account {
    /// Unique per account.
    pub id: u32,
    pub balance: Mutex<i64>,
}

impl Account {
    pub fn new(id: u32, balance: i64) -> Self {
        Account {
            id,
            balance: Mutex::new(balance),
        }
    }
}

/// Moves `amount` from `from` to `to`, never deadlocking.
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id {
        return;
    }
    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
    let mut first_balance = first.balance.lock().unwrap();
    let mut second_balance = second.balance.lock().unwrap();
    *first_balance -= amount;
    *second_balance += amount;
}
