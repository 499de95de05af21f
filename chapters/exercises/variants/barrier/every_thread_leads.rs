//! Breaks: "Exactly one thread per round gets `true` back (the leader)." Every thread that gets
//! through returns `true`, as if the bool said "the barrier let me through".
use crate::sync::{Condvar, Mutex};
struct State { arrived: usize, generation: u64 }
pub struct Barrier { parties: usize, state: Mutex<State>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, state: Mutex::new(State { arrived: 0, generation: 0 }), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        let generation = state.generation;
        state.arrived += 1;
        if state.arrived == self.parties { state.arrived = 0; state.generation += 1; self.all_arrived.notify_all(); return true; }
        while state.generation == generation { state = self.all_arrived.wait(state).unwrap(); }
        true
    }
}
