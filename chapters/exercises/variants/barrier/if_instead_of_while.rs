//! Wrong: one wait, no re-check: a spurious wake-up lets a thread through early.
use crate::sync::{Condvar, Mutex};
struct State { arrived: usize, generation: u64 }
pub struct Barrier { parties: usize, state: Mutex<State>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, state: Mutex::new(State { arrived: 0, generation: 0 }), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        state.arrived += 1;
        if state.arrived == self.parties { state.arrived = 0; state.generation += 1; self.all_arrived.notify_all(); return true; }
        let _state = self.all_arrived.wait(state).unwrap();
        false
    }
}
