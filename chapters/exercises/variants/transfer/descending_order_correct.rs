//! Right, another order: the higher id first, always.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id { return; }
    if from.id > to.id {
        let mut f = from.balance.lock().unwrap();
        let mut t = to.balance.lock().unwrap();
        *f -= amount; *t += amount;
    } else {
        let mut t = to.balance.lock().unwrap();
        let mut f = from.balance.lock().unwrap();
        *f -= amount; *t += amount;
    }
}
