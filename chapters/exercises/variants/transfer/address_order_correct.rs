//! Correct. Instead of ordering by `id`, every transfer locks the two accounts in the order of
//! their addresses: all threads hold `&Account` while transferring, so the accounts cannot move
//! and every thread agrees on the same global order, and no cycle of waiting can form. Both
//! guards are held while the money moves, and the amounts are applied to the right accounts
//! whatever order they were locked in. A transfer from an account to itself is a no-op, so the
//! same Mutex is never locked twice.

use std::ptr;

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
    if ptr::eq(from, to) {
        return; // the money stays where it is
    }
    let from_first = (from as *const Account) < (to as *const Account);
    let (first, second) = if from_first { (from, to) } else { (to, from) };

    let mut first_balance = first.balance.lock().unwrap();
    let mut second_balance = second.balance.lock().unwrap();
    let (from_balance, to_balance): (&mut i64, &mut i64) = if from_first {
        (&mut *first_balance, &mut *second_balance)
    } else {
        (&mut *second_balance, &mut *first_balance)
    };
    *from_balance -= amount;
    *to_balance += amount;
}
