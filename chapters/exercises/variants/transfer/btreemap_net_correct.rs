//! Correct. Works out each account's net change first in a BTreeMap keyed by id (which both dedups and orders), then locks every account in the map's ascending order, holds all guards, and applies the net changes; the locks are released together when the guards Vec drops.

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

use std::collections::BTreeMap;

/// Pays `amount` from `from` to each account in `to`.
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut net: BTreeMap<u32, (&Account, i64)> = BTreeMap::new();
    net.insert(from.id, (from, 0));
    for &payee in to {
        net.get_mut(&from.id).unwrap().1 -= amount;
        net.entry(payee.id).or_insert((payee, 0)).1 += amount;
    }
    // Ascending ids: the one order every call agrees on.
    let mut held = Vec::with_capacity(net.len());
    for (account, delta) in net.values() {
        held.push((account.balance.lock().unwrap(), *delta));
    }
    for (balance, delta) in held.iter_mut() {
        **balance += *delta;
    }
}
