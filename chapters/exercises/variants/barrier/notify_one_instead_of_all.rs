//! Breaks: "then releases them all". The last to arrive wakes one waiter with `notify_one`; with
//! two parties that is everyone, but with three the other waiter is never woken (unless a
//! spurious wake-up rescues it) and waits forever.
use crate::sync::{Condvar, Mutex};
struct State { arrived: usize, generation: u64 }
pub struct Barrier { parties: usize, state: Mutex<State>, all_arrived: Condvar }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { parties, state: Mutex::new(State { arrived: 0, generation: 0 }), all_arrived: Condvar::new() } }
    pub fn wait(&self) -> bool {
        let mut state = self.state.lock().unwrap();
        let generation = state.generation;
        state.arrived += 1;
        if state.arrived == self.parties { state.arrived = 0; state.generation += 1; self.all_arrived.notify_one(); return true; }
        while state.generation == generation { state = self.all_arrived.wait(state).unwrap(); }
        false
    }
}
