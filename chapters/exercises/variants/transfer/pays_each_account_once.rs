//! Breaks: "an account listed twice is paid twice". It removes repeated payees before paying,
//! so a payee listed twice is paid once (and the payer loses less).
use crate::sync::Mutex;
pub struct Account { pub id: u32, pub balance: Mutex<i64> }
impl Account { pub fn new(id: u32, balance: i64) -> Self { Account { id, balance: Mutex::new(balance) } } }
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut involved: Vec<&Account> = to.iter().copied().chain([from]).collect();
    involved.sort_by_key(|a| a.id);
    involved.dedup_by_key(|a| a.id);
    let mut balances: Vec<_> = involved.iter().map(|a| (a.id, a.balance.lock().unwrap())).collect();
    let mut payees: Vec<&&Account> = to.iter().collect();
    payees.dedup_by_key(|a| a.id);
    for payee in payees {
        for (id, balance) in &mut balances {
            if *id == from.id { **balance -= amount; }
            if *id == payee.id { **balance += amount; }
        }
    }
}
