//! Wrong: spins on try_lock while still holding the first lock; two opposite transfers spin
//! forever, each holding what the other wants.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id { return; }
    let mut from_balance = from.balance.lock().unwrap();
    loop {
        if let Ok(mut to_balance) = to.balance.try_lock() {
            *from_balance -= amount;
            *to_balance += amount;
            return;
        }
    }
}
