//! Wrong: spins on a counter instead of waiting.
use crate::sync::{Condvar, Mutex, atomic::{AtomicUsize, Ordering::SeqCst}};
pub struct Barrier { parties: usize, arrived: AtomicUsize, _unused: (Mutex<()>, Condvar) }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, arrived: AtomicUsize::new(0), _unused: (Mutex::new(()), Condvar::new()) } }
    pub fn wait(&self) -> bool {
        let ticket = self.arrived.fetch_add(1, SeqCst);
        let round_end = (ticket / self.parties + 1) * self.parties;
        while self.arrived.load(SeqCst) < round_end {}
        ticket % self.parties == self.parties - 1
    }
}
