//! Wrong: works once, but a fast thread of the next round is let through early.
use crate::sync::{Condvar, Mutex};
pub struct Barrier { parties: usize, arrived: Mutex<usize>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, arrived: Mutex::new(0), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut arrived = self.arrived.lock().unwrap();
        *arrived += 1;
        if *arrived % self.parties == 0 { self.all_arrived.notify_all(); return true; }
        while *arrived % self.parties != 0 { arrived = self.all_arrived.wait(arrived).unwrap(); }
        false
    }
}
