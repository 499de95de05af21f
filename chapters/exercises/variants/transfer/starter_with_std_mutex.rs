//! Wrong: the untouched starter, whose opposite transfers deadlock, with std's Mutex instead of
//! `crate::sync`'s. The grader never switches threads inside std's locks, so the deadlock
//! passed unseen; now the grader names the import to change.
use std::sync::Mutex;

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

/// Moves `amount` from `from` to `to`. TODO: two opposite transfers can deadlock.
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balance = to.balance.lock().unwrap();
    *from_balance -= amount;
    *to_balance += amount;
}
