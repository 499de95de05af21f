//! Breaks: "take the two locks in one order that every transfer agrees on". It takes its own
//! `from` first, tries `to`, and backs off if it is taken: no deadlock, but the two directions
//! still take the locks in opposite orders, and in lock-step they can back off forever.
use crate::sync::{Mutex, thread};
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id { return; }
    loop {
        let mut from_balance = from.balance.lock().unwrap();
        if let Ok(mut to_balance) = to.balance.try_lock() {
            *from_balance -= amount;
            *to_balance += amount;
            return;
        }
        drop(from_balance);
        thread::yield_now();
    }
}
