//! Wrong, with no race needed: both locks in one order, but the money arrives twice. One
//! transfer alone shows it, so it is a wrong result, not a race.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account {
    pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } }
}
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    let (mut from_balance, mut to_balance) = if from.id < to.id {
        let first = from.balance.lock().unwrap();
        (first, to.balance.lock().unwrap())
    } else {
        let first = to.balance.lock().unwrap();
        (from.balance.lock().unwrap(), first)
    };
    *from_balance -= amount;
    *to_balance += 2 * amount;
}
