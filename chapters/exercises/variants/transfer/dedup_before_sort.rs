//! Breaks: "An account may be listed more than once, and `from` may be among `to`: lock each account once, since a thread that locks a Mutex it already holds waits for itself." It calls `dedup_by_key` before sorting, and dedup only removes *adjacent* repeats, so to=[b, c, b] still has b twice after the sort and the thread locks b twice and waits for itself. Repeats that happen to be adjacent ([b, b], or from first in `to`) are removed, so such tests pass.

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

/// Pays `amount` from `from` to each account in `to`.
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut all: Vec<&Account> = Vec::with_capacity(to.len() + 1);
    all.push(from);
    all.extend_from_slice(to);
    // Each account once, then one global order.
    all.dedup_by_key(|a| a.id);
    all.sort_by_key(|a| a.id);

    let ids: Vec<u32> = all.iter().map(|a| a.id).collect();
    let mut guards: Vec<_> = all.iter().map(|a| a.balance.lock().unwrap()).collect();
    let slot = |id: u32| ids.iter().position(|&x| x == id).unwrap();
    for payee in to {
        *guards[slot(from.id)] -= amount;
        *guards[slot(payee.id)] += amount;
    }
}
