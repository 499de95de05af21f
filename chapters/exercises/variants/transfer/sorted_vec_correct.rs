//! Correct. Builds one list of every account involved (`from` plus `to`), sorts it by id and only then dedups it, locks it in that order into a parallel Vec of guards, and applies each entry of `to` as "charge from, credit payee" through a binary search on the ids, so repeats and self-payments fall out naturally.

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
    let mut involved: Vec<&Account> = to.to_vec();
    involved.push(from);
    involved.sort_unstable_by_key(|a| a.id);
    involved.dedup_by_key(|a| a.id);

    let ids: Vec<u32> = involved.iter().map(|a| a.id).collect();
    let mut guards: Vec<_> = involved.iter().map(|a| a.balance.lock().unwrap()).collect();
    let slot = |id: u32| ids.binary_search(&id).unwrap();
    for payee in to {
        *guards[slot(from.id)] -= amount;
        *guards[slot(payee.id)] += amount;
    }
}
