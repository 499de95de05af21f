//! Breaks: "the same barrier then works for the next round". The round ends when the count of
//! arrivals equals `parties`, but nothing sets it back to 0: in the second round it goes past
//! `parties` and never equals it again, so everyone waits forever.
use crate::sync::{Condvar, Mutex};
struct State { arrived: usize, generation: u64 }
pub struct Barrier { parties: usize, state: Mutex<State>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, state: Mutex::new(State { arrived: 0, generation: 0 }), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        let generation = state.generation;
        state.arrived += 1;
        if state.arrived == self.parties { state.generation += 1; self.all_arrived.notify_all(); return true; }
        while state.generation == generation { state = self.all_arrived.wait(state).unwrap(); }
        false
    }
}
