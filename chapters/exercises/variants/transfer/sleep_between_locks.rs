//! Breaks: "make it never deadlock by taking the locks in one order". A pause between one lock
//! and the next, in the order the accounts are listed, only makes crossing payments deadlock
//! more rarely.
use crate::sync::{Mutex, thread};
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut involved: Vec<&Account> = Vec::new();
    for account in [from].into_iter().chain(to.iter().copied()) {
        if !involved.iter().any(|a| a.id == account.id) { involved.push(account); }
    }
    let mut balances = Vec::new();
    for account in involved {
        balances.push((account.id, account.balance.lock().unwrap()));
        thread::yield_now();
    }
    for payee in to {
        for (id, balance) in &mut balances {
            if *id == from.id { **balance -= amount; }
            if *id == payee.id { **balance += amount; }
        }
    }
}
