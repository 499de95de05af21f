//! Correct, another way: the first to arrive in a round is its leader (any one thread will do),
//! and `wait_while` re-checks the generation after every wake-up.
use crate::sync::{Condvar, Mutex};
struct State { arrived: usize, generation: u64 }
pub struct Barrier { parties: usize, state: Mutex<State>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, state: Mutex::new(State { arrived: 0, generation: 0 }), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        let generation = state.generation;
        state.arrived += 1;
        let leader = state.arrived == 1;
        if state.arrived == self.parties {
            state.arrived = 0;
            state.generation += 1;
            self.all_arrived.notify_all();
        } else {
            let _state = self.all_arrived.wait_while(state, |state| state.generation == generation).unwrap();
        }
        leader
    }
}
