//! Breaks: "An account may be listed more than once ... lock each account once". The accounts
//! are locked in the order of their ids, and the payer only once, but a payee listed twice is
//! locked twice: the thread waits for itself.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut involved: Vec<&Account> = to.iter().copied().filter(|a| a.id != from.id).chain([from]).collect();
    involved.sort_by_key(|a| a.id);
    let mut balances: Vec<_> = involved.iter().map(|a| (a.id, a.balance.lock().unwrap())).collect();
    for payee in to {
        for (id, balance) in &mut balances {
            if *id == from.id { **balance -= amount; }
            if *id == payee.id { **balance += amount; }
        }
    }
}
