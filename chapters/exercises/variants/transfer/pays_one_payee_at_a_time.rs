//! Breaks: "holding the locks of every account involved at once, so that nobody can see the bill
//! half paid". It pays the entries one by one, each under the locks of the payer and that one
//! payee, taken in the order of the ids: never a deadlock, and the total is right at every
//! moment, yet between two entries an onlooker sees some payees paid and the others not.

use crate::sync::Mutex;

pub struct Account {
    pub id: u32,
    pub balance: Mutex<i64>,
}

impl Account {
    pub fn new(id: u32, balance: i64) -> Self {
        Account {
            id,
            balance: Mutex::new(balance),
        }
    }
}

pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    for payee in to {
        if payee.id == from.id {
            continue; // paying oneself changes nothing
        }
        let (lower, higher) = if from.id < payee.id {
            (from, *payee)
        } else {
            (*payee, from)
        };
        let mut lower = lower.balance.lock().unwrap();
        let mut higher = higher.balance.lock().unwrap();
        let (payer, receiver) = if from.id < payee.id {
            (&mut lower, &mut higher)
        } else {
            (&mut higher, &mut lower)
        };
        **payer -= amount;
        **receiver += amount;
    }
}
