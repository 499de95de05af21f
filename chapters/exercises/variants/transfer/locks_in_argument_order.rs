//! Breaks: "taking the locks in one order that every call agrees on, whatever the order of
//! `to`". It locks each account once, the payer first and then the payees as listed: two
//! payments that cross take the same locks in opposite orders.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut involved: Vec<&Account> = Vec::new();
    for account in [from].into_iter().chain(to.iter().copied()) {
        if !involved.iter().any(|a| a.id == account.id) { involved.push(account); }
    }
    let mut balances: Vec<_> = involved.iter().map(|a| (a.id, a.balance.lock().unwrap())).collect();
    for payee in to {
        for (id, balance) in &mut balances {
            if *id == from.id { **balance -= amount; }
            if *id == payee.id { **balance += amount; }
        }
    }
}
