//! Exercise `transfer` (chapter deadlock)
//!
//! `transfer` settles a shared bill: it pays `amount` from `from` to each account in `to`, once per
//! entry (an account listed twice is paid twice), holding the locks of every account involved at
//! once, so nobody sees the bill half paid (some entries paid, others not). Many threads pay at
//! once, every way: make it never deadlock by taking the locks in one order that every call of
//! `transfer` agrees on, whatever the order of `to`. Any fixed order will do (by id, up or down,
//! say): whoever else looks at the accounts only tries their locks (`try_lock`). An account may be
//! listed more than once, and `from` may be among `to`: lock each account once, since a thread that
//! locks a Mutex it already holds waits for itself. (A sleep between the locks, or letting go and
//! trying again, only makes the trouble rarer: the grader watches the lock order.)
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

/// Pays `amount` from `from` to each in `to`. TODO: crossing payments deadlock; repeats too.
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balances: Vec<_> = to.iter().map(|to| to.balance.lock().unwrap()).collect();
    for to_balance in &mut to_balances {
        *from_balance -= amount;
        **to_balance += amount;
    }
}
