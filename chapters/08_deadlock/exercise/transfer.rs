//! Exercise `transfer` (chapter deadlock)
//!
//! `transfer` moves money between two accounts, holding both accounts' locks so that nobody can
//! see the money in neither account or in both. It works while transfers go one way; when one
//! thread transfers from A to B while another transfers from B to A, each can hold one lock and
//! wait for the other forever. Make it never deadlock: take the two locks in one order that
//! every transfer agrees on, whichever way the money goes, and hold both while the money moves.
//! A transfer from an account to itself changes nothing and must return, not wait for itself.
//! (A sleep between the two locks, or a loop that lets go and tries again, only makes the
//! trouble rarer: the grader tries every kind of timing and watches the order of the locks.)
//!
//! Take your primitives from `crate::sync`. Grade it with `cargo xtask check transfer`.

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

/// Moves `amount` from `from` to `to`. TODO: two opposite transfers can deadlock.
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balance = to.balance.lock().unwrap();
    *from_balance -= amount;
    *to_balance += amount;
}
