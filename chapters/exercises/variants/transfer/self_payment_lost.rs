//! Breaks: "`transfer` settles a shared bill: it pays `amount` from `from` to each account in `to`, so `from` loses `amount` once per entry of `to` and each entry gains `amount` (an account listed twice is paid twice)." It charges `from` amount * to.len() up front, then skips crediting entries that are `from` itself ("paying yourself changes nothing"), so when `from` is among `to` it loses `amount` per self-entry and money vanishes. Locking is right (sorted, each once), and only bills that include the payer expose it.

use crate::sync::Mutex;

pub struct Account {
    /// Unique per account.
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

/// Pays `amount` from `from` to each account in `to`.
pub fn transfer(from: &Account, to: &[&Account], amount: i64) {
    let mut all: Vec<&Account> = to.to_vec();
    all.push(from);
    all.sort_by_key(|a| a.id);
    all.dedup_by_key(|a| a.id);
    let ids: Vec<u32> = all.iter().map(|a| a.id).collect();
    let mut guards: Vec<_> = all.iter().map(|a| a.balance.lock().unwrap()).collect();
    let slot = |id: u32| ids.binary_search(&id).unwrap();

    *guards[slot(from.id)] -= amount * to.len() as i64;
    for payee in to {
        if payee.id == from.id {
            // Paying yourself is a no-op.
            continue;
        }
        *guards[slot(payee.id)] += amount;
    }
}
