//! Breaks: "taking the locks in one order that every call agrees on". It locks the payer, tries
//! the payees as listed, and lets everything go to start again when one is taken: no deadlock,
//! but crossing payments take the locks in opposite orders and can back off in lock-step for
//! ever (a livelock).
use crate::sync::{Mutex, thread};
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut others: Vec<&Account> = Vec::new();
    for account in to.iter().copied() {
        if account.id != from.id && !others.iter().any(|a| a.id == account.id) { others.push(account); }
    }
    'again: loop {
        let mut balances = vec![(from.id, from.balance.lock().unwrap())];
        for account in &others {
            match account.balance.try_lock() {
                Ok(guard) => balances.push((account.id, guard)),
                Err(_) => { drop(balances); thread::yield_now(); continue 'again; }
            }
        }
        for payee in to {
            for (id, balance) in &mut balances {
                if *id == from.id { **balance -= amount; }
                if *id == payee.id { **balance += amount; }
            }
        }
        return;
    }
}
