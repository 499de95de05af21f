//! Breaks: "Many threads pay at once, in every direction: make it never deadlock by taking the locks in one order that every call agrees on, whatever the order of `to`." It generalises the two-account rule "lock the lower id first": `to` is sorted and deduplicated, and `from` is locked before the whole batch if its id is below the smallest payee, otherwise after it. With one payee per call that is exactly right; but from=2, to=[1,3] locks 1,3,2 while from=3, to=[2] locks 2,3, so they can hold 3 and 2 and wait for each other. Only crossing bills with three or more accounts in a particular interleaving hang.

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
    let mut payees: Vec<&Account> = to.iter().copied().filter(|a| a.id != from.id).collect();
    payees.sort_by_key(|a| a.id);
    payees.dedup_by_key(|a| a.id);

    // Like the two-account case: the lower side goes first.
    let from_first = payees.first().map_or(true, |first| from.id < first.id);
    let mut from_guard = None;
    if from_first {
        from_guard = Some(from.balance.lock().unwrap());
    }
    let ids: Vec<u32> = payees.iter().map(|a| a.id).collect();
    let mut guards: Vec<_> = payees.iter().map(|a| a.balance.lock().unwrap()).collect();
    if !from_first {
        from_guard = Some(from.balance.lock().unwrap());
    }
    let mut from_balance = from_guard.unwrap();

    for payee in to {
        *from_balance -= amount;
        if payee.id == from.id {
            *from_balance += amount;
        } else {
            let slot = ids.binary_search(&payee.id).unwrap();
            *guards[slot] += amount;
        }
    }
}
