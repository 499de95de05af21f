//! Breaks: "A transfer from an account to itself changes nothing and must return". Lock ordering
//! by id is right for two different accounts, but `transfer(&a, &a, x)` locks the same Mutex
//! twice and waits for itself (std may panic instead).

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
    let from_first = from.id <= to.id;
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first_balance = first.balance.lock().unwrap();
    let mut second_balance = second.balance.lock().unwrap();
    if from_first {
        *first_balance -= amount;
        *second_balance += amount;
    } else {
        *second_balance -= amount;
        *first_balance += amount;
    }
}
