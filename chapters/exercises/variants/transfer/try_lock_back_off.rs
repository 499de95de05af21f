//! Right, another technique: take one lock, try the other, and back off if it is taken.
//! Never deadlocks, and holds both locks while the money moves (C++ std::lock works this way).
use crate::sync::{Mutex, thread};
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
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
