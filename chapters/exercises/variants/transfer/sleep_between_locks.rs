//! Wrong: a pause between the two locks only makes the deadlock rarer.
use crate::sync::{Mutex, thread};
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id { return; }
    let mut from_balance = from.balance.lock().unwrap();
    thread::yield_now();
    let mut to_balance = to.balance.lock().unwrap();
    *from_balance -= amount;
    *to_balance += amount;
}
