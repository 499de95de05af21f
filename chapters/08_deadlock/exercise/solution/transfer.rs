//! Reference solution of `transfer`: every account involved is locked once, in the order of the
//! ids, whatever the order of the payees; all the guards are held while the money moves.

use crate::sync::Mutex;

pub struct Account {
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

pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut involved: Vec<&Account> = to.iter().copied().chain([from]).collect();
    involved.sort_by_key(|account| account.id);
    involved.dedup_by_key(|account| account.id);
    let mut balances: Vec<_> = involved
        .iter()
        .map(|account| (account.id, account.balance.lock().unwrap()))
        .collect();
    for payee in to {
        for (id, balance) in &mut balances {
            if *id == from.id {
                **balance -= amount;
            }
            if *id == payee.id {
                **balance += amount;
            }
        }
    }
}
