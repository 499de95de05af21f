//! Breaks: "holding the locks of every account involved at once, so that nobody can see the
//! bill half paid". It takes the money out under the payer's lock, lets go, and pays each
//! payee under its own lock: never a deadlock, but an onlooker sees money in no account.
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    *from.balance.lock().unwrap() -= amount * to.len() as i64;
    for payee in to {
        *payee.balance.lock().unwrap() += amount;
    }
}
