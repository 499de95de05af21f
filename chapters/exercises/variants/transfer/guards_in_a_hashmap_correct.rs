//! Correct: locks every account involved once, in id order, and keeps the guards in a HashMap
//! by id while the money moves. A HashMap's order changes from run to run (its hasher is
//! random); the grader may then not list every interleaving, but the answer is right.

use std::collections::HashMap;

use crate::sync::{Mutex, MutexGuard};

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
    let mut guards: HashMap<u32, MutexGuard<'_, i64>> = HashMap::new();
    for account in involved {
        guards.insert(account.id, account.balance.lock().unwrap());
    }
    for payee in to {
        **guards.get_mut(&from.id).expect("locked") -= amount;
        **guards.get_mut(&payee.id).expect("locked") += amount;
    }
}
