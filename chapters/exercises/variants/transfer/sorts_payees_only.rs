//! Breaks: "taking the locks in one order that every call agrees on". The payees are locked in
//! the order of their ids, but always after the payer: A paying C locks A then C, while C paying
//! A locks C then A.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut payees: Vec<&Account> = to.iter().copied().filter(|a| a.id != from.id).collect();
    payees.sort_by_key(|a| a.id);
    payees.dedup_by_key(|a| a.id);
    let involved: Vec<&Account> = [from].into_iter().chain(payees).collect();
    let mut balances: Vec<_> = involved.iter().map(|a| (a.id, a.balance.lock().unwrap())).collect();
    for payee in to {
        for (id, balance) in &mut balances {
            if *id == from.id { **balance -= amount; }
            if *id == payee.id { **balance += amount; }
        }
    }
}
