//! Wrong: never deadlocks, but the money is in neither account between the two locks.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    *from.balance.lock().unwrap() -= amount;
    *to.balance.lock().unwrap() += amount;
}
