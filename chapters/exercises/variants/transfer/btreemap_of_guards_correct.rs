//! Right: a BTreeMap keyed by id locks each account once, in the order of the ids (it iterates
//! in key order), and finds each balance by id while the money moves.
use std::collections::BTreeMap;
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let accounts: BTreeMap<u32, &Account> = to.iter().copied().chain([from]).map(|a| (a.id, a)).collect();
    let mut balances: BTreeMap<u32, _> = accounts.iter().map(|(id, a)| (*id, a.balance.lock().unwrap())).collect();
    for payee in to {
        **balances.get_mut(&from.id).expect("locked") -= amount;
        **balances.get_mut(&payee.id).expect("locked") += amount;
    }
}
